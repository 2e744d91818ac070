package bench

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	ourp256 "github.com/tlscore/tlscore/kx/p256"
	ourecdsa "github.com/tlscore/tlscore/sig/ecdsa"
)

// implsOf runs f once per available implementation of alg.
func implsOf(b *testing.B, alg string, f func(b *testing.B)) {
	defer dispatch.Reset(alg)
	for _, im := range dispatch.List(alg) {
		if !im.Available {
			continue
		}
		b.Run("impl="+im.Name, func(b *testing.B) {
			if err := dispatch.Select(alg, im.Name); err != nil {
				b.Fatal(err)
			}
			f(b)
		})
	}
}

func benchECDSA(b *testing.B, curve elliptic.Curve, alg string, digest []byte) {
	std, _ := ecdsa.GenerateKey(curve, rand.Reader)
	b.Run("op=sign", func(b *testing.B) {
		implsOf(b, alg, func(b *testing.B) {
			b.ReportAllocs()
			sk, err := ourecdsa.NewPrivateKey(std)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if _, err := sk.Sign(rand.Reader, digest, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
		b.Run("impl=crypto-ecdsa", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := std.Sign(rand.Reader, digest, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	})
	sig, _ := ecdsa.SignASN1(rand.Reader, std, digest)
	b.Run("op=verify", func(b *testing.B) {
		implsOf(b, alg, func(b *testing.B) {
			b.ReportAllocs()
			pk, err := ourecdsa.NewPublicKey(&std.PublicKey)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if !pk.VerifyASN1(digest, sig) {
					b.Fatal("verify failed")
				}
			}
		})
		b.Run("impl=crypto-ecdsa", func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if !ecdsa.VerifyASN1(&std.PublicKey, digest, sig) {
					b.Fatal("verify failed")
				}
			}
		})
	})
}

func BenchmarkECDSAP256(b *testing.B) {
	d := sha256.Sum256([]byte("tlscore"))
	benchECDSA(b, elliptic.P256(), "p256", d[:])
}

func BenchmarkECDSAP384(b *testing.B) {
	d := sha512.Sum384([]byte("tlscore"))
	benchECDSA(b, elliptic.P384(), "p384", d[:])
}

// BenchmarkP256ECDH: one shared secret with a fixed peer (peer validation
// included, as in a TLS key share).
func BenchmarkP256ECDH(b *testing.B) {
	priv, _, _ := ourp256.GenerateKey(rand.Reader)
	peer, _ := ecdh.P256().GenerateKey(rand.Reader)
	peerPub := peer.PublicKey().Bytes()
	implsOf(b, "p256", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := ourp256.ECDH(priv, peerPub); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=crypto-ecdh", func(b *testing.B) {
		b.ReportAllocs()
		std, _ := ecdh.P256().NewPrivateKey(priv)
		for b.Loop() {
			pub, err := ecdh.P256().NewPublicKey(peerPub)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := std.ECDH(pub); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkP256KeyGen: a fresh key pair (random scalar, fixed-base
// multiplication, encoding).
func BenchmarkP256KeyGen(b *testing.B) {
	implsOf(b, "p256", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := ourp256.GenerateKey(rand.Reader); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=crypto-ecdh", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			k, err := ecdh.P256().GenerateKey(rand.Reader)
			if err != nil {
				b.Fatal(err)
			}
			k.PublicKey().Bytes()
		}
	})
}
