package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Constant tables.
var (
	rot16Mask Mem // VPSHUFB mask (32 bytes): rotate each dword left by 16
	rot8Mask  Mem // VPSHUFB mask (32 bytes): rotate each dword left by 8
	iota16    Mem // dwords 0, 1, ..., 15: the block counter offsets per lane
	eight     Mem // dword 8 in each of 8 lanes: the counter step of a ymm pass
)

func constants() {
	// A little-endian dword b0 b1 b2 b3 rotated left by 16 is b2 b3 b0 b1,
	// rotated left by 8 it is b3 b0 b1 b2.
	rot16Mask = GLOBL("chachaRot16", RODATA|NOPTR)
	for i := 0; i < 32; i += 4 {
		DATA(i, U32(uint32(i+2)|uint32(i+3)<<8|uint32(i)<<16|uint32(i+1)<<24))
	}
	rot8Mask = GLOBL("chachaRot8", RODATA|NOPTR)
	for i := 0; i < 32; i += 4 {
		DATA(i, U32(uint32(i+3)|uint32(i)<<8|uint32(i+1)<<16|uint32(i+2)<<24))
	}
	iota16 = GLOBL("chachaIota", RODATA|NOPTR)
	for i := 0; i < 16; i++ {
		DATA(4*i, U32(uint32(i)))
	}
	eight = GLOBL("chachaEight", RODATA|NOPTR)
	for i := 0; i < 8; i++ {
		DATA(4*i, U32(8))
	}
}

// The quarter rounds of a column round and of a diagonal round, as
// indices into the 16 state words (RFC 8439 section 2.3).
var (
	columns   = [4][4]int{{0, 4, 8, 12}, {1, 5, 9, 13}, {2, 6, 10, 14}, {3, 7, 11, 15}}
	diagonals = [4][4]int{{0, 5, 10, 15}, {1, 6, 11, 12}, {2, 7, 8, 13}, {3, 4, 9, 14}}
)

// pass generates one ChaCha20 pass over `blocks` consecutive blocks in the
// "vertical" layout: vector register x[i] holds state word i of every
// block, one block per 32-bit lane, so a quarter round on the registers is
// a quarter round on all blocks at once (Goll and Gueron, "Vectorization
// of ChaCha Stream Cipher").
type pass struct {
	blocks int               // 4 (xmm), 8 (ymm) or 16 (zmm)
	vec    func() VecVirtual // allocates a register of the pass's width
	evex   bool              // AVX-512: VPROLD rotates, 32 registers, EVEX moves
	label  string            // prefix for labels
	// key, when set, makes this the first pass of a message: block 0 is
	// stored there as is (the Poly1305 key), and blocks 1.. are XORed from
	// src into dst at offsets 0, 64, ...
	key Register
	// store, when set, makes the pass store the keystream to dst (src
	// unused).
	store bool
}

func (p *pass) xor(a, b, dst Op) {
	if p.evex {
		VPXORD(a, b, dst)
	} else {
		VPXOR(a, b, dst)
	}
}

func (p *pass) mov(a, b Op) {
	if p.evex {
		VMOVDQU32(a, b)
	} else {
		VMOVDQU(a, b)
	}
}

// rotl rotates each lane of x left by n. AVX-512 has VPROLD; AVX2 uses a
// byte shuffle for 16 and 8 and two shifts and an OR for 12 and 7.
func (p *pass) rotl(x VecVirtual, n int) {
	switch {
	case p.evex:
		VPROLD(U8(n), x, x)
	case n == 16:
		VPSHUFB(rot16Mask, x, x)
	case n == 8:
		VPSHUFB(rot8Mask, x, x)
	default:
		t := p.vec()
		VPSLLD(U8(n), x, t)
		VPSRLD(U8(32-n), x, x)
		VPOR(t, x, x)
	}
}

