package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Wide AVX-512 passes: two sets of blocks (16 on zmm and 16, 8 or 4 more)
// whose quarter rounds are interleaved step by step.
//
// A ChaCha20 quarter-round step (add, xor, rotate) is a chain of dependent
// instructions, and on Zen 5 (3.75 GHz here) the 240-instruction chain of
// a pass takes about 560 cycles, over two per instruction: a 16-block
// pass with its four independent quarter rounds leaves the vector pipes
// half idle, and a pass of 8 or 4 blocks costs the same time (measured:
// 512 bytes on ymm 140 ns, 1 KiB on zmm 150 ns). Two sets make eight
// independent chains: 2 KiB in 200 ns. They take all 32 vector registers
// during the rounds (VPROLD needs no temporaries), so the second set
// waits on the stack while the first is written out.

var iota32 Mem // dwords 0, 1, ..., 31: counter offsets of the lanes of a wide pass

func wideConstants() {
	iota32 = GLOBL("chachaIota32", RODATA|NOPTR)
	for i := 0; i < 32; i++ {
		DATA(4*i, U32(uint32(i)))
	}
}

// vecOf returns the register allocator for a set of the given width.
func vecOf(blocks int) func() VecVirtual {
	switch blocks {
	case 16:
		return ZMM
	case 8:
		return YMM
	case 4:
		return XMM
	}
	panic("vecOf: bad width")
}

