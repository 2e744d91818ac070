package p256

import (
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/internal/safegcd"
)

func TestSafegcd(t *testing.T) {
	r := mrand.New(mrand.NewPCG(21, 22))
	im := Chosen()
	for _, md := range []*modulus{&fp, &fn} {
		mi := newModulus(&md.m)
		mb := bigOf(&md.m)
		vals := append(edgeElems(&md.m), randElem(r, &md.m))
		for range 3000 {
			vals = append(vals, randElem(r, &md.m))
		}
		for _, x := range vals {
			var z elem
			inverse(im, mi, &z, &x)
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
	mi := newModulus(&fp.m)
	x := fp.rr
	for b.Loop() {
		inverse(Chosen(), mi, &x, &x)
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

// TestSafegcdUpdates checks the matrix updates of every implementation
// against safegcd.UpdateFG and safegcd.Modulus.UpdateDE, on random limbs, signed top
// limbs and matrices with entries up to 2^62 in absolute value (|u|+|v|
// <= 2^62, as safegcd.Divsteps59 makes them).
func TestSafegcdUpdates(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(25, 26))
		rs62 := func(top int64) s62 {
			var v s62
			for i := range 4 {
				v[i] = int64(r.Uint64() & safegcd.Mask62)
			}
			v[4] = top
			return v
		}
		entry := func() int64 {
			x := int64(r.Uint64()>>(2+r.IntN(60))) >> 1
			if r.IntN(2) == 0 {
				x = -x
			}
			return x
		}
		for _, md := range []*modulus{&fp, &fn} {
			mi := newModulus(&md.m)
			for n := range 2000 {
				tr := safegcd.Matrix{U: entry(), V: entry(), Q: entry(), R: entry()}
				if n%7 == 0 {
					tr = safegcd.Matrix{U: 1 << 62, R: 1 << 62}
				}
				if n%11 == 0 {
					tr = safegcd.Matrix{U: -(1 << 61), V: -(1 << 61), Q: 1 << 61, R: -(1 << 61)}
				}
				top := func() int64 { return int64(r.Uint64()>>(4+r.IntN(62))) * int64(1-2*r.IntN(2)) }
				f, g := rs62(top()), rs62(top())
				d, e := rs62(top()>>8), rs62(top()>>8)
				f1, g1, d1, e1 := f, g, d, e
				f2, g2, d2, e2 := f, g, d, e
				if !updateFGAsm(im, &f1, &g1, &tr) {
					safegcd.UpdateFG(&f1, &g1, &tr)
				}
				safegcd.UpdateFG(&f2, &g2, &tr)
				if f1 != f2 || g1 != g2 {
					t.Fatalf("updateFG(%v, %v, %v) = %v, %v, want %v, %v", f, g, tr, f1, g1, f2, g2)
				}
				if !updateDEAsm(im, mi, &d1, &e1, &tr) {
					mi.UpdateDE(&d1, &e1, &tr)
				}
				mi.UpdateDE(&d2, &e2, &tr)
				if d1 != d2 || e1 != e2 {
					t.Fatalf("updateDE(%v, %v, %v) = %v, %v, want %v, %v", d, e, tr, d1, e1, d2, e2)
				}
			}
		}
	})
}

// TestDivsteps checks every implementation's divsteps (divsteps59CMOV
// for "adx") against safegcd.Divsteps59, on random words, words with long
// runs of zero or one bits, and zeta across its range, including the
// values at which the sign test flips.
func TestDivsteps(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(27, 28))
		word := func() uint64 {
			switch r.IntN(4) {
			case 0:
				return r.Uint64() << r.IntN(64)
			case 1:
				return ^(r.Uint64() << r.IntN(64))
			}
			return r.Uint64()
		}
		for n := range 20000 {
			f, g := word()|1, word()
			zeta := int64(r.IntN(1200)) - 600
			switch n % 5 {
			case 0:
				zeta = -1
			case 1:
				zeta = int64(r.IntN(3)) - 1
			}
			var t1, t2 safegcd.Matrix
			z1 := divsteps(im, zeta, f, g, &t1)
			z2 := safegcd.Divsteps59(zeta, f, g, &t2)
			if z1 != z2 || t1 != t2 {
				t.Fatalf("divsteps(%d, %#x, %#x) = %d, %v, want %d, %v", zeta, f, g, z1, t1, z2, t2)
			}
		}
	})
}

// ninvFermat is ninv by Fermat (x^(n-2)), kept as a cross-check. n-2 is ffffffff 00000000 ffffffff ffffffff
// bce6faad a7179e84 f3b9cac2 fc63254f: the high half by a chain of
// all-ones blocks, the low half by fixed 4-bit windows (its nibbles are
// public).
func (im Impl) ninvFermat(z, x *elem) {
	var tab [16]elem // x^i
	tab[1] = *x
	for i := 2; i < 16; i++ {
		montMul(im, &tab[i], &tab[i-1], x, &fn)
	}
	var x8, x16, x32, t elem
	montSqrN(im, &t, &tab[15], 4, &fn)
	montMul(im, &x8, &t, &tab[15], &fn)
	montSqrN(im, &t, &x8, 8, &fn)
	montMul(im, &x16, &t, &x8, &fn)
	montSqrN(im, &t, &x16, 16, &fn)
	montMul(im, &x32, &t, &x16, &fn)
	montSqrN(im, &t, &x32, 64, &fn)
	montMul(im, &t, &t, &x32, &fn)
	montSqrN(im, &t, &t, 32, &fn)
	montMul(im, &t, &t, &x32, &fn) // ffffffff 00000000 ffffffff ffffffff
	for i := 31; i >= 0; i-- {
		nib := (fn.mm2[i/16] >> (4 * (i % 16))) & 15
		montSqrN(im, &t, &t, 4, &fn)
		if nib != 0 {
			montMul(im, &t, &t, &tab[nib], &fn)
		}
	}
	*z = t
}

// finvFermat is finv by Fermat's little theorem (x^(p-2)) with an addition
// chain, 255 squarings and 12 multiplications, kept as a cross-check of
// the divsteps in tests. The words of p-2 are ffffffff 00000001 00000000
// 00000000 00000000 ffffffff ffffffff fffffffd; xN is x^(2^N - 1).
func (im Impl) finvFermat(z, x *elem) {
	var x2, x3, x6, x12, x15, x30, x32, t elem
	im.fsqr(&t, x)
	im.fmul(&x2, &t, x)
	im.fsqr(&t, &x2)
	im.fmul(&x3, &t, x)
	im.fsqrN(&t, &x3, 3)
	im.fmul(&x6, &t, &x3)
	im.fsqrN(&t, &x6, 6)
	im.fmul(&x12, &t, &x6)
	im.fsqrN(&t, &x12, 3)
	im.fmul(&x15, &t, &x3)
	im.fsqrN(&t, &x15, 15)
	im.fmul(&x30, &t, &x15)
	im.fsqrN(&t, &x30, 2)
	im.fmul(&x32, &t, &x2)
	im.fsqrN(&t, &x32, 32) // ffffffff 00000000
	im.fmul(&t, &t, x)     // ffffffff 00000001
	im.fsqrN(&t, &t, 128)  // then 3 zero words, room for a fourth
	im.fmul(&t, &t, &x32)  // ... ffffffff
	im.fsqrN(&t, &t, 32)
	im.fmul(&t, &t, &x32) // ... ffffffff ffffffff
	im.fsqrN(&t, &t, 30)
	im.fmul(&t, &t, &x30) // ... then 30 ones
	im.fsqrN(&t, &t, 2)
	im.fmul(z, &t, x) // ... fffffffd
}
