package ed25519

import (
	"crypto"
	"crypto/ed25519"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
)

// Benchmarks of every implementation beside crypto/ed25519, in one run:
// go test -run=^$ -bench=. -count=6 ./sig/ed25519 | benchstat -col /impl -

// benchImpls runs f for crypto/ed25519 (ref set) and for every available
// implementation.
func benchImpls(b *testing.B, f func(b *testing.B, ref bool)) {
	b.Run("impl=crypto-ed25519", func(b *testing.B) { f(b, true) })
	defer dispatch.Reset(alg)
	for _, im := range dispatch.List(alg) {
		if !im.Available {
			continue
		}
		b.Run("impl="+im.Name, func(b *testing.B) {
			if err := dispatch.Select(alg, im.Name); err != nil {
				b.Fatal(err)
			}
			defer dispatch.Reset(alg)
			f(b, false)
		})
	}
}

func BenchmarkSign(b *testing.B) {
	std := ed25519.NewKeyFromSeed(make([]byte, 32))
	msg := []byte("Hello, world! A message of a TLS 1.3 CertificateVerify's size.")
	benchImpls(b, func(b *testing.B, ref bool) {
		b.ReportAllocs()
		if ref {
			for b.Loop() {
				std.Sign(nil, msg, crypto.Hash(0))
			}
			return
		}
		k, _ := NewPrivateKey(std)
		for b.Loop() {
			k.Sign(nil, msg, crypto.Hash(0))
		}
	})
}

func BenchmarkVerify(b *testing.B) {
	std := ed25519.NewKeyFromSeed(make([]byte, 32))
	pub := std.Public().(ed25519.PublicKey)
	msg := []byte("Hello, world! A message of a TLS 1.3 CertificateVerify's size.")
	sig := ed25519.Sign(std, msg)
	benchImpls(b, func(b *testing.B, ref bool) {
		b.ReportAllocs()
		if ref {
			for b.Loop() {
				if !ed25519.Verify(pub, msg, sig) {
					b.Fatal("invalid")
				}
			}
			return
		}
		for b.Loop() {
			if !Verify(pub, msg, sig) {
				b.Fatal("invalid")
			}
		}
	})
}

// BenchmarkVerifyMany verifies 64 signatures by 64 keys per operation; the
// crypto/ed25519 row is 64 Verify calls.
func BenchmarkVerifyMany(b *testing.B) {
	const n = 64
	pubs := make([]ed25519.PublicKey, n)
	msgs := make([][]byte, n)
	sigs := make([][]byte, n)
	for i := range n {
		seed := make([]byte, 32)
		seed[0] = byte(i)
		k := ed25519.NewKeyFromSeed(seed)
		pubs[i] = k.Public().(ed25519.PublicKey)
		msgs[i] = []byte("Hello, world! A message of a TLS 1.3 CertificateVerify's size.")
		sigs[i] = ed25519.Sign(k, msgs[i])
	}
	benchImpls(b, func(b *testing.B, ref bool) {
		b.ReportAllocs()
		if ref {
			for b.Loop() {
				for i := range n {
					ed25519.Verify(pubs[i], msgs[i], sigs[i])
				}
			}
			return
		}
		for b.Loop() {
			VerifyMany(pubs, msgs, sigs)
		}
	})
}
