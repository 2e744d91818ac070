// Command keccak generates the amd64 assembly of package internal/keccak:
// Keccak-f[1600] (FIPS 202 section 3) on four or eight independent states
// at once, one state per 64-bit vector lane.
//
// Run it through go:generate in internal/keccak (see keccak_amd64.go).
//
// Layout: the states are interleaved, lane i of state j at qword 4*i+j
// (StateX4, [25][4]uint64) or 8*i+j (StateX8, [25][8]uint64), so lane i of
// every state is one ymm or zmm vector and the permutation is the scalar
// algorithm with vector instructions. Lane (x, y) of FIPS 202 is lane
// x+5*y.
//
// Why assembly: Go has no vector types, and the Go permutation runs one
// state at a time (about 460 ns on the Zen 5 it was tuned on; four states
// are four times that). The kernels here do four states in about the
// time of one (see BENCHMARKS.md).
//
// Three kernels:
//
//   - avx2.go, "avx2" (AVX2, 16 ymm registers): the state cannot stay in
//     registers, so each round reads its 25 input vectors from memory and
//     writes its 25 outputs to the other of two buffers (the caller's
//     state and a frame buffer, in turn), keeping θ's column parities and
//     D values, one row of ρ/π outputs and a temporary in registers.
//   - avx512.go, "avx512" (AVX-512F + VL + BW, 32 vector registers): the whole
//     state stays in registers for the 24 rounds, with VPROLQ for the
//     rotations and VPTERNLOGQ for θ's five-way XORs and χ; on ymm for
//     four states and zmm for eight.
//   - arm64.go, "arm64" (FEAT_SHA3; printed as text, avo writes only
//     amd64): two states in the 64-bit halves of NEON registers with
//     EOR3, RAX1, XAR and BCAX.
//
// Designs learned from (no code taken): XKCP's
// KeccakP-1600-times4-SIMD256.c (the Keccak team; the "prepare θ" trick of
// computing the next round's column parities while χ's outputs are at
// hand) and mlkem-native's keccak_f1600_x4_avx2 (dev/fips202/x86_64; ρ by
// 8 and 56 with byte shuffles).
package main

import (
	"flag"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// rotations[x+5*y] is the ρ offset of lane (x, y) (FIPS 202 section 3.2.2).
// Keep in sync with internal/keccak/keccak_generic.go (tested there).
var rotations = [25]int{
	0, 1, 62, 28, 27,
	36, 44, 6, 55, 20,
	3, 10, 43, 25, 39,
	41, 45, 15, 21, 8,
	18, 2, 61, 56, 14,
}

// roundConstants are the ι constants (FIPS 202 section 3.2.5).
var roundConstants = [24]uint64{
	0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
	0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
	0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
	0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
	0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
	0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
}

// piSource returns the input lane whose ρ-rotated value π moves to output
// lane (X, Y): b[X, Y] = rot(a[x, y]) with X = y and Y = 2x + 3y mod 5,
// so y = X and x = 3(Y - 3X) mod 5 (3 is the inverse of 2 mod 5).
func piSource(X, Y int) (x, y int) {
	return ((3*(Y-3*X))%5 + 5) % 5, X
}

var rcTable, rcTable4, shuf8, shuf56, shuf8z, shuf56z Mem

// constants emits the round constants, once (for broadcasts) and four
// times each (for 256-bit XORs), and the VPSHUFB masks that rotate each
// qword left by 8 and by 56 bits (32 bytes for ymm, 64 for zmm).
func constants() {
	rcTable = GLOBL("keccakRC", RODATA|NOPTR)
	for i, c := range roundConstants {
		DATA(8*i, U64(c))
	}
	rcTable4 = GLOBL("keccakRC4", RODATA|NOPTR)
	for i, c := range roundConstants {
		for j := range 4 {
			DATA(32*i+8*j, U64(c))
		}
	}
	// Byte k of each output qword is byte (k - r/8) mod 8 of the input
	// qword (VPSHUFB indexes bytes within each 128-bit half).
	shuf := func(name string, r, qwords int) Mem {
		m := GLOBL(name, RODATA|NOPTR)
		for q := range qwords {
			var v uint64
			for k := range 8 {
				v |= uint64(8*(q%2)+(k-r/8+8)%8) << (8 * k)
			}
			DATA(8*q, U64(v))
		}
		return m
	}
	shuf8 = shuf("keccakRot8", 8, 4)
	shuf56 = shuf("keccakRot56", 56, 4)
	shuf8z = shuf("keccakRot8z", 8, 8)
	shuf56z = shuf("keccakRot56z", 56, 8)
}

var arm64Out = flag.String("arm64", "", "also write the arm64 assembly (arm64.go) to this file")

func main() {
	ConstraintExpr("amd64,gc,!purego")
	constants()
	avx2Kernel()
	avx512Kernels()
	Generate() // parses the flags
	if *arm64Out != "" {
		arm64File(*arm64Out)
	}
}

// byteRotation returns the VPSHUFB mask rotating each qword left by r (8
// or 56) bits, for vectors of width bytes.
func byteRotation(r, width int) Mem {
	switch {
	case r == 8 && width == 32:
		return shuf8
	case r == 56 && width == 32:
		return shuf56
	case r == 8:
		return shuf8z
	default:
		return shuf56z
	}
}
