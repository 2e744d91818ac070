package rsa

import (
	"math/big"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
)

// FuzzMontMul checks every implementation's Montgomery kernel against
// math/big for fuzzed operands and odd moduli of 16, 24, 32, 48 and 64
// words (the sizes with assembly) and one size without. (The kernels are
// unexported, so this target lives here rather than in package fuzz; the
// signature-level targets are fuzz.FuzzRSASign and fuzz.FuzzRSAVerify.)
func FuzzMontMul(f *testing.F) {
	f.Add(uint8(0), []byte{1}, []byte{2}, []byte{3})
	f.Add(uint8(2), []byte{0xff, 0xff}, []byte{0xff}, []byte{0xff, 0xff, 0xff})
	sizes := []int{16, 24, 32, 48, 64, 20}
	impls := dispatch.List("rsa")
	f.Fuzz(func(t *testing.T, sz uint8, xb, yb, mb []byte) {
		k := sizes[int(sz)%len(sizes)]
		// Operands longer than the largest modulus add nothing but time.
		xb, yb, mb = xb[:min(len(xb), 512)], yb[:min(len(yb), 512)], mb[:min(len(mb), 512)]
		R := new(big.Int).Lsh(big.NewInt(1), uint(64*k))
		m := new(big.Int).SetBytes(mb)
		// Cut the modulus to exactly 64k bits (top bit set), odd.
		m.And(m, new(big.Int).Sub(R, big.NewInt(1)))
		m.SetBit(m, 64*k-1, 1)
		m.SetBit(m, 0, 1)
		if sz&0x80 != 0 {
			m.Rsh(m, 1) // 64k-1 bits: exercises the carry word
			m.SetBit(m, 0, 1)
		}
		x := new(big.Int).SetBytes(xb)
		x.Mod(x, m)
		y := new(big.Int).SetBytes(yb)
		y.Mod(y, R)
		// The public-modulus setup keeps each call short; the constant-time
		// newModulus's R^2 is checked in TestMontMulBig.
		md := newModulusVarTime(m)
		want := new(big.Int).Mul(x, y)
		want.Mul(want, new(big.Int).ModInverse(R, m)).Mod(want, m)
		for _, im := range impls {
			if !im.Available {
				continue
			}
			mul, sqr := kernels(im.Name, k)
			z := make([]uint64, k)
			mul(z, toWords(x, k), toWords(y, k), md)
			if got := fromWords(z); got.Cmp(want) != 0 {
				t.Fatalf("%s, %d words: got %x, want %x", im.Name, k, got, want)
			}
			xw := toWords(x, k)
			sqr(xw, xw, xw, md)
			want2 := new(big.Int).Mul(x, x)
			want2.Mul(want2, new(big.Int).ModInverse(R, m)).Mod(want2, m)
			if got := fromWords(xw); got.Cmp(want2) != 0 {
				t.Fatalf("%s, %d words: square %x, want %x", im.Name, k, got, want2)
			}
		}
		fuzzIFMA(t, k, m, x, y)
	})
}
