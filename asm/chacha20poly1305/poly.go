package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/gotypes"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Offsets in polyState (aead/chacha20poly1305): h0 h1 h2 r0 r1 s0 s1, all
// uint64. Keep in sync with polyState.
const (
	offH0 = 8 * iota
	offH1
	offH2
	offR0
	offR1
)

// polyMULX generates polyBlocksMULX, the scalar Poly1305 block loop with
// 64-bit limbs: h = (h + m + 2^128) * r mod 2^130-5, partially reduced,
// as polyBlocksGeneric.
func polyMULX() {
	TEXT("polyBlocksMULX", NOSPLIT, "func(p *[7]uint64, msg []byte)")
	Pragma("noescape")
	Doc(
		"polyBlocksMULX absorbs len(msg)/16 full blocks into the Poly1305 state p",
		"(a *polyState), as polyBlocksGeneric. It needs BMI2 (MULX).",
		"Assembly because Go's bits.Mul64 code keeps the flags chain poorly.",
	)
	p := Mem{Base: Load(Param("p"), GP64())}
	msg := Load(Param("msg").Base(), GP64())
	n := Load(Param("msg").Len(), GP64())
	h0, h1, h2 := GP64(), GP64(), GP64()
	r0, r1 := GP64(), GP64()
	MOVQ(p.Offset(offH0), h0)
	MOVQ(p.Offset(offH1), h1)
	MOVQ(p.Offset(offH2), h2)
	MOVQ(p.Offset(offR0), r0)
	MOVQ(p.Offset(offR1), r1)
	SHRQ(U8(4), n)
	JZ(LabelRef("mulx_done"))

	Label("mulx_loop")
	polyBlockMULX(Mem{Base: msg}, h0, h1, h2, r0, r1)
	ADDQ(U8(16), msg)
	DECQ(n)
	JNZ(LabelRef("mulx_loop"))

	Label("mulx_done")
	MOVQ(h0, p.Offset(offH0))
	MOVQ(h1, p.Offset(offH1))
	MOVQ(h2, p.Offset(offH2))
	RET()
}

// polyBlockMULX emits one block: h += m + 2^128, h *= r, partial
// reduction. h2 < 8 on entry and on exit; r is clamped (r0, r1 < 2^60,
// so the top word of the product cannot overflow).
func polyBlockMULX(m Mem, h0, h1, h2, r0, r1 GPVirtual) {
	ADDQ(m, h0)
	ADCQ(m.Offset(8), h1)
	ADCQ(U8(1), h2)
	polyMulMULX(h0, h1, h2, r0, r1)
}

// polyMulMULX emits h = h * r mod 2^130-5, partially reduced.
func polyMulMULX(h0, h1, h2, r0, r1 GPVirtual) {
	t0, t1, t2, t3 := GP64(), GP64(), GP64(), GP64()
	x, y, z := GP64(), GP64(), GP64()
	Comment("t = h * r in four words.")
	MOVQ(r0, RDX)
	MULXQ(h0, t0, t1) // t1:t0 = h0*r0
	MULXQ(h1, x, t2)  // t2:x = h1*r0
	ADDQ(x, t1)
	ADCQ(U8(0), t2)
	MOVQ(r1, RDX)
	MULXQ(h0, x, y)  // y:x = h0*r1
	MULXQ(h1, z, t3) // t3:z = h1*r1
	ADDQ(x, t1)
	ADCQ(y, t2)
	ADCQ(U8(0), t3)
	ADDQ(z, t2)
	ADCQ(U8(0), t3)
	MOVQ(h2, x)
	IMULQ(r0, x)  // h2*r0 < 2^63
	IMULQ(r1, h2) // h2*r1 < 2^63
	ADDQ(x, t2)
	ADCQ(h2, t3)
	Comment("Reduce: with q = t >> 130, h = t mod 2^130 + 4q + q.")
	MOVQ(t0, h0)
	MOVQ(t1, h1)
	MOVQ(t2, h2)
	ANDQ(U8(3), h2)
	ANDQ(I8(-4), t2)
	ADDQ(t2, h0)
	ADCQ(t3, h1)
	ADCQ(U8(0), h2)
	SHRQ(U8(2), t3, t2)
	SHRQ(U8(2), t3)
	ADDQ(t2, h0)
	ADCQ(t3, h1)
	ADCQ(U8(0), h2)
}

