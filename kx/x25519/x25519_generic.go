package x25519

// clamp applies the RFC 7748 section 5 decodeScalar25519 bit operations.
func clamp(k *[32]byte) {
	k[0] &= 248
	k[31] &= 127
	k[31] |= 64
}

// x25519Generic sets dst = X25519(scalar, point) with the RFC 7748
// section 5 Montgomery ladder on 5 x 51-bit limbs. It executes in constant
// time: the scalar bits only steer feCSwap masks.
func x25519Generic(dst, scalar, point *[32]byte) {
	k := *scalar
	clamp(&k)
	var x1, x2, z2, x3, z3 fe
	feFromBytes(&x1, point)
	x2[0] = 1
	x3 = x1
	z3[0] = 1

	var a, aa, b, bb, c, d, e, da, cb fe
	swap := uint64(0)
	for t := 254; t >= 0; t-- {
		bit := uint64(k[t>>3]>>(t&7)) & 1
		swap ^= bit
		feCSwap(&x2, &x3, swap)
		feCSwap(&z2, &z3, swap)
		swap = bit

		feAdd(&a, &x2, &z2)
		feSquare(&aa, &a)
		feSub(&b, &x2, &z2)
		feSquare(&bb, &b)
		feSub(&e, &aa, &bb)
		feAdd(&c, &x3, &z3)
		feSub(&d, &x3, &z3)
		feMul(&da, &d, &a)
		feMul(&cb, &c, &b)
		feAdd(&x3, &da, &cb)
		feSquare(&x3, &x3)
		feSub(&z3, &da, &cb)
		feSquare(&z3, &z3)
		feMul(&z3, &z3, &x1)
		feMul(&x2, &aa, &bb)
		feMul121665(&z2, &e)
		feAdd(&z2, &z2, &aa)
		feMul(&z2, &z2, &e)
	}
	feCSwap(&x2, &x3, swap)
	feCSwap(&z2, &z3, swap)

	feInvert(&z2, &z2)
	feMul(&x2, &x2, &z2)
	feToBytes(dst, &x2)
}

// baseGeneric sets dst = X25519(scalar, 9) with the fixed-base table.
func baseGeneric(dst, scalar *[32]byte) {
	scalarBaseMult(dst, scalar, genericTable())
}
