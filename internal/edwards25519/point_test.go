package edwards25519

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

var bigP = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))

func feBig(v *Fe) *big.Int {
	var b [32]byte
	FeToBytes(&b, v)
	for l, r := 0, 31; l < r; l, r = l+1, r-1 {
		b[l], b[r] = b[r], b[l]
	}
	return new(big.Int).SetBytes(b[:])
}

func feRand(r *rand.Rand) Fe {
	var b [32]byte
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	var v Fe
	FeFromBytes(&v, &b)
	return v
}

func TestConstants(t *testing.T) {
	var m Fe
	FeSquare(&m, &feSqrtM1)
	if want := new(big.Int).Sub(bigP, big.NewInt(1)); feBig(&m).Cmp(want) != 0 {
		t.Fatal("sqrt(-1)^2 != -1")
	}
	b := BasePoint()
	// -x^2 + y^2 = 1 + d x^2 y^2 at B.
	var x2, y2, l, r Fe
	FeSquare(&x2, &b.X)
	FeSquare(&y2, &b.Y)
	FeSub(&l, &y2, &x2)
	FeMul(&r, &x2, &y2)
	FeMul(&r, &r, &feD)
	FeAdd(&r, &r, &feOne)
	if !FeEqual(&l, &r) {
		t.Fatal("B is not on the curve")
	}
}

func TestPow22523AndSqrtRatio(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	exp := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 252), big.NewInt(3))
	for range 200 {
		a := feRand(r)
		var v Fe
		FePow22523(&v, &a)
		if want := new(big.Int).Exp(feBig(&a), exp, bigP); feBig(&v).Cmp(want) != 0 {
			t.Fatalf("FePow22523 of %v", feBig(&a))
		}
		u, w := feRand(r), feRand(r)
		var s Fe
		ok := SqrtRatio(&s, &u, &w)
		// u/w is a square iff (u/w)^((p-1)/2) is 0 or 1.
		q := new(big.Int).Mul(feBig(&u), new(big.Int).ModInverse(feBig(&w), bigP))
		q.Mod(q, bigP)
		leg := new(big.Int).Exp(q, new(big.Int).Rsh(bigP, 1), bigP)
		if ok != (leg.Sign() == 0 || leg.Cmp(big.NewInt(1)) == 0) {
			t.Fatalf("SqrtRatio square = %v", ok)
		}
		if ok {
			s2 := new(big.Int).Mul(feBig(&s), feBig(&s))
			if s2.Mod(s2, bigP).Cmp(q) != 0 || FeIsNegative(&s) != 0 {
				t.Fatal("SqrtRatio root")
			}
		}
	}
}

func TestDecompressRoundTrip(t *testing.T) {
	// The odd multiples of B encode and decode back.
	tb := BaseOddMultiples()
	for i := range tb {
		var x, y Fe
		FeSub(&x, &tb[i].YplusX, &tb[i].YminusX)
		FeAdd(&y, &tb[i].YplusX, &tb[i].YminusX)
		// x and y are doubled: halve by multiplying with 1/2.
		var half Fe
		two := Fe{2}
		FeInvertFermat(&half, &two)
		FeMul(&x, &x, &half)
		FeMul(&y, &y, &half)
		var enc [32]byte
		Encode(&enc, &x, &y)
		var p ExtPoint
		if !Decompress(&p, &enc) {
			t.Fatalf("%d B does not decode", 2*i+1)
		}
		if !FeEqual(&p.X, &x) || !FeEqual(&p.Y, &y) {
			t.Fatalf("%d B decodes to another point", 2*i+1)
		}
	}
}

func TestFe64Conversions(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for i := range 1000 {
		var a Fe
		for j := range a {
			a[j] = r.Uint64() & (1<<52 - 1)
			if i%7 == 0 {
				a[j] = 1<<52 - 1
			}
		}
		var w Fe64
		Fe64FromFe(&w, &a)
		var b Fe
		FeFromFe64(&b, &w)
		if !FeEqual(&a, &b) {
			t.Fatalf("%x -> %x -> %x", a, w, b)
		}
		for _, l := range b {
			if l >= 1<<52 {
				t.Fatal("limb above 2^52")
			}
		}
		var x, y [32]byte
		FeToBytes(&x, &a)
		Fe64ToBytes(&y, &w)
		if x != y {
			t.Fatalf("%x and %x differ", a, w)
		}
	}
}
