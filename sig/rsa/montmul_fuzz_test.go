package rsa

import (
	"bytes"
	"math/big"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
)

// FuzzMontMul checks every RSA implementation's Montgomery
// multiplication and squaring against math/big, for fuzzed operands and odd
// moduli of 16, 24, 32, 48 and 64 words (the sizes with assembly), one size
// without (20 words), and each of them one bit short (the top word's carry).
// Where the CPU has AVX-512 IFMA, the 52-bit AMM kernel of the prime sizes is
// checked against its Go reference and math/big too. The kernels are
// unexported, so this target lives in the package (the differential targets
// of the exported API are in package fuzz).
func FuzzMontMul(f *testing.F) {
	f.Add(uint8(0), []byte{1}, []byte{2}, []byte{3})
	f.Add(uint8(2), []byte{0xff, 0xff}, []byte{0xff}, []byte{0xff, 0xff, 0xff})
	f.Add(uint8(0x84), bytes.Repeat([]byte{0xff}, 512), bytes.Repeat([]byte{0xff}, 512), bytes.Repeat([]byte{0xff}, 512))
	f.Add(uint8(3), []byte{}, []byte{0}, bytes.Repeat([]byte{0x80}, 256))
	sizes := []int{16, 24, 32, 48, 64, 20}
	impls := dispatch.List("rsa")
	f.Fuzz(func(t *testing.T, sz uint8, xb, yb, mb []byte) {
		k := sizes[int(sz)%len(sizes)]
		// Operands longer than the largest modulus add nothing but time.
		xb, yb, mb = xb[:min(len(xb), 512)], yb[:min(len(yb), 512)], mb[:min(len(mb), 512)]
		R := new(big.Int).Lsh(big.NewInt(1), uint(64*k))
		m := new(big.Int).SetBytes(mb)
		m.And(m, new(big.Int).Sub(R, big.NewInt(1)))
		m.SetBit(m, 64*k-1, 1) // exactly 64k bits, odd
		m.SetBit(m, 0, 1)
		if sz&0x80 != 0 {
			m.Rsh(m, 1) // 64k-1 bits
			m.SetBit(m, 0, 1)
		}
		x := new(big.Int).SetBytes(xb)
		x.Mod(x, m)
		// y may be any k-word value (the kernels take y < R, not only
		// y < m); x stays below m.
		y := new(big.Int).SetBytes(yb)
		y.Mod(y, R)
		// Edge operands on some inputs: x = m-1, y = R-1, x = 0.
		switch sz >> 4 & 3 {
		case 1:
			x.Sub(m, big.NewInt(1))
		case 2:
			y.Sub(R, big.NewInt(1)) // all limbs at their maximum
		case 3:
			x.SetInt64(0)
		}
		Rinv := new(big.Int).ModInverse(R, m)
		wantXY := new(big.Int).Mul(x, y)
		wantXY.Mul(wantXY, Rinv).Mod(wantXY, m)
		wantXX := new(big.Int).Mul(x, x)
		wantXX.Mul(wantXX, Rinv).Mod(wantXX, m)
		mw := intToWords(m, k)
		for _, im := range impls {
			if !im.Available {
				continue
			}
			xy, xx := montMulForTest(im.Name, intToWords(x, k), intToWords(y, k), mw)
			if got := wordsInt(xy); got.Cmp(wantXY) != 0 {
				t.Fatalf("%s, %d words: x*y/R = %x, want %x", im.Name, k, got, wantXY)
			}
			if got := wordsInt(xx); got.Cmp(wantXX) != 0 {
				t.Fatalf("%s, %d words: x*x/R = %x, want %x", im.Name, k, got, wantXX)
			}
		}
		// AMM takes inputs below 2m: let y use that room.
		y2 := new(big.Int).SetBytes(yb)
		y2.Mod(y2, new(big.Int).Lsh(m, 1))
		h0, h1, ref, n := ifmaAMMForTest(intToWords(x, k+1), intToWords(y2, k+1), mw)
		if n == 0 {
			return
		}
		for i := range n {
			if h0[i] != ref[i] || h1[i] != ref[i] {
				t.Fatalf("%d words: IFMA AMM differs from its Go reference", k)
			}
			if h0[i]>>52 != 0 {
				t.Fatalf("%d words: IFMA AMM limb %d is not normalized: %#x", k, i, h0[i])
			}
		}
		Rp := new(big.Int).Lsh(big.NewInt(1), uint(52*n))
		want := new(big.Int).Mul(x, y2)
		want.Mul(want, new(big.Int).ModInverse(Rp, m)).Mod(want, m)
		z := limbs52Int(h0)
		if z.Cmp(new(big.Int).Lsh(m, 1)) >= 0 {
			t.Fatalf("%d words: IFMA AMM result %x is not below 2m", k, z)
		}
		if got := new(big.Int).Mod(z, m); got.Cmp(want) != 0 {
			t.Fatalf("%d words: IFMA AMM = %x mod m, want %x", k, got, want)
		}
	})
}

func intToWords(x *big.Int, k int) []uint64 {
	w := make([]uint64, k)
	for i, d := range x.Bits() { // big.Word is 64 bits on every platform we test
		w[i] = uint64(d)
	}
	return w
}

func wordsInt(w []uint64) *big.Int {
	x := new(big.Int)
	for i := len(w) - 1; i >= 0; i-- {
		x.Lsh(x, 64).Or(x, new(big.Int).SetUint64(w[i]))
	}
	return x
}

func limbs52Int(l []uint64) *big.Int {
	x := new(big.Int)
	for i := len(l) - 1; i >= 0; i-- {
		x.Lsh(x, 52).Or(x, new(big.Int).SetUint64(l[i]))
	}
	return x
}

// montMulForTest returns x*y/R mod m and x*x/R mod m, R = 2^(64*len(m)),
// computed by the len(m)-word Montgomery multiplication and squaring of the
// named implementation ("avx512ifma" and "adx" use the MULX/ADCX/ADOX
// kernels where the CPU has them and the size has one, else the generic
// code). All slices are little-endian 64-bit words of len(m); m is odd with
// a non-zero top word, x < m and y < 2^(64*len(m)). Results are fully
// reduced. The squaring runs in place.
func montMulForTest(impl string, x, y, m []uint64) (xy, xx []uint64) {
	k := len(m)
	md := newModulusVarTime(wordsToInt(m))
	mul, sqr := kernels(impl, k)
	xy, xx = make([]uint64, k), make([]uint64, k)
	mul(xy, x, y, md)
	copy(xx, x)
	sqr(xx, xx, xx, md) // in place, as the exponentiations call it
	return xy, xx
}

// wordsToInt returns the little-endian words w as a big.Int.
func wordsToInt(w []uint64) *big.Int {
	b := make([]byte, 8*len(w))
	for i, v := range w {
		for j := range 8 {
			b[len(b)-1-8*i-j] = byte(v >> (8 * j))
		}
	}
	return new(big.Int).SetBytes(b)
}
