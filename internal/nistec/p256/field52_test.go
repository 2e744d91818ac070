package p256

import (
	"math/big"
	mrand "math/rand/v2"
	"testing"
)

// elems52 returns edge and random values below 2^256 in radix 2^52: 0, 1,
// p-1, p, p+1, 2^256-1 (every limb at its maximum), single limbs at 2^52-1
// and random values below p and below 2^256.
func elems52(r *mrand.Rand, nrand int) []elem52 {
	var out []elem52
	for _, e := range edgeElems(&fp.m) {
		out = append(out, to52(&e))
	}
	pb := bigOf(&fp.m)
	for _, v := range []*big.Int{new(big.Int).Add(pb, big.NewInt(1)), pb,
		new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1)),
		new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(2)),
		new(big.Int).Lsh(big.NewInt(1), 255)} {
		e := elemFromBig(v)
		out = append(out, to52(&e))
	}
	for i := range 5 {
		var e elem52
		e[i] = mask52
		if i == 4 {
			e[i] = 1<<48 - 1
		}
		out = append(out, e)
	}
	for range nrand {
		e := randElem(r, &fp.m)
		out = append(out, to52(&e))
		var f elem
		for i := range f {
			f[i] = r.Uint64()
		}
		out = append(out, to52(&f))
	}
	return out
}

func big52(x *elem52) *big.Int {
	e := from52(x)
	return bigOf(&e)
}

func TestTo52(t *testing.T) {
	r := mrand.New(mrand.NewPCG(52, 1))
	for _, x := range elems52(r, 20) {
		for i, l := range x {
			if l > mask52 || (i == 4 && l >= 1<<48) {
				t.Fatalf("limb %d of %x out of range", i, x)
			}
		}
		e := from52(&x)
		if to52(&e) != x {
			t.Fatalf("to52(from52(%x)) = %x", x, to52(&e))
		}
	}
}

// TestMul52 checks p256Mul52Generic against math/big, x·y·2^-260 mod p,
// and against the 4x64 Montgomery multiplication (R = 2^256):
// mont52(x, 16·y) = x·16y·2^-260 = x·y·2^-256 = mont64(x, y).
func TestMul52(t *testing.T) {
	r := mrand.New(mrand.NewPCG(52, 2))
	n := 60
	if testing.Short() {
		n = 10
	}
	vals := elems52(r, n)
	pb := bigOf(&fp.m)
	rinv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), 260), pb)
	for _, x := range vals {
		for _, y := range vals {
			var z elem52
			p256Mul52Generic(&z, &x, &y)
			want := new(big.Int).Mul(big52(&x), big52(&y))
			want.Mul(want, rinv).Mod(want, pb)
			if big52(&z).Cmp(want) != 0 {
				t.Fatalf("p256Mul52Generic(%x, %x) = %x, want %x", x, y, big52(&z), want)
			}
			for i, l := range z {
				if l > mask52 {
					t.Fatalf("limb %d of %x above 2^52", i, z)
				}
			}
			// Against the 4x64 Montgomery code, for x, y < p.
			xb, yb := big52(&x), big52(&y)
			if xb.Cmp(pb) >= 0 || yb.Cmp(pb) >= 0 {
				continue
			}
			x64, y64 := from52(&x), from52(&y)
			var w64 elem
			montMulGeneric(&w64, &x64, &y64, &fp.m, fp.m0inv)
			y16 := elemFromBig(new(big.Int).Mod(new(big.Int).Lsh(yb, 4), pb))
			y16r := to52(&y16)
			p256Mul52Generic(&z, &x, &y16r)
			if from52(&z) != w64 {
				t.Fatalf("mont52(%x, 16·%x) = %x, montMulGeneric = %x", x, y, from52(&z), w64)
			}
		}
	}
	// Aliasing.
	x := vals[len(vals)-1]
	var want elem52
	p256Mul52Generic(&want, &x, &x)
	p256Mul52Generic(&x, &x, &x)
	if x != want {
		t.Fatal("p256Mul52Generic with z = x = y differs")
	}
}
