package p384

import (
	"bytes"
	"crypto/ecdh"
	"math/big"
	"testing"

	"github.com/c2sp/wycheproof"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

// TestWycheproofECDH runs Wycheproof's P-384 ECDH cases with uncompressed
// points (the SecP384r1 and SecP384r1MLKEM1024 key shares of kx/keyshare)
// through PublicPoint.SetBytes and Impl.ECDH, for every implementation:
// invalid points must be refused with an error, valid ones give the
// expected secret, and crypto/ecdh agrees on every acceptance.
func TestWycheproofECDH(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		var v vectors.Wycheproof[vectors.ECDHGroup]
		if err := vectors.LoadWycheproof(wycheproof.TestVectors, "ecdh_secp384r1_ecpoint_test.json", &v); err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, g := range v.TestGroups {
			for _, tc := range g.Tests {
				n++
				k := new(big.Int).SetBytes(tc.Private)
				if k.BitLen() > bitLen {
					t.Fatalf("%v: private key too long", tc.Case)
				}
				priv := k.FillBytes(make([]byte, ScalarSize))
				if !ScalarValid(priv) {
					t.Fatalf("%v: invalid private key", tc.Case)
				}
				var got []byte
				var q PublicPoint
				err := im.SetPoint(&q, tc.Public)
				if err == nil {
					var out [ScalarSize]byte
					if err = im.ECDH(&out, priv, &q); err == nil {
						got = out[:]
					}
				}
				switch {
				case tc.HasFlag("CompressedPoint") || tc.HasFlag("CompressedPublic"):
					// Only uncompressed points (RFC 8446 4.2.8.2).
					if err == nil {
						t.Errorf("%v: accepted a compressed point", tc.Case)
					}
					continue
				case tc.Invalid() && err == nil:
					t.Errorf("%v: accepted", tc.Case)
				case tc.Valid() && err != nil:
					t.Errorf("%v: %v", tc.Case, err)
				case tc.Valid() && !bytes.Equal(got, tc.Shared):
					t.Errorf("%v: got %x, want %x", tc.Case, got, tc.Shared)
				}
				std, _ := ecdh.P384().NewPrivateKey(priv)
				if pub, perr := ecdh.P384().NewPublicKey(tc.Public); (perr == nil) != (err == nil) {
					t.Errorf("%v: ours %v, crypto/ecdh %v", tc.Case, err, perr)
				} else if perr == nil {
					want, _ := std.ECDH(pub)
					if !bytes.Equal(got, want) {
						t.Errorf("%v: differs from crypto/ecdh", tc.Case)
					}
				}
			}
		}
		if n != v.NumberOfTests || n != 790 {
			t.Errorf("ran %d of %d cases, want 790", n, v.NumberOfTests)
		}
	})
}
