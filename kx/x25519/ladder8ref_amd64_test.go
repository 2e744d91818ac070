//go:build amd64 && gc && !purego

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
