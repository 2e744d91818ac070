//go:build amd64 && gc && !purego

package x25519

import (
	"github.com/tlscore/tlscore/internal/edwards25519"
	"github.com/tlscore/tlscore/internal/edwards25519/fe8ref"
)

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
		fe8ref.CSwap(&x2, &x3, swaps[t])
		fe8ref.CSwap(&z2, &z3, swaps[t])
		fe8ref.Add(&a, &x2, &z2)
		fe8ref.Sub(&b, &x2, &z2)
		fe8ref.Add(&c, &x3, &z3)
		fe8ref.Sub(&d, &x3, &z3)
		fe8ref.Mul(&d, &d, &a)
		fe8ref.Mul(&c, &c, &b)
		fe8ref.Mul(&a, &a, &a)
		fe8ref.Mul(&b, &b, &b)
		fe8ref.Add(&e, &d, &c)
		fe8ref.Mul(&x3, &e, &e)
		fe8ref.Sub(&e, &d, &c)
		fe8ref.Mul(&e, &e, &e)
		fe8ref.Mul(&z3, &e, &x1)
		fe8ref.Mul(&x2, &a, &b)
		fe8ref.Sub(&b, &a, &b)
		fe8ref.Mul121665(&e, &b)
		fe8ref.Add(&e, &e, &a)
		fe8ref.Mul(&z2, &b, &e)
	}
	fe8ref.CSwap(&x2, &x3, swaps[255])
	fe8ref.CSwap(&z2, &z3, swaps[255])
	xz[0], xz[1] = x2, z2
}
