package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// stitch is the scalar Poly1305 state carried through a stitched AVX2
// pass: the accumulator in registers, r on the stack (MULX and IMUL take
// it from memory, which leaves the registers to the rest), the message
// pointer.
type stitch struct {
	h0, h1, h2 GPVirtual
	r0, r1     Mem
	ptr        Register
}

// loadStitch loads the Poly1305 state of the kernel's parameter p (a
// *polyState) for absorbing the blocks at mac: h into registers, r onto
// the stack.
func loadStitch(mac Register) *stitch {
	s := &stitch{h0: GP64(), h1: GP64(), h2: GP64(), ptr: mac}
	rs := AllocLocal(16)
	s.r0, s.r1 = rs, rs.Offset(8)
	pp := Load(Param("p"), GP64())
	t := GP64()
	MOVQ(Mem{Base: pp, Disp: offR0}, t)
	MOVQ(t, s.r0)
	MOVQ(Mem{Base: pp, Disp: offR1}, t)
	MOVQ(t, s.r1)
	MOVQ(Mem{Base: pp, Disp: offH0}, s.h0)
	MOVQ(Mem{Base: pp, Disp: offH1}, s.h1)
	MOVQ(Mem{Base: pp, Disp: offH2}, s.h2)
	return s
}

// save stores the accumulator back into the kernel's parameter p.
func (s *stitch) save() {
	pp := Load(Param("p"), GP64())
	MOVQ(s.h0, Mem{Base: pp, Disp: offH0})
	MOVQ(s.h1, Mem{Base: pp, Disp: offH1})
	MOVQ(s.h2, Mem{Base: pp, Disp: offH2})
}

// block returns one Poly1305 block at ptr+off (h += m + 2^128; h *= r;
// partial reduction, as polyBlockMULX) cut into four parts. The vector
// instructions placed between them do not touch the flags.
func (s *stitch) block(off int) []func() {
	m := Mem{Base: s.ptr, Disp: off}
	h0, h1, h2 := s.h0, s.h1, s.h2
	t0, t1, t2, t3 := GP64(), GP64(), GP64(), GP64()
	x, y, z := GP64(), GP64(), GP64()
	return []func(){
		func() {
			ADDQ(m, h0)
			ADCQ(m.Offset(8), h1)
			ADCQ(U8(1), h2)
			MOVQ(s.r0, RDX)
			MULXQ(h0, t0, t1) // t1:t0 = h0*r0
			MULXQ(h1, x, t2)  // t2:x = h1*r0
		},
		func() {
			ADDQ(x, t1)
			ADCQ(U8(0), t2)
			MOVQ(s.r1, RDX)
			MULXQ(h0, x, y)  // y:x = h0*r1
			MULXQ(h1, z, t3) // t3:z = h1*r1
			ADDQ(x, t1)
			ADCQ(y, t2)
			ADCQ(U8(0), t3)
			ADDQ(z, t2)
			ADCQ(U8(0), t3)
		},
		func() {
			MOVQ(h2, x)
			IMULQ(s.r0, x)
			IMULQ(s.r1, h2)
			ADDQ(x, t2)
			ADCQ(h2, t3)
			MOVQ(t0, h0)
			MOVQ(t1, h1)
			MOVQ(t2, h2)
			ANDQ(U8(3), h2)
		},
		func() {
			ANDQ(I8(-4), t2)
			ADDQ(t2, h0)
			ADCQ(t3, h1)
			ADCQ(U8(0), h2)
			SHRQ(U8(2), t3, t2)
			SHRQ(U8(2), t3)
			ADDQ(t2, h0)
			ADCQ(t3, h1)
			ADCQ(U8(0), h2)
		},
	}
}

