package keccak

import (
	"bytes"
	"crypto/sha3"
	"encoding/binary"
	"encoding/hex"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cryptotest"
)

// stateBytes returns the byte string of s (FIPS 202 section 3.1.3).
func stateBytes(s *State) []byte {
	b := make([]byte, 200)
	for i, v := range s {
		binary.LittleEndian.PutUint64(b[8*i:], v)
	}
	return b
}

func lane(s *StateX4, j int) State {
	var t State
	for i := range t {
		t[i] = s[i][j]
	}
	return t
}

func randState(r *rand.Rand) State {
	var s State
	for i := range s {
		s[i] = r.Uint64()
	}
	return s
}

func TestKnownAnswers(t *testing.T) {
	var s State
	Permute(&s)
	if got := strings.ToUpper(hex.EncodeToString(stateBytes(&s))); got != zeroPermuted {
		t.Errorf("Permute(0) = %s\nwant %s", got, zeroPermuted)
	}
	Permute(&s)
	if got := strings.ToUpper(hex.EncodeToString(stateBytes(&s))); got != zeroPermutedTwice {
		t.Errorf("Permute(Permute(0)) = %s\nwant %s", got, zeroPermutedTwice)
	}
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		var x StateX4
		for _, want := range []string{zeroPermuted, zeroPermutedTwice} {
			PermuteX4(&x)
			for j := range 4 {
				l := lane(&x, j)
				if got := strings.ToUpper(hex.EncodeToString(stateBytes(&l))); got != want {
					t.Errorf("state %d: got %s\nwant %s", j, got, want)
				}
			}
		}
	})
}

// TestRoundConstants derives the ι constants with the LFSR of FIPS 202
// section 3.2.5 (Algorithms 5 and 6).
func TestRoundConstants(t *testing.T) {
	rc := func(t int) uint64 { // Algorithm 5
		if t%255 == 0 {
			return 1
		}
		r := uint16(1) // R = 10000000, R[0] in bit 0
		for range t % 255 {
			r <<= 1 // R = 0 || R
			b8 := r >> 8 & 1
			r ^= b8 | b8<<4 | b8<<5 | b8<<6
			r &= 0xff
		}
		return uint64(r & 1)
	}
	for ir := range 24 {
		var want uint64
		for j := range 7 {
			want |= rc(j+7*ir) << (1<<j - 1)
		}
		if roundConstants[ir] != want {
			t.Errorf("RC[%d] = %#x, want %#x", ir, roundConstants[ir], want)
		}
	}
}

// TestRotations derives the ρ offsets (FIPS 202 section 3.2.2, Algorithm 2).
func TestRotations(t *testing.T) {
	var want [25]int
	x, y := 1, 0
	for k := range 24 {
		want[x+5*y] = (k + 1) * (k + 2) / 2 % 64
		x, y = y, (2*x+3*y)%5
	}
	if rotations != want {
		t.Errorf("rotations = %v, want %v", rotations, want)
	}
}

// spongeRef is a minimal FIPS 202 sponge on Permute, to check it against
// crypto/sha3.
func spongeRef(rate int, ds byte, msg []byte, outLen int) []byte {
	var s State
	xor := func(b []byte) {
		for i, c := range b {
			s[i/8] ^= uint64(c) << (8 * (i % 8))
		}
	}
	for len(msg) >= rate {
		xor(msg[:rate])
		msg = msg[rate:]
		Permute(&s)
	}
	last := make([]byte, rate)
	copy(last, msg)
	last[len(msg)] ^= ds
	last[rate-1] ^= 0x80
	xor(last)
	var out []byte
	for len(out) < outLen {
		Permute(&s)
		out = append(out, stateBytes(&s)[:rate]...)
	}
	return out[:outLen]
}

func TestSpongeVersusSHA3(t *testing.T) {
	r := rand.New(rand.NewChaCha8([32]byte{1}))
	for _, n := range []int{0, 1, 7, 8, 135, 136, 137, 167, 168, 169, 300, 1000} {
		msg := make([]byte, n)
		for i := range msg {
			msg[i] = byte(r.Uint32())
		}
		if got, want := spongeRef(136, 0x06, msg, 32), sha3.Sum256(msg); !bytes.Equal(got, want[:]) {
			t.Errorf("SHA3-256(%d bytes) = %x, want %x", n, got, want)
		}
		if got, want := spongeRef(72, 0x06, msg, 64), sha3.Sum512(msg); !bytes.Equal(got, want[:]) {
			t.Errorf("SHA3-512(%d bytes) = %x, want %x", n, got, want)
		}
		if got, want := spongeRef(Rate128, dsShake, msg, 500), sha3.SumSHAKE128(msg, 500); !bytes.Equal(got, want) {
			t.Errorf("SHAKE128(%d bytes) = %x, want %x", n, got, want)
		}
		if got, want := spongeRef(Rate256, dsShake, msg, 300), sha3.SumSHAKE256(msg, 300); !bytes.Equal(got, want) {
			t.Errorf("SHAKE256(%d bytes) = %x, want %x", n, got, want)
		}
	}
}

