// Command mlkemarm64 generates the arm64 assembly of package kx/mlkem: the
// polynomial kernels of its "arm64" implementation (forward and inverse
// NTT, base multiplication with accumulation, Barrett reduction) on eight
// signed 16-bit coefficients per NEON register, the rejection sampling of
// the matrix, the CBD_2 noise sampling, compression and decompression.
//
// Run it through go:generate in kx/mlkem (see impl.go).
//
// Why assembly: Go does not vectorise; one NEON instruction does eight
// lanes of the Montgomery and Barrett arithmetic. Why a generator: Go's
// arm64 assembler (Go 1.26) has no vector integer multiplies (MUL, MLS,
// SQDMULH), no SHSUB and no SRSHR, so those are emitted as WORD directives
// encoded here (enc.go, tested against encodings checked with
// llvm-objdump), each followed by its disassembly as a comment.
//
// Each function has a Go reference in kx/mlkem (nttGeneric, invNTTGeneric,
// basemulAccGeneric, reduceGeneric) that performs the same int16
// operations, so the results are equal lane for lane; the tests and the
// fuzz target compare them (under qemu-aarch64 -cpu max).
//
// Arithmetic (the scalar versions are in kx/mlkem/field.go), following the
// Montgomery multiplication of "Neon NTTs for Dilithium and Kyber" (Becker,
// Hwang, Kannwischer, Yang, Yang; TCHES 2022), written anew here:
//   - Montgomery product by z, R = 2^16: with zq = z*q^-1 mod 2^16,
//     hi = SQDMULH(x, z) = (2xz) >> 16, t = MUL(x, zq), lo = SQDMULH(t, q)
//     = (2tq) >> 16, and x*z*R^-1 = SHSUB(hi, lo) = (hi - lo) >> 1. The low
//     17 bits of 2xz and 2tq are equal, so the difference is exact and
//     equals the Go code's (xz - tq) >> 16. (SQDMULH saturates only for
//     -2^15 * -2^15, which a product by a constant in (-q, q) never is;
//     in the base multiplication both factors are data: equal to the Go
//     code for all inputs except coefficients -2^15 in both a and b, far
//     outside the documented |x| < q.) Variable products use one more MUL
//     by q^-1.
//   - Barrett reduction: t = SQDMULH(x, round(2^26/q)) = floor(xv/2^15),
//     SRSHR #11 gives floor((xv + 2^25)/2^26) (the floors nest), and
//     MLS x -= t*q: x mod q in [-(q-1)/2, (q-1)/2], as barrettReduce.
//
// The constant table and its layout are in kx/mlkem/neon_tables.go; its
// offsets are repeated below; keep them in sync.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"log"
	"os"
)

// Offsets (int16 units) of the table in kx/mlkem/neon_tables.go.
const (
	tabConst   = 0    // q, q^-1, round(2^26/q), F, F*q^-1, 0, 0, 0
	tabZetas   = 8    // zetas[0..7], then zetas[0..7]*q^-1
	tabFwd     = 24   // per block of 32 coefficients: 7 vectors (56)
	tabInv     = 472  // per block: 7 vectors
	tabBasemul = 920  // per 16 coefficients: zeta vector, zeta*q^-1 vector
	tabLen     = 1176 //
)

// Lanes of the constant register V0.
const (
	lQ    = 0
	lQInv = 1
	lV    = 2
	lF    = 3
	lFQ   = 4
)

// Registers. V0 holds the constants; V1, V2 the zetas 0..7 and their
// q^-1 multiples; V3..V9 the per-block zeta vectors. By-element operands
// must lie in V0..V15. Data lives in V16..V23, temporaries in V24..V31.
const (
	vConst = 0
	vZ     = 1
	vZQ    = 2
)

type gen struct{ b bytes.Buffer }

func (g *gen) p(format string, a ...any) { fmt.Fprintf(&g.b, format+"\n", a...) }
func (g *gen) i(format string, a ...any) { g.p("\t"+format, a...) }
func (g *gen) c(format string, a ...any) { g.p("\t// "+format, a...) }
func (g *gen) w(word uint32, text string) {
	g.i("WORD\t$0x%08x // %s", word, text)
}

// add: d = n + m; sub: d = n - m (Go's operand order is reversed).
func (g *gen) add(d, n, m int) { g.i("VADD\tV%d.H8, V%d.H8, V%d.H8", m, n, d) }
func (g *gen) sub(d, n, m int) { g.i("VSUB\tV%d.H8, V%d.H8, V%d.H8", m, n, d) }

// zeta is a twiddle factor operand: lane idx of reg and lane qidx of qreg
// (by element), or the whole vectors reg and qreg (per lane).
type zeta struct {
	elem       bool
	reg, idx   int
	qreg, qidx int
}

func ez(reg, idx, qreg, qidx int) zeta { return zeta{true, reg, idx, qreg, qidx} }
func vz(reg, qreg int) zeta            { return zeta{reg: reg, qreg: qreg} }

