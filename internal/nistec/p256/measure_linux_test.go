package p256

import (
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/tlscore/tlscore/internal/benchharness"
)

// TestMeasureParts prints the cost of the pieces of the scalar
// multiplications in thread CPU time (best of 30 rounds), for the chosen
// implementation. Run with P256_MEASURE=1.
func TestMeasureParts(t *testing.T) {
	if os.Getenv("P256_MEASURE") == "" {
		t.Skip("set P256_MEASURE=1")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpuNow := func() time.Duration {
		d, _ := benchharness.ThreadTime()
		return d
	}
	im := Chosen()
	baseOnce.Do(buildBaseTables)
	k := randScalar(t)
	var ke elem
	elemSetBytes(&ke, k)
	var pub [ptLen]byte
	im.ScalarBaseMult(&pub, k)
	var q PublicPoint
	if err := q.SetBytes(pub[:]); err != nil {
		t.Fatal(err)
	}
	x := fp.rr
	var jp, jq jacPoint
	jp = jacPoint{q.a.x, q.a.y, fp.one}
	im.jdouble(&jq, &jp)
	var a affinePoint
	parts := []struct {
		name string
		n    int
		f    func()
	}{
		{"fmul", 1000, func() { im.fmul(&x, &x, &x) }},
		{"fsqr", 1000, func() { im.fsqr(&x, &x) }},
		{"jdouble", 200, func() { im.jdouble(&jq, &jq) }},
		{"jdoubleN5/5", 40, func() { im.jdoubleN(&jq, &jq, 5) }},
		{"jadd", 200, func() { im.jadd(&jq, &jq, &jp) }},
		{"jaddAffine", 200, func() { im.jaddAffine(&jq, &jq, &q.a) }},
		{"selectAffine", 200, func() { im.selectAffine(&a, &baseTables[3], 17) }},
		{"selectJac16", 200, func() { im.jacSelect(&jp, new([varTable]jacPoint), 5) }},
		{"finv", 20, func() { im.finv(&x, &x) }},
		{"ninv", 20, func() { im.ninv(&x, &x) }},
		{"scalarMult", 10, func() { im.scalarMult(&jq, &q.a, &ke) }},
		{"scalarBaseMultJ", 10, func() { im.scalarBaseMultJ(&jq, &ke) }},
		{"ScalarBaseMult", 10, func() { im.ScalarBaseMult(&pub, k) }},
		{"SetPoint", 50, func() { im.SetPoint(&q, pub[:]) }},
	}
	for _, p := range parts {
		best := time.Duration(1 << 62)
		for range 30 {
			t0 := cpuNow()
			for range p.n {
				p.f()
			}
			best = min(best, cpuNow()-t0)
		}
		t.Logf("%s %-16s %9.1f ns", im, p.name, float64(best)/float64(p.n))
	}
}
