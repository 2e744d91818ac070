//go:build amd64 && gc && !purego

package edwards25519

import (
	"math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

func skipNoIFMA8(t *testing.T) {
	if !cpu.Hardware(cpu.AVX512IFMA) || !cpu.Hardware(cpu.AVX512VL) {
		t.Skip("no AVX-512 IFMA")
	}
}

func fe8Random(r *rand.Rand) Fe8 {
	var v Fe8
	for l := range 8 {
		f := feRand(r)
		SetFe8Lane(&v, l, &f)
	}
	return v
}

func fe8EqualModP(a, b *Fe8) bool {
	for l := range 8 {
		x, y := Fe8Lane(a, l), Fe8Lane(b, l)
		if !FeEqual(&x, &y) {
			return false
		}
	}
	return true
}

// TestWindow8 compares window8IFMA with its Go reference on random
// coordinates (the formulas are polynomial identities: they need not be
// points for the results to agree mod p).
func TestWindow8(t *testing.T) {
	skipNoIFMA8(t)
	r := rand.New(rand.NewPCG(5, 6))
	for range 50 {
		var p, p2 [3]Fe8
		var a [4]Fe8
		var b [3]Fe8
		for i := range p {
			p[i] = fe8Random(r)
		}
		for i := range a {
			a[i] = fe8Random(r)
		}
		for i := range b {
			b[i] = fe8Random(r)
		}
		p2 = p
		Window8(&p, &a, &b)
		window8Generic(&p2, &a, &b)
		for i := range p {
			if !fe8EqualModP(&p[i], &p2[i]) {
				t.Fatalf("coordinate %d differs", i)
			}
			for _, row := range p[i] {
				for _, x := range row {
					if x >= 1<<52 {
						t.Fatal("limb above 2^52")
					}
				}
			}
		}
	}
}

func TestPoint8(t *testing.T) {
	skipNoIFMA8(t)
	// Lanes: multiples of B (valid), and encodings that do not decode.
	var encs [8]*[32]byte
	var want [8]ExtPoint
	var wantOK [8]bool
	b := BasePoint()
	var cb Cached
	cb.FromExt(&b)
	p := b
	for l := range 8 {
		var n Niels
		n.FromExt(&p)
		var x, y, two, half Fe
		FeSub(&x, &n.YplusX, &n.YminusX)
		FeAdd(&y, &n.YplusX, &n.YminusX)
		two[0] = 2
		FeInvert(&half, &two)
		FeMul(&x, &x, &half)
		FeMul(&y, &y, &half)
		e := new([32]byte)
		Encode(e, &x, &y)
		if l == 3 {
			e[0] ^= 1 // most likely not on the curve
		}
		encs[l] = e
		wantOK[l] = Decompress(&want[l], e)
		var s P1P1
		AddCached(&s, &p, &cb, false)
		p.FromP1P1(&s)
	}
	var P P3x8
	ok := Decompress8(&P, encs[:])
	if ok != wantOK {
		t.Fatalf("Decompress8 %v, Decompress %v", ok, wantOK)
	}
	for l := range 8 {
		if !ok[l] {
			continue
		}
		x, y := Fe8Lane(&P.X, l), Fe8Lane(&P.Y, l)
		if !FeEqual(&x, &want[l].X) || !FeEqual(&y, &want[l].Y) {
			t.Fatalf("lane %d decodes differently", l)
		}
	}
	// Double8 and Add8 against the generic formulas, lane by lane.
	var d, s P3x8
	Double8(&d, &P)
	var c Cached8
	c.FromP3(&d)
	Add8(&s, &P, &c) // 3P
	for l := range 8 {
		if !ok[l] {
			continue
		}
		var dbl P1P1
		p2 := P2{want[l].X, want[l].Y, want[l].Z}
		DoubleP2(&dbl, &p2)
		var e ExtPoint
		e.FromP1P1(&dbl)
		var ce Cached
		ce.FromExt(&e)
		var sum P1P1
		AddCached(&sum, &want[l], &ce, false)
		e.FromP1P1(&sum)
		var e1, e2 [32]byte
		Encode(&e1, mulInv(&e.X, &e.Z), mulInv(&e.Y, &e.Z))
		x, y, z := Fe8Lane(&s.X, l), Fe8Lane(&s.Y, l), Fe8Lane(&s.Z, l)
		Encode(&e2, mulInv(&x, &z), mulInv(&y, &z))
		if e1 != e2 {
			t.Fatalf("lane %d: 3P differs", l)
		}
	}
}

func mulInv(a, z *Fe) *Fe {
	var zi, r Fe
	FeInvert(&zi, z)
	FeMul(&r, a, &zi)
	return &r
}

// TestScalarBaseMultIFMA8 compares base8IFMA (and base4IFMA) with the
// generic fixed base on random and edge scalars.
func TestScalarBaseMultIFMA8(t *testing.T) {
	skipNoIFMA8(t)
	r := rand.New(rand.NewPCG(7, 8))
	ks := [][32]byte{{}, {1}, {0: 0xff, 31: 0x7f}}
	for range 100 {
		var k [32]byte
		fill(r, k[:])
		k[31] &= 0x7f
		ks = append(ks, k)
	}
	for _, k := range ks {
		var want, got4, got8 ExtPoint
		ScalarBaseMult(&want, &k, GenericTable())
		ScalarBaseMultIFMA(&got4, &k)
		ScalarBaseMultIFMA8(&got8, &k)
		var w, g4, g8 [32]byte
		Encode(&w, mulInv(&want.X, &want.Z), mulInv(&want.Y, &want.Z))
		Encode(&g4, mulInv(&got4.X, &got4.Z), mulInv(&got4.Y, &got4.Z))
		Encode(&g8, mulInv(&got8.X, &got8.Z), mulInv(&got8.Y, &got8.Z))
		if g4 != w || g8 != w {
			t.Fatalf("k %x: base4 %x, base8 %x, want %x", k, g4, g8, w)
		}
		// T = XY/Z.
		var xy, tz Fe
		FeMul(&xy, &got8.X, &got8.Y)
		FeMul(&tz, &got8.T, &got8.Z)
		if !FeEqual(&xy, &tz) {
			t.Fatal("base8: T is not XY/Z")
		}
	}
}

// TestVerify4 compares verify4IFMA with its Go reference on tables of
// random multiples of B (entries as sig/ed25519 builds them) and random
// offsets, zero offsets (no addition) included.
func TestVerify4(t *testing.T) {
	skipNoIFMA8(t)
	r := rand.New(rand.NewPCG(9, 10))
	tabB := BaseOddMultiples4()
	var tabA [17 * 20]uint64
	b := BasePoint()
	var cb Cached
	cb.FromExt(&b)
	p := b
	for i := 1; i < 17; i++ {
		var c Cached
		c.FromExt(&p)
		var z2 Fe
		FeAdd(&z2, &c.Z, &c.Z)
		PutEntry4(tabA[i*20:], &c.YplusX, &c.YminusX, &c.T2d, &z2)
		var s P1P1
		AddCached(&s, &p, &cb, false)
		p.FromP1P1(&s)
	}
	for _, n := range []int{1, 2, 7, 64, 253, 256} {
		var offA, offB [256]uint64
		for j := range n {
			if r.IntN(3) == 0 {
				offA[j] = uint64(1+r.IntN(16)) * 160
			}
			if r.IntN(4) == 0 {
				offB[j] = uint64(1+r.IntN(128)) * 160
			}
		}
		var s1, s2 [5][4]uint64
		s1[0][1], s1[0][3] = 1, 1
		s2 = s1
		Verify4(&s1, &tabA, tabB, &offA, &offB, n)
		verify4Generic(&s2, &tabA, tabB, &offA, &offB, n)
		var p1, p2 ExtPoint
		p1.fromLanes(&s1)
		p2.fromLanes(&s2)
		var e1, e2 [32]byte
		Encode(&e1, mulInv(&p1.X, &p1.Z), mulInv(&p1.Y, &p1.Z))
		Encode(&e2, mulInv(&p2.X, &p2.Z), mulInv(&p2.Y, &p2.Z))
		if e1 != e2 {
			t.Fatalf("n %d: verify4IFMA %x, Go %x", n, e1, e2)
		}
	}
}

func TestTable4(t *testing.T) {
	skipNoIFMA8(t)
	r := rand.New(rand.NewPCG(11, 12))
	for range 20 {
		var k [32]byte
		fill(r, k[:])
		k[31] &= 0x0f
		var a ExtPoint
		ScalarBaseMult(&a, &k, GenericTable())
		var got, want [17 * 20]uint64
		Table4(&got, &a)
		table4Generic(&want, &a)
		for e := 1; e < 17; e++ {
			for l := range 4 {
				var x, y Fe
				for i := range 5 {
					x[i], y[i] = got[e*20+4*i+l], want[e*20+4*i+l]
					if x[i] >= 1<<52 {
						t.Fatal("limb above 2^52")
					}
				}
				if !FeEqual(&x, &y) {
					t.Fatalf("entry %d lane %d differs", e, l)
				}
			}
		}
	}
}