// fqmul step s (0..3) of hi = x*z*R^-1, with lo a temporary.
func (g *gen) fqmulStep(s, hi, lo, x int, z zeta) {
	switch s {
	case 0:
		if z.elem {
			g.w(sqdmulhElem(hi, x, z.reg, z.idx))
		} else {
			g.w(sqdmulh(hi, x, z.reg))
		}
	case 1:
		if z.elem {
			g.w(mulElem(lo, x, z.qreg, z.qidx))
		} else {
			g.w(mul(lo, x, z.qreg))
		}
	case 2:
		g.w(sqdmulhElem(lo, lo, vConst, lQ))
	case 3:
		g.w(shsub(hi, hi, lo))
	}
}

// barrettStep s (0..2) of x = barrettReduce(x), with t a temporary.
func (g *gen) barrettStep(s, x, t int) {
	switch s {
	case 0:
		g.w(sqdmulhElem(t, x, vConst, lV))
	case 1:
		g.w(srshr(t, t, 11))
	case 2:
		g.w(mlsElem(x, t, vConst, lQ))
	}
}

// bf is one butterfly on registers a, b with twiddle z and temporaries
// t1, t2.
type bf struct {
	a, b   int
	z      zeta
	t1, t2 int
}

// ct emits Cooley-Tukey butterflies (the forward NTT): t = z*b*R^-1,
// b = a - t, a = a + t; the instructions of independent butterflies are
// interleaved.
func (g *gen) ct(bfs ...bf) {
	for s := 0; s < 4; s++ {
		for _, f := range bfs {
			g.fqmulStep(s, f.t1, f.t2, f.b, f.z)
		}
	}
	for _, f := range bfs {
		g.sub(f.b, f.a, f.t1)
	}
	for _, f := range bfs {
		g.add(f.a, f.a, f.t1)
	}
}

// gs emits Gentleman-Sande butterflies (the inverse NTT): d = b - a,
// a = barrett(a + b), b = z*d*R^-1.
func (g *gen) gs(bfs ...bf) {
	for _, f := range bfs {
		g.sub(f.t1, f.b, f.a)
	}
	for _, f := range bfs {
		g.add(f.a, f.a, f.b)
	}
	for s := 0; s < 3; s++ {
		for _, f := range bfs {
			g.barrettStep(s, f.a, f.t2)
		}
	}
	for s := 0; s < 4; s++ {
		for _, f := range bfs {
			g.fqmulStep(s, f.b, f.t2, f.t1, f.z)
		}
	}
}

// barrett reduces the registers xs, with temporaries from V24 on.
func (g *gen) barrett(xs ...int) {
	for s := 0; s < 3; s++ {
		for k, x := range xs {
			g.barrettStep(s, x, 24+k)
		}
	}
}

// transpose sets the registers t0..t3 to the 4x4 transpose of a0..a3 in
// 32-bit elements (coefficient pairs), through x0..x3: t_k holds pair k of
// each a_j, in order. It is its own inverse.
func (g *gen) transpose(a, t, x [4]int) {
	g.i("VTRN1\tV%d.S4, V%d.S4, V%d.S4", a[1], a[0], x[0])
	g.i("VTRN2\tV%d.S4, V%d.S4, V%d.S4", a[1], a[0], x[1])
	g.i("VTRN1\tV%d.S4, V%d.S4, V%d.S4", a[3], a[2], x[2])
	g.i("VTRN2\tV%d.S4, V%d.S4, V%d.S4", a[3], a[2], x[3])
	g.i("VTRN1\tV%d.D2, V%d.D2, V%d.D2", x[2], x[0], t[0])
	g.i("VTRN2\tV%d.D2, V%d.D2, V%d.D2", x[2], x[0], t[2])
	g.i("VTRN1\tV%d.D2, V%d.D2, V%d.D2", x[3], x[1], t[1])
	g.i("VTRN2\tV%d.D2, V%d.D2, V%d.D2", x[3], x[1], t[3])
}

func regs(r ...int) string {
	s := ""
	for k, x := range r {
		if k > 0 {
			s += ", "
		}
		s += fmt.Sprintf("V%d.H8", x)
	}
	return "[" + s + "]"
}

func regsS4(r ...int) string {
	s := ""
	for k, x := range r {
		if k > 0 {
			s += ", "
		}
		s += fmt.Sprintf("V%d.S4", x)
	}
	return "[" + s + "]"
}

// loadConsts loads V0..V2 from the table at R1 and advances R1 to tabFwd.
func (g *gen) loadConsts() {
	g.c("V0: q, q^-1, round(2^26/q), F, F*q^-1; V1: zetas[0..7]; V2: their q^-1 multiples.")
	g.i("VLD1.P\t48(R1), %s", regs(vConst, vZ, vZQ))
}

