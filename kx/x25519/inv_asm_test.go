//go:build (amd64 || arm64) && gc && !purego

package x25519

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
		var x fe64
		for i := range x {
			x[i] = r.Uint64()
		}
		xs = append(xs, x)
	}
	for _, x := range xs {
		var a, b fe64
		fe64InvertSafegcd(&a, &x)
		fe64InvertFermat(&b, &x)
		var ab, bb [32]byte
		fe64ToBytes(&ab, &a)
		fe64ToBytes(&bb, &b)
		if ab != bb {
			t.Fatalf("1/%x: safegcd %x, Fermat %x", x, ab, bb)
		}
		y := x
		fe64Invert(&y, &y) // aliased
		if fe64ToBytes(&bb, &y); ab != bb {
			t.Fatalf("aliased fe64Invert(%x) = %x", x, bb)
		}
	}
}
