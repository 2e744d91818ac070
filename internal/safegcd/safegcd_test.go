package safegcd

import (
	"fmt"
	"math/big"
	mrand "math/rand"
	"math/rand/v2"
	"testing"
)

// words returns x as n little-endian 64-bit words.
func words(x *big.Int, n int) []uint64 {
	w := make([]uint64, n)
	t := new(big.Int).Set(x)
	mask := new(big.Int).SetUint64(^uint64(0))
	for i := range w {
		w[i] = new(big.Int).And(t, mask).Uint64()
		t.Rsh(t, 64)
	}
	return w
}

func fromWords(w []uint64) *big.Int {
	x := new(big.Int)
	for i := len(w) - 1; i >= 0; i-- {
		x.Lsh(x, 64).Or(x, new(big.Int).SetUint64(w[i]))
	}
	return x
}

// toBig returns the integer value of signed 62-bit limbs.
func toBig[S Limbs](a *S) *big.Int {
	x := new(big.Int)
	for i := len(*a) - 1; i >= 0; i-- {
		x.Lsh(x, 62).Add(x, big.NewInt((*a)[i]))
	}
	return x
}

func hexInt(s string) *big.Int {
	x, ok := new(big.Int).SetString(s, 16)
	if !ok {
		panic(s)
	}
	return x
}

func pow2(e uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), e) }

// testModuli are the moduli of the users and a few others, odd, of the
// sizes each variant and limb count allows.
var testModuli = []struct {
	name string
	m    *big.Int
	v    Variant
	n    int // limbs: 5 or 7
}{
	{"2^255-19", new(big.Int).Sub(pow2(255), big.NewInt(19)), HalfDelta, 5},
	{"P-256 p", hexInt("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"), HalfDelta, 5},
	{"P-256 n", hexInt("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"), HalfDelta, 5},
	{"P-384 p", hexInt("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"), Original, 7},
	{"P-384 n", hexInt("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"), Original, 7},
	{"2^256-1", new(big.Int).Sub(pow2(256), big.NewInt(1)), HalfDelta, 5},
	{"2^256-1 original", new(big.Int).Sub(pow2(256), big.NewInt(1)), Original, 5},
	{"2^192+1", new(big.Int).Add(pow2(192), big.NewInt(1)), Original, 7},
	{"3", big.NewInt(3), HalfDelta, 5},
	{"2^384-317", new(big.Int).Sub(pow2(384), big.NewInt(317)), Original, 7},
}

// testInputs returns 0, 1, 2, m-1, m-2, powers of two below m (and one
// less), values with long runs of ones or zeros, and random values, all
// in [0, m).
func testInputs(r *mrand.Rand, m *big.Int, nRand int) []*big.Int {
	xs := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2),
		new(big.Int).Sub(m, big.NewInt(1)), new(big.Int).Sub(m, big.NewInt(2)), new(big.Int).Rsh(m, 1)}
	for e := uint(1); e < uint(m.BitLen()); e++ {
		if e%31 == 0 || e%62 <= 1 || e%64 <= 1 || e > uint(m.BitLen())-3 {
			xs = append(xs, pow2(e), new(big.Int).Sub(pow2(e), big.NewInt(1)))
		}
	}
	for range nRand {
		x := new(big.Int).Rand(r, m)
		if r.Intn(4) == 0 { // a run of ones
			lo := uint(r.Intn(m.BitLen()))
			x.Or(x, new(big.Int).Sub(pow2(lo+uint(r.Intn(100))), pow2(lo)))
		}
		xs = append(xs, x)
	}
	var out []*big.Int
	for _, x := range xs {
		if x.Sign() >= 0 && x.Cmp(m) < 0 {
			out = append(out, x)
		}
	}
	return out
}