// strided emits a loop over the four groups of eight vectors i, i+4, ...,
// i+28 (coefficients 8i+32k..8i+32k+7 in V16+k, k = 0..7), i = 0..3: load,
// body (the layers with butterfly distances 128, 64, 32), store.
func (g *gen) strided(label string, body func(v [8]int)) {
	v := [8]int{16, 17, 18, 19, 20, 21, 22, 23}
	g.i("MOVD\t$64, R4")
	g.i("MOVD\tR0, R2")
	g.i("MOVD\t$4, R3")
	g.p("%s:", label)
	g.c("R2 = p + 16i; load vectors i, i+4, ..., i+28 into V16..V23.")
	g.i("MOVD\tR2, R5")
	for _, x := range v {
		g.i("VLD1.P\t(R5)(R4), [V%d.H8]", x)
	}
	body(v)
	g.i("MOVD\tR2, R5")
	for _, x := range v {
		g.i("VST1.P\t[V%d.H8], (R5)(R4)", x)
	}
	g.i("ADD\t$16, R2")
	g.i("SUBS\t$1, R3")
	g.i("BNE\t%s", label)
}

func (g *gen) ntt() {
	g.p("// func nttARM64(p *[256]int16, tab *[%d]int16)", tabLen)
	g.p("TEXT ·nttARM64(SB), NOSPLIT, $0-16")
	g.i("MOVD\tp+0(FP), R0")
	g.i("MOVD\ttab+8(FP), R1")
	g.loadConsts()
	g.p("")
	g.c("Layers 1-3 (distances 128, 64, 32), four groups of eight vectors.")
	g.strided("fwd123", func(v [8]int) {
		g.c("Distance 128: V16-V19 with V20-V23, zetas[1].")
		g.ct(bf{v[0], v[4], ez(vZ, 1, vZQ, 1), 24, 25}, bf{v[1], v[5], ez(vZ, 1, vZQ, 1), 26, 27},
			bf{v[2], v[6], ez(vZ, 1, vZQ, 1), 28, 29}, bf{v[3], v[7], ez(vZ, 1, vZQ, 1), 30, 31})
		g.c("Distance 64: zetas[2] for V16, V17 with V18, V19; zetas[3] for V20, V21 with V22, V23.")
		g.ct(bf{v[0], v[2], ez(vZ, 2, vZQ, 2), 24, 25}, bf{v[1], v[3], ez(vZ, 2, vZQ, 2), 26, 27},
			bf{v[4], v[6], ez(vZ, 3, vZQ, 3), 28, 29}, bf{v[5], v[7], ez(vZ, 3, vZQ, 3), 30, 31})
		g.c("Distance 32: neighbouring registers, zetas[4..7].")
		g.ct(bf{v[0], v[1], ez(vZ, 4, vZQ, 4), 24, 25}, bf{v[2], v[3], ez(vZ, 5, vZQ, 5), 26, 27},
			bf{v[4], v[5], ez(vZ, 6, vZQ, 6), 28, 29}, bf{v[6], v[7], ez(vZ, 7, vZQ, 7), 30, 31})
	})
	g.p("")
	g.c("Layers 4-7 (distances 16, 8, 4, 2) on the eight blocks of 32")
	g.c("coefficients, then Barrett reduction. R1 walks the per-block table:")
	g.c("V3 = zetas of layers 4, 5 in lanes 0-2 and their q^-1 multiples in")
	g.c("lanes 4-6; V4, V5: layer 6 per lane; V6, V7 and V8, V9: layer 7 per")
	g.c("lane for the pairs (t0, t1) and (t2, t3).")
	g.i("MOVD\tR0, R2")
	g.i("MOVD\t$8, R3")
	g.p("fwd4567:")
	g.c("V16..V19: coefficients 0-7, 8-15, 16-23, 24-31 of the block.")
	g.i("VLD1\t(R2), %s", regs(16, 17, 18, 19))
	g.i("VLD1.P\t64(R1), %s", regs(3, 4, 5, 6))
	g.i("VLD1.P\t48(R1), %s", regs(7, 8, 9))
	g.c("Distance 16: V16, V17 with V18, V19; distance 8: neighbours.")
	g.ct(bf{16, 18, ez(3, 0, 3, 4), 24, 25}, bf{17, 19, ez(3, 0, 3, 4), 26, 27})
	g.ct(bf{16, 17, ez(3, 1, 3, 5), 24, 25}, bf{18, 19, ez(3, 2, 3, 6), 26, 27})
	g.c("Transpose: V20..V23 = t0..t3, t_k holding coefficient pair k of each")
	g.c("vector (t0: 0,1, 8,9, 16,17, 24,25; t1: 2,3, ...; t2: 4,5, ...).")
	g.transpose([4]int{16, 17, 18, 19}, [4]int{20, 21, 22, 23}, [4]int{24, 25, 26, 27})
	g.c("Distance 4: t0 with t2, t1 with t3; distance 2: t0 with t1, t2 with t3.")
	g.ct(bf{20, 22, vz(4, 5), 24, 25}, bf{21, 23, vz(4, 5), 26, 27})
	g.ct(bf{20, 21, vz(6, 7), 24, 25}, bf{22, 23, vz(8, 9), 26, 27})
	g.barrett(20, 21, 22, 23)
	g.c("ST4 interleaves the pairs back into coefficient order.")
	g.i("VST4.P\t%s, 64(R2)", regsS4(20, 21, 22, 23))
	g.i("SUBS\t$1, R3")
	g.i("BNE\tfwd4567")
	g.i("RET")
}

