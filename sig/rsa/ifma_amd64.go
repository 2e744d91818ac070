//go:build amd64 && gc && !purego

package rsa

// The "avx512ifma" kernels keep numbers in 52-bit limbs (one limb per
// uint64, little-endian) and multiply with Almost Montgomery Multiplication,
// R' = 2^(52N). Their Go reference, ammRef, is in ifma_ref_amd64_test.go.

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
