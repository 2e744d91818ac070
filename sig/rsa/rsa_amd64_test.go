//go:build amd64 && gc && !purego

package rsa

import (
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
)

func skipNoIFMA(t testing.TB) {
	if !ifmaAvailable() {
		t.Skip("the avx512ifma implementation is not available")
	}
}

// ifmaAvailable reports whether the registry offers "avx512ifma", whose
// requirements (registered in rsa.go) are the only statement of them.
func ifmaAvailable() bool {
	for _, im := range dispatch.List(alg) {
		if im.Name == implAVX512IFMA {
			return im.Available
		}
	}
	return false
}

// TestIFMAPath checks which path each key size takes.
func TestIFMAPath(t *testing.T) {
	skipNoIFMA(t)
	defer dispatch.Reset("rsa")
	if err := dispatch.Select("rsa", "avx512ifma"); err != nil {
		t.Fatal(err)
	}
	for _, bits := range testKeySizes {
		sk, err := NewPrivateKey(testKey(t, bits))
		if err != nil {
			t.Fatal(err)
		}
		want := bits == 2048 || bits == 3072 || bits == 4096
		if got := sk.ifma != nil && sk.exp2 != nil; got != want {
			t.Errorf("%d bits: IFMA path %v, want %v", bits, got, want)
		}
	}
}

// TestIFMAKernels checks ammIFMA<n>x2 against ammRef and math/big, and
// selectIFMA<n>x2 against a plain lookup, on random and edge operands.
func TestIFMAKernels(t *testing.T) {
	skipNoIFMA(t)
	rng := mrand.New(mrand.NewPCG(5, 6))
	for _, c := range []struct{ n, bits int }{{20, 1024}, {32, 1536}, {40, 2048}} {
		t.Run(fmt.Sprint(c.bits), func(t *testing.T) {
			n := c.n
			var mods [2]*big.Int
			var md [2]*modulus
			for h := range 2 {
				mods[h] = randOdd(rng, c.bits)
				md[h] = newModulus(mods[h].Bytes(), c.bits)
			}
			if c.bits == 2048 {
				// all-ones modulus
				mods[1] = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 2048), big.NewInt(1))
				md[1] = newModulus(mods[1].Bytes(), 2048)
			}
			ik := newIFMAKey(n, md[0], md[1])
			Rp := new(big.Int).Lsh(big.NewInt(1), uint(52*n))
			k := len(md[0].n)
			var vals [2][]*big.Int
			for h := range 2 {
				vals[h] = edgeValues(rng, mods[h], 6)
				// values up to 2m-1 are valid AMM inputs
				twoM := new(big.Int).Lsh(mods[h], 1)
				vals[h] = append(vals[h], new(big.Int).Sub(twoM, big.NewInt(1)), new(big.Int).Add(mods[h], big.NewInt(5)))
			}
			for i, x0 := range vals[0] {
				for j, y0 := range vals[0] {
					x1, y1 := vals[1][(i+3)%len(vals[1])], vals[1][(j+1)%len(vals[1])]
					a, b := make([]uint64, 2*n), make([]uint64, 2*n)
					to52(a[:n], toWords(x0, k+1))
					to52(a[n:], toWords(x1, k+1))
					to52(b[:n], toWords(y0, k+1))
					to52(b[n:], toWords(y1, k+1))
					r := make([]uint64, 2*n)
					ammX2(n, r, a, b, ik)
					ref := make([]uint64, 2*n)
					ammRef(ref[:n], a[:n], b[:n], ik.m[:n], ik.k0[0])
					ammRef(ref[n:], a[n:], b[n:], ik.m[n:], ik.k0[1])
					for h, xy := range [][2]*big.Int{{x0, y0}, {x1, y1}} {
						got := fromWords52(r[h*n : (h+1)*n])
						if want := fromWords52(ref[h*n : (h+1)*n]); got.Cmp(want) != 0 {
							t.Fatalf("half %d: amm(%x, %x) = %x, ammRef %x", h, xy[0], xy[1], got, want)
						}
						for _, l := range r[h*n : (h+1)*n] {
							if l > mask52 {
								t.Fatalf("unnormalized limb %x", l)
							}
						}
						Rinv := new(big.Int).ModInverse(Rp, mods[h])
						want := new(big.Int).Mul(xy[0], xy[1])
						want.Mul(want, Rinv).Mod(want, mods[h])
						if g := new(big.Int).Mod(got, mods[h]); g.Cmp(want) != 0 || got.Cmp(new(big.Int).Lsh(mods[h], 1)) >= 0 {
							t.Fatalf("half %d: amm(%x, %x) = %x, want %x mod m, below 2m", h, xy[0], xy[1], got, want)
						}
					}
					// aliasing
					ammX2(n, a, a, b, ik)
					for l := range a {
						if a[l] != r[l] {
							t.Fatal("aliased AMM differs")
						}
					}
				}
			}
			tbl := make([]uint64, 32*2*n)
			for i := range tbl {
				tbl[i] = rng.Uint64() & mask52
			}
			r := make([]uint64, 2*n)
			for i0 := range uint64(32) {
				i1 := (i0*7 + 3) % 32
				selectX2(n, r, tbl, i0, i1)
				for l := range n {
					if r[l] != tbl[int(i0)*2*n+l] || r[n+l] != tbl[int(i1)*2*n+n+l] {
						t.Fatalf("select(%d, %d) wrong", i0, i1)
					}
				}
			}
		})
	}
}

func fromWords52(l []uint64) *big.Int {
	x := new(big.Int)
	for i := len(l) - 1; i >= 0; i-- {
		x.Lsh(x, 52)
		x.Or(x, new(big.Int).SetUint64(l[i]))
	}
	return x
}

func BenchmarkIFMA(b *testing.B) {
	skipNoIFMA(b)
	for _, c := range []struct{ n, bits int }{{20, 1024}, {32, 1536}, {40, 2048}} {
		rng := mrand.New(mrand.NewPCG(5, 6))
		p := newModulus(randOdd(rng, c.bits).Bytes(), c.bits)
		ik := newIFMAKey(c.n, p, p)
		x := append([]uint64(nil), ik.rr...)
		b.Run(fmt.Sprintf("amm/%d", c.bits), func(b *testing.B) {
			for b.Loop() {
				ammX2(c.n, x, x, x, ik)
			}
		})
		tbl := make([]uint64, 64*c.n)
		b.Run(fmt.Sprintf("select/%d", c.bits), func(b *testing.B) {
			for b.Loop() {
				selectX2(c.n, x, tbl, 3, 4)
			}
		})
	}
}

// TestPublicExpIFMA checks the one-half IFMA public exponentiation against
// math/big for moduli of each size it takes, with edge bases.
func TestPublicExpIFMA(t *testing.T) {
	skipNoIFMA(t)
	rng := mrand.New(mrand.NewPCG(7, 8))
	for _, bits := range []int{1024, 1536, 2048} {
		n := randOdd(rng, bits)
		m := newModulusVarTime(n)
		f := publicExpFunc("avx512ifma", m, n)
		if f == nil {
			t.Fatalf("%d bits: no IFMA path", bits)
		}
		for _, e := range []uint64{3, 65537, 1<<31 - 1} {
			for _, x := range edgeValues(rng, n, 5) {
				out := make([]uint64, len(m.n))
				f(out, toWords(x, len(m.n)), e)
				want := new(big.Int).Exp(x, new(big.Int).SetUint64(e), n)
				if got := fromWords(out); got.Cmp(want) != 0 {
					t.Fatalf("%d bits: %x^%d = %x, want %x", bits, x, e, got, want)
				}
			}
		}
	}
}
