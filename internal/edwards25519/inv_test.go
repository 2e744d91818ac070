package edwards25519

import (
	"math/big"
	"math/rand/v2"
	"testing"
)

// TestP25519 checks the modulus of the inversion.
func TestP25519(t *testing.T) {
	var m big.Int
	for i := len(p25519.M) - 1; i >= 0; i-- {
		m.Lsh(&m, 62).Add(&m, big.NewInt(p25519.M[i]))
	}
	if m.Cmp(p) != 0 || p25519.Batches != 10 {
		t.Fatalf("p25519 = %x with %d batches, want %x with 10", &m, p25519.Batches, p)
	}
}

// invEdgeValues are field elements (as integers, some >= p) that reach
// edge cases of the inversions.
func invEdgeValues() []*big.Int {
	var xs []*big.Int
	two := func(e uint) *big.Int { return new(big.Int).Lsh(big.NewInt(1), e) }
	for _, d := range []int64{0, 1, 2, 3, 19, -1, -2, -19} {
		xs = append(xs, new(big.Int).Mod(big.NewInt(d), p)) // d mod p
		xs = append(xs, new(big.Int).Add(p, big.NewInt(d))) // p + d (d >= 0: >= p)
	}
	for _, e := range []uint{62, 63, 64, 124, 128, 186, 192, 248, 254} {
		xs = append(xs, two(e), new(big.Int).Sub(two(e), big.NewInt(1)))
	}
	xs = append(xs, new(big.Int).Sub(two(255), big.NewInt(1))) // 2^255-1 >= p
	return xs
}

// TestInvertSafegcd compares the divstep inversion with big.Int and with
// the Fermat inversion (feInvert) on random and edge inputs.
func TestInvertSafegcd(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	n := 20000
	if testing.Short() {
		n = 1000
	}
	xs := invEdgeValues()
	for i := range n {
		var b [32]byte
		fill(r, b[:])
		switch i % 4 {
		case 1:
			b[31] &= 0x7f
		case 2: // small values: few bits set
			for j := 4 + r.IntN(28); j < 32; j++ {
				b[j] = 0
			}
		case 3: // close to p
			for j := 1 + r.IntN(31); j < 32; j++ {
				b[j] = 0xff
			}
			b[31] = 0x7f
		}
		for j := 0; j < 16; j++ {
			b[j], b[31-j] = b[31-j], b[j]
		}
		xs = append(xs, new(big.Int).SetBytes(b[:]))
	}
	for _, x := range xs {
		want := new(big.Int).ModInverse(new(big.Int).Mod(x, p), p)
		if want == nil {
			want = new(big.Int)
		}
		wb := le32(want)
		xb := le32(x) // may be >= p (up to 2^256-1): bit 255 is dropped by the decoders
		if x.BitLen() > 255 {
			continue
		}
		var a, v, f Fe
		FeFromBytes(&a, &xb)
		FeInvert(&v, &a)
		FeInvertFermat(&f, &a)
		var got, fb [32]byte
		FeToBytes(&got, &v)
		FeToBytes(&fb, &f)
		if got != wb || fb != wb {
			t.Fatalf("1/%x: safegcd %x, Fermat %x, want %x", x, got, fb, wb)
		}
		// invert62 directly on canonical words, aliased.
		var w Fe64
		Fe64FromBytes(&w, &xb)
		var c [32]byte
		Fe64ToBytes(&c, &w)
		Fe64FromBytes(&w, &c)
		invert62((*[4]uint64)(&w), (*[4]uint64)(&w))
		var wb2 [32]byte
		Fe64ToBytes(&wb2, &w)
		if wb2 != wb {
			t.Fatalf("invert62(%x) = %x, want %x", x, wb2, wb)
		}
	}
}

// signedDigitsRef is the digit-by-digit recoding that signedDigits computes
// with one 256-bit addition.
func signedDigitsRef(k *[32]byte) [64]int8 {
	var e [64]int8
	for i, b := range k {
		e[2*i] = int8(b & 15)
		e[2*i+1] = int8(b >> 4)
	}
	for i := 0; i < 63; i++ {
		carry := (e[i] + 8) >> 4
		e[i] -= carry << 4
		e[i+1] += carry
	}
	return e
}

func TestSignedDigits(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	var ks [][32]byte
	var ones, eights, sevens [32]byte
	for i := range ones {
		ones[i], eights[i], sevens[i] = 0xff, 0x88, 0x77
	}
	ones[31], eights[31] = 0x7f, 0x78
	ks = append(ks, [32]byte{}, ones, eights, sevens)
	for range 5000 {
		var k [32]byte
		fill(r, k[:])
		k[31] &= 0x7f
		ks = append(ks, k)
	}
	for _, k := range ks {
		got, want := SignedDigits(&k), signedDigitsRef(&k)
		if got != want {
			t.Fatalf("signedDigits(%x) = %v, want %v", k, got, want)
		}
		for i, d := range got {
			if d < -8 || d > 8 || (i < 63 && d > 7) {
				t.Fatalf("signedDigits(%x): digit %d = %d", k, i, d)
			}
		}
	}
}

// BenchmarkInvert measures FeInvert (the Go divsteps on every
// architecture; BenchmarkInvertArch has this architecture's batches).
func BenchmarkInvert(b *testing.B) {
	x := Fe{1, 2, 3, 4, 5}
	for b.Loop() {
		FeInvert(&x, &x)
	}
}