// quarterRounds applies the quarter rounds qs to x, interleaved step by
// step so that the CPU sees len(qs) independent chains. fill[i], if
// present, is emitted after step i: scalar Poly1305 work stitched in.
func (p *pass) quarterRounds(x []VecVirtual, qs [][4]int, fill ...func()) {
	step := func(a, b, d, r int) {
		for _, q := range qs {
			VPADDD(x[q[b]], x[q[a]], x[q[a]])
		}
		for _, q := range qs {
			p.xor(x[q[a]], x[q[d]], x[q[d]])
		}
		for _, q := range qs {
			p.rotl(x[q[d]], r)
		}
	}
	filler := func(i int) {
		if i < len(fill) && fill[i] != nil {
			fill[i]()
		}
	}
	step(0, 1, 3, 16) // a += b; d ^= a; d <<<= 16
	filler(0)
	step(2, 3, 1, 12) // c += d; b ^= c; b <<<= 12
	filler(1)
	step(0, 1, 3, 8) // a += b; d ^= a; d <<<= 8
	filler(2)
	step(2, 3, 1, 7) // c += d; b ^= c; b <<<= 7
	filler(3)
}

// quarterRoundsSpillA is quarterRounds for four quarter rounds in 16
// registers: steps 2 and 4 (c += d; b ^= c; b <<<= 12 or 7) do not touch
// row a, so a[3] goes to slotA around them and its register serves the
// shift-and-OR rotations; steps 1 and 3 rotate with VPSHUFB and need no
// temporary. fill[i] is emitted after step i.
func (p *pass) quarterRoundsSpillA(x []VecVirtual, qs [4][4]int, slotA Mem, fill []func()) {
	a3 := x[qs[3][0]]
	steps := []struct {
		a, b, d, r int
		spill      bool
	}{{0, 1, 3, 16, false}, {2, 3, 1, 12, true}, {0, 1, 3, 8, false}, {2, 3, 1, 7, true}}
	for i, st := range steps {
		if st.spill {
			VMOVDQU(a3, slotA)
		}
		for _, q := range qs {
			VPADDD(x[q[st.b]], x[q[st.a]], x[q[st.a]])
		}
		for _, q := range qs {
			p.xor(x[q[st.a]], x[q[st.d]], x[q[st.d]])
		}
		for _, q := range qs {
			p.rotl(x[q[st.d]], st.r)
		}
		if st.spill {
			VMOVDQU(slotA, a3)
		}
		if i < len(fill) && fill[i] != nil {
			fill[i]()
		}
	}
}

// transpose4 transposes the 32-bit lanes of four registers within each
// 128-bit lane: on return r[j] holds words k..k+3 of block j (of the
// first group of four blocks in the lowest 128 bits, the next group in
// the next 128 bits, and so on), if r[i] held word k+i of every block.
func (p *pass) transpose4(r []VecVirtual) {
	t0, t1, t2, t3 := p.vec(), p.vec(), p.vec(), p.vec()
	VPUNPCKLDQ(r[1], r[0], t0) // w0b0 w1b0 w0b1 w1b1
	VPUNPCKHDQ(r[1], r[0], t1) // w0b2 w1b2 w0b3 w1b3
	VPUNPCKLDQ(r[3], r[2], t2) // w2b0 w3b0 w2b1 w3b1
	VPUNPCKHDQ(r[3], r[2], t3) // w2b2 w3b2 w2b3 w3b3
	VPUNPCKLQDQ(t2, t0, r[0])  // block 0
	VPUNPCKHQDQ(t2, t0, r[1])  // block 1
	VPUNPCKLQDQ(t3, t1, r[2])  // block 2
	VPUNPCKHQDQ(t3, t1, r[3])  // block 3
}

// xorStore XORs v with the source at byte offset off and stores it to the
// destination at the same offset.
func (p *pass) xorStore(v VecVirtual, src, dst Register, off int) {
	if p.key != nil {
		if off < 64 {
			p.mov(v, Mem{Base: p.key, Disp: off})
			return
		}
		off -= 64
	}
	if !p.store {
		p.xor(Mem{Base: src, Disp: off}, v, v)
	}
	p.mov(v, Mem{Base: dst, Disp: off})
}

