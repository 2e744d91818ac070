//go:build amd64 && gc && !purego

package edwards25519

// Fe8 is 8 field elements in the layout of the "avx512ifma"
// implementation: Fe8[i][l] is limb i (radix 2^51, as in Fe) of lane l.
// Limbs are below 2^52, the input range of VPMADD52LUQ/HUQ.
//
// The Go references of the 8-lane IFMA kernels (asm/x25519/ifma.go) are in
// internal/edwards25519/fe8ref, which only tests import.
type Fe8 [5][8]uint64
