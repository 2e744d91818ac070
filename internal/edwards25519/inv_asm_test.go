//go:build (amd64 || arm64) && gc && !purego

package edwards25519

import (
	"math/rand/v2"
	"testing"
)

// TestFe64InvertSafegcd compares the divstep inversion of partially
// reduced fe64 values (any value below 2^256) with the addition chain.
func TestFe64InvertSafegcd(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	xs := fe64Edge()
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		var x Fe64
		for i := range x {
			x[i] = r.Uint64()
		}
		xs = append(xs, x)
	}
	for _, x := range xs {
		var a, b Fe64
		Fe64InvertSafegcd(&a, &x)
		Fe64InvertFermat(&b, &x)
		var ab, bb [32]byte
		Fe64ToBytes(&ab, &a)
		Fe64ToBytes(&bb, &b)
		if ab != bb {
			t.Fatalf("1/%x: safegcd %x, Fermat %x", x, ab, bb)
		}
		y := x
		Fe64Invert(&y, &y) // aliased
		if Fe64ToBytes(&bb, &y); ab != bb {
			t.Fatalf("aliased fe64Invert(%x) = %x", x, bb)
		}
	}
}

// FuzzInvert compares the divstep inversions (this architecture's and the
// Go one) with the Fermat chain on any 256-bit value.
func FuzzInvert(f *testing.F) {
	for _, x := range fe64Edge() {
		var b [32]byte
		fe64ToBytesRaw(&b, &x)
		f.Add(b[:])
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		var b [32]byte
		copy(b[:], in)
		var x Fe64
		for i := range x {
			for j := 7; j >= 0; j-- {
				x[i] = x[i]<<8 | uint64(b[8*i+j])
			}
		}
		var a, w Fe64
		Fe64InvertSafegcd(&a, &x)
		Fe64InvertFermat(&w, &x)
		var ab, wb, gb [32]byte
		Fe64ToBytes(&ab, &a)
		Fe64ToBytes(&wb, &w)
		var c [32]byte
		Fe64ToBytes(&c, &x)
		var g Fe
		FeFromBytes(&g, &c)
		FeInvert(&g, &g)
		FeToBytes(&gb, &g)
		if ab != wb || gb != wb {
			t.Fatalf("1/%x: arch %x, Go %x, Fermat %x", x, ab, gb, wb)
		}
	})
}

// fe64ToBytesRaw writes the limbs of x as they are (no reduction).
func fe64ToBytesRaw(b *[32]byte, x *Fe64) {
	for i := range x {
		for j := range 8 {
			b[8*i+j] = byte(x[i] >> (8 * j))
		}
	}
}

// BenchmarkInvertArch measures Fe64Invert (this architecture's batches).
func BenchmarkInvertArch(b *testing.B) {
	x := Fe64{1, 2, 3, 4}
	for b.Loop() {
		Fe64Invert(&x, &x)
	}
}

// Fe64InvertFermat sets v = 1/a (0 for 0) with the addition chain of
// FeInvertFermat, the reference of the divstep inversion.
func Fe64InvertFermat(v, a *Fe64) { fe64Chain(v, a, invertSteps) }
