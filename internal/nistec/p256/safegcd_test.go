package p256

import (
	"math/big"
	mrand "math/rand/v2"
	"testing"
)

func TestSafegcd(t *testing.T) {
	r := mrand.New(mrand.NewPCG(21, 22))
	for _, md := range []*modulus{&fp, &fn} {
		mi := newModInv62(&md.m)
		mb := bigOf(&md.m)
		vals := append(edgeElems(&md.m), randElem(r, &md.m))
		for range 3000 {
			vals = append(vals, randElem(r, &md.m))
		}
		for _, x := range vals {
			var z elem
			mi.inverse(&z, &x)
			want := new(big.Int).ModInverse(bigOf(&x), mb)
			if want == nil {
				want = new(big.Int)
			}
			if bigOf(&z).Cmp(want) != 0 {
				t.Fatalf("inverse(%x) mod %x = %x, want %x", bigOf(&x), mb, bigOf(&z), want)
			}
		}
	}
}

func BenchmarkSafegcd(b *testing.B) {
	mi := newModInv62(&fp.m)
	x := fp.rr
	for b.Loop() {
		mi.inverse(&x, &x)
	}
}

// TestInverseFermat checks finv and ninv (divsteps) against the Fermat
// versions for every implementation.
func TestInverseFermat(t *testing.T) {
	r := mrand.New(mrand.NewPCG(23, 24))
	for _, im := range []Impl{implGeneric, Chosen()} {
		for range 200 {
			x, y := randElem(r, &fp.m), randElem(r, &fn.m)
			var a, b elem
			im.finv(&a, &x)
			im.finvFermat(&b, &x)
			if a != b {
				t.Fatal("finv != finvFermat")
			}
			im.ninv(&a, &y)
			im.ninvFermat(&b, &y)
			if a != b {
				t.Fatal("ninv != ninvFermat")
			}
		}
	}
}
