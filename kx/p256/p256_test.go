package p256

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/rand"
	"crypto/x509"
	"math/big"
	"testing"

	"github.com/c2sp/wycheproof"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

// fixPriv returns a Wycheproof private key as 32 bytes (they may carry a
// leading zero or be short), or nil if it does not fit.
func fixPriv(b []byte) []byte {
	v := new(big.Int).SetBytes(b)
	if v.BitLen() > 256 {
		return nil
	}
	return v.FillBytes(make([]byte, PrivateKeySize))
}

func TestWycheproofECPoint(t *testing.T) {
	cryptotest.TestAllImplementations(t, "p256", func(t *testing.T) {
		var v vectors.Wycheproof[vectors.ECDHGroup]
		if err := vectors.LoadWycheproof(wycheproof.TestVectors, "ecdh_secp256r1_ecpoint_test.json", &v); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, g := range v.TestGroups {
			for _, tc := range g.Tests {
				n++
				got, err := ECDH(fixPriv(tc.Private), tc.Public)
				if tc.HasFlag("CompressedPoint") || tc.HasFlag("CompressedPublic") {
					// Only uncompressed points (TLS 1.3, RFC 8446 4.2.8.2).
					if err == nil {
						t.Errorf("%v: accepted a compressed point", tc.Case)
					}
					continue
				}
				if tc.Invalid() && err == nil {
					t.Errorf("%v: accepted", tc.Case)
				}
				if tc.Valid() {
					if err != nil {
						t.Errorf("%v: %v", tc.Case, err)
					} else if !bytes.Equal(got, tc.Shared) {
						t.Errorf("%v: got %x, want %x", tc.Case, got, tc.Shared)
					}
				}
				// crypto/ecdh must agree on acceptance.
				std, _ := ecdh.P256().NewPrivateKey(fixPriv(tc.Private))
				if pub, perr := ecdh.P256().NewPublicKey(tc.Public); (perr == nil) != (err == nil) {
					t.Errorf("%v: ours %v, crypto/ecdh %v", tc.Case, err, perr)
				} else if perr == nil {
					want, _ := std.ECDH(pub)
					if !bytes.Equal(got, want) {
						t.Errorf("%v: differs from crypto/ecdh", tc.Case)
					}
				}
			}
		}
		if n != v.NumberOfTests || n != 355 {
			t.Errorf("ran %d of %d, want 355", n, v.NumberOfTests)
		}
	})
}

// The ASN.1 file wraps the peer key in SubjectPublicKeyInfo: x509 unwraps
// it (and rejects other curves and bad encodings), we do the arithmetic.
func TestWycheproofSPKI(t *testing.T) {
	cryptotest.TestAllImplementations(t, "p256", func(t *testing.T) {
		var v vectors.Wycheproof[vectors.ECDHGroup]
		if err := vectors.LoadWycheproof(wycheproof.TestVectors, "ecdh_secp256r1_test.json", &v); err != nil {
			t.Fatal(err)
		}
		n := 0
		defer func() {
			if n != 612 {
				t.Errorf("ran %d cases, want 612", n)
			}
		}()
		for _, g := range v.TestGroups {
			for _, tc := range g.Tests {
				n++
				var got []byte
				var err error
				k, perr := x509.ParsePKIXPublicKey(tc.Public)
				ek, ok := k.(*ecdsa.PublicKey)
				if perr != nil || !ok {
					err = perr
					if err == nil {
						err = errPublic
					}
				} else if eh, e := ek.ECDH(); e != nil || eh.Curve() != ecdh.P256() {
					err = errPublic
				} else {
					got, err = ECDH(fixPriv(tc.Private), eh.Bytes())
				}
				if tc.Invalid() && err == nil {
					t.Errorf("%v: accepted", tc.Case)
				}
				if tc.Valid() && (err != nil || !bytes.Equal(got, tc.Shared)) {
					t.Errorf("%v: got %x, %v; want %x", tc.Case, got, err, tc.Shared)
				}
			}
		}
	})
}

