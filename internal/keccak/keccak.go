// Package keccak implements the Keccak-f[1600] permutation of FIPS 202
// section 3.3, on one state ([Permute]) and on four or eight independent
// states at once ([PermuteX4], [PermuteX8]), with the byte helpers a sponge
// needs to absorb into and squeeze out of them ([XORBytesX4],
// [ExtractBytesX4], [XORBytesX8], [ExtractBytesX8]) and parallel
// SHAKE128/SHAKE256 instances built on them ([ShakeX4], [ShakeX8]).
//
// It exists for ML-KEM (FIPS 203), which expands its matrix with SHAKE128
// and samples its noise with SHAKE256 on many independent inputs: most of
// ML-KEM's time is spent here. Single-state hashing should use crypto/sha3.
//
// Implementations of the multi-state permutation are registered with
// internal/impl as "keccak" (package dispatch lists and selects them):
// "avx512" (AVX-512F, VL and BW: the state in registers, VPROLQ rotations and
// VPTERNLOGQ for θ and χ; four states on ymm, eight on zmm), "avx2" (ymm,
// the state streamed through memory; eight states are two passes),
// "arm64" (FEAT_SHA3: EOR3, RAX1, XAR and BCAX on two states per NEON
// register) and "generic" (the Go permutation, one state at a time). [PermuteX4] and
// [PermuteX8], and so [ShakeX4] and [ShakeX8], use the one chosen at the
// moment of the call, read from an atomic value that impl.OnChange keeps current (no
// lock). Every implementation executes in constant time: the permutation
// has no branches or memory indices that depend on the state, and the
// byte helpers depend only on lengths.
package keccak

import (
	"sync/atomic"
	"unsafe"

	"github.com/tlscore/tlscore/internal/impl"
)

const alg = "keccak"

// Implementation names (dispatch.Select("keccak", name)).
const (
	implAVX512  = "avx512"
	implAVX2    = "avx2"
	implARM64   = "arm64"
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
	kindARM64
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
func XORBytesX4(s *StateX4, in *[4][]byte) { xorAll(s.lanes(), 4, in[:]) }

// ExtractBytesX4 copies the first len(out[j]) bytes of state j of s into
// out[j], for each j. The four lengths may differ; each may be any value
// from 0 to 200. It panics if one is longer than 200. Equal lengths are
// faster (whole rows of lanes at a time: about 45 ns for 4 x 168 bytes on
// Zen 5, against 70 ns state by state); so is reading the lanes of s
// directly.
func ExtractBytesX4(s *StateX4, out *[4][]byte) { extractAll(s.lanes(), 4, 0, out[:]) }

// StateX8 holds eight independent states interleaved: lane i of state j
// is StateX8[i][j], so that one lane of all eight states is one 512-bit
// vector. The zero value is eight all-zero states.
//
// With "avx512" on a core with full-width 512-bit units (Zen 5, where it
// was measured: 0.24 us for PermuteX8 and for PermuteX4), [PermuteX8]
// costs what [PermuteX4] does, so callers with eight or more independent
// inputs, such as the matrix expansion of ML-KEM-768 (9 entries) and
// ML-KEM-1024 (16), should use StateX8 or [ShakeX8]. Elsewhere it costs
// about two PermuteX4 (it runs two ymm passes where the CPU model is
// known to slow down for zmm code, see cpu.Prefer512), so it never loses.
type StateX8 [25][8]uint64

// PermuteX8 applies Keccak-f[1600] to each of the eight states of s.
func PermuteX8(s *StateX8) {
	if k := kind(chosen.Load()); k != kindGeneric {
		permuteX8Arch(k, s)
		return
	}
	permuteX8Generic(s)
}

// XORBytesX8 is [XORBytesX4] for eight states.
func XORBytesX8(s *StateX8, in *[8][]byte) { xorAll(s.lanes(), 8, in[:]) }

// ExtractBytesX8 is [ExtractBytesX4] for eight states.
func ExtractBytesX8(s *StateX8, out *[8][]byte) { extractAll(s.lanes(), 8, 0, out[:]) }

// lanes returns s as 100 qwords: lane i of state j is at 4*i+j.
func (s *StateX4) lanes() []uint64 { return unsafe.Slice(&s[0][0], 100) }

// lanes returns s as 200 qwords: lane i of state j is at 8*i+j.
func (s *StateX8) lanes() []uint64 { return unsafe.Slice(&s[0][0], 200) }
