//go:build gc && !purego

package x25519

import (
	"math/bits"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

const mask51 = 1<<51 - 1

// fe8 is 8 field elements in the layout of the "avx512ifma"
// implementation: fe8[i][l] is limb i (radix 2^51, as in fe) of lane l.
// Limbs are below 2^52, the input range of VPMADD52LUQ/HUQ.
//
// The functions in this file are the Go references of the IFMA assembly
// (asm/x25519/ifma.go): they compute the same limbs, which the tests
// compare exactly.
type fe8 [5][8]uint64

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

func fe8MulGeneric(z, x, y *fe8) {
	var out fe8
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

func fe8SqrGeneric(z, x *fe8, n int) {
	t := *x
	for range n {
		fe8MulGeneric(&t, &t, &t)
	}
	*z = t
}

func fe8AddGeneric(z, x, y *fe8) {
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

func fe8SubGeneric(z, x, y *fe8) {
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

func fe8Mul121665Generic(z, x *fe8) {
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
func fe8CSwap(a, b *fe8, m uint8) {
	for l := range 8 {
		mask := -uint64(m >> l & 1)
		for i := range 5 {
			t := mask & (a[i][l] ^ b[i][l])
			a[i][l] ^= t
			b[i][l] ^= t
		}
	}
}

// ladder8Generic is the Go reference of ladderIFMA.
func ladder8Generic(xz *[2]fe8, swaps *[256]uint8, u *fe8) {
	x1 := *u
	var x2, z2, z3 fe8
	x3 := x1
	for l := range 8 {
		x2[0][l], z3[0][l] = 1, 1
	}
	var a, b, c, d, e fe8
	for t := 254; t >= 0; t-- {
		fe8CSwap(&x2, &x3, swaps[t])
		fe8CSwap(&z2, &z3, swaps[t])
		fe8AddGeneric(&a, &x2, &z2)
		fe8SubGeneric(&b, &x2, &z2)
		fe8AddGeneric(&c, &x3, &z3)
		fe8SubGeneric(&d, &x3, &z3)
		fe8MulGeneric(&d, &d, &a)
		fe8MulGeneric(&c, &c, &b)
		fe8MulGeneric(&a, &a, &a)
		fe8MulGeneric(&b, &b, &b)
		fe8AddGeneric(&e, &d, &c)
		fe8MulGeneric(&x3, &e, &e)
		fe8SubGeneric(&e, &d, &c)
		fe8MulGeneric(&e, &e, &e)
		fe8MulGeneric(&z3, &e, &x1)
		fe8MulGeneric(&x2, &a, &b)
		fe8SubGeneric(&b, &a, &b)
		fe8Mul121665Generic(&e, &b)
		fe8AddGeneric(&e, &e, &a)
		fe8MulGeneric(&z2, &b, &e)
	}
	fe8CSwap(&x2, &x3, swaps[255])
	fe8CSwap(&z2, &z3, swaps[255])
	xz[0], xz[1] = x2, z2
}

// lanes8 loads up to 8 lanes (fewer than 8: the rest repeat lane 0, so
// the padding is valid input) into the ladder's inputs: the cswap masks
// (see ladderIFMA) and the u-coordinates. Constant time in the scalars.
func lanes8(swaps *[256]uint8, u *fe8, scalars, points [][32]byte) {
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
