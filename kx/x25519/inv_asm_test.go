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

// TestDivstepsArch compares this architecture's divsteps59Arch with the Go
// divsteps59 on random words and every zeta a batch can start from.
func TestDivstepsArch(t *testing.T) {
	r := rand.New(rand.NewPCG(17, 18))
	for i := range 20000 {
		f, g := r.Uint64()|1, r.Uint64()
		switch i % 5 {
		case 1:
			g = 0
		case 2:
			g = 1 << (i % 64)
		case 3:
			f = ^uint64(0)
		}
		zeta := int64(r.IntN(1200)) - 600
		z1, t1 := divsteps59(zeta, f, g)
		z2, t2 := divsteps59Arch(zeta, f, g)
		if z1 != z2 || t1 != t2 {
			t.Fatalf("divsteps59Arch(%d, %#x, %#x) = %d %+v, want %d %+v", zeta, f, g, z2, t2, z1, t1)
		}
	}
}
