package bench

import (
	"crypto/ecdh"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/kx/x25519"
)

var (
	x25519Scalar = [32]byte{0xa5, 0x46, 0xe3, 0x6b, 0xf0, 0x52, 0x7c, 0x9d, 0x3b, 0x16, 0x15, 0x4b, 0x82, 0x46, 0x5e, 0xdd,
		0x62, 0x14, 0x4c, 0x0a, 0xc1, 0xfc, 0x5a, 0x18, 0x50, 0x6a, 0x22, 0x44, 0xba, 0x44, 0x9a, 0xc4}
	x25519Point = [32]byte{0xe6, 0xdb, 0x68, 0x67, 0x58, 0x30, 0x30, 0xdb, 0x35, 0x94, 0xc1, 0xa4, 0x24, 0xb1, 0x5f, 0x7c,
		0x72, 0x66, 0x24, 0xec, 0x26, 0xb3, 0x35, 0x3b, 0x10, 0xa9, 0x03, 0xa6, 0xd0, 0xab, 0x1c, 0x4c}
)

// x25519Impls runs f once per available implementation of "x25519".
func x25519Impls(b *testing.B, f func(b *testing.B)) {
	defer dispatch.Reset("x25519")
	for _, im := range dispatch.List("x25519") {
		if !im.Available {
			continue
		}
		b.Run("impl="+im.Name, func(b *testing.B) {
			if err := dispatch.Select("x25519", im.Name); err != nil {
				b.Fatal(err)
			}
			f(b)
		})
	}
}

// BenchmarkX25519Shared: one shared secret (the Montgomery ladder).
func BenchmarkX25519Shared(b *testing.B) {
	x25519Impls(b, func(b *testing.B) {
		b.ReportAllocs()
		var dst [32]byte
		for b.Loop() {
			if err := x25519.ECDH(&dst, &x25519Scalar, &x25519Point); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=crypto-ecdh", func(b *testing.B) {
		b.ReportAllocs()
		priv, _ := ecdh.X25519().NewPrivateKey(x25519Scalar[:])
		pub, _ := ecdh.X25519().NewPublicKey(x25519Point[:])
		for b.Loop() {
			if _, err := priv.ECDH(pub); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkX25519KeyGen: one public key from a private key (fixed base).
func BenchmarkX25519KeyGen(b *testing.B) {
	x25519Impls(b, func(b *testing.B) {
		b.ReportAllocs()
		var dst [32]byte
		x25519.ScalarBaseMultTo(&dst, &x25519Scalar)
		for b.Loop() {
			x25519.ScalarBaseMultTo(&dst, &x25519Scalar)
		}
	})
	b.Run("impl=crypto-ecdh", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			// NewPrivateKey computes the public key (the ladder on u = 9).
			priv, _ := ecdh.X25519().NewPrivateKey(x25519Scalar[:])
			priv.PublicKey()
		}
	})
}

// BenchmarkX25519Batch: 64 shared secrets per X25519Batch call; the
// reported time is per shared secret.
func BenchmarkX25519Batch(b *testing.B) {
	const n = 64
	dst, scalars, points := make([][32]byte, n), make([][32]byte, n), make([][32]byte, n)
	for i := range scalars {
		scalars[i] = x25519Scalar
		scalars[i][0] ^= byte(i)
		points[i] = x25519Point
		points[i][1] ^= byte(i)
	}
	x25519Impls(b, func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if err := x25519.X25519Batch(dst, scalars, points); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/shared")
	})
}