// TestPermuteX4 compares PermuteX4 with four Permute calls on random
// states, for every implementation.
func TestPermuteX4(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		r := rand.New(rand.NewChaCha8([32]byte{2}))
		for iter := range 200 {
			var x StateX4
			var want [4]State
			for j := range 4 {
				want[j] = randState(r)
				if iter == 0 && j == 1 {
					for i := range want[j] {
						want[j][i] = ^uint64(0)
					}
				}
				for i := range want[j] {
					x[i][j] = want[j][i]
				}
			}
			PermuteX4(&x)
			for j := range 4 {
				Permute(&want[j])
				if got := lane(&x, j); got != want[j] {
					t.Fatalf("iteration %d, state %d: got %x, want %x", iter, j, got, want[j])
				}
			}
		}
	})
}

// byteLength is the length of buffer j in the byte helper tests for
// length n: equal lengths (the row-at-a-time path) for even n, and
// different ones, every length in every state, for odd n.
func byteLength(n, j int) int {
	if n%2 == 0 {
		return n / 2
	}
	return (n/2 + 50*j) % 201
}

func TestXORBytesX4(t *testing.T) {
	r := rand.New(rand.NewChaCha8([32]byte{3}))
	for n := 0; n <= 401; n++ {
		var x StateX4
		var ref [4]State
		var in [4][]byte
		for j := range 4 {
			ref[j] = randState(r)
			for i := range ref[j] {
				x[i][j] = ref[j][i]
			}
			in[j] = make([]byte, byteLength(n, j))
			for k := range in[j] {
				in[j][k] = byte(r.Uint32())
			}
		}
		copies := [4][]byte{bytes.Clone(in[0]), bytes.Clone(in[1]), bytes.Clone(in[2]), bytes.Clone(in[3])}
		XORBytesX4(&x, &in)
		for j := range 4 {
			b := stateBytes(&ref[j])
			for k, c := range in[j] {
				b[k] ^= c
			}
			l := lane(&x, j)
			if got := stateBytes(&l); !bytes.Equal(got, b) {
				t.Fatalf("length %d, state %d: got %x, want %x", len(in[j]), j, got, b)
			}
			if !bytes.Equal(in[j], copies[j]) {
				t.Fatalf("input %d modified", j)
			}
		}
	}
}

func TestExtractBytesX4(t *testing.T) {
	r := rand.New(rand.NewChaCha8([32]byte{4}))
	for n := 0; n <= 401; n++ {
		var x StateX4
		var ref [4]State
		var out [4][]byte
		for j := range 4 {
			ref[j] = randState(r)
			for i := range ref[j] {
				x[i][j] = ref[j][i]
			}
			// one byte past the end, which must stay untouched
			out[j] = make([]byte, byteLength(n, j), byteLength(n, j)+1)
			out[j][:cap(out[j])][cap(out[j])-1] = 0xa5
		}
		before := x
		ExtractBytesX4(&x, &out)
		if x != before {
			t.Fatalf("ExtractBytesX4 modified the state")
		}
		for j := range 4 {
			if want := stateBytes(&ref[j])[:len(out[j])]; !bytes.Equal(out[j], want) {
				t.Fatalf("length %d, state %d: got %x, want %x", len(out[j]), j, out[j], want)
			}
			if out[j][:cap(out[j])][cap(out[j])-1] != 0xa5 {
				t.Fatalf("length %d, state %d: wrote past the end", len(out[j]), j)
			}
		}
	}
}

func TestByteHelpersPanic(t *testing.T) {
	mustPanic := func(name string, f func()) {
		t.Helper()
		defer func() {
			if recover() == nil {
				t.Errorf("%s did not panic", name)
			}
		}()
		f()
	}
	var x StateX4
	mustPanic("XORBytesX4(201)", func() { XORBytesX4(&x, &[4][]byte{nil, make([]byte, 201)}) })
	mustPanic("ExtractBytesX4(201)", func() { ExtractBytesX4(&x, &[4][]byte{nil, nil, nil, make([]byte, 201)}) })
	var d ShakeX4
	mustPanic("Squeeze before Init", func() { d.Squeeze(&[4][]byte{}) })
	mustPanic("Init128 unequal", func() { d.Init128(&[4][]byte{{1}, {1}, {1}, {}}) })
	d.Init256(&[4][]byte{})
	mustPanic("Squeeze unequal", func() { d.Squeeze(&[4][]byte{make([]byte, 3)}) })
	mustPanic("SqueezeBlocks partial", func() {
		d.SqueezeBlocks(&[4][]byte{make([]byte, 100), make([]byte, 100), make([]byte, 100), make([]byte, 100)})
	})
}

