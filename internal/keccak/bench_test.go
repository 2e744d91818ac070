package keccak

import (
	"crypto/sha3"
	"runtime"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cputime"
)

// The benchmarks compare, in one run, the four- and eight-state
// permutations of every implementation, four single-state permutations,
// and crypto/sha3 SHAKE128 squeezing 4 x 168 bytes (one block of each of
// four states, the unit of ML-KEM's matrix expansion) against ShakeX4 and
// ShakeX8. SetBytes counts the state bytes of a permutation (the output
// bytes for the SHAKE rows), so MB/s compare across rows. Besides ns/op
// (wall clock) each row reports cpu-ns/op, the CPU time of the thread
// running it, which is steadier on a shared machine.
//
//	go test -run='^$' -bench=. -count=6 ./internal/keccak/

// loop runs f b.N times and reports the thread's CPU time per call.
func loop(b *testing.B, f func()) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ReportAllocs()
	t0, ok := cputime.Thread()
	for b.Loop() {
		f()
	}
	if t1, _ := cputime.Thread(); ok {
		b.ReportMetric(float64(t1-t0)/float64(b.N), "cpu-ns/op")
	}
}

func BenchmarkPermuteX4(b *testing.B) {
	defer dispatch.Reset(alg)
	for _, im := range dispatch.List(alg) {
		b.Run(im.Name, func(b *testing.B) {
			if !im.Available {
				b.Skip("not available")
			}
			if err := dispatch.Select(alg, im.Name); err != nil {
				b.Fatal(err)
			}
			s := new(StateX4)
			b.SetBytes(4 * 200)
			loop(b, func() { PermuteX4(s) })
		})
	}
}

// BenchmarkPermuteX8 counts the 8 x 200 state bytes.
func BenchmarkPermuteX8(b *testing.B) {
	defer dispatch.Reset(alg)
	for _, im := range dispatch.List(alg) {
		b.Run(im.Name, func(b *testing.B) {
			if !im.Available {
				b.Skip("not available")
			}
			if err := dispatch.Select(alg, im.Name); err != nil {
				b.Fatal(err)
			}
			s := new(StateX8)
			b.SetBytes(8 * 200)
			loop(b, func() { PermuteX8(s) })
		})
	}
}

func BenchmarkPermute4x(b *testing.B) {
	s := new([4]State)
	b.SetBytes(4 * 200)
	loop(b, func() {
		Permute(&s[0])
		Permute(&s[1])
		Permute(&s[2])
		Permute(&s[3])
	})
}

// BenchmarkSHAKE128 squeezes 168 more bytes from each of four SHAKE128
// instances (eight for ShakeX8): crypto/sha3, and ShakeX4 and ShakeX8 with
// the chosen implementation.
func BenchmarkSHAKE128(b *testing.B) {
	seed := make([]byte, 34)
	b.Run("crypto-sha3-4x168", func(b *testing.B) {
		var h [4]*sha3.SHAKE
		for j := range h {
			h[j] = sha3.NewSHAKE128()
			h[j].Write(seed)
		}
		out := make([]byte, Rate128)
		b.SetBytes(4 * Rate128)
		loop(b, func() {
			for j := range h {
				h[j].Read(out)
			}
		})
	})
	b.Run("ShakeX4-4x168", func(b *testing.B) {
		d := new(ShakeX4)
		d.Init128(&[4][]byte{seed, seed, seed, seed})
		out := new([4][]byte)
		for j := range out {
			out[j] = make([]byte, Rate128)
		}
		b.SetBytes(4 * Rate128)
		loop(b, func() { d.SqueezeBlocks(out) })
	})
	b.Run("ShakeX8-8x168", func(b *testing.B) {
		d := new(ShakeX8)
		in, out := new([8][]byte), new([8][]byte)
		for j := range out {
			in[j] = seed
			out[j] = make([]byte, Rate128)
		}
		d.Init128(in)
		b.SetBytes(8 * Rate128)
		loop(b, func() { d.SqueezeBlocks(out) })
	})
}