// widePass emits one pass over len(widths) sets of blocks, set s on
// widths[s] consecutive blocks from counter st[12] + (the blocks of the
// sets before it). It XORs src into dst (or, with key set, stores block
// 0 to key and XORs blocks 1.. from src at offset 0) and advances st[12]
// in memory. spill is (a register or stack slot holding) the address of
// a 64-byte aligned stack area of 1 KiB, for two sets.
//
// With mac set, it also absorbs stitchBlocksPerRound Poly1305 blocks per
// round-loop iteration (10 times that per pass, at mac, which it
// advances) on the integer units, all read before the pass stores.
func widePass(widths []int, stp Register, srcOp, dstOp Op, key Register, spillOp Op, label string, mac *stitch) {
	Commentf("Sets of %v blocks, interleaved.", widths)
	ctr := Mem{Base: stp, Disp: 48}
	total := 0
	var offs []int
	var sets [][]VecVirtual
	var all []VecVirtual
	var qsCol, qsDiag [][4]int
	for s, w := range widths {
		offs = append(offs, total)
		x := make([]VecVirtual, 16)
		for i := range x {
			x[i] = vecOf(w)()
			if i == 12 {
				VPBROADCASTD(ctr, x[i])
				VPADDD(iota32.Offset(4*total), x[i], x[i])
			} else {
				VPBROADCASTD(Mem{Base: stp, Disp: 4 * i}, x[i])
			}
		}
		total += w
		sets = append(sets, x)
		all = append(all, x...)
		for q := 0; q < 4; q++ {
			var c, d [4]int
			for k := 0; k < 4; k++ {
				c[k] = columns[q][k] + 16*s
				d[k] = diagonals[q][k] + 16*s
			}
			qsCol = append(qsCol, c)
			qsDiag = append(qsDiag, d)
		}
	}
	p := &pass{evex: true}
	var fills [8]func()
	if mac != nil {
		var parts []func()
		for k := 0; k < stitchBlocksPerRound; k++ {
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
	rounds := GP64()
	MOVQ(U32(10), rounds)
	Label(label + "_rounds")
	p.quarterRounds(all, qsCol, fills[0:4]...)
	p.quarterRounds(all, qsDiag, fills[4:8]...)
	if mac != nil {
		ADDQ(U8(16*stitchBlocksPerRound), mac.ptr)
	}
	DECQ(rounds)
	JNZ(LabelRef(label + "_rounds"))

	Comment("Add the input words.")
	for s, x := range sets {
		for i := range x {
			VPADDD_BCST(Mem{Base: stp, Disp: 4 * i}, x[i], x[i])
			if i == 12 {
				VPADDD(iota32.Offset(4*offs[s]), x[i], x[i])
			}
		}
	}
	ADDL(U32(total), ctr)
	src, dst := inReg(srcOp), inReg(dstOp)
	var spill Mem
	if len(sets) > 1 {
		spill = Mem{Base: inReg(spillOp)}
	}
	for s := 1; s < len(sets); s++ {
		if s > 1 {
			panic("widePass: more than two sets")
		}
		Comment("The second set waits on the stack.")
		for i, r := range sets[s] {
			VMOVDQU32(r, spill.Offset(64*i))
		}
	}
	for s, w := range widths {
		x := sets[s]
		if s > 0 {
			x = make([]VecVirtual, 16)
			for i := range x {
				x[i] = vecOf(w)()
				VMOVDQU32(spill.Offset(64*i), x[i])
			}
		}
		q := &pass{blocks: w, vec: vecOf(w), evex: true}
		off := 64 * offs[s]
		if key != nil {
			if s == 0 {
				q.key = key
			} else {
				off -= 64
			}
		}
		ss, dd := src, dst
		if off != 0 {
			ss, dd = GP64(), GP64()
			LEAQ(Mem{Base: src, Disp: off}, ss)
			LEAQ(Mem{Base: dst, Disp: off}, dd)
		}
		q.outputEVEX(x, ss, dd)
	}
}

// outputEVEX XORs the keystream of the state words x (the input already
// added) from src into dst: block j of the pass at byte 64*j.
func (p *pass) outputEVEX(x []VecVirtual, src, dst Register) {
	switch p.blocks {
	case 4, 8:
		p.output8(x[0:8], src, dst, 0)
		p.output8(x[8:16], src, dst, 32)
	case 16:
		Comment("Transpose within 128-bit lanes, then across them with VSHUFI32X4.")
		for g := 0; g < 4; g++ {
			p.transpose4(x[4*g : 4*g+4])
		}
		for j := 0; j < 4; j++ {
			a, b, c, d := x[j], x[4+j], x[8+j], x[12+j]
			t0, t1, t2, t3 := p.vec(), p.vec(), p.vec(), p.vec()
			VSHUFI32X4(U8(0x44), b, a, t0) // a0 a1 b0 b1
			VSHUFI32X4(U8(0xee), b, a, t1) // a2 a3 b2 b3
			VSHUFI32X4(U8(0x44), d, c, t2) // c0 c1 d0 d1
			VSHUFI32X4(U8(0xee), d, c, t3) // c2 c3 d2 d3
			o0, o1, o2, o3 := p.vec(), p.vec(), p.vec(), p.vec()
			VSHUFI32X4(U8(0x88), t2, t0, o0) // block j
			VSHUFI32X4(U8(0xdd), t2, t0, o1) // block j+4
			VSHUFI32X4(U8(0x88), t3, t1, o2) // block j+8
			VSHUFI32X4(U8(0xdd), t3, t1, o3) // block j+12
			p.xorStore(o0, src, dst, 64*j)
			p.xorStore(o1, src, dst, 64*(j+4))
			p.xorStore(o2, src, dst, 64*(j+8))
			p.xorStore(o3, src, dst, 64*(j+12))
		}
	default:
		panic("outputEVEX: bad width")
	}
}

// zmmSpill allocates a 1 KiB stack area aligned to 64 bytes and returns
// a register holding its address.
func zmmSpill() Register {
	area := AllocLocal(1024 + 56)
	base := GP64()
	LEAQ(area, base)
	ADDQ(U8(56), base)
	ANDQ(I8(-64), base)
	return base
}

// chachaWideAVX512 generates chachaXORAVX512: 32 blocks (2 KiB) per
// iteration in two interleaved zmm sets, then one pass of two sets (or
// one) for the rest.
func chachaWideAVX512() {
	TEXT("chachaXORAVX512", 0, "func(st *[16]uint32, dst, src []byte)")
	Pragma("noescape")
	Doc(
		"chachaXORAVX512 XORs src with len(src)/64 blocks of ChaCha20 keystream",
		"into dst and advances the counter st[12]. len(src) must be a multiple",
		"of 256 and len(dst) at least len(src). It needs AVX-512 F and VL.",
		"Assembly because Go has no SIMD.",
	)
	stp := Load(Param("st"), GP64())
	dst := Load(Param("dst").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	spill := zmmSpill()

	Label("wide_loop")
	CMPQ(n, U32(2048))
	JB(LabelRef("wide_tail"))
	widePass([]int{16, 16}, stp, src, dst, nil, spill, "wide_32", nil)
	ADDQ(U32(2048), src)
	ADDQ(U32(2048), dst)
	SUBQ(U32(2048), n)
	JMP(LabelRef("wide_loop"))

	Label("wide_tail")
	Comment("n < 2048: one pass of the sets that fit, then at most 4 blocks.")
	tails := [][]int{{16, 8}, {16, 4}, {16}, {8, 4}, {8}, {4}}
	for i, ws := range tails {
		size := 0
		for _, w := range ws {
			size += 64 * w
		}
		name := fmt.Sprintf("wide_t%d", i)
		Label(name)
		CMPQ(n, U32(size))
		JB(LabelRef(fmt.Sprintf("wide_t%d", i+1)))
		widePass(ws, stp, src, dst, nil, spill, name+"p", nil)
		ADDQ(U32(size), src)
		ADDQ(U32(size), dst)
		SUBQ(U32(size), n)
		JMP(LabelRef("wide_tail"))
	}
	Label(fmt.Sprintf("wide_t%d", len(tails)))
	VZEROUPPER()
	RET()
}

// chachaPolyWideAVX512 generates the stitched AVX-512 kernel: the 32-block
// wide pass with 40 blocks of the MULX Poly1305 woven into each. The wide
// pass keeps the vector units busy and leaves the integer units idle; the
// scalar Poly1305, bound by the latency of its multiply chain, fits about
// 40 blocks into that time, and the caller absorbs the rest of the
// message with the IFMA kernel.
func chachaPolyWideAVX512() {
	TEXT("chachaPolyAVX512", 0, "func(st *[16]uint32, dst, src []byte, p *[7]uint64, mac []byte)")
	Pragma("noescape")
	Doc(
		"chachaPolyAVX512 XORs src with len(src)/64 blocks of ChaCha20 keystream",
		fmt.Sprintf("into dst, advancing st[12], and absorbs %d bytes of mac per 2048 bytes", 160*stitchBlocksPerRound),
		"of src into the Poly1305 state p (a *polyState), as chachaXORGeneric",
		"and polyBlocksGeneric. len(src) must be a non-zero multiple of 2048 and",
		fmt.Sprintf("len(mac) at least %d/2048 of it. The mac bytes of a 2 KiB chunk are", 160*stitchBlocksPerRound),
		"read before the chunk is stored. It needs AVX-512 F and VL and BMI2.",
	)
	stp := Load(Param("st"), GP64())
	dst := Load(Param("dst").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	mac := Load(Param("mac").Base(), GP64())
	left := AllocLocal(8)
	n := Load(Param("src").Len(), GP64())
	MOVQ(n, left)
	spill := zmmSpill()
	spillL := AllocLocal(8)
	MOVQ(spill, spillL)

	s := loadStitch(mac)

	Comment("src, dst and the spill area wait on the stack during the rounds:",
		"the registers go to Poly1305 and the round counter.")
	srcL, dstL := AllocLocal(8), AllocLocal(8)
	MOVQ(src, srcL)
	MOVQ(dst, dstL)
	Label("stitchw_loop")
	widePass([]int{16, 16}, stp, srcL, dstL, nil, spillL, "stitchw_32", s)
	ADDQ(U32(2048), srcL)
	ADDQ(U32(2048), dstL)
	SUBQ(U32(2048), left)
	JNZ(LabelRef("stitchw_loop"))

	s.save()
	VZEROUPPER()
	RET()
}

// xorAVX512 generates xorBlocksAVX512: dst = src ^ ks, 64 bytes per
// instruction. crypto/subtle.XORBytes takes 16 bytes per iteration, a
// tenth of the time of a 1350-byte Seal here.
func xorAVX512() {
	TEXT("xorBlocksAVX512", NOSPLIT, "func(dst, src, ks []byte)")
	Pragma("noescape")
	Doc(
		"xorBlocksAVX512 sets dst = src ^ ks for the first len(src) &^ 63 bytes,",
		"as xorBlocksGeneric. dst and ks must be at least that long; dst may be",
		"src. It needs AVX-512 F.",
	)
	dst := Load(Param("dst").Base(), GP64())
	src := Load(Param("src").Base(), GP64())
	ks := Load(Param("ks").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	SHRQ(U8(6), n)
	JZ(LabelRef("xor_done"))
	Label("xor_loop")
	z := ZMM()
	VMOVDQU64(Mem{Base: ks}, z)
	VPXORQ(Mem{Base: src}, z, z)
	VMOVDQU64(z, Mem{Base: dst})
	ADDQ(U8(64), ks)
	ADDQ(U8(64), src)
	ADDQ(U8(64), dst)
	DECQ(n)
	JNZ(LabelRef("xor_loop"))
	VZEROUPPER()
	Label("xor_done")
	RET()
}
