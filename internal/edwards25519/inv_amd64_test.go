//go:build amd64 && gc && !purego

package edwards25519

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/tlscore/tlscore/internal/safegcd"
)

// TestDivstepsArch compares the assembly divsteps59SSE2 with the Go
// safegcd.Divsteps59 on random words and every zeta a batch can start from.
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
		var t1, t2 safegcd.Matrix
		z1 := safegcd.Divsteps59(zeta, f, g, &t1)
		z2 := divsteps59SSE2(zeta, f, g, (*[4]int64)(unsafe.Pointer(&t2)))
		if z1 != z2 || t1 != t2 {
			t.Fatalf("divsteps59SSE2(%d, %#x, %#x) = %d %+v, want %d %+v", zeta, f, g, z2, t2, z1, t1)
		}
	}
}

// TestBatchArch compares batch62Arch (divsteps59SSE2 and updateFGDEAsm) with the Go
// safegcd.Modulus.Batch on the states of real inversions and on random
// states within the invariants (limbs 0-3 in [0, 2^62), -2p < d, e < p,
// |f|, |g| < 2^256).
func TestBatchArch(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	n := 2000
	if testing.Short() {
		n = 200
	}
	randS62 := func(top int64) s62 {
		var a s62
		for i := range 4 {
			a[i] = int64(r.Uint64() & safegcd.Mask62)
		}
		a[4] = r.Int64N(2*top) - top
		return a
	}
	for k := range n {
		// A real inversion state: run both on the same inputs all the way.
		var x [4]uint64
		for i := range x {
			x[i] = r.Uint64()
		}
		x[3] &= 1<<62 - 1 // below p
		if k%7 == 0 {
			x = [4]uint64{uint64(k)}
		}
		var s1, s2 safegcd.State[s62]
		p25519.Start(&s1, x[:])
		s2 = s1
		for range 10 {
			p25519.Batch(&s1)
			batch62Arch(&s2)
			if s1 != s2 {
				t.Fatalf("x = %x: batch62Arch differs: %v, want %v", x, s2, s1)
			}
		}
		// A random state (d, e with top limbs in (-2^8, 2^7): within (-2p, p)).
		s1.F, s1.G = randS62(1<<8), randS62(1<<8)
		s1.F[0] |= 1
		s1.D, s1.E = randS62(1<<7), randS62(1<<7)
		s1.Zeta = int64(r.IntN(1000)) - 500
		s2 = s1
		p25519.Batch(&s1)
		batch62Arch(&s2)
		if s1 != s2 {
			t.Fatalf("random state: batch62Arch differs: %v, want %v", s2, s1)
		}
	}
}