func TestInvert(t *testing.T) {
	for _, c := range testModuli {
		t.Run(fmt.Sprintf("%s/%d", c.name, c.n), func(t *testing.T) {
			if c.n == 5 {
				testInvert[[5]int64](t, c.m, c.v)
			} else {
				testInvert[[7]int64](t, c.m, c.v)
			}
		})
	}
}

func testInvert[S Limbs](t *testing.T, m *big.Int, v Variant) {
	r := mrand.New(mrand.NewSource(int64(m.BitLen())))
	nw := (m.BitLen() + 63) / 64
	mi := NewModulus[S](words(m, nw), v)
	if got := toBig(&mi.M); got.Cmp(m) != 0 {
		t.Fatalf("M = %x, want %x", got, m)
	}
	if got := new(big.Int).Mul(big.NewInt(int64(mi.MInv)), m); new(big.Int).Mod(got, pow2(62)).Cmp(big.NewInt(1)) != 0 {
		t.Fatalf("MInv = %#x is not 1/m mod 2^62", mi.MInv)
	}
	n := 2000
	if testing.Short() {
		n = 200
	}
	for _, x := range testInputs(r, m, n) {
		gcd := new(big.Int).GCD(nil, nil, x, m)
		// After mi.Batches batches g = 0 and f = ±gcd(x, m) (±m for 0).
		var s State[S]
		mi.Start(&s, words(x, nw))
		for range mi.Batches {
			mi.Batch(&s)
		}
		if f := toBig(&s.F); toBig(&s.G).Sign() != 0 || new(big.Int).Abs(f).Cmp(gcd) != 0 {
			t.Fatalf("x = %x: f = %x, g = %x after %d batches", x, f, toBig(&s.G), mi.Batches)
		}
		want := new(big.Int) // 0 for 0
		if x.Sign() != 0 {
			if gcd.Cmp(big.NewInt(1)) != 0 {
				continue // not a unit mod a composite m
			}
			want.ModInverse(x, m)
		}
		xw := words(x, nw)
		z := make([]uint64, nw)
		mi.Invert(z, xw)
		zv := make([]uint64, nw)
		mi.InvertVartime(zv, xw)
		mi.Invert(xw, xw) // aliased
		if fromWords(z).Cmp(want) != 0 || fromWords(zv).Cmp(want) != 0 || fromWords(xw).Cmp(want) != 0 {
			t.Fatalf("1/%x mod %x: Invert %x, InvertVartime %x, aliased %x, want %x", x, m, fromWords(z), fromWords(zv), fromWords(xw), want)
		}
	}
}

// TestInvertSmall covers every x mod small odd moduli, including
// non-units (the inverse is then not defined; only units are checked).
func TestInvertSmall(t *testing.T) {
	for m := uint64(3); m < 200; m += 2 {
		mi := NewModulus[[5]int64]([]uint64{m}, HalfDelta)
		mo := NewModulus[[7]int64]([]uint64{m}, Original)
		for x := range m {
			want := new(big.Int).ModInverse(new(big.Int).SetUint64(x), new(big.Int).SetUint64(m))
			if want == nil {
				continue
			}
			z, zo := []uint64{0}, []uint64{0}
			mi.Invert(z, []uint64{x})
			mo.InvertVartime(zo, []uint64{x})
			if z[0] != want.Uint64() || zo[0] != want.Uint64() {
				t.Fatalf("1/%d mod %d = %d, %d, want %d", x, m, z[0], zo[0], want)
			}
		}
	}
}