// TestShakeX4 compares ShakeX4 with crypto/sha3 on inputs of many lengths,
// squeezed in pieces of many lengths, for every implementation.
func TestShakeX4(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		r := rand.New(rand.NewChaCha8([32]byte{5}))
		lengths := []int{0, 1, 33, 34, 135, 136, 137, 167, 168, 169, 271, 272, 336, 337, 500}
		for _, n := range lengths {
			for _, size := range []int{128, 256} {
				var in [4][]byte
				for j := range in {
					in[j] = make([]byte, n)
					for k := range in[j] {
						in[j][k] = byte(r.Uint32())
					}
				}
				var d ShakeX4
				var ref [4]*sha3.SHAKE
				if size == 128 {
					d.Init128(&in)
				} else {
					d.Init256(&in)
				}
				for j := range ref {
					if size == 128 {
						ref[j] = sha3.NewSHAKE128()
					} else {
						ref[j] = sha3.NewSHAKE256()
					}
					ref[j].Write(in[j])
				}
				for _, m := range []int{0, 1, 7, 100, 168, 400, 3} {
					var out [4][]byte
					for j := range out {
						out[j] = make([]byte, m)
					}
					d.Squeeze(&out)
					for j := range out {
						want := make([]byte, m)
						ref[j].Read(want)
						if !bytes.Equal(out[j], want) {
							t.Fatalf("SHAKE%d of %d bytes, state %d, squeeze of %d: got %x, want %x", size, n, j, m, out[j], want)
						}
					}
				}
			}
		}
	})
}

func TestShakeX4SqueezeBlocks(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		for _, size := range []int{128, 256} {
			in := [4][]byte{[]byte("rho||0||0 0123456789abcdef01234567"), []byte("rho||0||1 0123456789abcdef01234567"),
				[]byte("rho||1||0 0123456789abcdef01234567"), []byte("rho||1||1 0123456789abcdef01234567")}
			var d ShakeX4
			rate := Rate128
			if size == 128 {
				d.Init128(&in)
			} else {
				d.Init256(&in)
				rate = Rate256
			}
			var out [4][]byte
			for j := range out {
				out[j] = make([]byte, 3*rate)
			}
			d.SqueezeBlocks(&out)
			next := [4][]byte{make([]byte, 5), make([]byte, 5), make([]byte, 5), make([]byte, 5)}
			d.Squeeze(&next)
			for j := range out {
				var want []byte
				if size == 128 {
					want = sha3.SumSHAKE128(in[j], 3*rate+5)
				} else {
					want = sha3.SumSHAKE256(in[j], 3*rate+5)
				}
				if got := append(out[j], next[j]...); !bytes.Equal(got, want) {
					t.Fatalf("SHAKE%d state %d: got %x, want %x", size, j, got, want)
				}
			}
		}
	})
}

func TestAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		in := [4][]byte{make([]byte, 34), make([]byte, 34), make([]byte, 34), make([]byte, 34)}
		out := [4][]byte{make([]byte, 504), make([]byte, 504), make([]byte, 504), make([]byte, 504)}
		var x StateX4
		var s State
		if n := testing.AllocsPerRun(10, func() {
			Permute(&s)
			PermuteX4(&x)
			var d ShakeX4
			d.Init128(&in)
			d.SqueezeBlocks(&out)
			d.Squeeze(&out)
		}); n != 0 {
			t.Errorf("%v allocations", n)
		}
	})
}

// TestDispatch checks that the chosen implementation is the first
// available one and that Select switches PermuteX4's code.
func TestDispatch(t *testing.T) {
	defer dispatch.Reset(alg)
	var first string
	for _, im := range dispatch.List(alg) {
		if im.Available && im.NotAuto == "" {
			first = im.Name
			break
		}
	}
	if got := dispatch.Chosen(alg); got != first {
		t.Errorf("chosen %q, want %q", got, first)
	}
	for _, im := range dispatch.List(alg) {
		if !im.Available {
			continue
		}
		if err := dispatch.Select(alg, im.Name); err != nil {
			t.Fatal(err)
		}
		if got, want := kind(chosen.Load()), must(lookup(im.Name)); got != want {
			t.Errorf("after Select(%q): kind %d, want %d", im.Name, got, want)
		}
	}
}

func must(k kind, ok bool) kind {
	if !ok {
		panic("unknown implementation")
	}
	return k
}
