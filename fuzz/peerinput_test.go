package fuzz

import (
	"bytes"
	"crypto"
	"crypto/ecdsa"
	stded25519 "crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	stdrsa "crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math"
	"math/big"
	"os"
	"testing"

	"github.com/tlscore/tlscore/aead/aesgcm"
	"github.com/tlscore/tlscore/aead/chacha20poly1305"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/kx/keyshare"
	"github.com/tlscore/tlscore/kx/mlkem"
	"github.com/tlscore/tlscore/kx/p256"
	"github.com/tlscore/tlscore/kx/x25519"
	ourecdsa "github.com/tlscore/tlscore/sig/ecdsa"
	"github.com/tlscore/tlscore/sig/ed25519"
	ourrsa "github.com/tlscore/tlscore/sig/rsa"
)

// TestPeerInput feeds every exported function that takes bytes a TLS peer
// controls (key shares, public keys, signatures, DER, records, ciphertexts)
// inputs of wrong lengths, empty, nil and huge, on every implementation,
// and checks that each returns an error (or false) and never panics. A
// panic there lets one malformed message crash a server.
func TestPeerInput(t *testing.T) {
	lengths := []int{0, 1, 2, 15, 16, 17, 31, 33, 47, 48, 63, 64, 65, 66, 96, 97, 98, 127, 255, 256, 257, 511, 513, 1024, 4095, 1 << 16, 1<<20 + 3}
	inputs := func(want int) [][]byte {
		var in [][]byte
		in = append(in, nil)
		for _, n := range lengths {
			if n == want {
				continue
			}
			for _, b := range []byte{0x00, 0xff, 0x04, 0x30} {
				in = append(in, bytes.Repeat([]byte{b}, n))
			}
		}
		return in
	}
	// noPanic runs f and reports a panic as a test failure naming the input.
	noPanic := func(t *testing.T, what string, in []byte, f func()) {
		t.Helper()
		defer func() {
			if r := recover(); r != nil {
				t.Errorf("%s(%d bytes starting %x): panic: %v", what, len(in), in[:min(len(in), 4)], r)
			}
		}()
		f()
	}

	t.Run("x25519", func(t *testing.T) {
		cryptotest.TestAllImplementations(t, "x25519", func(t *testing.T) {
			good := make([]byte, 32)
			good[0] = 9
			for _, in := range inputs(32) {
				noPanic(t, "X25519 point", in, func() {
					if out, err := x25519.X25519(good, in); err == nil || out != nil {
						t.Errorf("X25519 with a %d-byte point: no error", len(in))
					}
				})
				noPanic(t, "X25519 scalar", in, func() {
					if _, err := x25519.X25519(in, good); err == nil {
						t.Errorf("X25519 with a %d-byte scalar: no error", len(in))
					}
				})
				noPanic(t, "ScalarBaseMult", in, func() {
					if _, err := x25519.ScalarBaseMult(in); err == nil {
						t.Errorf("ScalarBaseMult of a %d-byte scalar: no error", len(in))
					}
				})
				noPanic(t, "NewPublicKey", in, func() {
					if _, err := x25519.NewPublicKey(in); err == nil {
						t.Errorf("NewPublicKey of %d bytes: no error", len(in))
					}
				})
			}
			// Every 32-byte low-order point: an error, never a panic.
			sk, _ := x25519.GenerateKey(nil)
			for _, p := range x25519LowOrder {
				noPanic(t, "X25519 low-order", p, func() {
					if _, err := x25519.X25519(sk.Bytes(), p); err == nil {
						t.Errorf("X25519 with low-order point %x: no error", p)
					}
					pk, err := x25519.NewPublicKey(p)
					if err != nil {
						t.Fatal(err)
					}
					if _, err := sk.SharedSecret(pk); err == nil {
						t.Errorf("SharedSecret with low-order point %x: no error", p)
					}
				})
			}
		})
	})

	t.Run("p256", func(t *testing.T) {
		cryptotest.TestAllImplementations(t, "p256", func(t *testing.T) {
			priv, pub, err := p256.GenerateKey(nil)
			if err != nil {
				t.Fatal(err)
			}
			bad := inputs(65)
			// Right length, wrong content: compressed and hybrid prefixes,
			// the identity's 0x00, coordinates >= p, off the curve.
			for _, prefix := range []byte{0x00, 0x02, 0x03, 0x06, 0x07, 0x05} {
				b := bytes.Clone(pub)
				b[0] = prefix
				bad = append(bad, b)
			}
			offCurve := bytes.Clone(pub)
			offCurve[64] ^= 1
			bigX := append([]byte{4}, bytes.Repeat([]byte{0xff}, 64)...)
			bad = append(bad, offCurve, bigX, append([]byte{4}, make([]byte, 64)...), pub[:33])
			for _, in := range bad {
				noPanic(t, "p256.ECDH", in, func() {
					if out, err := p256.ECDH(priv, in); err == nil || out != nil {
						t.Errorf("ECDH with a bad %d-byte peer key %x...: no error", len(in), in[:min(len(in), 4)])
					}
				})
				noPanic(t, "p256.PublicKeyToECDH", in, func() {
					if _, err := p256.PublicKeyToECDH(in); err == nil {
						t.Errorf("PublicKeyToECDH of a bad %d-byte key: no error", len(in))
					}
				})
			}
			for _, in := range inputs(32) {
				noPanic(t, "p256.ECDH priv", in, func() {
					if _, err := p256.ECDH(in, pub); err == nil {
						t.Errorf("ECDH with a %d-byte private key: no error", len(in))
					}
				})
				noPanic(t, "p256.PublicKey", in, func() {
					if _, err := p256.PublicKey(in); err == nil {
						t.Errorf("PublicKey of a %d-byte private key: no error", len(in))
					}
				})
			}
		})
	})

	t.Run("ecdsa", func(t *testing.T) {
		for _, c := range []struct {
			alg   string
			curve elliptic.Curve
		}{{"p256", elliptic.P256()}, {"p384", elliptic.P384()}} {
			t.Run(c.alg, func(t *testing.T) {
				cryptotest.TestAllImplementations(t, c.alg, func(t *testing.T) {
					std, err := ecdsa.GenerateKey(c.curve, rand.Reader)
					if err != nil {
						t.Fatal(err)
					}
					sk, err := ourecdsa.NewPrivateKey(std)
					if err != nil {
						t.Fatal(err)
					}
					digest := make([]byte, 32)
					sig, err := sk.Sign(nil, digest, nil)
					if err != nil {
						t.Fatal(err)
					}
					pk := sk.PublicKey()
					sigs := inputs(-1)
					// Truncations, extensions and single-byte changes of a
					// valid DER signature, and hostile lengths.
					for i := range sig {
						sigs = append(sigs, sig[:i])
						b := bytes.Clone(sig)
						b[i] ^= 0x80
						sigs = append(sigs, b)
					}
					sigs = append(sigs, append(bytes.Clone(sig), 0),
						[]byte{0x30, 0x84, 0xff, 0xff, 0xff, 0xff}, []byte{0x30, 0x80, 0x02, 0x00, 0x02, 0x00, 0x00, 0x00},
						[]byte{0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00}, []byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01})
					for _, s := range sigs {
						for _, d := range [][]byte{digest, nil, make([]byte, 1<<16)} {
							noPanic(t, "VerifyASN1", s, func() {
								if pk.VerifyASN1(d, s) && !bytes.Equal(s, sig) {
									t.Errorf("VerifyASN1 accepted a changed signature %x", s)
								}
							})
						}
					}
					// Public keys that are not points of the curve.
					one, huge, neg := big.NewInt(1), new(big.Int).Lsh(big.NewInt(1), 4096), big.NewInt(-1)
					for i, k := range []*ecdsa.PublicKey{
						nil, {}, {Curve: c.curve}, {Curve: c.curve, X: one}, {Curve: c.curve, X: one, Y: one},
						{Curve: c.curve, X: huge, Y: huge}, {Curve: c.curve, X: neg, Y: neg},
						{Curve: c.curve, X: new(big.Int), Y: new(big.Int)},
						{Curve: elliptic.P521(), X: std.X, Y: std.Y}, {Curve: elliptic.P224(), X: std.X, Y: std.Y},
					} {
						noPanic(t, fmt.Sprintf("ecdsa.NewPublicKey #%d", i), nil, func() {
							if _, err := ourecdsa.NewPublicKey(k); err == nil {
								t.Errorf("NewPublicKey accepted bad key #%d", i)
							}
						})
					}
				})
			})
		}
	})

	t.Run("rsa", func(t *testing.T) {
		data, err := os.ReadFile("../sig/rsa/testdata/rsa2048.pem")
		if err != nil {
			t.Fatal(err)
		}
		blk, _ := pem.Decode(data)
		std, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
		if err != nil {
			t.Fatal(err)
		}
		cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
			pk, err := ourrsa.NewPublicKey(&std.PublicKey)
			if err != nil {
				t.Fatal(err)
			}
			digest := make([]byte, 32)
			sigs := inputs(256)
			sigs = append(sigs, std.N.Bytes(), bytes.Repeat([]byte{0xff}, 256), make([]byte, 256))
			hashes := []crypto.Hash{0, crypto.SHA256, crypto.SHA1, crypto.MD5, crypto.SHA512, crypto.Hash(99), crypto.Hash(255), crypto.BLAKE2b_256}
			for _, s := range sigs {
				for _, h := range hashes {
					for _, d := range [][]byte{digest, nil, make([]byte, 1<<16)} {
						noPanic(t, fmt.Sprintf("VerifyPKCS1v15(%v)", h), s, func() {
							if pk.VerifyPKCS1v15(h, d, s) == nil {
								t.Errorf("VerifyPKCS1v15 accepted a bad %d-byte signature", len(s))
							}
						})
						for _, opts := range []*stdrsa.PSSOptions{nil, {SaltLength: -3}, {SaltLength: 1 << 20}, {SaltLength: stdrsa.PSSSaltLengthEqualsHash}} {
							noPanic(t, fmt.Sprintf("VerifyPSS(%v)", h), s, func() {
								if pk.VerifyPSS(h, d, s, opts) == nil {
									t.Errorf("VerifyPSS accepted a bad %d-byte signature", len(s))
								}
							})
						}
					}
				}
			}
			// Public keys crypto/rsa refuses, and a modulus above the
			// 8192-bit default limit.
			big8193 := new(big.Int).Lsh(big.NewInt(1), 8192)
			big8193.Add(big8193, big.NewInt(1))
			for i, k := range []*stdrsa.PublicKey{
				nil, {}, {N: big.NewInt(-7), E: 65537}, {N: new(big.Int), E: 65537},
				{N: std.N, E: 0}, {N: std.N, E: -1}, {N: std.N, E: 1}, {N: std.N, E: 2}, {N: std.N, E: math.MaxInt},
				{N: new(big.Int).Lsh(big.NewInt(1), 100000), E: 3},
				{N: new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 100000), big.NewInt(1)), E: 3},
				{N: big8193, E: 65537},
			} {
				noPanic(t, fmt.Sprintf("rsa.NewPublicKey #%d", i), nil, func() {
					if _, err := ourrsa.NewPublicKey(k); err == nil {
						t.Errorf("NewPublicKey accepted bad key #%d", i)
					}
				})
			}
		})
	})

	t.Run("aead", func(t *testing.T) {
		for _, a := range []struct {
			alg string
			new func() (interface {
				Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
				NonceSize() int
			}, error)
		}{
			{aesgcm.Alg, func() (interface {
				Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
				NonceSize() int
			}, error) {
				return aesgcm.New(make([]byte, 16))
			}},
			{chacha20poly1305.Alg, func() (interface {
				Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error)
				NonceSize() int
			}, error) {
				return chacha20poly1305.New(make([]byte, 32))
			}},
		} {
			t.Run(a.alg, func(t *testing.T) {
				cryptotest.TestAllImplementations(t, a.alg, func(t *testing.T) {
					aead, err := a.new()
					if err != nil {
						t.Fatal(err)
					}
					nonce := make([]byte, aead.NonceSize())
					for _, ct := range inputs(-1) {
						for _, ad := range [][]byte{nil, ct[:min(len(ct), 300)], make([]byte, 1<<16)} {
							noPanic(t, "Open", ct, func() {
								if out, err := aead.Open(nil, nonce, ct, ad); err == nil || out != nil {
									t.Errorf("Open of a forged %d-byte ciphertext: no error", len(ct))
								}
							})
							// In place, as a record layer does.
							buf := bytes.Clone(ct)
							noPanic(t, "Open in place", ct, func() {
								if _, err := aead.Open(buf[:0], nonce, buf, ad); err == nil {
									t.Errorf("Open in place of a forged %d-byte ciphertext: no error", len(ct))
								}
							})
						}
					}
				})
			})
		}
	})

	t.Run("keyshare", func(t *testing.T) {
		for _, g := range keyshare.Groups() {
			t.Run(fmt.Sprintf("%04x", uint16(g)), func(t *testing.T) {
				ex, err := keyshare.Start(g)
				if err != nil {
					t.Fatal(err)
				}
				good := len(ex.KeyShare())
				for _, in := range inputs(good) {
					noPanic(t, "keyshare.Respond", in, func() {
						if _, _, err := keyshare.Respond(g, in); err == nil {
							t.Errorf("Respond with a %d-byte client share: no error", len(in))
						}
					})
					noPanic(t, "Exchange.Complete", in, func() {
						// Any length may be right for some group: only
						// "no panic" is checked, and an error for the
						// lengths this group's server share cannot have.
						ex, err := keyshare.Start(g)
						if err != nil {
							t.Fatal(err)
						}
						ex.Complete(in)
					})
				}
			})
		}
	})

	t.Run("mlkem", func(t *testing.T) {
		cryptotest.TestAllImplementations(t, "mlkem", func(t *testing.T) {
			dk, err := mlkem.GenerateKey768()
			if err != nil {
				t.Fatal(err)
			}
			dk1024, err := mlkem.GenerateKey1024()
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range inputs(-1) {
				noPanic(t, "Decapsulate768", in, func() {
					if _, err := dk.Decapsulate(in); err == nil && len(in) != mlkem.CiphertextSize768 {
						t.Errorf("Decapsulate of %d bytes: no error", len(in))
					}
				})
				noPanic(t, "Decapsulate1024", in, func() {
					if _, err := dk1024.Decapsulate(in); err == nil && len(in) != mlkem.CiphertextSize1024 {
						t.Errorf("Decapsulate1024 of %d bytes: no error", len(in))
					}
				})
				noPanic(t, "NewEncapsulationKey768", in, func() {
					if _, err := mlkem.NewEncapsulationKey768(in); err == nil {
						t.Errorf("NewEncapsulationKey768 of %d bytes %x...: no error", len(in), in[:min(len(in), 4)])
					}
				})
				noPanic(t, "NewEncapsulationKey1024", in, func() {
					if _, err := mlkem.NewEncapsulationKey1024(in); err == nil {
						t.Errorf("NewEncapsulationKey1024 of %d bytes %x...: no error", len(in), in[:min(len(in), 4)])
					}
				})
			}
		})
	})

	t.Run("ed25519", func(t *testing.T) {
		cryptotest.TestAllImplementations(t, "ed25519", func(t *testing.T) {
			sk, err := ed25519.GenerateKey(nil)
			if err != nil {
				t.Fatal(err)
			}
			pub := sk.Public().(stded25519.PublicKey)
			msg := []byte("peer input")
			sig, err := sk.Sign(nil, msg, crypto.Hash(0))
			if err != nil {
				t.Fatal(err)
			}
			for _, in := range inputs(-1) {
				noPanic(t, "ed25519.Verify sig", in, func() {
					if ed25519.Verify(pub, msg, in) {
						t.Errorf("Verify accepted a %d-byte signature", len(in))
					}
				})
				if len(in) != stded25519.PublicKeySize {
					noPanic(t, "ed25519 public key", in, func() {
						if ed25519.Verify(in, msg, sig) || ed25519.VerifyWithOptions(in, msg, sig, &stded25519.Options{}) == nil {
							t.Errorf("a %d-byte public key verified", len(in))
						}
						if ok := ed25519.VerifyMany([]stded25519.PublicKey{in}, [][]byte{msg}, [][]byte{sig}); ok[0] {
							t.Errorf("VerifyMany accepted a %d-byte public key", len(in))
						}
					})
				}
				noPanic(t, "ed25519.VerifyWithOptions sig", in, func() {
					if ed25519.VerifyWithOptions(pub, msg, in, &stded25519.Options{}) == nil {
						t.Errorf("VerifyWithOptions accepted a %d-byte signature", len(in))
					}
				})
				noPanic(t, "ed25519.VerifyMany", in, func() {
					ok := ed25519.VerifyMany([]stded25519.PublicKey{pub, pub, pub}, [][]byte{msg, in, msg}, [][]byte{in, in, sig})
					if len(ok) != 3 || ok[0] || ok[1] || !ok[2] {
						t.Errorf("VerifyMany with %d-byte inputs: %v", len(in), ok)
					}
				})
				noPanic(t, "ed25519.NewPrivateKey", in, func() {
					if _, err := ed25519.NewPrivateKey(in); err == nil {
						t.Errorf("NewPrivateKey of %d bytes: no error", len(in))
					}
				})
			}
		})
	})

	t.Run("record", func(t *testing.T) {
		for _, s := range recordSuites {
			t.Run(fmt.Sprintf("%04x", s.id), func(t *testing.T) {
				for _, in := range recordInputs(inputs(-1)) {
					_, o := s.pair(t)
					buf := bytes.Clone(in)
					noPanic(t, "Opener.Open", in, func() {
						if _, _, err := o.Open(buf); err == nil {
							t.Errorf("Open accepted a forged %d-byte record %x...", len(in), in[:min(len(in), 8)])
						}
					})
				}
				// record_size_limit values a peer may send.
				for _, n := range []int{math.MinInt, -1, 0, 1, 63} {
					sl, o := s.pair(t)
					noPanic(t, fmt.Sprintf("SetRecordSizeLimit(%d)", n), nil, func() {
						if sl.SetRecordSizeLimit(n) == nil || o.SetRecordSizeLimit(n) == nil {
							t.Errorf("SetRecordSizeLimit(%d): no error", n)
						}
					})
				}
				for _, n := range []int{64, 1 << 14, 1<<14 + 1, 1 << 30, math.MaxInt} {
					sl, _ := s.pair(t)
					noPanic(t, fmt.Sprintf("SetRecordSizeLimit(%d)", n), nil, func() {
						if err := sl.SetRecordSizeLimit(n); err != nil {
							t.Errorf("SetRecordSizeLimit(%d): %v", n, err)
						}
					})
				}
			})
		}
	})
}

