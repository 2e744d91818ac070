package main

// updateFGDE: the matrix application of one batch of the safegcd inversion
// mod p = 2^255-19 (internal/edwards25519/inv.go; safegcd.UpdateFG and
// safegcd.Modulus.UpdateDE in internal/safegcd are its Go reference). Go has
// only the unsigned bits.Mul64, and each signed product there needs two
// sign corrections; x86's one-operand IMULQ gives the signed 128-bit
// product directly, and SHRQ with two registers (SHRD) the 62-bit shift of
// the 128-bit accumulator.

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

const pInv62 = 0x3943_5e50_d794_35e5 // 1/p mod 2^62 (safegcd.Modulus.MInv of p)

func updateFunc() {
	TEXT("updateFGDEAsm", NOSPLIT, "func(fv, gv, dv, ev *[5]int64, t *[4]int64)")
	Doc("updateFGDEAsm is safegcd's UpdateDE(dv, ev, t) then UpdateFG(fv, gv, t): (fv, gv) = M (fv, gv) / 2^62",
		"exactly and (dv, ev) = M (dv, ev) / 2^62 mod p, for the matrix M = [[u, v], [q, r]] in t.")
	Pragma("noescape")
	tp := Load(Param("t"), GP64())
	tU, tV, tQ, tR := Mem{Base: tp}, Mem{Base: tp, Disp: 8}, Mem{Base: tp, Disp: 16}, Mem{Base: tp, Disp: 24}

	// low62 stores the low 62 bits of lo to m (AX as the temporary).
	low62 := func(lo GPVirtual, m Mem) {
		MOVQ(lo, RAX)
		SHLQ(U8(2), RAX)
		SHRQ(U8(2), RAX)
		MOVQ(RAX, m)
	}
	// madd adds a*b (signed, 128-bit) to hi:lo.
	madd := func(a, b Op, lo, hi GPVirtual) {
		MOVQ(a, RAX)
		IMULQ(b)
		ADDQ(RAX, lo)
		ADCQ(RDX, hi)
	}
	pair := func(xn, yn string, mod bool) {
		Comment("(" + xn + ", " + yn + ") = [[u, v], [q, r]] (" + xn + ", " + yn + ") / 2^62")
		xp, yp := Load(Param(xn), GP64()), Load(Param(yn), GP64())
		x := func(i int) Mem { return Mem{Base: xp, Disp: 8 * i} }
		y := func(i int) Mem { return Mem{Base: yp, Disp: 8 * i} }
		xl, xh, yl, yh := GP64(), GP64(), GP64(), GP64()
		for _, r := range []GPVirtual{xl, xh, yl, yh} {
			XORQ(r, r)
		}
		var md, me GPVirtual
		for i := range 5 {
			madd(x(i), tU, xl, xh)
			madd(y(i), tV, xl, xh)
			madd(x(i), tQ, yl, yh)
			madd(y(i), tR, yl, yh)
			if mod && i == 0 {
				Comment("md = u [d < 0] + v [e < 0] - k, k in [0, 2^62) with the low 62 bits of",
					"the sum + md*p zero (p = -19 mod 2^62); me likewise; then add md*(-19)")
				sd, se, t := GP64(), GP64(), GP64()
				md, me = GP64(), GP64()
				MOVQ(x(4), sd)
				SARQ(U8(63), sd)
				MOVQ(y(4), se)
				SARQ(U8(63), se)
				MOVQ(tU, md)
				ANDQ(sd, md)
				MOVQ(tV, t)
				ANDQ(se, t)
				ADDQ(t, md)
				MOVQ(tQ, me)
				ANDQ(sd, me)
				MOVQ(tR, t)
				ANDQ(se, t)
				ADDQ(t, me)
				for _, c := range []struct{ m, lo, hi GPVirtual }{{md, xl, xh}, {me, yl, yh}} {
					MOVQ(U64(pInv62), RAX)
					IMULQ(c.lo, RAX)
					ADDQ(c.m, RAX)
					SHLQ(U8(2), RAX)
					SHRQ(U8(2), RAX)
					SUBQ(RAX, c.m)
					MOVQ(I64(-19), RAX)
					IMULQ(c.m)
					ADDQ(RAX, c.lo)
					ADCQ(RDX, c.hi)
				}
			}
			if mod && i == 4 {
				Comment("p's top limb: add md * 2^7 and me * 2^7")
				for _, c := range []struct{ m, lo, hi GPVirtual }{{md, xl, xh}, {me, yl, yh}} {
					MOVQ(c.m, RAX)
					SHLQ(U8(7), RAX)
					MOVQ(c.m, RDX)
					SARQ(U8(57), RDX)
					ADDQ(RAX, c.lo)
					ADCQ(RDX, c.hi)
				}
			}
			if i > 0 {
				low62(xl, x(i-1))
				low62(yl, y(i-1))
			}
			SHRQ(U8(62), xh, xl)
			SARQ(U8(62), xh)
			SHRQ(U8(62), yh, yl)
			SARQ(U8(62), yh)
		}
		MOVQ(xl, x(4))
		MOVQ(yl, y(4))
	}
	pair("dv", "ev", true)
	pair("fv", "gv", false)
	RET()
}
