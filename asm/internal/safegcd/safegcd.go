// Package safegcd emits the divstep kernel of the Bernstein-Yang (safegcd)
// inversion of internal/edwards25519 (X25519, Ed25519): the 59 divsteps
// of one batch, on the low words of f and g, which do not depend on the
// modulus (the package applies the resulting matrix to its own numbers).
// Its Go reference is Divsteps59 in internal/safegcd (the Go package of
// the inversion, shared with internal/nistec); internal/edwards25519
// tests the assembly against it. (internal/nistec/p256 used it until it
// got divsteps59CMOV, asm/p256/divsteps.go: general-purpose registers
// only, 88 against 140 ns a batch on Zen 5.)
//
// Why assembly: in Go each step is about 28 integer operations behind a
// 6-cycle dependency chain through f and g. Here:
//
//   - f, g and zeta take their new values by CMOV from candidates computed
//     in parallel (the condition flags come from the sign of zeta and the
//     low bit of g, data-independent moves, no branches), which leaves 3
//     or 4 cycles of latency from one g to the next;
//   - the matrix rows (u, v) and (q, r) live in the two 64-bit lanes of two
//     xmm registers, updated with masks built from zeta and g in the
//     vector unit, so the integer units only run the chain.
//
// SSE2 only (baseline amd64), usable by every amd64 implementation.
package safegcd

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// Divsteps59SSE2 emits divsteps59SSE2 into the current avo file.
func Divsteps59SSE2() {
	TEXT("divsteps59SSE2", NOSPLIT, "func(zeta int64, f0, g0 uint64, t *[4]int64) int64")
	Doc("divsteps59SSE2 is safegcd.Divsteps59: 59 divsteps on the low words f0 and g0 from",
		"zeta = -(delta+1/2); it returns the new zeta and writes the matrix",
		"(u, v, q, r), scaled by 2^62, to t.")
	Pragma("noescape")
	zeta := Load(Param("zeta"), GP64())
	f := Load(Param("f0"), GP64())
	g := Load(Param("g0"), GP64())

	Comment("UV = [u, v] = [8, 0], QR = [q, r] = [0, 8]: lane 0 is u or q, lane 1 is v or r")
	uv, qr := XMM(), XMM()
	eight := GP64()
	MOVQ(U32(8), eight)
	MOVQ(eight, uv)
	MOVQ(eight, qr)
	PSLLDQ(U8(8), qr)

	nf, fc, zm1, zs, gp := GP64(), GP64(), GP64(), GP64(), GP64()
	xc1, xc2, xx, n, t := XMM(), XMM(), XMM(), XMM(), XMM()
	i := GP64()
	MOVQ(U32(59), i)
	Label("divstep")

	Comment("Vector masks: c1 = all ones iff zeta < 0 (delta > 0), c2 = all ones iff g",
		"is odd (bit 0 moved to bit 63 of lane 0), x = c1 & c2 (the swap case);",
		"PSHUFD copies dword 1 (the top half of lane 0) everywhere, PSRAD spreads its sign")
	MOVQ(zeta, xc1)
	PSHUFD(U8(0x55), xc1, xc1)
	PSRAL(U8(31), xc1)
	MOVQ(g, xc2)
	PSLLQ(U8(63), xc2)
	PSHUFD(U8(0x55), xc2, xc2)
	PSRAL(U8(31), xc2)
	MOVO(xc1, xx)
	PAND(xc2, xx)

	Comment("Candidates: nf = f or -f (zeta < 0), fc = f or g (zeta < 0),",
		"zs = zeta-1 or -zeta-2 (zeta < 0), zm1 = zeta-1")
	MOVQ(f, nf)
	NEGQ(nf)
	MOVQ(f, fc)
	LEAQ(Mem{Base: zeta, Disp: -1}, zm1)
	MOVQ(zeta, zs)
	NOTQ(zs)
	LEAQ(Mem{Base: zs, Disp: -1}, zs)
	TESTQ(zeta, zeta)
	CMOVQPL(f, nf)
	CMOVQMI(g, fc)
	CMOVQPL(zm1, zs)
	LEAQ(Mem{Base: g, Index: nf, Scale: 1}, gp)

	Comment("If g is odd: g = g + nf, f = fc, zeta = zs; else zeta = zeta-1")
	TESTQ(U32(1), g)
	CMOVQNE(gp, g)
	CMOVQNE(fc, f)
	CMOVQNE(zs, zm1)
	MOVQ(zm1, zeta)
	SHRQ(U8(1), g)

	Comment("Matrix, from the old rows: QR += c2 & (UV negated under c1);",
		"UV = (x ? QR : UV) * 2")
	MOVO(uv, n)
	PXOR(xc1, n)
	PSUBQ(xc1, n)
	PAND(xc2, n)
	MOVO(uv, t)
	PXOR(qr, t)
	PAND(xx, t)
	PXOR(t, uv)
	PADDQ(n, qr)
	PADDQ(uv, uv)
	DECQ(i)
	JNZ(LabelRef("divstep"))

	out := Mem{Base: Load(Param("t"), GP64())}
	Comment("t = [u, v, q, r]")
	MOVOU(uv, out)
	MOVOU(qr, out.Offset(16))
	Store(zeta, ReturnIndex(0))
	RET()
}
