//go:build gc && !purego

package rsa

import "math/bits"

// This file is the portable reference for the "avx512ifma" kernels: numbers
// in 52-bit limbs (one limb per uint64, little-endian), and Almost Montgomery
// Multiplication with R' = 2^(52N). The assembly (asm/rsa/avx512ifma.go)
// computes exactly the same values; TestIFMAKernels compares them.

const mask52 = 1<<52 - 1

// to52 sets the N limbs of z to the 64-bit words x (which must fit).
func to52(z, x []uint64) {
	for j := range z {
		bit := 52 * j
		w, sh := bit/64, uint(bit%64)
		var v uint64
		if w < len(x) {
			v = x[w] >> sh
			if sh > 12 && w+1 < len(x) {
				v |= x[w+1] << (64 - sh)
			}
		}
		z[j] = v & mask52
	}
}

// from52 sets the words z to the 52-bit limbs x; bits beyond len(z) words
// must be zero.
func from52(z, x []uint64) {
	clear(z)
	for j, v := range x {
		bit := 52 * j
		w, sh := bit/64, uint(bit%64)
		if w < len(z) {
			z[w] |= v << sh
		}
		if sh > 12 && w+1 < len(z) {
			z[w+1] |= v >> (64 - sh)
		}
	}
}

// ammRef sets r = a*b*2^(-52N) mod m plus at most m, for a, b < 2m and
// 4m < 2^(52N), with normalized 52-bit limbs (N = len(m)); k0 = -m^-1 mod
// 2^52. r may alias a or b. It is the word-serial algorithm of the
// assembly: A = (A + a*b[i] + m*y) / 2^52 with y = A[0]*k0 mod 2^52.
func ammRef(r, a, b, m []uint64, k0 uint64) {
	N := len(m)
	var buf [2*maxWords + 2]uint64
	A := buf[:N+1]
	for i := range N {
		bi := b[i]
		// A += a*bi, 52-bit limbs with 64-bit room
		lo0 := (a[0] * bi) & mask52
		y := ((A[0] + lo0) * k0) & mask52
		// Add lo and hi parts separately, as the lanes do.
		for j := range N {
			hA, lA := bits.Mul64(a[j], bi)
			hM, lM := bits.Mul64(m[j], y)
			A[j] += lA&mask52 + lM&mask52
			A[j+1] += (hA<<12 | lA>>52) + (hM<<12 | lM>>52)
		}
		// A[0] is now divisible by 2^52: shift down one limb.
		c := A[0] >> 52
		copy(A, A[1:])
		A[N] = 0
		A[0] += c
	}
	// Normalize.
	var c uint64
	for j := range N {
		v := A[j] + c
		r[j] = v & mask52
		c = v >> 52
	}
}
