//go:build amd64 && gc && !purego

package edwards25519

import (
	"math/bits"
)

// fe8 is 8 field elements in the layout of the "avx512ifma"
// implementation: fe8[i][l] is limb i (radix 2^51, as in Fe) of lane l.
// Limbs are below 2^52, the input range of VPMADD52LUQ/HUQ.
//
// The functions in this file are the Go references of the IFMA assembly
// (asm/x25519/ifma.go): they compute the same limbs, which the tests
// compare exactly.
type Fe8 [5][8]uint64

// madd52 returns the low and high 52-bit halves of the 104-bit product of
// the low 52 bits of a and b, as VPMADD52LUQ and VPMADD52HUQ add them.
func madd52(a, b uint64) (lo, hi uint64) {
	const m52 = 1<<52 - 1
	h, l := bits.Mul64(a&m52, b&m52)
	return l & m52, h<<12 | l>>52
}

// fe8Carry is the parallel carry pass of carry8.
func fe8Carry(c *[5]uint64) {
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

// fe8Reduce folds the columns C_k = L_k + 2*H_(k-1) as reduce8 does.
func fe8Reduce(L *[10]uint64, H *[9]uint64) [5]uint64 {
	for k := 1; k < 10; k++ {
		L[k] += 2 * H[k-1]
	}
	var c [5]uint64
	for k := range 5 {
		c[k] = L[k] + 19*L[k+5]
	}
	fe8Carry(&c)
	return c
}

func Fe8MulGeneric(z, x, y *Fe8) {
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
		c := fe8Reduce(&L, &H)
		for i := range 5 {
			out[i][l] = c[i]
		}
	}
	*z = out
}

func Fe8SqrGeneric(z, x *Fe8, n int) {
	t := *x
	for range n {
		Fe8MulGeneric(&t, &t, &t)
	}
	*z = t
}

func Fe8AddGeneric(z, x, y *Fe8) {
	for l := range 8 {
		var c [5]uint64
		for i := range 5 {
			c[i] = x[i][l] + y[i][l]
		}
		fe8Carry(&c)
		for i := range 5 {
			z[i][l] = c[i]
		}
	}
}

func Fe8SubGeneric(z, x, y *Fe8) {
	for l := range 8 {
		var c [5]uint64
		for i := range 5 {
			twoP := uint64(1<<52 - 2)
			if i == 0 {
				twoP = 1<<52 - 38
			}
			c[i] = x[i][l] + twoP - y[i][l]
		}
		fe8Carry(&c)
		for i := range 5 {
			z[i][l] = c[i]
		}
	}
}

func Fe8Mul121665Generic(z, x *Fe8) {
	for l := range 8 {
		var L [10]uint64
		var H [9]uint64
		for i := range 5 {
			L[i], H[i] = madd52(x[i][l], 121665)
		}
		c := fe8Reduce(&L, &H)
		for i := range 5 {
			z[i][l] = c[i]
		}
	}
}

// fe8CSwap swaps a and b in the lanes whose bit is set in m.
func Fe8CSwap(a, b *Fe8, m uint8) {
	for l := range 8 {
		mask := -uint64(m >> l & 1)
		for i := range 5 {
			t := mask & (a[i][l] ^ b[i][l])
			a[i][l] ^= t
			b[i][l] ^= t
		}
	}
}
