package bench

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	tlsrsa "github.com/tlscore/tlscore/sig/rsa"
)

// rsaKey loads the fixed test key of sig/rsa/testdata.
func rsaKey(b *testing.B, bits int) *rsa.PrivateKey {
	data, err := os.ReadFile(fmt.Sprintf("../sig/rsa/testdata/rsa%d.pem", bits))
	if err != nil {
		b.Fatal(err)
	}
	blk, _ := pem.Decode(data)
	k, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
	if err != nil {
		b.Fatal(err)
	}
	return k
}

var rsaBenchSizes = []int{2048, 3072, 4096}

// rsaBench runs f for every key size and every available implementation of
// "rsa", then ref (crypto/rsa) as impl=crypto-rsa.
func rsaBench(b *testing.B, f func(b *testing.B, sk *tlsrsa.PrivateKey), ref func(b *testing.B, k *rsa.PrivateKey)) {
	defer dispatch.Reset("rsa")
	for _, bits := range rsaBenchSizes {
		std := rsaKey(b, bits)
		b.Run(fmt.Sprintf("bits=%d", bits), func(b *testing.B) {
			for _, im := range dispatch.List("rsa") {
				if !im.Available {
					continue
				}
				b.Run("impl="+im.Name, func(b *testing.B) {
					if err := dispatch.Select("rsa", im.Name); err != nil {
						b.Fatal(err)
					}
					sk, err := tlsrsa.NewPrivateKey(std)
					if err != nil {
						b.Fatal(err)
					}
					b.ReportAllocs()
					f(b, sk)
				})
			}
			b.Run("impl=crypto-rsa", func(b *testing.B) {
				b.ReportAllocs()
				ref(b, std)
			})
		})
	}
}

var rsaDigest = sha256.Sum256([]byte("tlscore RSA benchmark"))

func BenchmarkRSASignPKCS1v15(b *testing.B) {
	rsaBench(b, func(b *testing.B, sk *tlsrsa.PrivateKey) {
		for b.Loop() {
			if _, err := sk.Sign(nil, rsaDigest[:], crypto.SHA256); err != nil {
				b.Fatal(err)
			}
		}
	}, func(b *testing.B, k *rsa.PrivateKey) {
		for b.Loop() {
			if _, err := rsa.SignPKCS1v15(nil, k, crypto.SHA256, rsaDigest[:]); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRSASignPSS(b *testing.B) {
	opts := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
	rsaBench(b, func(b *testing.B, sk *tlsrsa.PrivateKey) {
		for b.Loop() {
			if _, err := sk.Sign(rand.Reader, rsaDigest[:], opts); err != nil {
				b.Fatal(err)
			}
		}
	}, func(b *testing.B, k *rsa.PrivateKey) {
		for b.Loop() {
			if _, err := rsa.SignPSS(rand.Reader, k, crypto.SHA256, rsaDigest[:], opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRSAVerifyPSS(b *testing.B) {
	opts := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
	rsaBench(b, func(b *testing.B, sk *tlsrsa.PrivateKey) {
		sig, _ := sk.Sign(rand.Reader, rsaDigest[:], opts)
		pk := sk.PublicKey()
		for b.Loop() {
			if err := pk.VerifyPSS(crypto.SHA256, rsaDigest[:], sig, opts); err != nil {
				b.Fatal(err)
			}
		}
	}, func(b *testing.B, k *rsa.PrivateKey) {
		sig, _ := rsa.SignPSS(rand.Reader, k, crypto.SHA256, rsaDigest[:], opts)
		for b.Loop() {
			if err := rsa.VerifyPSS(&k.PublicKey, crypto.SHA256, rsaDigest[:], sig, opts); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkRSAVerifyPKCS1v15(b *testing.B) {
	rsaBench(b, func(b *testing.B, sk *tlsrsa.PrivateKey) {
		sig, _ := sk.Sign(nil, rsaDigest[:], crypto.SHA256)
		pk := sk.PublicKey()
		for b.Loop() {
			if err := pk.VerifyPKCS1v15(crypto.SHA256, rsaDigest[:], sig); err != nil {
				b.Fatal(err)
			}
		}
	}, func(b *testing.B, k *rsa.PrivateKey) {
		sig, _ := rsa.SignPKCS1v15(nil, k, crypto.SHA256, rsaDigest[:])
		for b.Loop() {
			if err := rsa.VerifyPKCS1v15(&k.PublicKey, crypto.SHA256, rsaDigest[:], sig); err != nil {
				b.Fatal(err)
			}
		}
	})
}
