package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Read-only constants, 64 bytes each so that the zmm kernel can use them
// whole; the ymm and xmm kernels use their first 32 or 16 bytes.
var (
	bswapMask Mem // VPSHUFB mask reversing the bytes of each 128-bit lane
	gfPoly    Mem // each lane: low qword 1, high qword 0xc2<<56 (x^-1 mod g, reflected)
	inc1234   Mem // dword 0 of lane i = i+1: counters 1..4 ahead of J0 (byte-reflected)
	inc4      Mem // dword 0 of each lane = 4
	j0One     Mem // 16 bytes: 00..00 00 00 00 01, ORed into the nonce to form J0
	inc1      Mem // dword 0 of each lane = 1
	inc2      Mem // dword 0 of each lane = 2
	inc8      Mem // dword 0 of each lane = 8
	inc16     Mem // dword 0 of each lane = 16
	tailMask  Mem // 16 bytes of 0xff then 16 zeros: bytes 16-r.. mask r bytes
	byteMasks Mem // 65 qwords: entry r has its low r bits set (K masks for r bytes)
	// beInc16, beInc32, beInc64: 8 entries of 16, 32, 64 bytes; entry i adds
	// i*(blocks per register) to the last byte of each big-endian counter
	// block (dword 3 of each lane, i<<24 as little endian).
	beInc16, beInc32, beInc64 Mem
)

func constants() {
	bswapMask = GLOBL("bswapMask", RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(16*i, U64(0x08090a0b0c0d0e0f))
		DATA(16*i+8, U64(0x0001020304050607))
	}
	gfPoly = GLOBL("gfPoly", RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(16*i, U64(1))
		DATA(16*i+8, U64(0xc200000000000000))
	}
	inc1234 = GLOBL("inc1234", RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(16*i, U64(uint64(i+1)))
		DATA(16*i+8, U64(0))
	}
	inc4 = GLOBL("inc4", RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(16*i, U64(4))
		DATA(16*i+8, U64(0))
	}
	inc1 = GLOBL("inc1", RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(16*i, U64(1))
		DATA(16*i+8, U64(0))
	}
	inc2 = GLOBL("inc2", RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(16*i, U64(2))
		DATA(16*i+8, U64(0))
	}
	inc8 = GLOBL("inc8", RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(16*i, U64(8))
		DATA(16*i+8, U64(0))
	}
	inc16 = GLOBL("inc16", RODATA|NOPTR)
	for i := 0; i < 4; i++ {
		DATA(16*i, U64(16))
		DATA(16*i+8, U64(0))
	}
	for _, w := range []int{16, 32, 64} {
		m := GLOBL(fmt.Sprintf("beInc%d", w), RODATA|NOPTR)
		for i := 0; i < 8; i++ {
			for l := 0; l < w/16; l++ {
				DATA(w*i+16*l, U64(0))
				DATA(w*i+16*l+8, U64(uint64(i*w/16)<<56))
			}
		}
		switch w {
		case 16:
			beInc16 = m
		case 32:
			beInc32 = m
		case 64:
			beInc64 = m
		}
	}
	byteMasks = GLOBL("byteMasks", RODATA|NOPTR)
	for r := 0; r <= 64; r++ {
		DATA(8*r, U64(uint64(1)<<r-1))
	}
	tailMask = GLOBL("tailMask", RODATA|NOPTR)
	DATA(0, U64(^uint64(0)))
	DATA(8, U64(^uint64(0)))
	DATA(16, U64(0))
	DATA(24, U64(0))
	j0One = GLOBL("j0One", RODATA|NOPTR)
	DATA(0, U64(0))
	DATA(8, U64(0x0100000000000000))
}

// rk returns the memory operand of round key i (at its full 64-byte width;
// xmm and ymm instructions read its first 16 or 32 bytes).
func rk(ks Register, i int) Mem { return Mem{Base: ks, Disp: rkOff + rkStride*i} }

// labels makes label names unique within the generated file.
var labelCount int

func newLabel(s string) string {
	labelCount++
	return fmt.Sprintf("%s_%d", s, labelCount)
}

