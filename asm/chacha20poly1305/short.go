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
	polyXORBody(name+"_seal", true, h0, h1, h2, r0, r1, ks)
	JMP(LabelRef(name + "_tag"))
	Label(name + "_open")
	polyXORBody(name+"_open", false, h0, h1, h2, r0, r1, ks)

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
