package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// divsteps59CMOV emits divsteps59CMOV, the 59 divsteps of one safegcd batch
// (Go reference: divsteps59 in internal/nistec/p256/divsteps.go), fully
// unrolled in general-purpose registers.
//
// Why assembly: the Go loop runs at about 8 cycles a step on Zen 5 (124 ns
// a batch), the shared SSE2 kernel (asm/internal/safegcd) at about 9
// (140 ns: its masks cross from the integer to the vector unit every
// step). The inversion is ~30% of a P-256 key generation. Here each step is
// about 30 integer instructions with no loop and no vector transfers, and
// the dependency chain from one g to the next is ~3.5 cycles:
//
//   - g is never shifted right: step j tests bit j of g, and f is doubled
//     instead (G = g·2^j, F = f·2^j mod 2^64 at step j, the same matrix),
//     which takes the shift off g's chain;
//   - the new g, q, r are chosen by CMOV from candidates computed in
//     parallel (g ± f, q ± u, r ± v; the sign of zeta picks the sign, bit
//     j of g whether to take it); the swap case (zeta < 0 and g odd) is
//     the sign flag of (g << (63-j)) & zeta and moves f, u, v, zeta by CMOV.
//
// Every step runs the same instructions: nothing depends on the data but
// the values (constant time).
func divsteps59CMOV() {
	TEXT("divsteps59CMOV", NOSPLIT, "func(zeta int64, f0, g0 uint64, t *[4]int64) int64")
	Doc("divsteps59CMOV is divsteps59: 59 divsteps on the low words f0 and g0 from",
		"zeta = -(delta+1/2); it returns the new zeta and writes the matrix",
		"(u, v, q, r), scaled by 2^62, to t. Constant time; baseline amd64.")
	Pragma("noescape")
	// Registers: f, g (scaled by 2^j at step j), the matrix rows (u, v)
	// for f and (q, r) for g, z = zeta.
	z := Load(Param("zeta"), GP64())
	f := Load(Param("f0"), GP64())
	g := Load(Param("g0"), GP64())
	u, v, q, r := GP64(), GP64(), GP64(), GP64()
	MOVQ(U32(8), u)
	XORQ(v, v)
	XORQ(q, q)
	MOVQ(U32(8), r)
	for j := 0; j < 59; j++ {
		Comment(fmt.Sprintf("step %d: bit %d of g", j, j))
		// Candidates for g, q, r when g is odd: g - f etc. if zeta < 0
		// (the swap case), else g + f.
		gs, qs, rs := GP64(), GP64(), GP64()
		MOVQ(g, gs)
		SUBQ(f, gs)
		MOVQ(q, qs)
		SUBQ(u, qs)
		MOVQ(r, rs)
		SUBQ(v, rs)
		ga, qa, ra := GP64(), GP64(), GP64()
		LEAQ(Mem{Base: g, Index: f, Scale: 1}, ga)
		LEAQ(Mem{Base: q, Index: u, Scale: 1}, qa)
		LEAQ(Mem{Base: r, Index: v, Scale: 1}, ra)
		TESTQ(z, z)
		CMOVQMI(gs, ga)
		CMOVQMI(qs, qa)
		CMOVQMI(rs, ra)
		// Swap case: sign of (bit j of g at bit 63) & zeta. Then
		// f, u, v = g, q, r (the old ones) and zeta = ^zeta.
		nz, t := GP64(), GP64()
		MOVQ(z, nz)
		NOTQ(nz)
		MOVQ(g, t)
		SHLQ(U8(63-j), t)
		ANDQ(z, t)
		CMOVQMI(g, f)
		CMOVQMI(q, u)
		CMOVQMI(r, v)
		CMOVQMI(nz, z)
		LEAQ(Mem{Base: z, Disp: -1}, z)
		SHLQ(U8(1), f)
		SHLQ(U8(1), u)
		SHLQ(U8(1), v)
		// g odd: take the candidates.
		BTQ(U8(j), g)
		CMOVQCS(ga, g)
		CMOVQCS(qa, q)
		CMOVQCS(ra, r)
	}
	pt := Mem{Base: Load(Param("t"), GP64())}
	MOVQ(u, pt)
	MOVQ(v, pt.Offset(8))
	MOVQ(q, pt.Offset(16))
	MOVQ(r, pt.Offset(24))
	Store(z, ReturnIndex(0))
	RET()
}
