package aesgcm

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// The Go references of the arm64 assembly, checked on every architecture
// against crypto/aes, crypto/cipher's CTR and the generic GHASH.

func TestAsmReferences(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	for _, n := range []int{16, 24, 32} {
		key := fill(rng, n)
		var rk [240]byte
		nr := roundKeyBytes(&rk, key)
		block, _ := aes.NewCipher(key)

		var src, dst, want [16]byte
		copy(src[:], fill(rng, 16))
		encryptBlockGeneric(nr, &rk, &dst, &src)
		block.Encrypt(want[:], src[:])
		if dst != want {
			t.Fatalf("AES-%d: encryptBlockGeneric differs", n*8)
		}

		for _, start := range []uint32{0, 2, 0xfffffff0} {
			var iv [16]byte
			copy(iv[:], fill(rng, 12))
			binary.BigEndian.PutUint32(iv[12:], start)
			pt := fill(rng, 16*37)
			got := make([]byte, len(pt))
			ctrGeneric(nr, &rk, &iv, got, pt)
			exp := make([]byte, len(pt))
			if start < 0xffffff00 {
				// crypto/cipher's CTR carries into the nonce, so compare
				// only where the counter does not wrap.
				cipher.NewCTR(block, iv[:]).XORKeyStream(exp, pt)
			} else {
				var ks, cb [16]byte
				copy(cb[:], iv[:12])
				for i := 0; i < len(pt); i += 16 {
					binary.BigEndian.PutUint32(cb[12:], start+uint32(i/16))
					block.Encrypt(ks[:], cb[:])
					xorBytes(exp[i:i+16], pt[i:i+16], ks[:])
				}
			}
			if !bytes.Equal(got, exp) {
				t.Fatalf("AES-%d: ctrGeneric from %#x differs", n*8, start)
			}
		}
	}

	for range 50 {
		var h, y [16]byte
		copy(h[:], fill(rng, 16))
		copy(y[:], fill(rng, 16))
		data := fill(rng, 16*rng.IntN(10))
		ht := ghashTable(&h)
		got := y
		ghashGeneric(&ht, &got, data)
		h1, h0 := binary.BigEndian.Uint64(h[:]), binary.BigEndian.Uint64(h[8:])
		g := newGHASHKey(h1, h0)
		y1, y0 := g.update(binary.BigEndian.Uint64(y[:]), binary.BigEndian.Uint64(y[8:]), data)
		var want [16]byte
		binary.BigEndian.PutUint64(want[:], y1)
		binary.BigEndian.PutUint64(want[8:], y0)
		if got != want {
			t.Fatal("ghashGeneric differs from ghashKey.update")
		}
	}
}