// polyAEAD generates polyAEADMULX: the whole Poly1305 of RFC 8439
// section 2.8 in one call (ad and ct each padded to 16 bytes, the length
// block, the final reduction and the addition of s), which short messages
// need: there the per-call cost of polyBlocksMULX, the Go copies of the
// partial blocks and the Go final step outweigh the blocks themselves.
func polyAEAD() {
	TEXT("polyAEADMULX", NOSPLIT, "func(p *[7]uint64, ad, ct []byte, adLen, ctLen uint64, tag *[16]byte)")
	Pragma("noescape")
	Doc(
		"polyAEADMULX absorbs ad and ct, each padded with zeros to a multiple of",
		"16 bytes, and the length block adLen, ctLen into the Poly1305 state p",
		"(a *polyState), and writes the tag: p.aead followed by p.finish when",
		"the lengths are len(ad) and len(ct); with ad empty and earlier parts",
		"absorbed, the end of a longer message. It needs BMI2 (MULX).",
	)
	p := Mem{Base: Load(Param("p"), GP64())}
	h0, h1, h2 := GP64(), GP64(), GP64()
	r0, r1 := GP64(), GP64()
	MOVQ(p.Offset(offH0), h0)
	MOVQ(p.Offset(offH1), h1)
	MOVQ(p.Offset(offH2), h2)
	MOVQ(p.Offset(offR0), r0)
	MOVQ(p.Offset(offR1), r1)
	for _, name := range []string{"ad", "ct"} {
		padded(name, h0, h1, h2, r0, r1)
	}
	Comment("The length block: len(ad) and len(ct) as 64-bit words.")
	ADDQ(Load(Param("adLen"), GP64()), h0)
	ADCQ(Load(Param("ctLen"), GP64()), h1)
	ADCQ(U8(1), h2)
	polyMulMULX(h0, h1, h2, r0, r1)

	p = Mem{Base: Load(Param("p"), GP64())}
	finishTag(h0, h1, h2, p.Offset(offR1+8))
	RET()
}

// padded emits the absorption of the slice parameter name padded with
// zeros to 16 bytes: the full blocks, then the last partial block read
// byte by byte from its end into two words (the length is public).
func padded(name string, h0, h1, h2, r0, r1 GPVirtual) {
	ptr := Load(Param(name).Base(), GP64())
	n := Load(Param(name).Len(), GP64())
	cnt := GP64()
	MOVQ(n, cnt)
	SHRQ(U8(4), cnt)
	JZ(LabelRef(name + "_partial"))
	Label(name + "_loop")
	polyBlockMULX(Mem{Base: ptr}, h0, h1, h2, r0, r1)
	ADDQ(U8(16), ptr)
	DECQ(cnt)
	JNZ(LabelRef(name + "_loop"))

	Label(name + "_partial")
	ANDQ(U8(15), n)
	JZ(LabelRef(name + "_done"))
	Commentf("%s's last 1..15 bytes, from the last one down, into w1:w0.", name)
	w0, w1, b := GP64(), GP64(), GP64()
	XORQ(w0, w0)
	XORQ(w1, w1)
	Label(name + "_byte")
	SHLQ(U8(8), w0, w1)
	SHLQ(U8(8), w0)
	MOVBQZX(Mem{Base: ptr, Index: n, Scale: 1, Disp: -1}, b)
	ORQ(b, w0)
	DECQ(n)
	JNZ(LabelRef(name + "_byte"))
	ADDQ(w0, h0)
	ADCQ(w1, h1)
	ADCQ(U8(1), h2)
	polyMulMULX(h0, h1, h2, r0, r1)
	Label(name + "_done")
}

// polyXOR generates polySealMULX and polyOpenMULX: the whole of a short
// message after its one ChaCha20 pass. Each 16-byte block of src is XORed
// with the keystream into dst and absorbed (the ciphertext: dst when
// sealing, src when opening, read before the store so in place works)
// in one loop, whose loads, XORs and stores hide under the latency of the
// Poly1305 multiply chain; then the padding, the length block and the
// tag, as polyAEADMULX.
func polyXOR(name string, seal bool) {
	TEXT(name, NOSPLIT, "func(p *[7]uint64, ad, dst, src, ks []byte, adLen, ctLen uint64, tag *[16]byte)")
	Pragma("noescape")
	what := "dst (the ciphertext)"
	if !seal {
		what = "src (the ciphertext)"
	}
	Doc(
		fmt.Sprintf("%s sets dst = src ^ ks (len(src) bytes; dst and ks at least as long)", name),
		fmt.Sprintf("and absorbs ad and %s, each padded to 16 bytes,", what),
		"and the length block adLen, ctLen into the Poly1305 state p (a",
		"*polyState), and writes the tag: with the lengths of ad and src, a",
		"whole short message; with ad empty and earlier parts absorbed, the end",
		"of a longer one. dst may be src. It needs BMI2 (MULX).",
	)
	p := Mem{Base: Load(Param("p"), GP64())}
	h0, h1, h2 := GP64(), GP64(), GP64()
	r0, r1 := GP64(), GP64()
	MOVQ(p.Offset(offH0), h0)
	MOVQ(p.Offset(offH1), h1)
	MOVQ(p.Offset(offH2), h2)
	MOVQ(p.Offset(offR0), r0)
	MOVQ(p.Offset(offR1), r1)
	padded("ad", h0, h1, h2, r0, r1)
	polyXORBody(name, seal, h0, h1, h2, r0, r1, Load(Param("ks").Base(), GP64()), Param("adLen"), Param("ctLen"))
	p = Mem{Base: Load(Param("p"), GP64())}
	finishTag(h0, h1, h2, p.Offset(offR1+8))
	RET()
}

