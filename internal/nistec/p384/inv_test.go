package p384

import (
	"math/big"
	mrand "math/rand/v2"
	"testing"
)

// TestInverse compares the constant-time and variable-time inversions mod
// p and mod n with math/big on edge values (0, 1, 2, m-1, ...) and random
// ones, checks that the constant-time one ends with g = 0, and compares
// finv, ninv and ninvPublic (Montgomery form) with Fermat's expMod.
func TestInverse(t *testing.T) {
	r := mrand.New(mrand.NewPCG(1, 2))
	n := 3000
	if testing.Short() {
		n = 300
	}
	for _, c := range []struct {
		md *modulus
		mi *modInv62
	}{{&fp, &fpInv}, {&fn, &fnInv}} {
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
			c.mi.inverse(&z, &x)
			c.mi.inverseVartime(&zv, &x)
			if bigOf(&z).Cmp(want) != 0 || bigOf(&zv).Cmp(want) != 0 {
				t.Fatalf("inverse(%x) = %x, vartime %x, want %x", x, z, zv, want)
			}
			if g := remainingG(c.mi, &x); !g.isZero() {
				t.Fatalf("g = %x after %d batches for %x", g, ctBatches, x)
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

// remainingG runs the batches of inverse and returns the final g.
func remainingG(mi *modInv62, x *elem) s62 {
	var d, e s62
	e[0] = 1
	f, g := mi.m, toS62(x)
	zeta := int64(-1)
	var t trans2x2
	for range ctBatches {
		zeta = divsteps59(zeta, uint64(f[0]), uint64(g[0]), &t)
		mi.updateDE(&d, &e, &t)
		updateFG(&f, &g, &t)
	}
	return g
}
