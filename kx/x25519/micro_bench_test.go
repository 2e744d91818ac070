//go:build amd64 && gc && !purego

package x25519

import (
	"crypto/ecdh"
	"testing"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

func BenchmarkFe64Mul(b *testing.B) {
	x := edwards25519.Fe64{1, 2, 3, 4}
	for b.Loop() {
		edwards25519.Fe64Mul(&x, &x, &x)
	}
}

func BenchmarkFe64Sqr(b *testing.B) {
	x := edwards25519.Fe64{1, 2, 3, 4}
	for b.Loop() {
		edwards25519.Fe64Sqr(&x, &x, 1)
	}
}

func BenchmarkFe64Sqr100(b *testing.B) {
	x := edwards25519.Fe64{1, 2, 3, 4}
	for b.Loop() {
		edwards25519.Fe64Sqr(&x, &x, 100)
	}
}

func BenchmarkFe64Invert(b *testing.B) {
	x := edwards25519.Fe64{1, 2, 3, 4}
	for b.Loop() {
		edwards25519.Fe64Invert(&x, &x)
	}
}

func BenchmarkLadder64(b *testing.B) {
	k := [4]uint64{1, 2, 3, 1 << 62}
	u := [4]uint64{9}
	var xz [8]uint64
	for b.Loop() {
		fe64Ladder(&xz, &k, &u)
	}
}

func BenchmarkCmp(b *testing.B) {
	k := *h32("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")
	u := *h32("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
	var d [32]byte
	b.Run("shared-adx", func(b *testing.B) {
		for b.Loop() {
			x25519ADX(&d, &k, &u)
		}
	})
	b.Run("shared-ecdh", func(b *testing.B) {
		priv, _ := ecdh.X25519().NewPrivateKey(k[:])
		pub, _ := ecdh.X25519().NewPublicKey(u[:])
		for b.Loop() {
			priv.ECDH(pub)
		}
	})
	b.Run("base-adx", func(b *testing.B) {
		for b.Loop() {
			baseADX(&d, &k)
		}
	})
	b.Run("base-generic", func(b *testing.B) {
		for b.Loop() {
			baseGeneric(&d, &k)
		}
	})
}

func BenchmarkBatchIFMA(b *testing.B) {
	const n = 64
	dst, sc, pt := make([][32]byte, n), make([][32]byte, n), make([][32]byte, n)
	for i := range sc {
		sc[i][0], pt[i][0] = byte(i), 9
	}
	for b.Loop() {
		batchIFMA(dst, sc, pt)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/shared")
}

func BenchmarkLadderIFMA(b *testing.B) {
	var swaps [256]uint8
	var u edwards25519.Fe8
	var xz [2][5][8]uint64
	for b.Loop() {
		ladderIFMA(&xz, &swaps, (*[5][8]uint64)(&u))
	}
}

func BenchmarkFe8Invert(b *testing.B) {
	var u edwards25519.Fe8
	for b.Loop() {
		edwards25519.Fe8Invert(&u, &u)
	}
}

func BenchmarkParts(b *testing.B) {
	t := edwards25519.Table64()
	p := edwards25519.ExtPoint64{Y: edwards25519.Fe64{1}, Z: edwards25519.Fe64{1}}
	var n edwards25519.Niels64
	b.Run("select", func(b *testing.B) {
		for b.Loop() {
			edwards25519.SelectNiels64(&n, &t[3], -5)
		}
	})
	b.Run("addNiels", func(b *testing.B) {
		for b.Loop() {
			edwards25519.AddNiels64(&p, &t[3][2])
		}
	})
	b.Run("double", func(b *testing.B) {
		for b.Loop() {
			edwards25519.Double64(&p)
		}
	})
	b.Run("invert", func(b *testing.B) {
		for b.Loop() {
			edwards25519.Fe64Invert(&p.X, &p.X)
		}
	})
	b.Run("digits", func(b *testing.B) {
		var k [32]byte
		for b.Loop() {
			edwards25519.SignedDigits(&k)
		}
	})
}
