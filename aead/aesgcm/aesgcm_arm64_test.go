//go:build arm64 && gc && !purego

package aesgcm

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

func skipNoARM64Crypto(t *testing.T) {
	if !cpu.ARM64HasAES || !cpu.ARM64HasPMULL {
		t.Skip("no AES and PMULL on this CPU")
	}
}

func TestEncryptBlockAsm(t *testing.T) {
	skipNoARM64Crypto(t)
	rng := rand.New(rand.NewPCG(31, 32))
	for _, n := range []int{16, 24, 32} {
		for range 20 {
			var rk [240]byte
			nr := roundKeyBytes(&rk, fill(rng, n))
			var src, got, want [16]byte
			copy(src[:], fill(rng, 16))
			encryptBlockAsm(nr, &rk, &got, &src)
			encryptBlockGeneric(nr, &rk, &want, &src)
			if got != want {
				t.Fatalf("AES-%d: encryptBlockAsm differs", n*8)
			}
		}
	}
}

func TestCTRAsm(t *testing.T) {
	skipNoARM64Crypto(t)
	rng := rand.New(rand.NewPCG(33, 34))
	for _, n := range []int{16, 24, 32} {
		var rk [240]byte
		nr := roundKeyBytes(&rk, fill(rng, n))
		for blocks := 0; blocks <= 40; blocks++ {
			for _, start := range []uint32{2, 0xfffffffa, rng.Uint32()} {
				var iv [16]byte
				copy(iv[:], fill(rng, 12))
				binary.BigEndian.PutUint32(iv[12:], start)
				src := fill(rng, 16*blocks)
				got, want := make([]byte, len(src)+16), make([]byte, len(src)+16)
				ctrAsm(nr, &rk, &iv, got, src)
				ctrGeneric(nr, &rk, &iv, want, src)
				if !bytes.Equal(got, want) {
					t.Fatalf("AES-%d: ctrAsm of %d blocks from %#x differs", n*8, blocks, start)
				}
				// In place.
				ctrAsm(nr, &rk, &iv, src, src)
				if !bytes.Equal(src, want[:len(src)]) {
					t.Fatalf("AES-%d: in-place ctrAsm of %d blocks differs", n*8, blocks)
				}
			}
		}
	}
}

func TestGHASHAsm(t *testing.T) {
	skipNoARM64Crypto(t)
	rng := rand.New(rand.NewPCG(35, 36))
	for blocks := 0; blocks <= 40; blocks++ {
		for range 5 {
			var h, y [16]byte
			copy(h[:], fill(rng, 16))
			copy(y[:], fill(rng, 16))
			ht := ghashTable(&h)
			data := fill(rng, 16*blocks)
			got, want := y, y
			ghashAsm(&ht, &got, data)
			ghashGeneric(&ht, &want, data)
			if got != want {
				t.Fatalf("ghashAsm of %d blocks: %x, want %x", blocks, got, want)
			}
		}
	}
}
