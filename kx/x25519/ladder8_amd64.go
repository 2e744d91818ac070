//go:build gc && !purego

package x25519

import "github.com/tlscore/tlscore/internal/edwards25519"

// ladder8Generic is the Go reference of ladderIFMA.
func ladder8Generic(xz *[2]edwards25519.Fe8, swaps *[256]uint8, u *edwards25519.Fe8) {
	x1 := *u
	var x2, z2, z3 edwards25519.Fe8
	x3 := x1
	for l := range 8 {
		x2[0][l], z3[0][l] = 1, 1
	}
	var a, b, c, d, e edwards25519.Fe8
	for t := 254; t >= 0; t-- {
		edwards25519.Fe8CSwap(&x2, &x3, swaps[t])
		edwards25519.Fe8CSwap(&z2, &z3, swaps[t])
		edwards25519.Fe8AddGeneric(&a, &x2, &z2)
		edwards25519.Fe8SubGeneric(&b, &x2, &z2)
		edwards25519.Fe8AddGeneric(&c, &x3, &z3)
		edwards25519.Fe8SubGeneric(&d, &x3, &z3)
		edwards25519.Fe8MulGeneric(&d, &d, &a)
		edwards25519.Fe8MulGeneric(&c, &c, &b)
		edwards25519.Fe8MulGeneric(&a, &a, &a)
		edwards25519.Fe8MulGeneric(&b, &b, &b)
		edwards25519.Fe8AddGeneric(&e, &d, &c)
		edwards25519.Fe8MulGeneric(&x3, &e, &e)
		edwards25519.Fe8SubGeneric(&e, &d, &c)
		edwards25519.Fe8MulGeneric(&e, &e, &e)
		edwards25519.Fe8MulGeneric(&z3, &e, &x1)
		edwards25519.Fe8MulGeneric(&x2, &a, &b)
		edwards25519.Fe8SubGeneric(&b, &a, &b)
		edwards25519.Fe8Mul121665Generic(&e, &b)
		edwards25519.Fe8AddGeneric(&e, &e, &a)
		edwards25519.Fe8MulGeneric(&z2, &b, &e)
	}
	edwards25519.Fe8CSwap(&x2, &x3, swaps[255])
	edwards25519.Fe8CSwap(&z2, &z3, swaps[255])
	xz[0], xz[1] = x2, z2
}

// lanes8 loads up to 8 lanes (fewer than 8: the rest repeat lane 0, so
// the padding is valid input) into the ladder's inputs: the cswap masks
// (see ladderIFMA) and the u-coordinates. Constant time in the scalars.
func lanes8(swaps *[256]uint8, u *edwards25519.Fe8, scalars, points [][32]byte) {
	*swaps = [256]uint8{}
	for l := range 8 {
		src := l
		if l >= len(scalars) {
			src = 0
		}
		k := scalars[src]
		clamp(&k)
		var f fe
		edwards25519.FeFromBytes(&f, &points[src])
		for i := range 5 {
			u[i][l] = f[i]
		}
		prev := uint8(0) // bit 255
		for t := 254; t >= 0; t-- {
			b := k[t>>3] >> (t & 7) & 1
			swaps[t] |= (b ^ prev) << l
			prev = b
		}
		swaps[255] |= prev << l
	}
}
