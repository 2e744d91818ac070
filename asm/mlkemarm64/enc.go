package main

import "fmt"

// Encoders of the Advanced SIMD instructions Go's arm64 assembler lacks
// (vector integer multiplies, halving subtract, rounding shift), from the
// bit patterns of the Arm Architecture Reference Manual (DDI 0487, C7.2:
// "SQDMULH (vector)", "SQDMULH (by element)", "MUL (vector)", "MUL (by
// element)", "MLS (by element)", "SHSUB", "CMHI (register)", "SRSHR", "SSHR", "SQRDMULH (by element)", "USHL"). All work on eight
// 16-bit lanes (Q = 1, size = 01); by-element forms take Vm in v0..v15 and
// a lane index 0..7 in H:L:M.
//
// Each returns the instruction word and its disassembly, which the
// generator writes as the comment after the WORD directive.

// Opcode bases with Q = 1, size = 01 and all register fields zero.
const (
	opSQDMULH      = 0x4e60b400 // 0 Q 0 01110 size 1 Rm 101101 Rn Rd
	opMUL          = 0x4e609c00 // 0 Q 0 01110 size 1 Rm 100111 Rn Rd
	opSHSUB        = 0x4e602400 // 0 Q 0 01110 size 1 Rm 001001 Rn Rd
	opCMHI         = 0x6e603400 // 0 Q 1 01110 size 1 Rm 001101 Rn Rd
	opUSHL         = 0x6e604400 // 0 Q 1 01110 size 1 Rm 010001 Rn Rd
	opSQDMULHElem  = 0x4f40c000 // 0 Q 0 01111 size L M Rm 1100 H 0 Rn Rd
	opMULElem      = 0x4f408000 // 0 Q 0 01111 size L M Rm 1000 H 0 Rn Rd
	opMLSElem      = 0x6f404000 // 0 Q 1 01111 size L M Rm 0100 H 0 Rn Rd
	opSRSHR        = 0x4f002400 // 0 Q 0 011110 immh:immb 00100 1 Rn Rd
	opSSHR         = 0x4f000400 // 0 Q 0 011110 immh:immb 00000 1 Rn Rd
	opSQRDMULHElem = 0x4f40d000 // 0 Q 0 01111 size L M Rm 1101 H 0 Rn Rd
)

func checkReg(r ...int) {
	for _, x := range r {
		if x < 0 || x > 31 {
			panic(fmt.Sprintf("register v%d out of range", x))
		}
	}
}

// vec3 encodes a three-register .8h instruction d = op(n, m).
func vec3(op uint32, name string, d, n, m int) (uint32, string) {
	checkReg(d, n, m)
	w := op | uint32(m)<<16 | uint32(n)<<5 | uint32(d)
	return w, fmt.Sprintf("%s v%d.8h, v%d.8h, v%d.8h", name, d, n, m)
}

// elem encodes a by-element .8h instruction d = op(n, m.h[i]).
func elem(op uint32, name string, d, n, m, i int) (uint32, string) {
	checkReg(d, n, m)
	if m > 15 || i < 0 || i > 7 {
		panic(fmt.Sprintf("%s: v%d.h[%d] cannot be encoded", name, m, i))
	}
	h, l, mm := uint32(i>>2&1), uint32(i>>1&1), uint32(i&1)
	w := op | l<<21 | mm<<20 | uint32(m)<<16 | h<<11 | uint32(n)<<5 | uint32(d)
	return w, fmt.Sprintf("%s v%d.8h, v%d.8h, v%d.h[%d]", name, d, n, m, i)
}

// sqdmulh: d = sat((2*n*m) >> 16), lane by lane.
func sqdmulh(d, n, m int) (uint32, string) { return vec3(opSQDMULH, "sqdmulh", d, n, m) }

// mul: d = n*m mod 2^16.
func mul(d, n, m int) (uint32, string) { return vec3(opMUL, "mul", d, n, m) }

// shsub: d = (n - m) >> 1, without intermediate overflow.
func shsub(d, n, m int) (uint32, string) { return vec3(opSHSUB, "shsub", d, n, m) }

// ushl: d = n << m (lane by lane, signed shift count: negative shifts
// right, logically).
func ushl(d, n, m int) (uint32, string) { return vec3(opUSHL, "ushl", d, n, m) }

// cmhi: d = all ones where n > m (unsigned), else 0.
func cmhi(d, n, m int) (uint32, string) { return vec3(opCMHI, "cmhi", d, n, m) }

func sqdmulhElem(d, n, m, i int) (uint32, string) {
	return elem(opSQDMULHElem, "sqdmulh", d, n, m, i)
}

func mulElem(d, n, m, i int) (uint32, string) { return elem(opMULElem, "mul", d, n, m, i) }

// mlsElem: d = d - n*m.h[i] mod 2^16.
func mlsElem(d, n, m, i int) (uint32, string) { return elem(opMLSElem, "mls", d, n, m, i) }

// srshr: d = (n + 2^(shift-1)) >> shift, arithmetic, 1 <= shift <= 16.
func srshr(d, n, shift int) (uint32, string) { return shiftImm(opSRSHR, "srshr", d, n, shift) }

// sshr: d = n >> shift, arithmetic, 1 <= shift <= 16.
func sshr(d, n, shift int) (uint32, string) { return shiftImm(opSSHR, "sshr", d, n, shift) }

func shiftImm(op uint32, name string, d, n, shift int) (uint32, string) {
	checkReg(d, n)
	if shift < 1 || shift > 16 {
		panic(name + ": shift out of range")
	}
	// For 16-bit lanes immh = 001x and the shift is 32 - immh:immb.
	w := op | uint32(32-shift)<<16 | uint32(n)<<5 | uint32(d)
	return w, fmt.Sprintf("%s v%d.8h, v%d.8h, #%d", name, d, n, shift)
}

// sqrdmulhElem: d = sat((2*n*m.h[i] + 2^15) >> 16).
func sqrdmulhElem(d, n, m, i int) (uint32, string) {
	return elem(opSQRDMULHElem, "sqrdmulh", d, n, m, i)
}
