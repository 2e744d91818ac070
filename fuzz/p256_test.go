package fuzz

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"math/big"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	ourp256 "github.com/tlscore/tlscore/kx/p256"
	ourecdsa "github.com/tlscore/tlscore/sig/ecdsa"
)

// eachImpl runs f with every available implementation of alg selected.
func eachImpl(t *testing.T, alg string, f func(name string)) {
	defer dispatch.Reset(alg)
	for _, im := range dispatch.List(alg) {
		if !im.Available {
			continue
		}
		if err := dispatch.Select(alg, im.Name); err != nil {
			t.Fatal(err)
		}
		f(im.Name)
	}
}

// scalarFrom maps fuzz bytes to a 32-byte scalar (not always valid).
func scalarFrom(b []byte) []byte {
	k := make([]byte, 32)
	copy(k, b)
	return k
}

// FuzzP256ECDH compares kx/p256.ECDH, for every implementation, with
// crypto/ecdh on fuzzed private keys and peer points. With mode&1 the peer
// is a valid point (the public key of peerSeed) with one bit flipped at
// flip when mode&2: mostly off-curve points, sometimes other valid ones.
func FuzzP256ECDH(f *testing.F) {
	f.Add([]byte{1}, []byte{2}, uint8(1), uint16(0))
	f.Add(bytes.Repeat([]byte{0xff}, 32), []byte{3}, uint8(3), uint16(100))
	f.Add([]byte{7, 7, 7}, append([]byte{4}, make([]byte, 64)...), uint8(0), uint16(0))
	f.Add([]byte{9}, []byte{0}, uint8(0), uint16(0))
	f.Fuzz(func(t *testing.T, privSeed, peer []byte, mode uint8, flip uint16) {
		priv := scalarFrom(privSeed)
		if mode&1 != 0 {
			k, err := ecdh.P256().NewPrivateKey(scalarFrom(peer))
			if err != nil {
				return
			}
			peer = k.PublicKey().Bytes()
			if mode&2 != 0 {
				peer[int(flip)%len(peer)] ^= 1 << (flip >> 13)
			}
		}
		var want []byte
		var wantErr error
		sk, err := ecdh.P256().NewPrivateKey(priv)
		if err != nil {
			wantErr = err
		} else if pub, err := ecdh.P256().NewPublicKey(peer); err != nil {
			wantErr = err
		} else {
			want, wantErr = sk.ECDH(pub)
		}
		eachImpl(t, "p256", func(name string) {
			got, err := ourp256.ECDH(priv, peer)
			if (err == nil) != (wantErr == nil) {
				t.Fatalf("%s: ECDH(%x, %x) error %v, crypto/ecdh %v", name, priv, peer, err, wantErr)
			}
			if err == nil && !bytes.Equal(got, want) {
				t.Fatalf("%s: ECDH(%x, %x) = %x, crypto/ecdh %x", name, priv, peer, got, want)
			}
			if sk != nil {
				pub, err := ourp256.PublicKey(priv)
				if err != nil || !bytes.Equal(pub, sk.PublicKey().Bytes()) {
					t.Fatalf("%s: PublicKey(%x) = %x, %v", name, priv, pub, err)
				}
			}
		})
	})
}

// fuzzKey returns a fixed key on P-256 (curve&1 == 0) or P-384, derived
// from d.
func fuzzKey(curve uint8, d []byte) *ecdsa.PrivateKey {
	c := elliptic.P256()
	if curve&1 != 0 {
		c = elliptic.P384()
	}
	n := c.Params().N
	k := new(big.Int).SetBytes(d)
	k.Mod(k, new(big.Int).Sub(n, big.NewInt(1)))
	k.Add(k, big.NewInt(1))
	b := k.FillBytes(make([]byte, (c.Params().BitSize+7)/8))
	sk, err := ecdsa.ParseRawPrivateKey(c, b)
	if err != nil {
		panic(err)
	}
	return sk
}

// FuzzECDSAVerify compares VerifyASN1 of every implementation with
// crypto/ecdsa.VerifyASN1. The signature is the fuzzed one if not empty,
// else a genuine crypto/ecdsa signature of digest with one bit flipped at
// flip (or none when flip is 0xffff).
func FuzzECDSAVerify(f *testing.F) {
	f.Add(uint8(0), []byte{1}, []byte("digest"), []byte{}, uint16(0xffff))
	f.Add(uint8(1), []byte{2}, []byte("digest"), []byte{}, uint16(0xffff))
	f.Add(uint8(0), []byte{3}, []byte("x"), []byte{}, uint16(40))
	f.Add(uint8(1), []byte{4}, bytes.Repeat([]byte{0xaa}, 64), []byte{}, uint16(5))
	f.Add(uint8(0), []byte{5}, []byte{}, []byte{0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01}, uint16(0))
	f.Fuzz(func(t *testing.T, curve uint8, keySeed, digest, sig []byte, flip uint16) {
		sk := fuzzKey(curve, keySeed)
		if len(sig) == 0 {
			h := sha256.Sum256(append([]byte("nonce"), digest...))
			var err error
			sig, err = ecdsa.SignASN1(bytes.NewReader(bytes.Repeat(h[:], 8)), sk, digest)
			if err != nil {
				t.Fatal(err)
			}
			if flip != 0xffff {
				sig[int(flip)%len(sig)] ^= 1 << (flip >> 13)
			}
		}
		want := ecdsa.VerifyASN1(&sk.PublicKey, digest, sig)
		alg := "p256"
		if curve&1 != 0 {
			alg = "p384"
		}
		eachImpl(t, alg, func(name string) {
			pk, err := ourecdsa.NewPublicKey(&sk.PublicKey)
			if err != nil {
				t.Fatal(err)
			}
			if got := pk.VerifyASN1(digest, sig); got != want {
				t.Fatalf("%s: VerifyASN1(%x, %x) = %v, crypto/ecdsa %v", name, digest, sig, got, want)
			}
		})
	})
}

// FuzzECDSASign checks that signatures of every implementation verify with
// crypto/ecdsa.
func FuzzECDSASign(f *testing.F) {
	f.Add(uint8(0), []byte{1}, []byte("digest"), []byte("rand"))
	f.Add(uint8(1), []byte{2}, bytes.Repeat([]byte{0xff}, 80), []byte{})
	f.Fuzz(func(t *testing.T, curve uint8, keySeed, digest, rnd []byte) {
		sk := fuzzKey(curve, keySeed)
		alg := "p256"
		if curve&1 != 0 {
			alg = "p384"
		}
		eachImpl(t, alg, func(name string) {
			k, err := ourecdsa.NewPrivateKey(sk)
			if err != nil {
				t.Fatal(err)
			}
			// A short random source must fail cleanly; pad it otherwise.
			sig, err := k.Sign(bytes.NewReader(bytes.Repeat(append(rnd, 0), 64)), digest, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !ecdsa.VerifyASN1(&sk.PublicKey, digest, sig) {
				t.Fatalf("%s: crypto/ecdsa rejects %x over %x", name, sig, digest)
			}
		})
	})
}