// chachaAVX2 generates chachaXORAVX2: 8 blocks per iteration on ymm, then
// one 4-block pass on xmm. AVX2 has 16 vector registers, which the 16
// state words fill, so two of the four words of row c (8..11) live on the
// stack while the quarter rounds that do not need them run.
func chachaAVX2() {
	TEXT("chachaXORAVX2", 0, "func(st *[16]uint32, dst, src []byte)")
	Pragma("noescape")
	Doc(
		"chachaXORAVX2 XORs src with len(src)/64 blocks of ChaCha20 keystream",
		"into dst and advances the counter st[12]. len(src) must be a multiple",
		"of 256 and len(dst) at least len(src). It needs AVX2.",
		"Assembly because Go has no SIMD: this is 4x the generic code.",
	)
	stp := Load(Param("st"), GP64())
	dst := Load(Param("dst").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())

	Comment("Broadcast each input word to all lanes of a stack slot; the",
		"counter slot gets counter+0..7.")
	state, spill := ymmLocals()
	for i := 0; i < 16; i++ {
		t := YMM()
		VPBROADCASTD(Mem{Base: stp, Disp: 4 * i}, t)
		if i == 12 {
			VPADDD(iota16, t, t)
		}
		VMOVDQU(t, state.Offset(32*i))
	}

	p8 := &pass{blocks: 8, vec: YMM, label: "avx2_8"}
	p4 := &pass{blocks: 4, vec: XMM, label: "avx2_4"}

	Label("avx2_loop8")
	CMPQ(n, U32(512))
	JB(LabelRef("avx2_tail4"))
	p8.spilledBlocks(state, spill, src, dst, nil)
	t := YMM()
	VMOVDQU(state.Offset(32*12), t)
	VPADDD(eight, t, t)
	VMOVDQU(t, state.Offset(32*12))
	ADDQ(U32(512), src)
	ADDQ(U32(512), dst)
	SUBQ(U32(512), n)
	JMP(LabelRef("avx2_loop8"))

	Label("avx2_tail4")
	Comment("n is 0 or 256 here; the low half of the counter slot holds the next counter+0..3.")
	TESTQ(n, n)
	JZ(LabelRef("avx2_done"))
	p4.spilledBlocks(state, spill, src, dst, nil)

	Label("avx2_done")
	blocks := GP64()
	Load(Param("src").Len(), blocks)
	SHRQ(U8(6), blocks)
	ADDL(blocks.As32(), Mem{Base: stp, Disp: 48})
	VZEROUPPER()
	RET()
}

// ymmLocals allocates the stack areas of an AVX2 pass, aligned to 32
// bytes: state (the 16 input words, one ymm row each) and spill (words
// 8..15 by word-8, and slotA). Go aligns the stack to 8 bytes only; an
// unaligned slot splits cache lines, and one straddling a 4 KiB page
// makes every access in the round loop pay a page split (measured: at one
// stack position in 64 the stitched pass was up to 1.6x slower).
func ymmLocals() (state, spill Mem) {
	area := AllocLocal(25*32 + 24)
	base := GP64()
	LEAQ(area, base)
	ADDQ(U8(24), base)
	ANDQ(I8(-32), base)
	return Mem{Base: base}, Mem{Base: base, Disp: 16 * 32}
}

