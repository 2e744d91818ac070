package x25519

import "github.com/tlscore/tlscore/internal/edwards25519"

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
	edwards25519.FeFromBytes(&x1, point)
	x2[0] = 1
	x3 = x1
	z3[0] = 1

	var a, aa, b, bb, c, d, e, da, cb fe
	swap := uint64(0)
	for t := 254; t >= 0; t-- {
		bit := uint64(k[t>>3]>>(t&7)) & 1
		swap ^= bit
		edwards25519.FeCSwap(&x2, &x3, swap)
		edwards25519.FeCSwap(&z2, &z3, swap)
		swap = bit

		edwards25519.FeAdd(&a, &x2, &z2)
		edwards25519.FeSquare(&aa, &a)
		edwards25519.FeSub(&b, &x2, &z2)
		edwards25519.FeSquare(&bb, &b)
		edwards25519.FeSub(&e, &aa, &bb)
		edwards25519.FeAdd(&c, &x3, &z3)
		edwards25519.FeSub(&d, &x3, &z3)
		edwards25519.FeMul(&da, &d, &a)
		edwards25519.FeMul(&cb, &c, &b)
		edwards25519.FeAdd(&x3, &da, &cb)
		edwards25519.FeSquare(&x3, &x3)
		edwards25519.FeSub(&z3, &da, &cb)
		edwards25519.FeSquare(&z3, &z3)
		edwards25519.FeMul(&z3, &z3, &x1)
		edwards25519.FeMul(&x2, &aa, &bb)
		edwards25519.FeMul121665(&z2, &e)
		edwards25519.FeAdd(&z2, &z2, &aa)
		edwards25519.FeMul(&z2, &z2, &e)
	}
	edwards25519.FeCSwap(&x2, &x3, swap)
	edwards25519.FeCSwap(&z2, &z3, swap)

	feInvert(&z2, &z2)
	edwards25519.FeMul(&x2, &x2, &z2)
	edwards25519.FeToBytes(dst, &x2)
}

// baseGeneric sets dst = X25519(scalar, 9) with the fixed-base table.
func baseGeneric(dst, scalar *[32]byte) {
	scalarBaseMult(dst, scalar, edwards25519.GenericTable())
}

// scalarBaseMult sets dst = X25519(scalar, 9) = u([clamp(scalar)]B).
func scalarBaseMult(dst, scalar *[32]byte, t *edwards25519.BaseTable) {
	k := *scalar
	clamp(&k)
	var p edwards25519.ExtPoint
	edwards25519.ScalarBaseMult(&p, &k, t)
	// u = (1+y)/(1-y) = (Z+Y)/(Z-Y).
	var num, den fe
	edwards25519.FeAdd(&num, &p.Z, &p.Y)
	edwards25519.FeSub(&den, &p.Z, &p.Y)
	feInvert(&den, &den)
	edwards25519.FeMul(&num, &num, &den)
	edwards25519.FeToBytes(dst, &num)
}