func (g *gen) invNTT() {
	g.p("// func invNTTARM64(p *[256]int16, tab *[%d]int16)", tabLen)
	g.p("TEXT ·invNTTARM64(SB), NOSPLIT, $0-16")
	g.i("MOVD\tp+0(FP), R0")
	g.i("MOVD\ttab+8(FP), R1")
	g.loadConsts()
	g.i("ADD\t$%d, R1", 2*(tabInv-tabFwd))
	g.p("")
	g.c("Barrett reduction, then layers with distances 2, 4, 8, 16 on the")
	g.c("eight blocks of 32 coefficients. R1 walks the per-block table:")
	g.c("V3, V4 and V5, V6: distance 2 per lane for (t0, t1) and (t2, t3);")
	g.c("V7, V8: distance 4 per lane; V9: distances 8 (lanes 0, 1) and 16")
	g.c("(lane 2), their q^-1 multiples in lanes 4-6.")
	g.i("MOVD\tR0, R2")
	g.i("MOVD\t$8, R3")
	g.p("inv1234:")
	g.c("LD4 deinterleaves: V20..V23 = t0..t3, t_k holding coefficient pairs")
	g.c("k, k+4, k+8, k+12 of the block.")
	g.i("VLD4\t(R2), %s", regsS4(20, 21, 22, 23))
	g.i("VLD1.P\t64(R1), %s", regs(3, 4, 5, 6))
	g.i("VLD1.P\t48(R1), %s", regs(7, 8, 9))
	g.barrett(20, 21, 22, 23)
	g.c("Distance 2: t0 with t1, t2 with t3; distance 4: t0 with t2, t1 with t3.")
	g.gs(bf{20, 21, vz(3, 4), 24, 25}, bf{22, 23, vz(5, 6), 26, 27})
	g.gs(bf{20, 22, vz(7, 8), 24, 25}, bf{21, 23, vz(7, 8), 26, 27})
	g.c("Transpose back: V16..V19 = coefficients 0-7, ..., 24-31.")
	g.transpose([4]int{20, 21, 22, 23}, [4]int{16, 17, 18, 19}, [4]int{24, 25, 26, 27})
	g.c("Distance 8: neighbours; distance 16: V16, V17 with V18, V19.")
	g.gs(bf{16, 17, ez(9, 0, 9, 4), 24, 25}, bf{18, 19, ez(9, 1, 9, 5), 26, 27})
	g.gs(bf{16, 18, ez(9, 2, 9, 6), 24, 25}, bf{17, 19, ez(9, 2, 9, 6), 26, 27})
	g.i("VST1.P\t%s, 64(R2)", regs(16, 17, 18, 19))
	g.i("SUBS\t$1, R3")
	g.i("BNE\tinv1234")
	g.p("")
	g.c("Layers with distances 32, 64, 128, then the factor F = R^2/128,")
	g.c("four groups of eight vectors.")
	g.strided("inv567", func(v [8]int) {
		g.c("Distance 32: neighbouring registers, zetas[7..4]; distance 64:")
		g.c("zetas[3], zetas[2]; distance 128: V16-V19 with V20-V23, zetas[1].")
		g.gs(bf{v[0], v[1], ez(vZ, 7, vZQ, 7), 24, 25}, bf{v[2], v[3], ez(vZ, 6, vZQ, 6), 26, 27},
			bf{v[4], v[5], ez(vZ, 5, vZQ, 5), 28, 29}, bf{v[6], v[7], ez(vZ, 4, vZQ, 4), 30, 31})
		g.gs(bf{v[0], v[2], ez(vZ, 3, vZQ, 3), 24, 25}, bf{v[1], v[3], ez(vZ, 3, vZQ, 3), 26, 27},
			bf{v[4], v[6], ez(vZ, 2, vZQ, 2), 28, 29}, bf{v[5], v[7], ez(vZ, 2, vZQ, 2), 30, 31})
		g.gs(bf{v[0], v[4], ez(vZ, 1, vZQ, 1), 24, 25}, bf{v[1], v[5], ez(vZ, 1, vZQ, 1), 26, 27},
			bf{v[2], v[6], ez(vZ, 1, vZQ, 1), 28, 29}, bf{v[3], v[7], ez(vZ, 1, vZQ, 1), 30, 31})
		g.c("Times F: lo = x*F*q^-1 first, so that x can take the high half.")
		for _, s := range []int{1, 0, 2, 3} {
			for k, x := range v {
				g.fqmulStep(s, x, 24+k, x, ez(vConst, lF, vConst, lFQ))
			}
		}
	})
	g.i("RET")
}