func TestDifferential(t *testing.T) {
	cryptotest.TestAllImplementations(t, "p256", func(t *testing.T) {
		n := 50
		if testing.Short() {
			n = 5
		}
		for range n {
			priv, pub, err := GenerateKey(rand.Reader)
			if err != nil {
				t.Fatal(err)
			}
			std, err := PrivateKeyToECDH(priv)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(std.PublicKey().Bytes(), pub) {
				t.Fatal("public key differs from crypto/ecdh")
			}
			if p2, _ := PublicKey(priv); !bytes.Equal(p2, pub) {
				t.Fatal("PublicKey differs from GenerateKey")
			}
			peer, _ := ecdh.P256().GenerateKey(rand.Reader)
			got, err := ECDH(priv, peer.PublicKey().Bytes())
			if err != nil {
				t.Fatal(err)
			}
			want, _ := std.ECDH(peer.PublicKey())
			if !bytes.Equal(got, want) {
				t.Fatalf("ECDH = %x, crypto/ecdh %x", got, want)
			}
			// bridges
			if b, _ := PrivateKeyFromECDH(std); !bytes.Equal(b, priv) {
				t.Fatal("PrivateKeyFromECDH")
			}
			if b, _ := PublicKeyFromECDH(std.PublicKey()); !bytes.Equal(b, pub) {
				t.Fatal("PublicKeyFromECDH")
			}
			if k, err := PublicKeyToECDH(pub); err != nil || !k.Equal(std.PublicKey()) {
				t.Fatal("PublicKeyToECDH")
			}
		}
	})
}

func TestInvalidPeers(t *testing.T) {
	cryptotest.TestAllImplementations(t, "p256", func(t *testing.T) {
		priv, pub, _ := GenerateKey(nil)
		p := new(big.Int).SetBytes(vectors.MustHex("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"))
		mut := func(f func(b []byte) []byte) []byte { return f(bytes.Clone(pub)) }
		bad := map[string][]byte{
			"empty":      nil,
			"infinity":   {0},
			"short":      pub[:64],
			"long":       append(bytes.Clone(pub), 0),
			"compressed": mut(func(b []byte) []byte { b[0] = 2 + b[64]&1; return b[:33] }),
			"prefix 6":   mut(func(b []byte) []byte { b[0] = 6; return b }),
			"off curve":  mut(func(b []byte) []byte { b[64] ^= 1; return b }),
			"zeros":      make([]byte, 65),
			"x = p": mut(func(b []byte) []byte {
				p.FillBytes(b[1:33])
				return b
			}),
			"y + p": mut(func(b []byte) []byte {
				y := new(big.Int).SetBytes(b[33:])
				y.Add(y, p)
				if y.BitLen() > 256 {
					y.Sub(y, p).Sub(y, p) // keep the test meaningful: y - p < 0 cannot be encoded; use p + 0
					y.Set(p)
				}
				y.FillBytes(b[33:])
				return b
			}),
		}
		for name, b := range bad {
			if _, err := ECDH(priv, b); err == nil {
				t.Errorf("%s: accepted %x", name, b)
			}
			if _, err := ecdh.P256().NewPublicKey(b); err == nil {
				t.Errorf("%s: crypto/ecdh accepts %x (test bug)", name, b)
			}
		}
		n := new(big.Int).SetBytes(vectors.MustHex("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"))
		for _, k := range [][]byte{nil, make([]byte, 32), n.FillBytes(make([]byte, 32)), make([]byte, 33), bytes.Repeat([]byte{0xff}, 32)} {
			if _, err := ECDH(k, pub); err == nil {
				t.Errorf("private key %x accepted", k)
			}
			if _, err := PublicKey(k); err == nil {
				t.Errorf("private key %x accepted by PublicKey", k)
			}
		}
	})
}
