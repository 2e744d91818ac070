//go:build amd64 && gc && !purego

package edwards25519

import (
	"math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

// TestPoint64Arch compares dblADX, dblExtADX and addCachedADX with their
// Go references limb for limb, on random and edge limbs.
func TestPoint64Arch(t *testing.T) {
	if !cpu.HasAll(cpu.BMI2, cpu.ADX) {
		t.Skip("no BMI2/ADX")
	}
	r := rand.New(rand.NewPCG(15, 16))
	edge := fe64Edge()
	for n := range 500 {
		var p ExtPoint64
		var q Cached64
		for i, f := range []*Fe64{&p.X, &p.Y, &p.Z, &p.T, &q.YplusX, &q.YminusX, &q.Z, &q.T2d} {
			*f = fe64Rand(r)
			if n%4 == 0 {
				*f = edge[(n+i)%len(edge)]
			}
		}
		for _, ext := range []bool{false, true} {
			a, b := p, p
			DoubleArch(&a, ext)
			double64Go(&b, ext)
			if a != b {
				t.Fatalf("double (ext %v) of %x: %x, Go %x", ext, p, a, b)
			}
		}
		a, b := p, p
		AddCachedArch(&a, &q)
		addCached64Go(&b, &q)
		if a != b {
			t.Fatalf("addCached: %x, Go %x", a, b)
		}
	}
}