func (g *gen) reduce() {
	g.p("// func reduceARM64(p *[256]int16, tab *[%d]int16)", tabLen)
	g.p("TEXT ·reduceARM64(SB), NOSPLIT, $0-16")
	g.i("MOVD\tp+0(FP), R0")
	g.i("MOVD\ttab+8(FP), R1")
	g.c("V0: the constants.")
	g.i("VLD1\t(R1), [V0.H8]")
	g.i("MOVD\tR0, R2")
	g.i("MOVD\t$4, R3")
	g.p("loop:")
	g.i("VLD1.P\t64(R0), %s", regs(16, 17, 18, 19))
	g.i("VLD1.P\t64(R0), %s", regs(20, 21, 22, 23))
	g.barrett(16, 17, 18, 19, 20, 21, 22, 23)
	g.i("VST1.P\t%s, 64(R2)", regs(16, 17, 18, 19))
	g.i("VST1.P\t%s, 64(R2)", regs(20, 21, 22, 23))
	g.i("SUBS\t$1, R3")
	g.i("BNE\tloop")
	g.i("RET")
}

func (g *gen) basemul() {
	g.p("// func basemulAccARM64(r, a, b *[256]int16, tab *[%d]int16)", tabLen)
	g.p("TEXT ·basemulAccARM64(SB), NOSPLIT, $0-32")
	g.i("MOVD\tr+0(FP), R0")
	g.i("MOVD\ta+8(FP), R1")
	g.i("MOVD\tb+16(FP), R2")
	g.i("MOVD\ttab+24(FP), R5")
	g.c("V0: the constants; R5 walks the zetas of the coefficient pairs.")
	g.i("VLD1\t(R5), [V0.H8]")
	g.i("ADD\t$%d, R5", 2*tabBasemul)
	g.i("MOVD\t$16, R3")
	g.p("loop:")
	g.c("LD2 deinterleaves 8 pairs: V16, V17 = a0, a1; V18, V19 = b0, b1;")
	g.c("V20, V21 = r0, r1; V3, V4 = zeta (+-) and zeta*q^-1 per pair.")
	g.i("VLD2.P\t32(R1), %s", regs(16, 17))
	g.i("VLD2.P\t32(R2), %s", regs(18, 19))
	g.i("VLD2\t(R0), %s", regs(20, 21))
	g.i("VLD1.P\t32(R5), %s", regs(3, 4))
	g.c("V22, V23 = b0*q^-1, b1*q^-1 (mod 2^16).")
	g.w(mulElem(22, 18, vConst, lQInv))
	g.w(mulElem(23, 19, vConst, lQInv))
	// Products, each hi in the first temporary: V24 = a1*b1, V26 = a0*b0,
	// V28 = a0*b1, V30 = a1*b0 (times R^-1).
	type prod struct{ hi, lo, x, y, yq int }
	ps := []prod{{24, 25, 17, 19, 23}, {26, 27, 16, 18, 22}, {28, 29, 16, 19, 23}, {30, 31, 17, 18, 22}}
	g.c("V24 = a1*b1, V26 = a0*b0, V28 = a0*b1, V30 = a1*b0, each times R^-1.")
	for s := 0; s < 4; s++ {
		for _, p := range ps {
			g.fqmulStep(s, p.hi, p.lo, p.x, vz(p.y, p.yq))
		}
	}
	g.c("V25 = V24*zeta*R^-1.")
	for s := 0; s < 4; s++ {
		g.fqmulStep(s, 25, 24, 24, vz(3, 4))
	}
	g.add(25, 25, 26)
	g.add(28, 28, 30)
	g.add(20, 20, 25)
	g.add(21, 21, 28)
	g.i("VST2.P\t%s, 32(R0)", regs(20, 21))
	g.i("SUBS\t$1, R3")
	g.i("BNE\tloop")
	g.i("RET")
}

