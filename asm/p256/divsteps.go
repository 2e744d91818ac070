package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// divsteps59CMOV emits divsteps59CMOV, the 59 divsteps of one safegcd batch
// (Go reference: Divsteps59 in internal/safegcd), fully
// unrolled in general-purpose registers.
//
// Why assembly: the Go loop runs at about 8 cycles a step on Zen 5 (124 ns
// a batch), the shared SSE2 kernel (asm/internal/safegcd) at about 9
// (140 ns: its masks cross from the integer to the vector unit every
// step), and the inversion is ~30% of a P-256 key generation. This kernel
// takes ~88 ns a batch: there is no loop and no vector transfer, and each
// step is ~23 integer instructions (the core is bound by their number):
//
//   - g is never shifted right: step j tests bit j of g, and f is doubled
//     instead (G = g·2^j, F = f·2^j mod 2^64 at step j, the same matrix),
//     which takes the shift off g's chain;
//   - the new g and its matrix row are chosen by CMOV from candidates
//     computed in parallel (g ± f; the sign of zeta picks the sign, bit j
//     of g whether to take it); the swap case (zeta < 0 and g odd) is the
//     sign flag of (g << (63-j)) & zeta and moves f, its row and zeta by
//     CMOV;
//   - the 59 steps run as two halves of 29 and 30 with the matrix rows
//     packed two entries to a register (u + v·2^32: the entries of k
//     steps are below 2^k in absolute value, so each fits in 32 signed
//     bits, and the packed sums, differences and doublings are those of
//     the entries, mod 2^64), then the two matrices are unpacked and
//     multiplied (~30 instructions a step unpacked).
//
// Every step runs the same instructions: nothing depends on the data but
// the values (constant time).
func divsteps59CMOV() {
	TEXT("divsteps59CMOV", NOSPLIT, "func(zeta int64, f0, g0 uint64, t *[4]int64) int64")
	Doc("divsteps59CMOV is safegcd.Divsteps59: 59 divsteps on the low words f0 and g0 from",
		"zeta = -(delta+1/2); it returns the new zeta and writes the matrix",
		"(u, v, q, r), scaled by 2^62, to t. Constant time; baseline amd64.")
	Pragma("noescape")
	// Registers: f, g (scaled by 2^j at step j), z = zeta, and the matrix
	// of the current half as two packed rows uv = u + v·2^32 (for f) and
	// qr = q + r·2^32 (for g), mod 2^64.
	z, f, g := GP64(), GP64(), GP64()
	Load(Param("zeta"), z)
	Load(Param("f0"), f)
	Load(Param("g0"), g)
	var m [2][4]GPVirtual // the halves' (u, v, q, r)
	j := 0
	for h, steps := range []int{29, 30} {
		Comment(fmt.Sprintf("half %d: %d steps with the matrix rows packed, from the identity", h, steps))
		uv, qr := GP64(), GP64()
		MOVQ(U32(1), uv)
		MOVQ(U64(1<<32), qr)
		for range steps {
			divstep(j, f, g, z, uv, qr)
			j++
		}
		Comment("unpack: u = the low half sign-extended, v = (uv - u) >> 32")
		for i, row := range []GPVirtual{uv, qr} {
			lo, hi := GP64(), GP64()
			MOVLQSX(row.As32(), lo)
			MOVQ(row, hi)
			SUBQ(lo, hi)
			SARQ(U8(32), hi)
			m[h][2*i], m[h][2*i+1] = lo, hi
		}
	}
	Comment("t = 8·(second half)·(first half): the scale 2^3·2^29·2^30 = 2^62")
	u1, v1, q1, r1 := m[0][0], m[0][1], m[0][2], m[0][3]
	u2, v2, q2, r2 := m[1][0], m[1][1], m[1][2], m[1][3]
	pt := Mem{Base: Load(Param("t"), GP64())}
	for i, c := range [][4]GPVirtual{{u2, u1, v2, q1}, {u2, v1, v2, r1}, {q2, u1, r2, q1}, {q2, v1, r2, r1}} {
		a, b := GP64(), GP64()
		MOVQ(c[0], a)
		IMULQ(c[1], a)
		MOVQ(c[2], b)
		IMULQ(c[3], b)
		ADDQ(b, a)
		SHLQ(U8(3), a)
		MOVQ(a, pt.Offset(8*i))
	}
	Store(z, ReturnIndex(0))
	RET()
}

// divstep emits divstep j (bit j of g) on f, g, z and the packed rows uv, qr.
func divstep(j int, f, g, z, uv, qr GPVirtual) {
	Comment(fmt.Sprintf("step %d: bit %d of g", j, j))
	// Candidates for g and its row when g is odd: g - f, qr - uv if
	// zeta < 0 (the swap case), else g + f, qr + uv.
	gs, qs := GP64(), GP64()
	MOVQ(g, gs)
	SUBQ(f, gs)
	MOVQ(qr, qs)
	SUBQ(uv, qs)
	ga, qa := GP64(), GP64()
	LEAQ(Mem{Base: g, Index: f, Scale: 1}, ga)
	LEAQ(Mem{Base: qr, Index: uv, Scale: 1}, qa)
	TESTQ(z, z)
	CMOVQMI(gs, ga)
	CMOVQMI(qs, qa)
	// Swap case: sign of (bit j of g at bit 63) & zeta. Then f, uv = g,
	// qr (the old ones) and zeta = ^zeta; then zeta - 1, f and uv doubled.
	nz, t := GP64(), GP64()
	MOVQ(z, nz)
	NOTQ(nz)
	MOVQ(g, t)
	SHLQ(U8(63-j), t)
	ANDQ(z, t)
	CMOVQMI(g, f)
	CMOVQMI(qr, uv)
	CMOVQMI(nz, z)
	LEAQ(Mem{Base: z, Disp: -1}, z)
	SHLQ(U8(1), f)
	SHLQ(U8(1), uv)
	// g odd: take the candidates.
	BTQ(U8(j), g)
	CMOVQCS(ga, g)
	CMOVQCS(qa, qr)
}
