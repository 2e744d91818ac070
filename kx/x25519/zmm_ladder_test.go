//go:build amd64 && gc && !purego

package x25519

import (
	"bytes"
	"crypto/ecdh"
	"math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

// TestIFMALadders compares both single ladders of "avx512ifma"
// (ladder8x1IFMA and ladder4IFMA) with crypto/ecdh and the generic code on
// random scalars and points, including non-canonical and low-order u.
func TestIFMALadders(t *testing.T) {
	if !cpu.X86HasAVX512F || !cpu.X86HasAVX512IFMA || !cpu.X86HasAVX512VL {
		t.Skip("no AVX-512 IFMA")
	}
	r := rand.New(rand.NewPCG(1, 2))
	n := 300
	if testing.Short() {
		n = 100
	}
	special := [][32]byte{{}, {1}, {9}, {0xff}}
	for i := range 32 {
		special[3][i] = 0xff
	}
	for i := range n + len(special) {
		var k, u [32]byte
		for j := range k {
			k[j], u[j] = byte(r.Uint32()), byte(r.Uint32())
		}
		if i < len(special) {
			u = special[i]
		}
		var want, g, d8, d4 [32]byte
		x25519Generic(&g, &k, &u)
		x25519IFMA8x1(&d8, &k, &u)
		x25519IFMA4(&d4, &k, &u)
		priv, _ := ecdh.X25519().NewPrivateKey(k[:])
		if pub, err := ecdh.X25519().NewPublicKey(u[:]); err == nil {
			if s, err := priv.ECDH(pub); err == nil {
				copy(want[:], s)
			} else {
				want = [32]byte{}
			}
		}
		if !bytes.Equal(g[:], want[:]) {
			t.Fatalf("generic %x, crypto/ecdh %x (k %x, u %x)", g, want, k, u)
		}
		if d8 != g || d4 != g {
			t.Fatalf("8x1 %x, 4 %x, generic %x (k %x, u %x)", d8, d4, g, k, u)
		}
	}
}

// FuzzIFMALadders compares ladder8x1IFMA and ladder4IFMA with the generic
// ladder on any scalar and u-coordinate.
func FuzzIFMALadders(f *testing.F) {
	if !cpu.X86HasAVX512F || !cpu.X86HasAVX512IFMA || !cpu.X86HasAVX512VL {
		f.Skip("no AVX-512 IFMA")
	}
	f.Add(make([]byte, 32), make([]byte, 32))
	f.Add(bytes.Repeat([]byte{0xff}, 32), bytes.Repeat([]byte{0xff}, 32))
	f.Fuzz(func(t *testing.T, kb, ub []byte) {
		if len(kb) != 32 || len(ub) != 32 {
			return
		}
		k, u := [32]byte(kb), [32]byte(ub)
		var g, d8, d4 [32]byte
		x25519Generic(&g, &k, &u)
		x25519IFMA8x1(&d8, &k, &u)
		x25519IFMA4(&d4, &k, &u)
		if d8 != g || d4 != g {
			t.Fatalf("8x1 %x, 4 %x, generic %x (k %x, u %x)", d8, d4, g, k, u)
		}
	})
}
