package main

// The "avx512" kernels: AVX-512F + VL + BW, on ymm (four states) and zmm
// (eight states).
//
// With 32 vector registers the 25 lanes stay in registers for all 24
// rounds, and AVX-512 has the two instructions Keccak wants: VPROLQ (a
// rotation in one instruction; AVX2 needs three) and VPTERNLOGQ (any
// function of three inputs). A round:
//
//	θ: C[x] = a[x, 0] ^ ... ^ a[x, 4]      VPXORQ + VPTERNLOGQ + VPXORQ
//	   R[x] = C[x] <<< 1                    VPROLQ
//	   a[x, y] ^= C[x-1] ^ R[x+1]           VPTERNLOGQ (0x96), no D
//	ρ: a[x, y] <<<= r[x, y]                 VPROLQ (VPSHUFB for 8 and 56)
//	π: renaming only (the rounds are unrolled)
//	χ: a'[X] = b[X] ^ (^b[X+1] & b[X+2])    VPTERNLOGQ (0xd2), or VPANDNQ
//	                                        + VPXORQ where b[X] is still needed
//	ι: a'[0, 0] ^= RC                       VPXORQ with a broadcast
//
// 105 instructions a round. On the Zen 5 it was measured on (about 3.6
// GHz), a round takes about 33 cycles, close to one cycle per rotation
// (29 a round), and the choices above were made by timing the variants:
// θ through D with plain XORs, χ all VPTERNLOGQ with copies, χ all
// VPANDNQ + VPXORQ, C with a copy and two VPTERNLOGQ were all slower or no
// faster; taking the two rotations by 8 and 56 off the rotation unit with
// VPSHUFB (AVX-512BW) gained 4%. On that core zmm instructions take as
// long as ymm ones, so eight states cost what four do. Virtual registers throughout; the
// allocation fits in 32 because θ handles one column at a time, so at
// most the 25 lanes, the 5 parities and one rotated parity are live.
//
// The 24 rounds are unrolled (π permutes which register holds which lane,
// with period 24), about 17 KB of code per kernel.

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// ternlog returns the VPTERNLOGQ immediate of f applied to the three
// operands: a the destination (also the first input), b and c the others,
// in Intel order.
func ternlog(f func(a, b, c uint8) uint8) U8 { return U8(f(0xf0, 0xcc, 0xaa)) }

var (
	xor3 = ternlog(func(a, b, c uint8) uint8 { return a ^ b ^ c })
	chi  = ternlog(func(a, b, c uint8) uint8 { return a ^ (^b & c) })
)

func avx512Kernels() {
	TEXT("permuteX4AVX512", NOSPLIT, "func(s *[25][4]uint64)")
	Doc("permuteX4AVX512 applies Keccak-f[1600] to each of the four interleaved",
		"states of s, with AVX-512VL on ymm registers.")
	Pragma("noescape")
	avx512Permute(32, 32, YMM, 1)

	TEXT("permuteX8AVX512", NOSPLIT, "func(s *[25][8]uint64)")
	Doc("permuteX8AVX512 applies Keccak-f[1600] to each of the eight interleaved",
		"states of s, with AVX-512F on zmm registers.")
	Pragma("noescape")
	avx512Permute(64, 64, ZMM, 1)

	TEXT("permuteX8AVX512VL", NOSPLIT, "func(s *[25][8]uint64)")
	Doc("permuteX8AVX512VL applies Keccak-f[1600] to each of the eight interleaved",
		"states of s, with AVX-512VL on ymm registers: states 0-3, then 4-7 (for",
		"cores that slow down for zmm code).")
	Pragma("noescape")
	avx512Permute(32, 64, YMM, 2)
}

// avx512Permute emits the kernel on vectors of width bytes (vec makes
// them), lane i at s + stride*i, for passes groups of states width bytes
// apart (a loop).
func avx512Permute(width, stride int, vec func() VecVirtual, passes int) {
	p := Load(Param("s"), GP64())
	s := lanes{Mem{Base: p}, stride}
	var n GPVirtual
	if passes > 1 {
		n = GP64()
		MOVQ(U32(passes), n)
		Label("avx512pass")
	}
	var a [25]VecVirtual
	Comment("Load the 25 lanes; a[x+5y] holds lane (x, y) of every state.")
	for i := range a {
		a[i] = vec()
		VMOVDQU64(s.at(i), a[i])
	}
	for round := range 24 {
		Comment(fmt.Sprintf("Round %d. θ: column parities C.", round))
		var c [5]VecVirtual
		for x := range 5 {
			c[x] = vec()
			VPXORQ(a[x+5], a[x], c[x])
			VPTERNLOGQ(xor3, a[x+15], a[x+10], c[x])
			VPXORQ(a[x+20], c[x], c[x])
		}
		Comment("θ, a column at a time: a[x, y] ^= C[x-1] ^ (C[x+1] <<< 1).")
		for x := range 5 {
			// C[x+1] is still needed unrotated by column x+2, except in
			// the last two columns (C[4] and C[0] were used by columns 0
			// and 1): there it is rotated in place.
			r := c[(x+1)%5]
			if x < 3 {
				r = vec()
			}
			VPROLQ(U8(1), c[(x+1)%5], r)
			for y := range 5 {
				VPTERNLOGQ(xor3, r, c[(x+4)%5], a[x+5*y])
			}
		}
		Comment("ρ and π: b[X, Y] = a[x, y] <<< r[x, y], X = y, Y = 2x + 3y.")
		var b [25]VecVirtual
		for X := range 5 {
			for Y := range 5 {
				x, y := piSource(X, Y)
				b[X+5*Y] = a[x+5*y]
				switch r := rotations[x+5*y]; r {
				case 0:
				case 8, 56:
					// A byte shuffle: it does not compete with the
					// rotations, which bound the kernel (4% faster).
					VPSHUFB(byteRotation(r, width), b[X+5*Y], b[X+5*Y])
				default:
					VPROLQ(U8(r), b[X+5*Y], b[X+5*Y])
				}
			}
		}
		Comment("χ: a[X, Y] = b[X, Y] ^ (^b[X+1, Y] & b[X+2, Y]), and ι.")
		for Y := range 5 {
			row := b[5*Y : 5*Y+5]
			// b[0] and b[1] are read again by X = 3 and 4, so their
			// outputs go to new registers, by VPANDNQ and VPXORQ
			// (measured faster than a copy and VPTERNLOGQ, or than
			// VPANDNQ and VPXORQ everywhere). From X = 2 on, each
			// output replaces the b read for the last time.
			for X := range 5 {
				if X < 2 {
					t := vec()
					VPANDNQ(row[(X+2)%5], row[(X+1)%5], t)
					VPXORQ(row[X], t, t)
					a[X+5*Y] = t
					continue
				}
				VPTERNLOGQ(chi, row[(X+2)%5], row[(X+1)%5], row[X])
				a[X+5*Y] = row[X]
			}
		}
		VPXORQ_BCST(rcTable.Offset(8*round), a[0], a[0])
	}
	Comment("Store the lanes.")
	for i := range a {
		VMOVDQU64(a[i], s.at(i))
	}
	if passes > 1 {
		ADDQ(U8(width), p)
		DECQ(n)
		JNZ(LabelRef("avx512pass"))
	}
	VZEROUPPER()
	RET()
}
