//go:build amd64 && gc && !purego

package rsa

import "math/bits"

// ammRef is the portable reference for the "avx512ifma" kernels
// (asm/rsa/avx512ifma.go): they compute exactly the same values, and
// TestIFMAKernels and FuzzMontMul compare them.

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