func TestNewModulus(t *testing.T) {
	p384 := words(testModuli[3].m, 6)
	if b := NewModulus[[7]int64](p384, Original).Batches; b != 19 {
		t.Errorf("P-384: %d batches, want 19 (1110 divsteps)", b)
	}
	p256 := words(testModuli[1].m, 4)
	if b := NewModulus[[5]int64](p256, HalfDelta).Batches; b != 10 {
		t.Errorf("P-256: %d batches, want 10", b)
	}
	if b := NewModulus[[5]int64](p256, Original).Batches; b != 13 {
		t.Errorf("P-256 original: %d batches, want 13 (741 divsteps)", b)
	}
	// Below 46 bits theorem 11.2 needs floor((49b+80)/17) divsteps: for
	// b = 40, 120 > 118 = 2 batches.
	if b := NewModulus[[5]int64]([]uint64{1<<39 | 1}, Original).Batches; b != 3 {
		t.Errorf("40-bit modulus: %d batches, want 3 (120 divsteps)", b)
	}
	for _, c := range []struct {
		name string
		f    func()
	}{
		{"even", func() { NewModulus[[5]int64]([]uint64{4}, HalfDelta) }},
		{"empty", func() { NewModulus[[5]int64](nil, HalfDelta) }},
		{"half-delta over 256 bits", func() { NewModulus[[7]int64](p384, HalfDelta) }},
		{"too large for 5 limbs", func() { NewModulus[[5]int64](p384, Original) }},
		// 264 bits fit 5 signed 62-bit limbs but not ToWords' 4 words.
		{"264 bits in 5 limbs", func() { NewModulus[[5]int64]([]uint64{1, 0, 0, 0, 0xff}, Original) }},
		{"variant", func() { NewModulus[[5]int64](p256, 2) }},
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", c.name)
				}
			}()
			c.f()
		}()
	}
}

func TestWords(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 1000 {
		var w4 [4]uint64
		var w6 [6]uint64
		for i := range w4 {
			w4[i] = r.Uint64()
		}
		for i := range w6 {
			w6[i] = r.Uint64()
		}
		a := FromWords[[5]int64](w4[:])
		b := FromWords[[7]int64](w6[:])
		if toBig(&a).Cmp(fromWords(w4[:])) != 0 || toBig(&b).Cmp(fromWords(w6[:])) != 0 {
			t.Fatalf("FromWords(%x), FromWords(%x) = %x, %x", w4, w6, a, b)
		}
		var z4 [4]uint64
		var z6 [6]uint64
		z4[0], z6[5] = 1, 1 // overwritten
		ToWords(z4[:], &a)
		ToWords(z6[:], &b)
		if z4 != w4 || z6 != w6 {
			t.Fatalf("ToWords round trip: %x %x, want %x %x", z4, z6, w4, w6)
		}
	}
}

// TestDivsteps59 checks both variants on the low words against 59
// divsteps on whole integers (delta2 = 2·delta).
func TestDivsteps59(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	rb := mrand.New(mrand.NewSource(5))
	m64 := new(big.Int).SetUint64(^uint64(0))
	for n := range 4000 {
		f := new(big.Int).Rand(rb, pow2(256))
		f.SetBit(f, 0, 1)
		g := new(big.Int).Rand(rb, pow2(256))
		if n%5 == 1 {
			g.SetInt64(0)
		}
		if r.IntN(2) == 0 {
			g.Neg(g)
		}
		v := Variant(n % 2)
		var zeta, delta2 int64
		if v == HalfDelta {
			delta2 = 1 + 2*int64(r.IntN(601)-300) // odd
			zeta = -(delta2 + 1) / 2
		} else {
			delta2 = 2 * int64(r.IntN(601)-300) // even
			zeta = -delta2 / 2
		}
		var tr Matrix
		f0, g0 := new(big.Int).And(f, m64).Uint64(), new(big.Int).And(g, m64).Uint64() // two's complement low words
		var z int64
		if v == HalfDelta {
			z = Divsteps59(zeta, f0, g0, &tr)
		} else {
			z = Divsteps59Original(zeta, f0, g0, &tr)
		}
		F, G, D := new(big.Int).Set(f), new(big.Int).Set(g), delta2
		for range 59 {
			switch {
			case D > 0 && G.Bit(0) == 1:
				D = 2 - D
				F, G = G, new(big.Int).Rsh(new(big.Int).Sub(G, F), 1)
			case G.Bit(0) == 1:
				D += 2
				G = new(big.Int).Rsh(new(big.Int).Add(G, F), 1)
			default:
				D += 2
				G = new(big.Int).Rsh(G, 1)
			}
		}
		var d2 int64
		if v == HalfDelta {
			d2 = -2*z - 1
		} else {
			d2 = -2 * z
		}
		if d2 != D {
			t.Fatalf("variant %d: 2·delta = %d, want %d", v, d2, D)
		}
		lin := func(a, b int64) *big.Int {
			x := new(big.Int).Mul(big.NewInt(a), f)
			return x.Add(x, new(big.Int).Mul(big.NewInt(b), g))
		}
		if lin(tr.U, tr.V).Cmp(new(big.Int).Lsh(F, 62)) != 0 || lin(tr.Q, tr.R).Cmp(new(big.Int).Lsh(G, 62)) != 0 {
			t.Fatalf("variant %d: matrix %+v wrong", v, tr)
		}
		if a, b := abs(tr.U)+abs(tr.V), abs(tr.Q)+abs(tr.R); a > 1<<62 || b > 1<<62 {
			t.Fatalf("matrix %+v: rows too large", tr)
		}
	}
}