// rejSample emits the rejection sampling of SampleNTT (FIPS 203
// Algorithm 7) on one SHAKE128 block: 168 bytes, 112 candidates.
func (g *gen) rejSample() {
	g.p("// func rejSampleARM64(out *[128]int16, buf *[176]byte, shuf *[256][16]byte) int")
	g.p("TEXT ·rejSampleARM64(SB), NOSPLIT, $0-32")
	g.i("MOVD\tout+0(FP), R0")
	g.i("MOVD\tbuf+8(FP), R1")
	g.i("MOVD\tshuf+16(FP), R2")
	g.i("MOVD\tR0, R7")
	g.c("V28 = 1, V29 = q, V30 = 0x0fff in every lane; V31 = 1, 2, 4, ..., 128.")
	g.i("MOVD\t$1, R6")
	g.i("VDUP\tR6, V28.H8")
	g.i("MOVD\t$%d, R6", 3329)
	g.i("VDUP\tR6, V29.H8")
	g.i("MOVD\t$0x0fff, R6")
	g.i("VDUP\tR6, V30.H8")
	g.i("MOVD\t$rejWeights<>(SB), R6")
	g.i("VLD1\t(R6), [V31.H8]")
	g.i("MOVD\t$7, R3")
	g.p("loop:")
	g.c("24 bytes, 16 candidates: V0, V1, V2 = bytes 3i, 3i+1, 3i+2 (i < 8);")
	g.c("V3 = b0 | (b1 & 15) << 8 (candidates 2i), V4 = b1 >> 4 | b2 << 4")
	g.c("(candidates 2i+1); V5, V6 = candidates 0-7, 8-15 in order.")
	g.i("VLD3.P\t24(R1), [V0.B8, V1.B8, V2.B8]")
	g.i("VZIP1\tV1.B16, V0.B16, V3.B16")
	g.i("VZIP1\tV2.B16, V1.B16, V4.B16")
	g.i("VAND\tV30.B16, V3.B16, V3.B16")
	g.i("VUSHR\t$4, V4.H8, V4.H8")
	g.i("VZIP1\tV4.H8, V3.H8, V5.H8")
	g.i("VZIP2\tV4.H8, V3.H8, V6.H8")
	for _, v := range []int{5, 6} {
		g.c("Keep the candidates of V%d below q: V7 = mask, R4 = its bits", v)
		g.c("(the shuffle's index), R5 = their number; the shuffle moves them")
		g.c("to the front, and the output advances by R5 coefficients.")
		g.w(cmhi(7, 29, v))
		g.i("VAND\tV31.B16, V7.B16, V8.B16")
		g.i("VAND\tV28.B16, V7.B16, V9.B16")
		g.i("VADDV\tV8.H8, V8")
		g.i("VADDV\tV9.H8, V9")
		g.i("VMOV\tV8.H[0], R4")
		g.i("VMOV\tV9.H[0], R5")
		g.i("ADD\tR4<<4, R2, R4")
		g.i("VLD1\t(R4), [V10.B16]")
		g.i("VTBL\tV10.B16, [V%d.B16], V11.B16", v)
		g.i("VST1\t[V11.B16], (R0)")
		g.i("ADD\tR5<<1, R0")
	}
	g.i("SUBS\t$1, R3")
	g.i("BNE\tloop")
	g.c("Return the number of coefficients written.")
	g.i("SUB\tR7, R0")
	g.i("LSR\t$1, R0")
	g.i("MOVD\tR0, ret+24(FP)")
	g.i("RET")
	g.p("")
	g.p("// The bit of each lane in the mask of rejSampleARM64.")
	g.p("DATA rejWeights<>+0(SB)/8, $0x0008000400020001")
	g.p("DATA rejWeights<>+8(SB)/8, $0x0080004000200010")
	g.p("GLOBL rejWeights<>(SB), RODATA|NOPTR, $16")
}

// cbd2 emits SamplePolyCBD_2 (FIPS 203 Algorithm 8, eta = 2): byte k of
// the 128 gives coefficients 2k (its low nibble) and 2k+1 (its high
// nibble), each the difference of its two 2-bit bit sums.
func (g *gen) cbd2() {
	g.p("// func cbd2ARM64(p *[256]int16, b *[128]byte)")
	g.p("TEXT ·cbd2ARM64(SB), NOSPLIT, $0-16")
	g.i("MOVD\tp+0(FP), R0")
	g.i("MOVD\tb+8(FP), R1")
	g.c("V28 = 0x55, V29 = 3 in every byte, V30 = 0.")
	g.i("VMOVI\t$0x55, V28.B16")
	g.i("VMOVI\t$3, V29.B16")
	g.i("VEOR\tV30.B16, V30.B16, V30.B16")
	g.i("MOVD\t$8, R3")
	g.p("loop:")
	g.c("V0 = 16 bytes; V0 = the bit-pair sums d = (b & 0x55) + (b >> 1 & 0x55).")
	g.i("VLD1.P\t16(R1), [V0.B16]")
	g.i("VUSHR\t$1, V0.B16, V1.B16")
	g.i("VAND\tV28.B16, V0.B16, V0.B16")
	g.i("VAND\tV28.B16, V1.B16, V1.B16")
	g.i("VADD\tV1.B16, V0.B16, V0.B16")
	g.c("V2, V3 = the low nibble's x and y (d & 3, d >> 2 & 3); V4, V5 = the")
	g.c("high nibble's (d >> 4 & 3, d >> 6).")
	g.i("VAND\tV29.B16, V0.B16, V2.B16")
	g.i("VUSHR\t$2, V0.B16, V3.B16")
	g.i("VAND\tV29.B16, V3.B16, V3.B16")
	g.i("VUSHR\t$4, V0.B16, V4.B16")
	g.i("VAND\tV29.B16, V4.B16, V4.B16")
	g.i("VUSHR\t$6, V0.B16, V5.B16")
	g.c("Interleave into coefficient order: V6, V7 = x of coefficients 0-15,")
	g.c("16-31; V8, V9 = y.")
	g.i("VZIP1\tV4.B16, V2.B16, V6.B16")
	g.i("VZIP2\tV4.B16, V2.B16, V7.B16")
	g.i("VZIP1\tV5.B16, V3.B16, V8.B16")
	g.i("VZIP2\tV5.B16, V3.B16, V9.B16")
	g.c("Widen to 16 bits (zip with zero): V10..V13 = x, V14..V17 = y, eight")
	g.c("coefficients each; then x - y.")
	for k, src := range []int{6, 7, 8, 9} {
		g.i("VZIP1\tV30.B16, V%d.B16, V%d.B16", src, 10+2*k)
		g.i("VZIP2\tV30.B16, V%d.B16, V%d.B16", src, 11+2*k)
	}
	for k := 0; k < 4; k++ {
		g.sub(10+k, 10+k, 14+k)
	}
	g.i("VST1.P\t%s, 64(R0)", regs(10, 11, 12, 13))
	g.i("SUBS\t$1, R3")
	g.i("BNE\tloop")
	g.i("RET")
}

