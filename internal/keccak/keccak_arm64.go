//go:build arm64 && gc && !purego

package keccak

import "unsafe"

// The arm64 implementation of the multi-state permutation, "arm64":
// keccak_arm64.s, printed by asm/keccak (arm64.go), runs two states at a
// time in the 64-bit halves of the NEON registers with the FEAT_SHA3
// instructions EOR3, RAX1, XAR and BCAX (Armv8.2; Apple M1 and later,
// Neoverse V1/N2 and later). Assembly because Go has no vector types; it
// is tested and fuzzed against permuteGeneric, under qemu-aarch64 -cpu max
// in CI.

// permuteSHA3 applies Keccak-f[1600] to 2*passes interleaved states:
// lane i of states 2p and 2p+1 are the two qwords at s + stride*i + 16*p.
//
//go:noescape
func permuteSHA3(s *uint64, stride uintptr, passes int)

func archLookup(name string) (kind, bool) {
	if name == implARM64 {
		return kindARM64, true
	}
	return 0, false
}

func permuteX4Arch(k kind, s *StateX4) {
	if k == kindARM64 {
		permuteSHA3(&s[0][0], unsafe.Sizeof(s[0]), 2)
		return
	}
	permuteX4Generic(s)
}

func permuteX8Arch(k kind, s *StateX8) {
	if k == kindARM64 {
		permuteSHA3(&s[0][0], unsafe.Sizeof(s[0]), 4)
		return
	}
	permuteX8Generic(s)
}
