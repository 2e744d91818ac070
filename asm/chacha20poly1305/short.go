package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// shortAEAD generates a whole short-message Seal or Open in one call: a
// row pass of 2*sets blocks into a 32-byte-aligned buffer in the frame
// (block 0 keys Poly1305, the rest is keystream for up to 128*sets-64
// bytes), the polyXOR loop over AD and message, the tag, and the buffer
// cleared. Against a row kernel and polyXOR called from Go, it saves a
// call, the Go zeroing and clearing of a keystream buffer, and the key
// setup in Go, which at 16 to 256 bytes are a tenth of the time.
func shortAEAD(name string, sets int, evex bool) {
	blocks := 2 * sets
	TEXT(name, 0, "func(st *[16]uint32, ad, dst, src []byte, tag *[16]byte, seal bool)")
	Pragma("noescape")
	need := "AVX2 and BMI2"
	if evex {
		need = "AVX-512 F and VL, and BMI2"
	}
	Doc(
		fmt.Sprintf("%s seals (seal) or opens src into dst: ChaCha20-Poly1305 of RFC 8439", name),
		"with the input block st (counter 0), for len(src) <= "+fmt.Sprint(64*blocks-64)+" bytes: dst = src",
		"XOR the keystream from block 1, and tag = the Poly1305 tag of ad and",
		"the ciphertext (dst if seal, else src). st is not advanced. dst may be",
		fmt.Sprintf("src. It needs %s.", need),
	)
	area := AllocLocal(64*blocks + 24)
	aligned := func() Register {
		base := GP64()
		LEAQ(area, base)
		ADDQ(U8(24), base)
		ANDQ(I8(-32), base)
		return base
	}
	base := aligned()
	st := Mem{Base: Load(Param("st"), GP64())}
	rowsPass(st, base, base, name, sets, evex, true)

	Comment("Poly1305 key: r clamped from block 0, s stays in the buffer.")
	h0, h1, h2 := GP64(), GP64(), GP64()
	r0, r1, mask := GP64(), GP64(), GP64()
	MOVQ(Mem{Base: base}, r0)
	MOVQ(Mem{Base: base, Disp: 8}, r1)
	MOVQ(U64(0x0ffffffc0fffffff), mask)
	ANDQ(mask, r0)
	MOVQ(U64(0x0ffffffc0ffffffc), mask)
	ANDQ(mask, r1)
	MOVQ(U32(0), h0)
	MOVQ(U32(0), h1)
	MOVQ(U32(0), h2)
	padded("ad", h0, h1, h2, r0, r1)

	ks := aligned()
	ADDQ(U8(64), ks)
	seal := Load(Param("seal"), GP8())
	TESTB(seal, seal)
	JZ(LabelRef(name + "_open"))
	polyXORBody(name+"_seal", true, h0, h1, h2, r0, r1, ks, Param("ad").Len(), Param("src").Len())
	JMP(LabelRef(name + "_tag"))
	Label(name + "_open")
	polyXORBody(name+"_open", false, h0, h1, h2, r0, r1, ks, Param("ad").Len(), Param("src").Len())

	Label(name + "_tag")
	base = aligned()
	finishTag(h0, h1, h2, Mem{Base: base, Disp: 16})
	Comment("Clear the key and keystream.")
	z := YMM()
	VPXOR(z, z, z)
	for i := 0; i < 2*blocks; i++ {
		VMOVDQU(z, Mem{Base: base, Disp: 32 * i})
	}
	VZEROUPPER()
	RET()
}

// openHead generates the start of a longer Open in one call: a 2-block
// row pass (the Poly1305 key and the keystream of the first 64 bytes),
// the key into p, the AD and the first 64 bytes of ciphertext absorbed,
// and those bytes decrypted.
func openHead(name string, evex bool) {
	TEXT(name, 0, "func(st *[16]uint32, p *[7]uint64, ad []byte, dst, src *[64]byte)")
	Pragma("noescape")
	need := "AVX2 and BMI2"
	if evex {
		need = "AVX-512 F and VL, and BMI2"
	}
	Doc(
		fmt.Sprintf("%s keys the Poly1305 state p (a *polyState) with ChaCha20 block", name),
		"st[12], absorbs ad padded to 16 bytes and the 64 bytes of src, sets",
		"dst = src XOR block st[12]+1, and advances st[12] by 2. dst may be src.",
		fmt.Sprintf("It needs %s.", need),
	)
	area := AllocLocal(128 + 24)
	aligned := func() Register {
		base := GP64()
		LEAQ(area, base)
		ADDQ(U8(24), base)
		ANDQ(I8(-32), base)
		return base
	}
	base := aligned()
	st := Mem{Base: Load(Param("st"), GP64())}
	rowsPass(st, base, base, name, 1, evex, true)
	ADDL(U8(2), st.Offset(48))

	Comment("Poly1305 key: r clamped from block 0, and s, into p.")
	h0, h1, h2 := GP64(), GP64(), GP64()
	r0, r1, mask := GP64(), GP64(), GP64()
	MOVQ(Mem{Base: base}, r0)
	MOVQ(Mem{Base: base, Disp: 8}, r1)
	MOVQ(U64(0x0ffffffc0fffffff), mask)
	ANDQ(mask, r0)
	MOVQ(U64(0x0ffffffc0ffffffc), mask)
	ANDQ(mask, r1)
	p := Mem{Base: Load(Param("p"), GP64())}
	MOVQ(r0, p.Offset(offR0))
	MOVQ(r1, p.Offset(offR1))
	for i := 0; i < 2; i++ {
		t := GP64()
		MOVQ(Mem{Base: base, Disp: 16 + 8*i}, t)
		MOVQ(t, p.Offset(offR1+8+8*i))
	}
	MOVQ(U32(0), h0)
	MOVQ(U32(0), h1)
	MOVQ(U32(0), h2)
	padded("ad", h0, h1, h2, r0, r1)

	Comment("The 64 bytes: absorb, then XOR with block 1.")
	src := Load(Param("src"), GP64())
	dst := Load(Param("dst"), GP64())
	ks := aligned()
	for k := 0; k < 4; k++ {
		a, b := GP64(), GP64()
		MOVQ(Mem{Base: src, Disp: 16 * k}, a)
		MOVQ(Mem{Base: src, Disp: 16*k + 8}, b)
		ADDQ(a, h0)
		ADCQ(b, h1)
		ADCQ(U8(1), h2)
		XORQ(Mem{Base: ks, Disp: 64 + 16*k}, a)
		XORQ(Mem{Base: ks, Disp: 64 + 16*k + 8}, b)
		MOVQ(a, Mem{Base: dst, Disp: 16 * k})
		MOVQ(b, Mem{Base: dst, Disp: 16*k + 8})
		polyMulMULX(h0, h1, h2, r0, r1)
	}
	p = Mem{Base: Load(Param("p"), GP64())}
	MOVQ(h0, p.Offset(offH0))
	MOVQ(h1, p.Offset(offH1))
	MOVQ(h2, p.Offset(offH2))
	base = aligned()
	Comment("Clear the key and keystream.")
	z := YMM()
	VPXOR(z, z, z)
	for i := 0; i < 4; i++ {
		VMOVDQU(z, Mem{Base: base, Disp: 32 * i})
	}
	VZEROUPPER()
	RET()
}
