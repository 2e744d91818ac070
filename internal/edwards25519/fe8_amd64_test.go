//go:build amd64 && gc && !purego

// The 8-lane IFMA field kernels against their Go references in fe8ref, and
// the references against math/big. An external test package, since fe8ref
// imports edwards25519.
package edwards25519_test

import (
	"math/big"
	"math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/edwards25519"
	"github.com/tlscore/tlscore/internal/edwards25519/fe8ref"
)

type Fe8 = edwards25519.Fe8

var p = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))

func skipNoIFMA(t *testing.T) {
	if !cpu.Hardware(cpu.AVX512IFMA) || !cpu.Hardware(cpu.AVX512VL) {
		t.Skip("no AVX-512 IFMA")
	}
}

// fe8Rand returns 8 lanes of limbs below 2^52, with extremes.
func fe8Rand(r *rand.Rand) Fe8 {
	var v Fe8
	for i := range v {
		for l := range v[i] {
			switch r.IntN(5) {
			case 0:
				v[i][l] = 1<<52 - 1
			case 1:
				v[i][l] = 0
			case 2:
				v[i][l] = 1<<51 + r.Uint64()>>48
			default:
				v[i][l] = r.Uint64() >> 12
			}
		}
	}
	return v
}

// fe8Lane returns lane l of v as an integer (not reduced).
func fe8Lane(v *Fe8, l int) *big.Int {
	x := new(big.Int)
	for i := 4; i >= 0; i-- {
		x.Lsh(x, 51)
		x.Add(x, new(big.Int).SetUint64(v[i][l]))
	}
	return x
}

func TestFe8Asm(t *testing.T) {
	skipNoIFMA(t)
	r := rand.New(rand.NewPCG(15, 16))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for range n {
		x, y := fe8Rand(r), fe8Rand(r)
		var a, b Fe8
		edwards25519.Fe8Mul(&a, &x, &y)
		fe8ref.Mul(&b, &x, &y)
		if a != b {
			t.Fatalf("mul8(%x, %x) = %x, Go %x", x, y, a, b)
		}
		for l := range 8 {
			want := new(big.Int).Mul(fe8Lane(&x, l), fe8Lane(&y, l))
			got := fe8Lane(&a, l)
			if got.Sub(got, want).Mod(got, p).Sign() != 0 {
				t.Fatalf("mul8 lane %d wrong", l)
			}
			for i := range 5 {
				if a[i][l] >= 1<<52 {
					t.Fatalf("mul8 limb out of range")
				}
			}
		}
		edwards25519.Fe8Sqr(&a, &x, 3)
		fe8ref.Sqr(&b, &x, 3)
		if a != b {
			t.Fatalf("sqr8^3(%x) = %x, Go %x", x, a, b)
		}
		a = x
		edwards25519.Fe8Mul(&a, &a, &y)
		fe8ref.Mul(&b, &x, &y)
		if a != b {
			t.Fatal("aliased mul8 differs")
		}
	}
}

// TestFe8AddSub compares feAdd8IFMA and feSub8IFMA with their Go
// references limb for limb, on limbs up to 2^52 - 1.
func TestFe8AddSub(t *testing.T) {
	skipNoIFMA(t)
	r := rand.New(rand.NewPCG(13, 14))
	for n := range 200 {
		var x, y Fe8
		for i := range 5 {
			for l := range 8 {
				x[i][l], y[i][l] = r.Uint64()>>12, r.Uint64()>>12
				if n%5 == 0 {
					x[i][l], y[i][l] = 1<<52-1, 1<<52-39
				}
			}
		}
		var a, b Fe8
		edwards25519.Fe8Add(&a, &x, &y)
		fe8ref.Add(&b, &x, &y)
		if a != b {
			t.Fatal("feAdd8IFMA differs from fe8ref.Add")
		}
		edwards25519.Fe8Sub(&a, &x, &y)
		fe8ref.Sub(&b, &x, &y)
		if a != b {
			t.Fatal("feSub8IFMA differs from fe8ref.Sub")
		}
	}
}

// The Go references of add8, sub8 and mul121665x8 agree with big.Int
// (the assembly is covered by TestFe8AddSub and, for mul121665x8, through
// kx/x25519's ladderIFMA).
func TestFe8Generic(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	for range 300 {
		x, y := fe8Rand(r), fe8Rand(r)
		var s, d, m Fe8
		fe8ref.Add(&s, &x, &y)
		// sub8 takes a subtrahend as every function returns it: limbs
		// below 2^51 + 2^17 (under the 2p limbs).
		ys := y
		for i := range ys {
			for l := range ys[i] {
				ys[i][l] &= 1<<51 + 1<<17 - 1
			}
		}
		fe8ref.Sub(&d, &x, &ys)
		fe8ref.Mul121665(&m, &x)
		for l := range 8 {
			X, Y := fe8Lane(&x, l), fe8Lane(&y, l)
			for _, c := range []struct {
				got  *Fe8
				want *big.Int
			}{
				{&s, new(big.Int).Add(X, Y)},
				{&d, new(big.Int).Sub(X, fe8Lane(&ys, l))},
				{&m, new(big.Int).Mul(X, big.NewInt(121665))},
			} {
				g := fe8Lane(c.got, l)
				if g.Sub(g, c.want).Mod(g, p).Sign() != 0 {
					t.Fatalf("lane %d wrong", l)
				}
				for i := range 5 {
					if c.got[i][l] >= 1<<52 {
						t.Fatalf("limb out of range")
					}
				}
			}
		}
	}
}