// spilledBlocks is one AVX2 pass with 16 registers. The quarter rounds
// run two at a time: the column round's first pair uses words 8 and 9,
// its second pair 10 and 11, the diagonal round's first pair 10 and 11
// and its second pair 8 and 9, so one swap between the halves of each
// round keeps two of the c words in registers and two on the stack.
//
// With mac set, the pass also absorbs the 32 Poly1305 blocks at mac (and
// advances it by 512): three per round-loop iteration, each cut in four
// parts placed between the vector steps, and the last two before the
// stores, so that an in-place Open reads its ciphertext first.
func (p *pass) spilledBlocks(state, spill Mem, src, dst Op, mac *stitch) {
	Commentf("%d blocks on %d-bit registers.", p.blocks, 32*p.blocks)
	x := make([]VecVirtual, 16)
	for i := range x {
		x[i] = p.vec()
		VMOVDQU(state.Offset(32*i), x[i])
	}
	// slotA holds the one word of row a (3, the fourth quarter round's)
	// that leaves its register to the rotation temporaries of the steps
	// that do not use row a.
	slotA := spill.Offset(32 * 8)

	var fills [8]func()
	var rounds Op
	if mac != nil {
		var parts []func()
		for k := 0; k < 3; k++ {
			parts = append(parts, mac.block(16*k)...)
		}
		for i := range fills {
			mine := parts[i*len(parts)/8 : (i+1)*len(parts)/8]
			fills[i] = func() {
				for _, f := range mine {
					f()
				}
			}
		}
	}
	// The round counter stays in a register: a read-modify-write of a
	// stack slot in the loop stalls the Poly1305 loads whenever mac
	// aliases it modulo 4 KiB (measured: up to 3x slower passes).
	rounds = GP64()
	MOVQ(U32(10), rounds)
	loop := p.label + "_rounds"
	Label(loop)
	p.quarterRoundsSpillA(x, columns, slotA, fills[0:4])
	p.quarterRoundsSpillA(x, diagonals, slotA, fills[4:8])
	if mac != nil {
		ADDQ(U8(48), mac.ptr)
	}
	DECQ(rounds)
	JNZ(LabelRef(loop))
	if mac != nil {
		Comment("The last two Poly1305 blocks of the chunk, before any store.")
		for _, part := range append(mac.block(0), mac.block(16)...) {
			part()
		}
		ADDQ(U8(32), mac.ptr)
	}

	p.spilledOutput(x, state, spill, inReg(src), inReg(dst))
}

// inReg returns o if it is a register, else loads it into one.
func inReg(o Op) Register {
	if r, ok := o.(Register); ok {
		return r
	}
	r := GP64()
	MOVQ(o, r)
	return r
}

// spilledOutput adds the input to the state words x of a spilled pass
// and XORs the keystream from src into dst.
func (p *pass) spilledOutput(x []VecVirtual, state, spill Mem, src, dst Register) {
	slot := func(i int) Mem { return spill.Offset(32 * (i - 8)) }
	Comment("Words 0..7: add the input, transpose, XOR into bytes 0..31 of each block.")
	for _, i := range []int{8, 9, 10, 11, 12, 13, 14, 15} {
		VMOVDQU(x[i], slot(i))
	}
	for i := 0; i < 8; i++ {
		VPADDD(state.Offset(32*i), x[i], x[i])
	}
	p.output8(x[0:8], src, dst, 0)
	Comment("Words 8..15 into bytes 32..63.")
	for i := 8; i < 16; i++ {
		VMOVDQU(slot(i), x[i])
		VPADDD(state.Offset(32*i), x[i], x[i])
	}
	p.output8(x[8:16], src, dst, 32)
}

// output8 writes 8 consecutive state words w (already added to the input)
// of every block: bytes off..off+31 of each 64-byte block.
func (p *pass) output8(w []VecVirtual, src, dst Register, off int) {
	p.transpose4(w[0:4])
	p.transpose4(w[4:8])
	switch p.blocks {
	case 4:
		for j := 0; j < 4; j++ {
			p.xorStore(w[j], src, dst, 64*j+off)
			p.xorStore(w[4+j], src, dst, 64*j+off+16)
		}
	case 8:
		for j := 0; j < 4; j++ {
			lo, hi := p.vec(), p.vec()
			if p.evex {
				VSHUFI32X4(U8(0), w[4+j], w[j], lo)
				VSHUFI32X4(U8(3), w[4+j], w[j], hi)
			} else {
				VPERM2I128(U8(0x20), w[4+j], w[j], lo)
				VPERM2I128(U8(0x31), w[4+j], w[j], hi)
			}
			p.xorStore(lo, src, dst, 64*j+off)
			p.xorStore(hi, src, dst, 64*(j+4)+off)
		}
	default:
		panic("output8: bad width")
	}
}