// compress emits Compress_d (FIPS 203 (4.7)) of coefficients in (-q, q),
// the method of the AVX2 kernel (asm/mlkem compressFunc): Q' =
// round(x*8*M/2^15) with M = ceil(2^(12+d)/q) (SQRDMULH), which is Q or
// Q+1; R = x*2^d + 1664 - Q'*q (mod 2^16, in [-q, q)) is negative exactly
// when Q' = Q+1. The per-d constants come from Go (compressConsts).
func (g *gen) compress() {
	g.p("// func compressARM64(out *[256]uint16, p *[256]int16, c *[8]int16)")
	g.p("TEXT ·compressARM64(SB), NOSPLIT, $0-24")
	g.i("MOVD\tout+0(FP), R0")
	g.i("MOVD\tp+8(FP), R1")
	g.i("MOVD\tc+16(FP), R2")
	g.c("V0 = M, 2^d, 2^d - 1, q, 1664; V1, V2, V3 = 2^d - 1, q, 1664 in every lane.")
	g.i("VLD1\t(R2), [V0.H8]")
	g.i("VDUP\tV0.H[2], V1.H8")
	g.i("VDUP\tV0.H[3], V2.H8")
	g.i("VDUP\tV0.H[4], V3.H8")
	g.i("MOVD\t$8, R3")
	g.p("loop:")
	g.c("x in V16..V19, t in V20..V23, Q' in V24..V27.")
	g.i("VLD1.P\t64(R1), %s", regs(16, 17, 18, 19))
	g.c("x += q where x < 0 (canonical).")
	for k := 0; k < 4; k++ {
		g.w(sshr(20+k, 16+k, 15))
	}
	for k := 0; k < 4; k++ {
		g.i("VAND\tV2.B16, V%d.B16, V%d.B16", 20+k, 20+k)
	}
	for k := 0; k < 4; k++ {
		g.add(16+k, 16+k, 20+k)
	}
	g.c("Q' = round(x*8*M/2^15).")
	for k := 0; k < 4; k++ {
		g.i("VSHL\t$3, V%d.H8, V%d.H8", 16+k, 20+k)
	}
	for k := 0; k < 4; k++ {
		g.w(sqrdmulhElem(24+k, 20+k, 0, 0))
	}
	g.c("R = x*2^d + 1664 - Q'*q; Q' - 1 where R < 0, modulo 2^d.")
	for k := 0; k < 4; k++ {
		g.w(mulElem(16+k, 16+k, 0, 1))
	}
	for k := 0; k < 4; k++ {
		g.add(16+k, 16+k, 3)
	}
	for k := 0; k < 4; k++ {
		g.w(mlsElem(16+k, 24+k, 0, 3))
	}
	for k := 0; k < 4; k++ {
		g.w(sshr(16+k, 16+k, 15))
	}
	for k := 0; k < 4; k++ {
		g.add(24+k, 24+k, 16+k)
	}
	for k := 0; k < 4; k++ {
		g.i("VAND\tV1.B16, V%d.B16, V%d.B16", 24+k, 24+k)
	}
	g.i("VST1.P\t%s, 64(R0)", regs(24, 25, 26, 27))
	g.i("SUBS\t$1, R3")
	g.i("BNE\tloop")
	g.i("RET")
}

