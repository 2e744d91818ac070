package aesgcm

import (
	"bytes"
	"crypto/aes"
	"math/bits"
	"math/rand/v2"
	"testing"
)

// sboxRef computes the AES S-box from its definition (FIPS 197 5.1.1):
// the inverse in GF(2^8) followed by the affine map.
func sboxRef(x byte) byte {
	mul := func(a, b byte) byte {
		var p byte
		for b != 0 {
			if b&1 != 0 {
				p ^= a
			}
			hi := a & 0x80
			a <<= 1
			if hi != 0 {
				a ^= 0x1b
			}
			b >>= 1
		}
		return p
	}
	inv := byte(0)
	for y := 1; y < 256; y++ {
		if mul(x, byte(y)) == 1 {
			inv = byte(y)
		}
	}
	return inv ^ bits.RotateLeft8(inv, 1) ^ bits.RotateLeft8(inv, 2) ^
		bits.RotateLeft8(inv, 3) ^ bits.RotateLeft8(inv, 4) ^ 0x63
}

func TestSubBytesCircuit(t *testing.T) {
	var b [64]byte
	var q [8]uint64
	for base := 0; base < 256; base += 64 {
		for i := range b {
			b[i] = byte(base + i)
		}
		bitslice(&q, &b)
		subBytes(&q)
		unbitslice(&b, &q)
		for i := range b {
			if want := sboxRef(byte(base + i)); b[i] != want {
				t.Fatalf("S(%#02x) = %#02x, want %#02x", base+i, b[i], want)
			}
		}
	}
}

func TestBitsliceRoundTrip(t *testing.T) {
	var b, c [64]byte
	for i := range b {
		b[i] = byte(i*37 + 11)
	}
	var q [8]uint64
	bitslice(&q, &b)
	unbitslice(&c, &q)
	if b != c {
		t.Fatal("unbitslice(bitslice(b)) != b")
	}
}

func TestAESBlocks(t *testing.T) {
	// FIPS 197 appendix C.
	pt := []byte{0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff}
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{16, 24, 32} {
		key := make([]byte, n)
		for i := range key {
			key[i] = byte(i)
		}
		for iter := range 50 {
			if iter > 0 {
				for i := range key {
					key[i] = byte(rng.Uint32())
				}
			}
			var k aesKey
			k.expandKey(key)
			ref, _ := aes.NewCipher(key)
			var in, out [64]byte
			for i := range in {
				in[i] = byte(rng.Uint32())
			}
			if iter == 0 {
				copy(in[:], pt)
			}
			k.encrypt4(&out, &in)
			for blk := range 4 {
				want := make([]byte, 16)
				ref.Encrypt(want, in[16*blk:16*blk+16])
				if !bytes.Equal(out[16*blk:16*blk+16], want) {
					t.Fatalf("AES-%d key %x block %d: got %x, want %x", n*8, key, blk, out[16*blk:16*blk+16], want)
				}
			}
		}
	}
}

func clmul64Ref(x, y uint64) (hi, lo uint64) {
	for i := range 64 {
		if y>>i&1 != 0 {
			lo ^= x << i
			if i > 0 {
				hi ^= x >> (64 - i)
			}
		}
	}
	return
}

func TestClmul64(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	vals := []uint64{0, 1, ^uint64(0), 1 << 63, 0x8000000000000001}
	for range 2000 {
		vals = append(vals, rng.Uint64())
	}
	for i, x := range vals {
		y := vals[(i*7+3)%len(vals)]
		h, l := clmul64(x, y)
		rh, rl := clmul64Ref(x, y)
		if h != rh || l != rl {
			t.Fatalf("clmul64(%#x, %#x) = %#x %#x, want %#x %#x", x, y, h, l, rh, rl)
		}
	}
	h, l := clmul64(^uint64(0), ^uint64(0))
	rh, rl := clmul64Ref(^uint64(0), ^uint64(0))
	if h != rh || l != rl {
		t.Fatal("clmul64 of all ones")
	}
}

// gfMulRef multiplies in GHASH's field bit by bit (SP 800-38D algorithm 1).
func gfMulRef(x1, x0, y1, y0 uint64) (uint64, uint64) {
	var z1, z0 uint64
	v1, v0 := y1, y0
	for i := range 128 {
		var bit uint64
		if i < 64 {
			bit = x1 >> (63 - i) & 1
		} else {
			bit = x0 >> (127 - i) & 1
		}
		if bit != 0 {
			z1 ^= v1
			z0 ^= v0
		}
		lsb := v0 & 1
		v0 = v0>>1 | v1<<63
		v1 >>= 1
		if lsb != 0 {
			v1 ^= 0xe1 << 56
		}
	}
	return z1, z0
}

func TestGHASHMul(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for range 2000 {
		h1, h0, y1, y0 := rng.Uint64(), rng.Uint64(), rng.Uint64(), rng.Uint64()
		k := newGHASHKey(h1, h0)
		g1, g0 := k.mul(y1, y0)
		w1, w0 := gfMulRef(y1, y0, h1, h0)
		if g1 != w1 || g0 != w0 {
			t.Fatalf("mul: got %x %x want %x %x", g1, g0, w1, w0)
		}
	}
}

// clmul64 returns the 128-bit carry-less product of x and y.
func clmul64(x, y uint64) (hi, lo uint64) {
	ys := splitHoles(y)
	return clmul64Split(x, &ys)
}
