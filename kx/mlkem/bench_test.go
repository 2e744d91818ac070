package mlkem

import (
	"crypto/mlkem"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
)

// The benchmarks run ours (the automatically chosen implementation; use
// TLSCORE_CPU to mask features) and crypto/mlkem side by side, so one run gives
// the ratio: go test -run=^$ -bench=. -count=6 | benchstat.

func BenchmarkKeyGen768(b *testing.B) {
	seed := make([]byte, SeedSize)
	b.Run("tlscore="+dispatch.Chosen(alg), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewDecapsulationKey768(seed)
		}
	})
	b.Run("crypto-mlkem", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			mlkem.NewDecapsulationKey768(seed)
		}
	})
}

func BenchmarkEncaps768(b *testing.B) {
	dk, _ := mlkem.GenerateKey768()
	ekb := dk.EncapsulationKey().Bytes()
	b.Run("tlscore="+dispatch.Chosen(alg), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ek, _ := NewEncapsulationKey768(ekb)
			ek.Encapsulate()
		}
	})
	b.Run("crypto-mlkem", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ek, _ := mlkem.NewEncapsulationKey768(ekb)
			ek.Encapsulate()
		}
	})
}

func BenchmarkDecaps768(b *testing.B) {
	ours, _ := GenerateKey768()
	std, _ := mlkem.NewDecapsulationKey768(ours.Bytes())
	_, c := std.EncapsulationKey().Encapsulate()
	b.Run("tlscore="+dispatch.Chosen(alg), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ours.Decapsulate(c)
		}
	})
	b.Run("crypto-mlkem", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			std.Decapsulate(c)
		}
	})
}

func BenchmarkKeyGen1024(b *testing.B) {
	seed := make([]byte, SeedSize)
	b.Run("tlscore="+dispatch.Chosen(alg), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			NewDecapsulationKey1024(seed)
		}
	})
	b.Run("crypto-mlkem", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			mlkem.NewDecapsulationKey1024(seed)
		}
	})
}

func BenchmarkEncaps1024(b *testing.B) {
	dk, _ := mlkem.GenerateKey1024()
	ekb := dk.EncapsulationKey().Bytes()
	b.Run("tlscore="+dispatch.Chosen(alg), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ek, _ := NewEncapsulationKey1024(ekb)
			ek.Encapsulate()
		}
	})
	b.Run("crypto-mlkem", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ek, _ := mlkem.NewEncapsulationKey1024(ekb)
			ek.Encapsulate()
		}
	})
}

func BenchmarkDecaps1024(b *testing.B) {
	ours, _ := GenerateKey1024()
	std, _ := mlkem.NewDecapsulationKey1024(ours.Bytes())
	_, c := std.EncapsulationKey().Encapsulate()
	b.Run("tlscore="+dispatch.Chosen(alg), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			ours.Decapsulate(c)
		}
	})
	b.Run("crypto-mlkem", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			std.Decapsulate(c)
		}
	})
}
