package keccak

import (
	"bytes"
	"crypto/sha3"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/internal/cryptotest"
)

func lane8(s *StateX8, j int) State {
	var t State
	for i := range t {
		t[i] = s[i][j]
	}
	return t
}

func TestKnownAnswersX8(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		var x StateX8
		for _, want := range []string{zeroPermuted, zeroPermutedTwice} {
			PermuteX8(&x)
			for j := range 8 {
				l := lane8(&x, j)
				if got := strings.ToUpper(hex.EncodeToString(stateBytes(&l))); got != want {
					t.Errorf("state %d: got %s\nwant %s", j, got, want)
				}
			}
		}
	})
}

// checkX8 compares permute (a PermuteX8 kernel) with eight calls of
// Permute on random states.
func checkX8(t *testing.T, permute func(*StateX8)) {
	t.Helper()
	r := rand.New(rand.NewChaCha8([32]byte{6}))
	for iter := range 100 {
		var x StateX8
		var want [8]State
		for j := range 8 {
			want[j] = randState(r)
			for i := range want[j] {
				x[i][j] = want[j][i]
			}
		}
		permute(&x)
		for j := range 8 {
			Permute(&want[j])
			if got := lane8(&x, j); got != want[j] {
				t.Fatalf("iteration %d, state %d: got %x, want %x", iter, j, got, want[j])
			}
		}
	}
}

func TestPermuteX8(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) { checkX8(t, PermuteX8) })
}

func TestBytesX8(t *testing.T) {
	r := rand.New(rand.NewChaCha8([32]byte{7}))
	for n := 0; n <= 401; n++ {
		var x StateX8
		var ref [8]State
		var in, out [8][]byte
		for j := range 8 {
			ref[j] = randState(r)
			for i := range ref[j] {
				x[i][j] = ref[j][i]
			}
			in[j] = make([]byte, byteLength(n, j))
			for k := range in[j] {
				in[j][k] = byte(r.Uint32())
			}
			out[j] = make([]byte, byteLength(n, 7-j))
		}
		XORBytesX8(&x, &in)
		ExtractBytesX8(&x, &out)
		for j := range 8 {
			b := stateBytes(&ref[j])
			for k, c := range in[j] {
				b[k] ^= c
			}
			l := lane8(&x, j)
			if got := stateBytes(&l); !bytes.Equal(got, b) {
				t.Fatalf("XORBytesX8 length %d, state %d: got %x, want %x", len(in[j]), j, got, b)
			}
			if !bytes.Equal(out[j], b[:len(out[j])]) {
				t.Fatalf("ExtractBytesX8 length %d, state %d: got %x, want %x", len(out[j]), j, out[j], b[:len(out[j])])
			}
		}
	}
}

func TestShakeX8(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		r := rand.New(rand.NewChaCha8([32]byte{8}))
		for _, n := range []int{0, 33, 34, 136, 168, 200, 337} {
			for _, size := range []int{128, 256} {
				var in [8][]byte
				for j := range in {
					in[j] = make([]byte, n)
					for k := range in[j] {
						in[j][k] = byte(r.Uint32())
					}
				}
				var d ShakeX8
				rate := Rate128
				if size == 128 {
					d.Init128(&in)
				} else {
					d.Init256(&in)
					rate = Rate256
				}
				var blocks, tail [8][]byte
				for j := range 8 {
					blocks[j] = make([]byte, 2*rate)
					tail[j] = make([]byte, 77)
				}
				d.SqueezeBlocks(&blocks)
				d.Squeeze(&tail)
				d.Squeeze(&tail) // again: 154 bytes after the blocks, across a block boundary
				for j := range 8 {
					var want []byte
					if size == 128 {
						want = sha3.SumSHAKE128(in[j], 2*rate+154)
					} else {
						want = sha3.SumSHAKE256(in[j], 2*rate+154)
					}
					if !bytes.Equal(blocks[j], want[:2*rate]) || !bytes.Equal(tail[j], want[2*rate+77:]) {
						t.Fatalf("SHAKE%d of %d bytes, state %d: got %x %x, want %x", size, n, j, blocks[j], tail[j], want)
					}
				}
			}
		}
	})
}

func TestAllocationsX8(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		var in, out, lanes [8][]byte
		for j := range 8 {
			in[j] = make([]byte, 33)
			out[j] = make([]byte, 2*Rate256)
			lanes[j] = make([]byte, 200)
		}
		var x StateX8
		if n := testing.AllocsPerRun(10, func() {
			PermuteX8(&x)
			var d ShakeX8
			d.Init256(&in)
			d.SqueezeBlocks(&out)
			d.Squeeze(&out)
			XORBytesX8(&x, &in)
			ExtractBytesX8(&x, &lanes)
		}); n != 0 {
			t.Errorf("%v allocations", n)
		}
	})
}

// TestBytesMixed covers empty buffers and lengths that differ, as a
// sampler with idle lanes produces, for 4 and 8 states, and allocations.
func TestBytesMixed(t *testing.T) {
	r := rand.New(rand.NewChaCha8([32]byte{10}))
	patterns := [][8]int{
		{0, 168, 136, 32, 0, 1, 200, 7},
		{0, 0, 0, 0, 0, 0, 0, 0},
		{8, 0, 200, 9, 16, 0, 0, 15},
		{168, 168, 0, 168, 168, 0, 168, 168},
		{7, 200, 200, 200, 200, 200, 200, 200},
	}
	for _, p := range patterns {
		var x StateX8
		var ref [8]State
		var in, out [8][]byte
		for j := range 8 {
			ref[j] = randState(r)
			for i := range ref[j] {
				x[i][j] = ref[j][i]
			}
			in[j] = make([]byte, p[j])
			for k := range in[j] {
				in[j][k] = byte(r.Uint32())
			}
			out[j] = make([]byte, p[(j+3)%8])
		}
		var x4 StateX4
		for i := range x4 {
			copy(x4[i][:], x[i][:4])
		}
		in4, out4 := [4][]byte(in[:4]), [4][]byte{make([]byte, p[3]), make([]byte, p[4]), make([]byte, p[5]), make([]byte, p[6])}
		XORBytesX8(&x, &in)
		ExtractBytesX8(&x, &out)
		XORBytesX4(&x4, &in4)
		ExtractBytesX4(&x4, &out4)
		for j := range 8 {
			b := stateBytes(&ref[j])
			for k, c := range in[j] {
				b[k] ^= c
			}
			if l := lane8(&x, j); !bytes.Equal(stateBytes(&l), b) {
				t.Fatalf("%v: XORBytesX8 state %d wrong", p, j)
			}
			if !bytes.Equal(out[j], b[:len(out[j])]) {
				t.Fatalf("%v: ExtractBytesX8 state %d wrong", p, j)
			}
			if j < 4 {
				if l := lane(&x4, j); !bytes.Equal(stateBytes(&l), b) {
					t.Fatalf("%v: XORBytesX4 state %d wrong", p, j)
				}
				if !bytes.Equal(out4[j], b[:len(out4[j])]) {
					t.Fatalf("%v: ExtractBytesX4 state %d wrong", p, j)
				}
			}
		}
		t.Run(fmt.Sprint("allocations", p), func(t *testing.T) {
			cryptotest.SkipTestAllocations(t)
			if n := testing.AllocsPerRun(10, func() {
				XORBytesX8(&x, &in)
				ExtractBytesX8(&x, &out)
				XORBytesX4(&x4, &in4)
				ExtractBytesX4(&x4, &out4)
			}); n != 0 {
				t.Errorf("%v allocations", n)
			}
		})
	}
}
