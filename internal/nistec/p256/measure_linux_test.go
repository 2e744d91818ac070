package p256

import (
	"os"
	"testing"

	"github.com/tlscore/tlscore/internal/cputime"
)

// TestMeasureParts prints the cost of the pieces of the scalar
// multiplications in thread CPU time (best of 30 rounds, the parts
// interleaved), for the chosen implementation. Run with P256_MEASURE=1.
func TestMeasureParts(t *testing.T) {
	if os.Getenv("P256_MEASURE") == "" {
		t.Skip("set P256_MEASURE=1")
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
	ops := make([]cputime.Op, len(parts))
	for i, p := range parts {
		ops[i] = cputime.Op{F: p.f, Reps: p.n}
	}
	best := cputime.Best(30, 0, ops...)
	for i, p := range parts {
		t.Logf("%s %-16s %9.1f ns", im, p.name, best[i])
	}
}