// decompress emits Decompress_d(ByteDecode_d(b)) (FIPS 203 (4.8), 4.2)
// for d = 4 and d = 10 (ML-KEM-768's v and u): Decompress_d(y) =
// round(y*q/2^d) = SQRDMULH(y << (15-d), q) exactly (y << (15-d) < 2^15,
// and SQRDMULH rounds (2*a*q)/2^16).
func (g *gen) decompress() {
	g.p("// func decompress4ARM64(p *[256]int16, b *[128]byte)")
	g.p("TEXT ·decompress4ARM64(SB), NOSPLIT, $0-16")
	g.i("MOVD\tp+0(FP), R0")
	g.i("MOVD\tb+8(FP), R1")
	g.c("V15 = q, V28 = 15 in every byte, V30 = 0.")
	g.i("MOVD\t$3329, R6")
	g.i("VDUP\tR6, V15.H8")
	g.i("VMOVI\t$15, V28.B16")
	g.i("VEOR\tV30.B16, V30.B16, V30.B16")
	g.i("MOVD\t$8, R3")
	g.p("loop4:")
	g.c("16 bytes, 32 values: V1, V2 = low and high nibbles; V3, V4 = values")
	g.c("0-15, 16-31 (byte k holds values 2k, 2k+1); V16..V19 = widened.")
	g.i("VLD1.P\t16(R1), [V0.B16]")
	g.i("VAND\tV28.B16, V0.B16, V1.B16")
	g.i("VUSHR\t$4, V0.B16, V2.B16")
	g.i("VZIP1\tV2.B16, V1.B16, V3.B16")
	g.i("VZIP2\tV2.B16, V1.B16, V4.B16")
	g.i("VZIP1\tV30.B16, V3.B16, V16.B16")
	g.i("VZIP2\tV30.B16, V3.B16, V17.B16")
	g.i("VZIP1\tV30.B16, V4.B16, V18.B16")
	g.i("VZIP2\tV30.B16, V4.B16, V19.B16")
	for k := 0; k < 4; k++ {
		g.i("VSHL\t$11, V%d.H8, V%d.H8", 16+k, 16+k)
	}
	for k := 0; k < 4; k++ {
		g.w(sqrdmulhElem(16+k, 16+k, 15, 0))
	}
	g.i("VST1.P\t%s, 64(R0)", regs(16, 17, 18, 19))
	g.i("SUBS\t$1, R3")
	g.i("BNE\tloop4")
	g.i("RET")
	g.p("")
	g.p("// func decompress10ARM64(p *[256]int16, b *[328]byte)")
	g.p("TEXT ·decompress10ARM64(SB), NOSPLIT, $0-16")
	g.i("MOVD\tp+0(FP), R0")
	g.i("MOVD\tb+8(FP), R1")
	g.c("V15 = q, V29 = 0x3ff; V30 = the TBL indices putting bytes 5g+j,")
	g.c("5g+j+1 in lane 4g+j (g < 2, j < 4); V31 = the shifts -2j.")
	g.i("MOVD\t$3329, R6")
	g.i("VDUP\tR6, V15.H8")
	g.i("MOVD\t$0x3ff, R6")
	g.i("VDUP\tR6, V29.H8")
	g.i("MOVD\t$decompress10Consts<>(SB), R6")
	g.i("VLD1\t(R6), [V30.B16, V31.B16]")
	g.i("MOVD\t$32, R3")
	g.p("loop10:")
	g.c("8 values from 10 bytes (16 loaded; b has room past the 320).")
	g.i("VLD1\t(R1), [V0.B16]")
	g.i("ADD\t$10, R1")
	g.i("VTBL\tV30.B16, [V0.B16], V16.B16")
	g.w(ushl(16, 16, 31))
	g.i("VAND\tV29.B16, V16.B16, V16.B16")
	g.i("VSHL\t$5, V16.H8, V16.H8")
	g.w(sqrdmulhElem(16, 16, 15, 0))
	g.i("VST1.P\t[V16.H8], 16(R0)")
	g.i("SUBS\t$1, R3")
	g.i("BNE\tloop10")
	g.i("RET")
	g.p("")
	var idx [16]byte
	var sh [8]int16
	for g0 := 0; g0 < 2; g0++ {
		for j := 0; j < 4; j++ {
			l := 4*g0 + j
			idx[2*l], idx[2*l+1] = byte(5*g0+j), byte(5*g0+j+1)
			sh[l] = int16(-2 * j)
		}
	}
	g.p("// TBL indices and USHL shifts of decompress10ARM64.")
	for o := 0; o < 16; o += 8 {
		var w uint64
		for i := 7; i >= 0; i-- {
			w = w<<8 | uint64(idx[o+i])
		}
		g.p("DATA decompress10Consts<>+%d(SB)/8, $0x%016x", o, w)
	}
	for o := 0; o < 8; o += 4 {
		var w uint64
		for i := 3; i >= 0; i-- {
			w = w<<16 | uint64(uint16(sh[o+i]))
		}
		g.p("DATA decompress10Consts<>+%d(SB)/8, $0x%016x", 16+2*o, w)
	}
	g.p("GLOBL decompress10Consts<>(SB), RODATA|NOPTR, $32")
}

func main() {
	out := flag.String("out", "mlkem_arm64.s", "output file")
	flag.Parse()
	var g gen
	g.p("// Code generated by command: go run . -out %s (asm/mlkemarm64). DO NOT EDIT.", *out)
	g.p("")
	g.p("//go:build arm64 && gc && !purego")
	g.p("")
	g.p(`#include "textflag.h"`)
	g.p("")
	g.p("// The NEON kernels of the \"arm64\" implementation; see asm/mlkemarm64")
	g.p("// for the arithmetic and kx/mlkem/neon_tables.go for the table. Go's")
	g.p("// assembler lacks the vector multiplies: they are WORD directives, each")
	g.p("// followed by its disassembly.")
	g.p("")
	g.ntt()
	g.p("")
	g.invNTT()
	g.p("")
	g.basemul()
	g.p("")
	g.reduce()
	g.p("")
	g.rejSample()
	g.p("")
	g.cbd2()
	g.p("")
	g.compress()
	g.p("")
	g.decompress()
	if err := os.WriteFile(*out, g.b.Bytes(), 0o666); err != nil {
		log.Fatal(err)
	}
}
