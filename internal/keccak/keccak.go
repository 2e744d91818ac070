// Package keccak implements the Keccak-f[1600] permutation of FIPS 202
// section 3.3, on one state ([Permute]) and on four independent states at
// once ([PermuteX4]), with the byte helpers a sponge needs to absorb into
// and squeeze out of four states ([XORBytesX4], [ExtractBytesX4]) and four
// parallel SHAKE128/SHAKE256 instances built on them ([ShakeX4]).
//
// It exists for ML-KEM (FIPS 203), which expands its matrix with SHAKE128
// and samples its noise with SHAKE256 on many independent inputs: most of
// ML-KEM's time is spent here. Single-state hashing should use crypto/sha3.
//
// Implementations of the multi-state permutation are registered with
// internal/impl as "keccak" (package dispatch lists and selects them):
// "avx512" (AVX-512F + VL: the state in registers, VPROLQ rotations and
// VPTERNLOGQ for θ and χ), "avx2" (ymm, the state streamed through
// memory) and "generic" (the Go permutation, one state at a time).
// [PermuteX4], and so [ShakeX4], uses the one chosen at the moment of the
// call, read from an atomic value that impl.OnChange keeps current (no
// lock). Every implementation executes in constant time: the permutation
// has no branches or memory indices that depend on the state, and the
// byte helpers depend only on lengths.
package keccak

import (
	"encoding/binary"
	"strconv"
	"sync/atomic"

	"github.com/tlscore/tlscore/internal/impl"
)

const alg = "keccak"

// Implementation names (dispatch.Select("keccak", name)).
const (
	implAVX512  = "avx512"
	implAVX2    = "avx2"
	implGeneric = "generic"
)

// State is one Keccak-f[1600] state: lane (x, y) of FIPS 202 section 3.1.2
// is State[x+5*y], and the state's byte string is the lanes in that order,
// each little-endian. The zero value is the all-zero state.
type State [25]uint64

// StateX4 holds four independent states interleaved: lane i of state j is
// StateX4[i][j], so that one lane of all four states is one 256-bit vector
// (32 bytes, the vector kernels' unit). The zero value is four all-zero
// states.
type StateX4 [25][4]uint64

// Permute applies Keccak-f[1600] (the 24 rounds of Keccak-p[1600, 24],
// FIPS 202 section 3.4) to s. It is written in Go on every architecture.
func Permute(s *State) { permuteGeneric(s) }

// PermuteX4 applies Keccak-f[1600] to each of the four states of s.
func PermuteX4(s *StateX4) {
	if k := kind(chosen.Load()); k != kindGeneric {
		permuteX4Arch(k, s)
		return
	}
	permuteX4Generic(s)
}

// kind names an implementation in chosen. The hot paths switch on it and
// call the code directly, not through a function value, so that the
// compiler sees the callee and s does not escape (a ShakeX4 stays on the
// caller's stack).
type kind uint32

const (
	kindGeneric kind = iota
	kindAVX2
	kindAVX512
)

// chosen is the implementation the registry chooses now, kept up to date
// by impl.OnChange so that every call reads it without a lock.
var chosen atomic.Uint32

func init() {
	impl.Register(alg, registered()...)
	impl.OnChange(alg, func(name string) {
		k, ok := lookup(name)
		if !ok {
			panic("keccak: internal error: no code for implementation " + name)
		}
		chosen.Store(uint32(k))
	})
}

func lookup(name string) (kind, bool) {
	if name == implGeneric {
		return kindGeneric, true
	}
	return archLookup(name)
}

// XORBytesX4 XORs in[j] into state j of s, starting at byte 0 of the
// state's byte string (FIPS 202 section 3.1.3: byte 8*i+k is byte k of the
// little-endian lane i). The four lengths may differ; each may be any
// value from 0 to 200, multiple of 8 or not. It panics if one is longer
// than 200.
func XORBytesX4(s *StateX4, in *[4][]byte) {
	for j := range in {
		b := in[j]
		if len(b) > 200 {
			panic("keccak: XORBytesX4 input of " + strconv.Itoa(len(b)) + " bytes, more than a state")
		}
		i := 0
		for ; len(b) >= 8; i++ {
			s[i][j] ^= binary.LittleEndian.Uint64(b)
			b = b[8:]
		}
		if len(b) > 0 {
			var t [8]byte
			copy(t[:], b)
			s[i][j] ^= binary.LittleEndian.Uint64(t[:])
		}
	}
}

// ExtractBytesX4 copies the first len(out[j]) bytes of state j of s into
// out[j], for each j. The four lengths may differ; each may be any value
// from 0 to 200. It panics if one is longer than 200.
func ExtractBytesX4(s *StateX4, out *[4][]byte) {
	for j := range out {
		b := out[j]
		if len(b) > 200 {
			panic("keccak: ExtractBytesX4 output of " + strconv.Itoa(len(b)) + " bytes, more than a state")
		}
		i := 0
		for ; len(b) >= 8; i++ {
			binary.LittleEndian.PutUint64(b, s[i][j])
			b = b[8:]
		}
		if len(b) > 0 {
			var t [8]byte
			binary.LittleEndian.PutUint64(t[:], s[i][j])
			copy(b, t[:])
		}
	}
}