func abs(x int64) int64 { return max(x, -x) }

// TestUpdates checks UpdateFG and UpdateDE against big.Int on random
// states within the invariants: |f|, |g| < m, -2m < d, e < m, and
// matrices of real batches and extreme ones.
func TestUpdates(t *testing.T) {
	for _, c := range testModuli[:5] {
		t.Run(c.name, func(t *testing.T) {
			if c.n == 5 {
				testUpdates[[5]int64](t, c.m, c.v)
			} else {
				testUpdates[[7]int64](t, c.m, c.v)
			}
		})
	}
}

func testUpdates[S Limbs](t *testing.T, m *big.Int, v Variant) {
	r := rand.New(rand.NewPCG(7, uint64(m.BitLen())))
	rb := mrand.New(mrand.NewSource(int64(m.BitLen())))
	mi := NewModulus[S](words(m, (m.BitLen()+63)/64), v)
	toS := func(x *big.Int) S {
		var a S
		t := new(big.Int).Set(x)
		for i := range len(a) - 1 {
			a[i] = new(big.Int).And(t, big.NewInt(Mask62)).Int64()
			t.Rsh(t, 62) // floor
		}
		a[len(a)-1] = t.Int64()
		return a
	}
	inRange := func(lo, hi *big.Int) *big.Int { // [lo, hi)
		x := new(big.Int).Rand(rb, new(big.Int).Sub(hi, lo))
		return x.Add(x, lo)
	}
	negM, neg2M := new(big.Int).Neg(m), new(big.Int).Neg(new(big.Int).Lsh(m, 1))
	s62 := pow2(62)
	for n := range 3000 {
		f := inRange(negM, m)
		f.SetBit(f, 0, 1)
		g := inRange(negM, m)
		var tr Matrix
		switch n % 4 {
		case 0:
			tr = Matrix{1 << 62, 0, 0, 1 << 62}
		case 1:
			tr = Matrix{-(1 << 61), -(1 << 61), 1 << 61, -(1 << 61)}
		default:
			fs, gs := toS(f), toS(g)
			if v == HalfDelta {
				Divsteps59(int64(r.IntN(200))-100, uint64(fs[0]), uint64(gs[0]), &tr)
			} else {
				Divsteps59Original(int64(r.IntN(200))-100, uint64(fs[0]), uint64(gs[0]), &tr)
			}
		}
		fs, gs := toS(f), toS(g)
		UpdateFG(&fs, &gs, &tr)
		wf := new(big.Int).Add(new(big.Int).Mul(big.NewInt(tr.U), f), new(big.Int).Mul(big.NewInt(tr.V), g))
		wg := new(big.Int).Add(new(big.Int).Mul(big.NewInt(tr.Q), f), new(big.Int).Mul(big.NewInt(tr.R), g))
		if n%4 >= 2 { // exact only for the matrix of these f, g
			if toBig(&fs).Cmp(wf.Rsh(wf, 62)) != 0 || toBig(&gs).Cmp(wg.Rsh(wg, 62)) != 0 || fs != toS(toBig(&fs)) || gs != toS(toBig(&gs)) {
				t.Fatalf("UpdateFG(%x, %x, %+v) = %x, %x", f, g, tr, toBig(&fs), toBig(&gs))
			}
		}
		d, e := inRange(neg2M, m), inRange(neg2M, m)
		ds, es := toS(d), toS(e)
		mi.UpdateDE(&ds, &es, &tr)
		wd := new(big.Int).Add(new(big.Int).Mul(big.NewInt(tr.U), d), new(big.Int).Mul(big.NewInt(tr.V), e))
		we := new(big.Int).Add(new(big.Int).Mul(big.NewInt(tr.Q), d), new(big.Int).Mul(big.NewInt(tr.R), e))
		for _, c := range []struct{ got, want *big.Int }{{toBig(&ds), wd}, {toBig(&es), we}} {
			// got·2^62 = want mod m, got in (-2m, m)
			x := new(big.Int).Sub(new(big.Int).Mul(c.got, s62), c.want)
			if x.Mod(x, m).Sign() != 0 || c.got.Cmp(neg2M) <= 0 || c.got.Cmp(m) >= 0 {
				t.Fatalf("UpdateDE(%x, %x, %+v): %x out of range or wrong", d, e, tr, c.got)
			}
		}
		if ds != toS(toBig(&ds)) || es != toS(toBig(&es)) {
			t.Fatalf("UpdateDE: limbs not normalized: %x %x", ds, es)
		}
	}
}

