//go:build amd64 && gc && !purego

// Package fe8ref holds the Go references of the 8-lane AVX-512 IFMA field
// kernels of internal/edwards25519 (feMul8IFMA, feSqr8IFMA, feAdd8IFMA,
// feSub8IFMA) and of the field steps of kx/x25519's ladderIFMA. They compute
// the same limbs as the assembly (asm/x25519/ifma.go), which the tests of
// both packages compare exactly.
//
// Only tests import this package: production code runs the assembly.
package fe8ref

import (
	"math/bits"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

// Fe8 is 8 field elements in the layout of the "avx512ifma"
// implementation; see edwards25519.Fe8.
type Fe8 = edwards25519.Fe8

const mask51 = 1<<51 - 1

// madd52 returns the low and high 52-bit halves of the 104-bit product of
// the low 52 bits of a and b, as VPMADD52LUQ and VPMADD52HUQ add them.
func madd52(a, b uint64) (lo, hi uint64) {
	const m52 = 1<<52 - 1
	h, l := bits.Mul64(a&m52, b&m52)
	return l & m52, h<<12 | l>>52
}

// carry is the parallel carry pass of carry8.
func carry(c *[5]uint64) {
	var cy [5]uint64
	for i := range c {
		cy[i] = c[i] >> 51
		c[i] &= mask51
	}
	for i := range 4 {
		c[i+1] += cy[i]
	}
	lo, _ := madd52(cy[4], 19)
	c[0] += lo
}

// reduce folds the columns C_k = L_k + 2*H_(k-1) as reduce8 does.
func reduce(L *[10]uint64, H *[9]uint64) [5]uint64 {
	for k := 1; k < 10; k++ {
		L[k] += 2 * H[k-1]
	}
	var c [5]uint64
	for k := range 5 {
		c[k] = L[k] + 19*L[k+5]
	}
	carry(&c)
	return c
}

// Mul sets z = x * y in every lane (feMul8IFMA).
func Mul(z, x, y *Fe8) {
	var out Fe8
	for l := range 8 {
		var L [10]uint64
		var H [9]uint64
		for i := range 5 {
			for j := range 5 {
				lo, hi := madd52(x[i][l], y[j][l])
				L[i+j] += lo
				H[i+j] += hi
			}
		}
		c := reduce(&L, &H)
		for i := range 5 {
			out[i][l] = c[i]
		}
	}
	*z = out
}

// Sqr sets z = x^(2^n) in every lane (feSqr8IFMA).
func Sqr(z, x *Fe8, n int) {
	t := *x
	for range n {
		Mul(&t, &t, &t)
	}
	*z = t
}

// Add sets z = x + y in every lane (feAdd8IFMA).
func Add(z, x, y *Fe8) {
	for l := range 8 {
		var c [5]uint64
		for i := range 5 {
			c[i] = x[i][l] + y[i][l]
		}
		carry(&c)
		for i := range 5 {
			z[i][l] = c[i]
		}
	}
}

// Sub sets z = x - y in every lane (feSub8IFMA): it adds 2p limb by limb
// first, so y's limbs must be below those of 2p.
func Sub(z, x, y *Fe8) {
	for l := range 8 {
		var c [5]uint64
		for i := range 5 {
			twoP := uint64(1<<52 - 2)
			if i == 0 {
				twoP = 1<<52 - 38
			}
			c[i] = x[i][l] + twoP - y[i][l]
		}
		carry(&c)
		for i := range 5 {
			z[i][l] = c[i]
		}
	}
}

// Mul121665 sets z = 121665 * x in every lane (the ladder's a24 step).
func Mul121665(z, x *Fe8) {
	for l := range 8 {
		var L [10]uint64
		var H [9]uint64
		for i := range 5 {
			L[i], H[i] = madd52(x[i][l], 121665)
		}
		c := reduce(&L, &H)
		for i := range 5 {
			z[i][l] = c[i]
		}
	}
}

// CSwap swaps a and b in the lanes whose bit is set in m.
func CSwap(a, b *Fe8, m uint8) {
	for l := range 8 {
		mask := -uint64(m >> l & 1)
		for i := range 5 {
			t := mask & (a[i][l] ^ b[i][l])
			a[i][l] ^= t
			b[i][l] ^= t
		}
	}
}
