package p256

var (
	elemZero elem
	elemOne  = elem{1} // plain 1: montMul by it leaves the Montgomery domain
)

// expMod sets z = x^e mod md.m for x in the Montgomery domain (so z is too),
// with fixed 4-bit windows. The exponent e is public: it is one of the
// moduli minus 2, and its bits choose the table entries; x is never
// branched on, so expMod is constant time in x.
func expMod(im Impl, z, x, e *elem, md *modulus) {
	var tab [16]elem
	tab[0] = md.one
	tab[1] = *x
	for i := 2; i < 16; i++ {
		montMul(im, &tab[i], &tab[i-1], x, md)
	}
	acc := md.one
	for i := limbs*16 - 1; i >= 0; i-- {
		if i != limbs*16-1 {
			montSqrN(im, &acc, &acc, 4, md)
		}
		nib := (e[i/16] >> (4 * (i % 16))) & 15
		montMul(im, &acc, &acc, &tab[nib], md)
	}
	*z = acc
}

// toMont sets z = x·R mod md.m for x < md.m.
func toMont(im Impl, z, x *elem, md *modulus) { montMul(im, z, x, &md.rr, md) }

// fromMont sets z = x·R^-1 mod md.m.
func fromMont(im Impl, z, x *elem, md *modulus) { montMul(im, z, x, &elemOne, md) }

// hashToScalar sets e to bits2int(digest) mod n (SEC 1 4.1.3 step 5, FIPS
// 186-5 6.4.1): the leftmost bitLen bits of digest, reduced once.
func hashToScalar(e *elem, digest []byte) {
	var buf [byteLen]byte
	if len(digest) >= byteLen {
		copy(buf[:], digest[:byteLen])
	} else {
		copy(buf[byteLen-len(digest):], digest)
	}
	elemSetBytes(e, buf[:])
	reduceOnce(e, e, &fn.m)
}

// montSqrN sets z = x^(2^n) mod md.m in the Montgomery domain, n >= 1.
func montSqrN(im Impl, z, x *elem, n int, md *modulus) {
	if montSqrNAsm(im, z, x, n, md) {
		return
	}
	montSqr(im, z, x, md)
	for range n - 1 {
		montSqr(im, z, z, md)
	}
}
