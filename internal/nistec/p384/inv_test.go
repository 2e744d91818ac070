package p384

import (
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/safegcd"
)

// TestInverse compares the constant-time and variable-time inversions mod
// p and mod n with math/big on edge values (0, 1, 2, m-1, ...) and random
// ones, checks that the constant-time one runs 19 batches (1121 >= 1110
// divsteps), and compares finv, ninv and ninvPublic (Montgomery form)
// with Fermat's expMod.
func TestInverse(t *testing.T) {
	r := mrand.New(mrand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for _, c := range []struct {
		md *modulus
		mi *safegcd.Modulus[s62]
	}{{&fp, fpInv}, {&fn, fnInv}} {
		if c.mi.Batches != 19 {
			t.Fatalf("%d batches, want 19", c.mi.Batches)
		}
		mb := bigOf(&c.md.m)
		vals := append(edgeElems(&c.md.m), elem{3})
		for range n {
			vals = append(vals, randElem(r, &c.md.m))
		}
		for _, x := range vals {
			want := new(big.Int).ModInverse(bigOf(&x), mb)
			if want == nil {
				want = new(big.Int) // 0 for 0
			}
			var z, zv elem
			c.mi.Invert(z[:], x[:])
			c.mi.InvertVartime(zv[:], x[:])
			if bigOf(&z).Cmp(want) != 0 || bigOf(&zv).Cmp(want) != 0 {
				t.Fatalf("inverse(%x) = %x, vartime %x, want %x", x, z, zv, want)
			}
			var xm, a, b elem
			toMont(implGeneric, &xm, &x, c.md)
			expMod(implGeneric, &a, &xm, &c.md.mm2, c.md)
			if c.md == &fp {
				implGeneric.finv(&b, &xm)
			} else {
				implGeneric.ninv(&b, &xm)
				var v elem
				implGeneric.ninvPublic(&v, &xm)
				if v != a {
					t.Fatalf("ninvPublic(%x) = %x, want %x", xm, v, a)
				}
			}
			if a != b {
				t.Fatalf("inversion of %x = %x, Fermat %x", xm, b, a)
			}
		}
	}
}