// keySetup emits the small SSE routines used when a key is set up, shared by
// all kernels. Assembly is needed because Go has no intrinsic for AES-NI or
// PCLMULQDQ; the Go code in aesgcm_amd64.go does the rest.
func keySetup() {
	TEXT("aesSubWord", NOSPLIT, "func(w uint32) uint32")
	Doc("aesSubWord returns FIPS 197 SubWord(w) (the S-box on each byte), in constant time.",
		"Reference: sbox in aesgcm_amd64_test.go.")
	w := Load(Param("w"), GP32())
	x, z := XMM(), XMM()
	Comment("Broadcast w to the 4 columns: ShiftRows leaves such a state unchanged,",
		"so AESENCLAST with a zero round key computes SubBytes alone.")
	MOVD(w, x)
	PSHUFD(U8(0), x, x)
	PXOR(z, z)
	AESENCLAST(z, x)
	MOVD(x, w)
	Store(w, ReturnIndex(0))
	RET()

	TEXT("aesEncryptBlock", NOSPLIT, fmt.Sprintf("func(ks *[%d]byte, nr int, dst, src *[16]byte)", keySize))
	Doc("aesEncryptBlock encrypts src into dst with the nr-round key schedule in ks.",
		"Reference: crypto/aes (aesgcm_amd64_test.go).")
	Pragma("noescape")
	ks := Load(Param("ks"), GP64())
	nr := Load(Param("nr"), GP64())
	src := Load(Param("src"), GP64())
	dst := Load(Param("dst"), GP64())
	s, k := XMM(), XMM()
	MOVOU(Mem{Base: src}, s)
	MOVOU(rk(ks, 0), k)
	PXOR(k, s)
	DECQ(nr)
	loop := newLabel("rounds")
	Label(loop)
	ADDQ(U32(rkStride), ks)
	MOVOU(Mem{Base: ks}, k)
	AESENC(k, s)
	DECQ(nr)
	JNZ(LabelRef(loop))
	MOVOU(Mem{Base: ks, Disp: rkStride}, k)
	AESENCLAST(k, s)
	MOVOU(s, Mem{Base: dst})
	RET()

	TEXT("gfMul", NOSPLIT, "func(a, b *[16]byte)")
	Doc("gfMul sets a to the GHASH product a*b*x of two byte-reflected field elements",
		"(see asm/aesgcm/main.go), so that gfMul(K_i, K_j) = K_(i+j).",
		"Reference: gfMulGeneric in aesgcm_amd64_test.go.")
	Pragma("noescape")
	pa := Load(Param("a"), GP64())
	pb := Load(Param("b"), GP64())
	a, b, lo, mi, hi, t, p := XMM(), XMM(), XMM(), XMM(), XMM(), XMM(), XMM()
	MOVOU(Mem{Base: pa}, a)
	MOVOU(Mem{Base: pb}, b)
	Comment("Schoolbook 128x128: lo = aL*bL, hi = aH*bH, mi = aL*bH + aH*bL.")
	MOVOA(a, lo)
	PCLMULQDQ(U8(0x00), b, lo)
	MOVOA(a, hi)
	PCLMULQDQ(U8(0x11), b, hi)
	MOVOA(a, mi)
	PCLMULQDQ(U8(0x01), b, mi)
	MOVOA(a, t)
	PCLMULQDQ(U8(0x10), b, t)
	PXOR(t, mi)
	MOVOU(gfPoly, p)
	Comment("Fold lo's low qword (the highest-degree coefficients) into mi, then mi's into hi.")
	MOVOA(lo, t)
	PCLMULQDQ(U8(0x10), p, t)
	PSHUFD(U8(0x4e), lo, lo)
	PXOR(lo, mi)
	PXOR(t, mi)
	MOVOA(mi, t)
	PCLMULQDQ(U8(0x10), p, t)
	PSHUFD(U8(0x4e), mi, mi)
	PXOR(mi, hi)
	PXOR(t, hi)
	MOVOU(hi, Mem{Base: pa})
	RET()
}
