//go:build amd64 && gc && !purego

package keccak

import (
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

// TestKernelsX8 runs every eight-state kernel directly: the dispatch
// picks only one of the two AVX-512 ones for a given CPU (zmm where it
// runs at full speed, two ymm passes elsewhere).
func TestKernelsX8(t *testing.T) {
	if cpu.X86HasAVX2 {
		checkX8(t, func(s *StateX8) { permuteX8AVX2((*[25][8]uint64)(s)) })
	}
	if cpu.X86HasAVX512F && cpu.X86HasAVX512VL && cpu.X86HasAVX512BW {
		checkX8(t, func(s *StateX8) { permuteX8AVX512((*[25][8]uint64)(s)) })
		checkX8(t, func(s *StateX8) { permuteX8AVX512VL((*[25][8]uint64)(s)) })
	}
}
