package main

// The "avx512" kernels: AVX-512F + VL, on ymm (four states) and zmm
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
//	ρ: a[x, y] <<<= r[x, y]                 VPROLQ
//	π: renaming only (the rounds are unrolled)
//	χ: a'[X] = b[X] ^ (^b[X+1] & b[X+2])    VPTERNLOGQ (0xd2)
//	ι: a'[0, 0] ^= RC                       VPXORQ with a broadcast
//
// about 105 instructions a round. Virtual registers throughout; the
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
	avx512Permute(32, YMM)

	TEXT("permuteX8AVX512", NOSPLIT, "func(s *[25][8]uint64)")
	Doc("permuteX8AVX512 applies Keccak-f[1600] to each of the eight interleaved",
		"states of s, with AVX-512F on zmm registers.")
	Pragma("noescape")
	avx512Permute(64, ZMM)
}

func avx512Permute(width int, vec func() VecVirtual) {
	s := lanes{Mem{Base: Load(Param("s"), GP64())}, width}
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
				if r := rotations[x+5*y]; r != 0 {
					VPROLQ(U8(r), b[X+5*Y], b[X+5*Y])
				}
			}
		}
		Comment("χ: a[X, Y] = b[X, Y] ^ (^b[X+1, Y] & b[X+2, Y]), and ι.")
		for Y := range 5 {
			row := b[5*Y : 5*Y+5]
			// b[0] and b[1] are read again by X = 3 and 4: their outputs
			// go to copies. From X = 2 on, each output replaces the b
			// read for the last time.
			for X := range 5 {
				out := row[X]
				if X < 2 {
					out = vec()
					VMOVDQA64(row[X], out)
				}
				VPTERNLOGQ(chi, row[(X+2)%5], row[(X+1)%5], out)
				a[X+5*Y] = out
			}
		}
		VPXORQ_BCST(rcTable.Offset(8*round), a[0], a[0])
	}
	Comment("Store the lanes.")
	for i := range a {
		VMOVDQU64(a[i], s.at(i))
	}
	VZEROUPPER()
	RET()
}