func BenchmarkInvert(b *testing.B) {
	for _, c := range testModuli[:5] {
		nw := (c.m.BitLen() + 63) / 64
		x := words(new(big.Int).Sub(c.m, big.NewInt(3)), nw)
		b.Run(c.name, func(b *testing.B) {
			if c.n == 5 {
				mi := NewModulus[[5]int64](words(c.m, nw), c.v)
				for b.Loop() {
					mi.Invert(x, x)
				}
			} else {
				mi := NewModulus[[7]int64](words(c.m, nw), c.v)
				for b.Loop() {
					mi.Invert(x, x)
				}
			}
		})
	}
}

// FuzzInvert compares Invert and InvertVartime with math/big for the
// moduli of the users (5 and 7 limbs), x taken mod m from the input.
func FuzzInvert(f *testing.F) {
	f.Add([]byte{0})
	f.Add([]byte{1})
	f.Add(new(big.Int).Sub(pow2(384), big.NewInt(1)).Bytes())
	f.Fuzz(func(t *testing.T, in []byte) {
		for _, c := range testModuli[:5] {
			x := new(big.Int).SetBytes(in)
			x.Mod(x, c.m)
			nw := (c.m.BitLen() + 63) / 64
			z, zv := make([]uint64, nw), make([]uint64, nw)
			if c.n == 5 {
				mi := NewModulus[[5]int64](words(c.m, nw), c.v)
				mi.Invert(z, words(x, nw))
				mi.InvertVartime(zv, words(x, nw))
			} else {
				mi := NewModulus[[7]int64](words(c.m, nw), c.v)
				mi.Invert(z, words(x, nw))
				mi.InvertVartime(zv, words(x, nw))
			}
			want := new(big.Int)
			if x.Sign() != 0 {
				want.ModInverse(x, c.m) // the moduli are prime
			}
			if fromWords(z).Cmp(want) != 0 || fromWords(zv).Cmp(want) != 0 {
				t.Fatalf("%s: 1/%x = %x, vartime %x, want %x", c.name, x, fromWords(z), fromWords(zv), want)
			}
		}
	})
}
