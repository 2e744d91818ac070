package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Row-layout passes for a single group of 4 blocks (256 bytes), the size
// of short messages and of most tails. One register holds a row of the
// state (4 words) for each block in its 128-bit lanes, and a diagonal
// round rotates rows b, c and d with VPSHUFD. That is a quarter of the
// instructions of the vertical layout, whose 4-block pass is bound by
// vector throughput, while this one is bound by the latency of one
// quarter-round chain: about 40% faster for 4 blocks.

var rowCounters Mem // dword counter offsets 0, 1, ..., 7 in the first word of each 128-bit lane

func rowConstants() {
	rowCounters = GLOBL("chachaRowCounters", RODATA|NOPTR)
	for i := 0; i < 32; i++ {
		v := uint32(0)
		if i%4 == 0 {
			v = uint32(i / 4)
		}
		DATA(4*i, U32(v))
	}
}

// diagonalize rotates rows b, c and d (x[1], x[2], x[3] of each set) so
// that the diagonals line up as columns, or back when undo is set.
func diagonalize(x []VecVirtual, undo bool) {
	bImm, dImm := U8(0x39), U8(0x93) // b1 b2 b3 b0; d3 d0 d1 d2
	if undo {
		bImm, dImm = dImm, bImm
	}
	for s := 0; s < len(x); s += 4 {
		VPSHUFD(bImm, x[s+1], x[s+1])
		VPSHUFD(U8(0x4e), x[s+2], x[s+2]) // c2 c3 c0 c1
		VPSHUFD(dImm, x[s+3], x[s+3])
	}
}

// rowRounds emits the 20 rounds on the sets of four row registers in x.
func rowRounds(p *pass, x []VecVirtual, name string) {
	var qs [][4]int
	for s := 0; s < len(x); s += 4 {
		qs = append(qs, [4]int{s, s + 1, s + 2, s + 3})
	}
	rounds := GP64()
	MOVQ(U32(10), rounds)
	Label(name + "_rounds")
	p.quarterRounds(x, qs)
	diagonalize(x, false)
	p.quarterRounds(x, qs)
	diagonalize(x, true)
	DECQ(rounds)
	JNZ(LabelRef(name + "_rounds"))
}

// chachaRows generates a pass over 2*sets blocks on ymm rows: each set
// of four registers holds the rows of two blocks, one per 128-bit lane.
// With VPROLD (evex) a set's round is a chain of 13 single-cycle
// instructions; two sets still fit the vector units of a Zen 4 core in
// that time, so 4 blocks cost about what 1 does. (zmm rows, 4 blocks per
// set, measured slower: their instructions have a longer latency.)
func chachaRows(name string, sets int, evex bool) {
	blocks := 2 * sets
	TEXT(name, NOSPLIT, fmt.Sprintf("func(st *[16]uint32, dst, src *[%d]byte)", 64*blocks))
	Pragma("noescape")
	need := "AVX2"
	if evex {
		need = "AVX-512 F and VL"
	}
	Doc(
		fmt.Sprintf("%s XORs src with %d blocks of ChaCha20 keystream into dst", name, blocks),
		fmt.Sprintf("and advances the counter st[12] by %d, as chachaXORGeneric.", blocks),
		fmt.Sprintf("It needs %s. Assembly because Go has no SIMD.", need),
	)
	st := Mem{Base: Load(Param("st"), GP64())}
	dst := Load(Param("dst"), GP64())
	src := Load(Param("src"), GP64())
	rowsPass(st, dst, src, name, sets, evex, false)
	ADDL(U8(blocks), st.Offset(48))
	VZEROUPPER()
	RET()
}

// rowsPass emits a row-layout pass over 2*sets blocks from the input
// block at st: XORed from src into dst, or stored to dst if store.
func rowsPass(st Mem, dst, src Register, name string, sets int, evex, store bool) {
	p := &pass{vec: YMM, evex: evex, store: store}
	x := make([]VecVirtual, 4*sets)
	Comment("Row i of the input in both 128-bit lanes; lane j of set s gets counter+2s+j.")
	load := func(set int, i int, r VecVirtual) {
		if evex {
			VBROADCASTI32X4(st.Offset(16*i), r)
		} else {
			VBROADCASTI128(st.Offset(16*i), r)
		}
		if i == 3 {
			VPADDD(rowCounters.Offset(32*set), r, r)
		}
	}
	// Keep the input rows in registers when they fit (AVX-512 has 32; one
	// AVX2 set leaves enough), else load them again for the final addition.
	keep := evex || sets == 1
	in := make([]VecVirtual, 4*sets)
	for s := 0; s < sets; s++ {
		for i := 0; i < 4; i++ {
			x[4*s+i] = YMM()
			if keep {
				in[4*s+i] = YMM()
				load(s, i, in[4*s+i])
				if evex {
					VMOVDQA32(in[4*s+i], x[4*s+i])
				} else {
					VMOVDQA(in[4*s+i], x[4*s+i])
				}
			} else {
				load(s, i, x[4*s+i])
			}
		}
	}
	rowRounds(p, x, name)
	for s := 0; s < sets; s++ {
		for i := 0; i < 4; i++ {
			t := in[4*s+i]
			if !keep {
				t = YMM()
				load(s, i, t)
			}
			VPADDD(t, x[4*s+i], x[4*s+i])
		}
		Commentf("Blocks %d and %d.", 2*s, 2*s+1)
		for h := 0; h < 2; h++ {
			lo, hi := YMM(), YMM()
			a, b := x[4*s+2*h], x[4*s+2*h+1]
			if evex {
				VSHUFI32X4(U8(0), b, a, lo) // rows 2h, 2h+1 of block 2s
				VSHUFI32X4(U8(3), b, a, hi) // of block 2s+1
			} else {
				VPERM2I128(U8(0x20), b, a, lo)
				VPERM2I128(U8(0x31), b, a, hi)
			}
			p.xorStore(lo, src, dst, 64*(2*s)+32*h)
			p.xorStore(hi, src, dst, 64*(2*s+1)+32*h)
		}
	}
}