// recordInputs returns records built around the lengths of in: raw bytes,
// and each with a valid-looking header for every content type, with a
// length field that matches, is off by one, or says 0xffff.
func recordInputs(in [][]byte) [][]byte {
	var out [][]byte
	for _, b := range in {
		if len(b) > 1<<15 {
			b = b[:1<<15]
		}
		out = append(out, b)
		for _, typ := range []byte{20, 21, 22, 23, 24, 0, 255} {
			for _, l := range []int{len(b), len(b) + 1, len(b) - 1, 0xffff} {
				if l < 0 {
					continue
				}
				r := append([]byte{typ, 3, 3, byte(l >> 8), byte(l)}, b...)
				out = append(out, r)
				v := bytes.Clone(r)
				v[1], v[2] = 3, 1 // TLS 1.0 version
				out = append(out, v)
			}
		}
	}
	return out
}

// x25519LowOrder are encodings of u-coordinates of small order: 0, 1, the
// points of order 8, p-1, and the non-canonical p and p+1, some with the top
// bit set (RFC 7748 ignores it).
var x25519LowOrder = func() [][]byte {
	hexes := []string{
		"0000000000000000000000000000000000000000000000000000000000000000",
		"0100000000000000000000000000000000000000000000000000000000000000",
		"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
		"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"0000000000000000000000000000000000000000000000000000000000000080",
		"0100000000000000000000000000000000000000000000000000000000000080",
		"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880",
		"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f11d7",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
		"edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
		"eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	}
	var out [][]byte
	for _, h := range hexes {
		b, err := hex.DecodeString(h)
		if err != nil {
			panic(err)
		}
		out = append(out, b)
	}
	return out
}()
