//go:build (amd64 || arm64) && gc && !purego

package x25519

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

// fe64Edge returns interesting limb patterns: all ones, values near p,
// 2p, 2^255, 2^256, zero and one.
func fe64Edge() []edwards25519.Fe64 {
	m := ^uint64(0)
	h := uint64(1<<63 - 1)
	return []edwards25519.Fe64{
		{}, {1}, {m, m, m, m}, {m - 18, m, m, h}, {m - 19, m, m, h}, {m - 17, m, m, h},
		{0, 0, 0, 1 << 63}, {m - 37, m, m, m}, {m - 38, m, m, m}, {m - 36, m, m, m},
		{37}, {38}, {19}, {0, 0, 0, m}, {m, 0, m, 0}, {m, m, m, h},
	}
}

func fe64Rand(r *rand.Rand) edwards25519.Fe64 {
	var v edwards25519.Fe64
	for i := range v {
		switch r.IntN(6) {
		case 0:
			v[i] = ^uint64(0)
		case 1:
			v[i] = 0
		default:
			v[i] = r.Uint64()
		}
	}
	return v
}

func fe64Big(v *edwards25519.Fe64) *big.Int {
	x := new(big.Int)
	for i := 3; i >= 0; i-- {
		x.Lsh(x, 64)
		x.Add(x, new(big.Int).SetUint64(v[i]))
	}
	return x
}

func TestFe64Asm(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	vals := fe64Edge()
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		vals = append(vals, fe64Rand(r))
	}
	modEq := func(op string, got *edwards25519.Fe64, want *big.Int) {
		t.Helper()
		g := fe64Big(got)
		if g.Cmp(new(big.Int).Lsh(big.NewInt(1), 256)) >= 0 {
			t.Fatalf("%s: out of range", op)
		}
		if g.Sub(g, want).Mod(g, p).Sign() != 0 {
			t.Fatalf("%s: %x not congruent to %x", op, *got, want)
		}
	}
	for i, x := range vals {
		y := vals[(i*7+3)%len(vals)]
		X, Y := fe64Big(&x), fe64Big(&y)
		var a, b edwards25519.Fe64
		edwards25519.Fe64Mul(&a, &x, &y)
		edwards25519.Fe64MulGeneric(&b, &x, &y)
		if a != b {
			t.Fatalf("mul(%x, %x) = %x, Go %x", x, y, a, b)
		}
		modEq("mul", &a, new(big.Int).Mul(X, Y))
		edwards25519.Fe64Sqr(&a, &x, 1)
		edwards25519.Fe64MulGeneric(&b, &x, &x)
		if a != b {
			t.Fatalf("sqr(%x) = %x, Go %x", x, a, b)
		}
		modEq("sqr", &a, new(big.Int).Mul(X, X))
		edwards25519.Fe64Sqr(&a, &x, 3)
		b = x
		for range 3 {
			edwards25519.Fe64MulGeneric(&b, &b, &b)
		}
		if a != b {
			t.Fatalf("sqr^3(%x) = %x, Go %x", x, a, b)
		}
		edwards25519.Fe64Add(&a, &x, &y)
		edwards25519.Fe64AddGeneric(&b, &x, &y)
		if a != b {
			t.Fatalf("add(%x, %x) = %x, Go %x", x, y, a, b)
		}
		modEq("add", &a, new(big.Int).Add(X, Y))
		edwards25519.Fe64Sub(&a, &x, &y)
		edwards25519.Fe64SubGeneric(&b, &x, &y)
		if a != b {
			t.Fatalf("sub(%x, %x) = %x, Go %x", x, y, a, b)
		}
		modEq("sub", &a, new(big.Int).Sub(X, Y))
		fe64Mul121665(&a, &x)
		edwards25519.Fe64Mul121665Generic(&b, &x)
		if a != b {
			t.Fatalf("mul121665(%x) = %x, Go %x", x, a, b)
		}
		modEq("mul121665", &a, new(big.Int).Mul(X, big.NewInt(121665)))
		// Aliasing.
		a = x
		edwards25519.Fe64Mul(&a, &a, &a)
		edwards25519.Fe64MulGeneric(&b, &x, &x)
		if a != b {
			t.Fatal("aliased mul differs")
		}
		a = x
		edwards25519.Fe64Sub(&a, &y, &a)
		edwards25519.Fe64SubGeneric(&b, &y, &x)
		if a != b {
			t.Fatal("aliased sub differs")
		}
		var bb [32]byte
		edwards25519.Fe64ToBytes(&bb, &x)
		if w := le32(new(big.Int).Mod(X, p)); w != bb {
			t.Fatalf("toBytes(%x) = %x, want %x", x, bb, w)
		}
	}
}

func TestLadderAsm(t *testing.T) {
	r := rand.New(rand.NewPCG(13, 14))
	n := 20
	if testing.Short() {
		n = 4
	}
	for i := range n {
		var kb, ub [32]byte
		fill(r, kb[:])
		fill(r, ub[:])
		if i == 1 {
			for j := range ub {
				ub[j] = 0xff
			}
		}
		k := scalarWords(&kb)
		var u edwards25519.Fe64
		edwards25519.Fe64FromBytes(&u, &ub)
		var a, b [8]uint64
		fe64Ladder(&a, &k, (*[4]uint64)(&u))
		ladder64(&b, &k, (*[4]uint64)(&u), false)
		if a != b {
			t.Fatalf("ladder(%x, %x) = %x, Go %x", kb, ub, a, b)
		}
	}
}

func TestAddNielsArch(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	for range 200 {
		var p edwards25519.ExtPoint64
		var q edwards25519.Niels64
		for _, f := range []*edwards25519.Fe64{&p.X, &p.Y, &p.Z, &p.T, &q.YplusX, &q.YminusX, &q.XY2d} {
			*f = fe64Rand(r)
		}
		a, b := p, p
		edwards25519.AddNielsArch(&a, &q)
		edwards25519.AddNiels64(&b, &q)
		if a != b {
			t.Fatalf("addNielsArch differs from addNiels64")
		}
	}
}

func TestSelectNielsArch(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	var row [8]edwards25519.Niels64
	for i := range row {
		for _, f := range []*edwards25519.Fe64{&row[i].YplusX, &row[i].YminusX, &row[i].XY2d} {
			*f = fe64Rand(r)
		}
	}
	for e := -8; e <= 8; e++ {
		var a, b edwards25519.Niels64
		edwards25519.SelectNielsArch(&a, &row, int8(e))
		edwards25519.SelectNiels64(&b, &row, int8(e))
		if a != b {
			t.Fatalf("digit %d: selectNielsArch differs from selectNiels64", e)
		}
	}
}