// polyXORBody emits polyXOR from the XOR loop to the length block: the
// message is the parameters src and dst, the keystream at ks.
func polyXORBody(name string, seal bool, h0, h1, h2, r0, r1 GPVirtual, ks Register, adLen, ctLen Component) {
	polyXORBlocks(name, seal, h0, h1, h2, r0, r1, ks)
	ADDQ(Load(adLen, GP64()), h0)
	ADCQ(Load(ctLen, GP64()), h1)
	ADCQ(U8(1), h2)
	polyMulMULX(h0, h1, h2, r0, r1)
}

// polyXORBlocks emits polyXORBody without the length block.
func polyXORBlocks(name string, seal bool, h0, h1, h2, r0, r1 GPVirtual, ks Register) {
	src := Load(Param("src").Base(), GP64())
	dst := Load(Param("dst").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	cnt := GP64()
	MOVQ(n, cnt)
	SHRQ(U8(4), cnt)
	JZ(LabelRef(name + "_partial"))
	Label(name + "_loop")
	{
		a, b := GP64(), GP64()
		MOVQ(Mem{Base: src}, a)
		MOVQ(Mem{Base: src, Disp: 8}, b)
		if !seal {
			ADDQ(a, h0)
			ADCQ(b, h1)
			ADCQ(U8(1), h2)
		}
		XORQ(Mem{Base: ks}, a)
		XORQ(Mem{Base: ks, Disp: 8}, b)
		MOVQ(a, Mem{Base: dst})
		MOVQ(b, Mem{Base: dst, Disp: 8})
		if seal {
			ADDQ(a, h0)
			ADCQ(b, h1)
			ADCQ(U8(1), h2)
		}
		polyMulMULX(h0, h1, h2, r0, r1)
	}
	ADDQ(U8(16), src)
	ADDQ(U8(16), dst)
	ADDQ(U8(16), ks)
	DECQ(cnt)
	JNZ(LabelRef(name + "_loop"))

	Label(name + "_partial")
	ANDQ(U8(15), n)
	JZ(LabelRef(name + "_lengths"))
	Comment("The last 1..15 bytes, from the last one down: XOR, store, and",
		"collect the ciphertext into w1:w0.")
	w0, w1 := GP64(), GP64()
	XORQ(w0, w0)
	XORQ(w1, w1)
	Label(name + "_byte")
	{
		b, c := GP64(), GP64()
		MOVBQZX(Mem{Base: src, Index: n, Scale: 1, Disp: -1}, b)
		MOVBQZX(Mem{Base: ks, Index: n, Scale: 1, Disp: -1}, c)
		XORQ(b, c)
		MOVB(c.As8(), Mem{Base: dst, Index: n, Scale: 1, Disp: -1})
		SHLQ(U8(8), w0, w1)
		SHLQ(U8(8), w0)
		if seal {
			ORQ(c, w0)
		} else {
			ORQ(b, w0)
		}
	}
	DECQ(n)
	JNZ(LabelRef(name + "_byte"))
	ADDQ(w0, h0)
	ADCQ(w1, h1)
	ADCQ(U8(1), h2)
	polyMulMULX(h0, h1, h2, r0, r1)

	Label(name + "_lengths")
}

// finishTag emits the final step, h mod 2^130-5 plus s (two words at
// sMem), and stores the tag to the parameter tag.
func finishTag(h0, h1, h2 GPVirtual, sMem Mem) {
	Comment("Final step: h mod 2^130-5 (h - p if h + 5 reaches 2^130), plus s.")
	g0, g1, g2 := GP64(), GP64(), GP64()
	MOVQ(h0, g0)
	MOVQ(h1, g1)
	MOVQ(h2, g2)
	ADDQ(U8(5), g0)
	ADCQ(U8(0), g1)
	ADCQ(U8(0), g2)
	SHRQ(U8(2), g2)
	CMOVQNE(g0, h0)
	CMOVQNE(g1, h1)
	ADDQ(sMem, h0)
	ADCQ(sMem.Offset(8), h1)
	tag := Load(Param("tag"), GP64())
	MOVQ(h0, Mem{Base: tag})
	MOVQ(h1, Mem{Base: tag, Disp: 8})
}