// chachaPolyAVX2 generates the stitched AVX2 kernel: ChaCha20 on 8 blocks
// per iteration (the chachaXORAVX2 pass) with the scalar MULX Poly1305 of
// 512 bytes at mac woven into it. Vector and integer units run side by
// side, so the pair costs about as much as the slower of the two.
func chachaPolyAVX2() {
	TEXT("chachaPolyAVX2", 0, "func(st *[16]uint32, dst, src []byte, p *[7]uint64, mac []byte)")
	Pragma("noescape")
	Doc(
		"chachaPolyAVX2 XORs src with len(src)/64 blocks of ChaCha20 keystream",
		"into dst, advancing st[12], and absorbs the first len(src) bytes of mac",
		"into the Poly1305 state p (a *polyState), as chachaXORGeneric followed",
		"by polyBlocksGeneric. len(src) must be a non-zero multiple of 512, dst",
		"and mac at least as long. Chunk i of mac is read before chunk i of dst",
		"is written, so mac may be src (Open, in place) or trail dst by at least",
		"512 bytes (Seal). It needs AVX2 and BMI2.",
	)
	stp := Load(Param("st"), GP64())
	dst := Load(Param("dst").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	mac := Load(Param("mac").Base(), GP64())
	left := AllocLocal(8)
	n := Load(Param("src").Len(), GP64())
	MOVQ(n, left)

	state, spill := ymmLocals()
	for i := 0; i < 16; i++ {
		t := YMM()
		VPBROADCASTD(Mem{Base: stp, Disp: 4 * i}, t)
		if i == 12 {
			VPADDD(iota16, t, t)
		}
		VMOVDQU(t, state.Offset(32*i))
	}

	s := loadStitch(mac)

	Comment("src and dst wait on the stack during the rounds: the registers",
		"go to Poly1305 and the round counter.")
	srcL, dstL := AllocLocal(8), AllocLocal(8)
	MOVQ(src, srcL)
	MOVQ(dst, dstL)
	p8 := &pass{blocks: 8, vec: YMM, label: "stitch_8"}
	Label("stitch_loop")
	p8.spilledBlocks(state, spill, srcL, dstL, s)
	c := YMM()
	VMOVDQU(state.Offset(32*12), c)
	VPADDD(eight, c, c)
	VMOVDQU(c, state.Offset(32*12))
	ADDQ(U32(512), srcL)
	ADDQ(U32(512), dstL)
	SUBQ(U32(512), left)
	JNZ(LabelRef("stitch_loop"))

	s.save()
	stp = Load(Param("st"), GP64())
	blocks := GP64()
	Load(Param("src").Len(), blocks)
	SHRQ(U8(6), blocks)
	ADDL(blocks.As32(), Mem{Base: stp, Disp: 48})
	VZEROUPPER()
	RET()
}

// stitchBlocksPerRound is how many Poly1305 blocks chachaPolyAVX512 absorbs
// per round-loop iteration of its wide pass: 10 times that per 2 KiB. Keep
// in sync with stitchGeometry in aead/chacha20poly1305.
const stitchBlocksPerRound = 2

// chachaFirstAVX512 generates the first zmm pass of a message of at least
// 960 bytes: block 0 to the Poly1305 key buffer, blocks 1..15 XORed
// straight from the plaintext into the ciphertext, which saves making
// that keystream into a buffer and XORing it in Go.
func chachaFirstAVX512() {
	TEXT("chachaFirstAVX512", NOSPLIT, "func(st *[16]uint32, key *[64]byte, dst, src *[960]byte)")
	Pragma("noescape")
	Doc(
		"chachaFirstAVX512 writes ChaCha20 block st[12] to key, XORs src with the",
		"next 15 blocks into dst and advances st[12] by 16, as chachaXORGeneric.",
		"It needs AVX-512 F and VL.",
	)
	stp := Load(Param("st"), GP64())
	key := Load(Param("key"), GP64())
	dst := Load(Param("dst"), GP64())
	src := Load(Param("src"), GP64())
	widePass([]int{16}, stp, src, dst, key, nil, "first_16", nil)
	VZEROUPPER()
	RET()
}

// chachaPolyFlexAVX2 generates the one-chunk stitched AVX2 kernel with a
// variable Poly1305 share: 8 blocks of ChaCha20 (512 bytes) and 0..32
// blocks of mac. The round loop absorbs three blocks per iteration while
// at least three are left, then runs plain rounds; the last blocks go in
// before the stores. This lets the caller stitch every pass after the
// first, with whatever ciphertext is ready (Seal) or ahead (Open).
func chachaPolyFlexAVX2() {
	TEXT("chachaPolyFlexAVX2", 0, "func(st *[16]uint32, dst, src *[512]byte, p *[7]uint64, mac []byte)")
	Pragma("noescape")
	Doc(
		"chachaPolyFlexAVX2 XORs src with 8 blocks of ChaCha20 keystream into dst,",
		"advancing st[12] by 8, and absorbs the len(mac)/16 (at most 32) full",
		"blocks of mac into the Poly1305 state p (a *polyState), as",
		"chachaXORGeneric and polyBlocksGeneric. All of mac is read before dst",
		"is written, so mac may overlap src or dst. It needs AVX2 and BMI2.",
	)
	stp := Load(Param("st"), GP64())
	mac := Load(Param("mac").Base(), GP64())
	left := Load(Param("mac").Len(), GP64())
	SHRQ(U8(4), left)

	state, spill := ymmLocals()
	for i := 0; i < 16; i++ {
		t := YMM()
		VPBROADCASTD(Mem{Base: stp, Disp: 4 * i}, t)
		if i == 12 {
			VPADDD(iota16, t, t)
		}
		VMOVDQU(t, state.Offset(32*i))
	}

	s := loadStitch(mac)
	rounds := GP64()

	p8 := &pass{blocks: 8, vec: YMM}
	x := make([]VecVirtual, 16)
	for i := range x {
		x[i] = YMM()
		VMOVDQU(state.Offset(32*i), x[i])
	}
	slotA := spill.Offset(32 * 8)
	var parts []func()
	for k := 0; k < 3; k++ {
		parts = append(parts, s.block(16*k)...)
	}
	var fills [8]func()
	for i := range fills {
		mine := parts[i*len(parts)/8 : (i+1)*len(parts)/8]
		fills[i] = func() {
			for _, f := range mine {
				f()
			}
		}
	}
	MOVQ(U32(10), rounds)
	Label("flex_mac")
	CMPQ(left, U8(3))
	JB(LabelRef("flex_plain"))
	p8.quarterRoundsSpillA(x, columns, slotA, fills[0:4])
	p8.quarterRoundsSpillA(x, diagonals, slotA, fills[4:8])
	ADDQ(U8(48), s.ptr)
	SUBQ(U8(3), left)
	DECQ(rounds)
	JNZ(LabelRef("flex_mac"))
	JMP(LabelRef("flex_rest"))

	Label("flex_plain")
	p8.quarterRoundsSpillA(x, columns, slotA, nil)
	p8.quarterRoundsSpillA(x, diagonals, slotA, nil)
	DECQ(rounds)
	JNZ(LabelRef("flex_plain"))

	Label("flex_rest")
	Comment("The blocks of mac left over, before any store.")
	CMPQ(left, U8(0))
	JE(LabelRef("flex_out"))
	for _, part := range s.block(0) {
		part()
	}
	ADDQ(U8(16), s.ptr)
	DECQ(left)
	JMP(LabelRef("flex_rest"))

	Label("flex_out")
	s.save()
	p8.spilledOutput(x, state, spill, Load(Param("src"), GP64()), Load(Param("dst"), GP64()))
	stp = Load(Param("st"), GP64())
	ADDL(U8(8), Mem{Base: stp, Disp: 48})
	VZEROUPPER()
	RET()
}

// chachaFirstAVX2 generates the first AVX2 pass of a message of more than
// 448 bytes: block 0 to the Poly1305 key buffer, blocks 1..7 XORed
// straight from the plaintext into the ciphertext (as chachaFirstAVX512).
func chachaFirstAVX2() {
	TEXT("chachaFirstAVX2", 0, "func(st *[16]uint32, key *[64]byte, dst, src *[448]byte)")
	Pragma("noescape")
	Doc(
		"chachaFirstAVX2 writes ChaCha20 block st[12] to key, XORs src with the",
		"next 7 blocks into dst and advances st[12] by 8, as chachaXORGeneric.",
		"It needs AVX2.",
	)
	stp := Load(Param("st"), GP64())
	state, spill := ymmLocals()
	for i := 0; i < 16; i++ {
		t := YMM()
		VPBROADCASTD(Mem{Base: stp, Disp: 4 * i}, t)
		if i == 12 {
			VPADDD(iota16, t, t)
		}
		VMOVDQU(t, state.Offset(32*i))
	}
	key := Load(Param("key"), GP64())
	p8 := &pass{blocks: 8, vec: YMM, label: "first_8", key: key}
	p8.spilledBlocks(state, spill, Load(Param("src"), GP64()), Load(Param("dst"), GP64()), nil)
	stp = Load(Param("st"), GP64())
	ADDL(U8(8), Mem{Base: stp, Disp: 48})
	VZEROUPPER()
	RET()
}
