package main

import (
	"crypto/aes"
	"crypto/cipher"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/tlscore/tlscore/aead/aesgcm"
	tlschacha "github.com/tlscore/tlscore/aead/chacha20poly1305"
	bh "github.com/tlscore/tlscore/internal/benchharness"
)

// ops is everything tlsbench measures, in the order it prints. Each entry
// is one operation: its family and verb, the dispatch algorithm that
// selects tlscore's implementations, tlscore's setup and the references'.
// Adding an algorithm is adding its entries here (the helpers below build
// the usual shapes).
func ops() []bh.Op {
	var all []bh.Op
	add := func(group string, ops ...bh.Op) {
		for _, op := range ops {
			op.Group = group
			all = append(all, op)
		}
	}
	add("aead", aeadOps("AES-128-GCM", "aes-gcm", 16, false, aesgcm.New, stdAESGCM, "crypto/cipher GCM over crypto/aes", "aes-128-gcm")...)
	add("aead", aeadOps("AES-256-GCM", "aes-gcm", 32, true, aesgcm.New, stdAESGCM, "crypto/cipher GCM over crypto/aes", "aes-256-gcm")...)
	add("aead", aeadOps("ChaCha20-Poly1305", "chacha20-poly1305", 32, false, tlschacha.New, chacha20poly1305.New, "golang.org/x/crypto/chacha20poly1305", "chacha20-poly1305")...)
	add("aead", aeadOps("XChaCha20-Poly1305", "chacha20-poly1305", 32, true, tlschacha.NewX, chacha20poly1305.NewX, "golang.org/x/crypto/chacha20poly1305 NewX", "")...)
	add("kx", kxOps()...)
	add("kx", mlkemOps()...)
	add("sig", sigOps()...)
	add("sig", ed25519Ops()...)
	add("record", recordOps()...)
	add("tls", tlsOps()...)
	return all
}

// additionalData is the AEAD additional data of every AEAD row: 13 bytes,
// as in TLS 1.2 records and in Go's and OpenSSL's AEAD benchmarks (TLS 1.3
// records authenticate their 5-byte header; see the record rows).
var additionalData = make([]byte, 13)

type aeadFunc func(key []byte) (cipher.AEAD, error)

func stdAESGCM(key []byte) (cipher.AEAD, error) {
	b, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

// aeadOps returns the seal and open operations of an AEAD. ours is nil
// while tlscore's package has not landed; sslName is the cipher's name for
// the OpenSSL reference ("" for none).
func aeadOps(family, alg string, keyLen int, full bool, ours, ref aeadFunc, refDesc, sslName string) []bh.Op {
	var out []bh.Op
	for _, seal := range []bool{true, false} {
		verb, what := "seal", "Seal of one message (nonce, 13 bytes of additional data, encrypt, tag) into a reused buffer"
		if !seal {
			verb, what = "open", "Open of one message (nonce, 13 bytes of additional data, decrypt, tag check) into a reused buffer"
		}
		op := bh.Op{Family: family, Verb: verb, Alg: alg, Unit: bh.Bytes, Full: full, Desc: what}
		if ours != nil {
			op.Ours = aeadSetup(keyLen, seal, ours)
		}
		op.Refs = refs(
			bh.Ref{Source: bh.SourceGo, Desc: refDesc, Setup: aeadSetup(keyLen, seal, ref)},
			bh.Ref{Source: bh.SourceOpenSSL, Desc: "EVP per message: set nonce, AAD, encrypt, final, tag", Setup: opensslAEAD(sslName, keyLen, seal)},
		)
		out = append(out, op)
	}
	return out
}

// refs drops the references whose setup is nil (OpenSSL when not built in,
// or an algorithm it lacks).
func refs(rs ...bh.Ref) []bh.Ref {
	var out []bh.Ref
	for _, r := range rs {
		if r.Setup != nil {
			out = append(out, r)
		}
	}
	return out
}

// aeadSetup times mk's AEAD sealing (or opening) size-byte messages.
func aeadSetup(keyLen int, seal bool, mk aeadFunc) bh.Setup {
	return func(size int) (func(int), error) {
		key := pattern(keyLen, 1)
		a, err := mk(key)
		if err != nil {
			return nil, err
		}
		nonce := pattern(a.NonceSize(), 2)
		msg := pattern(size, 3)
		buf := make([]byte, 0, size+a.Overhead())
		if seal {
			return func(n int) {
				for range n {
					buf = a.Seal(buf[:0], nonce, msg, additionalData)
				}
			}, nil
		}
		ct := a.Seal(nil, nonce, msg, additionalData)
		if _, err := a.Open(buf[:0], nonce, ct, additionalData); err != nil {
			return nil, fmt.Errorf("open of its own seal fails: %v", err)
		}
		return func(n int) {
			for range n {
				if _, err := a.Open(buf[:0], nonce, ct, additionalData); err != nil {
					panic("open failed")
				}
			}
		}, nil
	}
}

// pattern returns n bytes of a fixed pattern: benchmarks need no secrets.
func pattern(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)*7 + seed
	}
	return b
}

// opsFunc wraps a single operation that can fail into a timed loop.
func opsFunc(f func() error) func(int) {
	return func(n int) {
		for range n {
			if err := f(); err != nil {
				panic(err)
			}
		}
	}
}
