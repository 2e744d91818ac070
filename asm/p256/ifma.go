package main

// The avx512ifma field multiplication mod p (an evaluation kernel for the
// "avx512ifma" implementation of issue 9): several independent Montgomery
// multiplications at once, one per 64-bit lane of a ymm (4 lanes) or zmm
// (8 lanes) register.
//
// Representation: radix 2^52, 5 limbs, limb-major in memory: row i holds
// limb i of every lane ([5][lanes]uint64), so the value of lane l is
// sum row[i][l]·2^(52i). Inputs have limbs below 2^52 and values below
// 2^256 (limb 4 below 2^48); outputs are fully reduced (< p), limbs below
// 2^52. Montgomery domain with R = 2^260: the kernels return x·y·2^-260.
//
// Product: VPMADD52LUQ adds the low 52 bits of the 104-bit product of two
// 52-bit limbs, VPMADD52HUQ the high 52 bits; with radix 2^52 the low half
// of x_i·y_j goes to column i+j and the high half to column i+j+1, so the
// 10 columns need no shifts (each below 2^57: at most 10 terms of 2^52).
//
// Reduction (word-by-word Montgomery, 5 rounds of 52 bits): p ≡ -1 mod
// 2^52, so -p^-1 mod 2^52 = 1 and the round multiplier is m = t_i mod 2^52
// itself. The limbs of p are p0 = 2^52-1, p1 = 2^44-1, p2 = 0, p3 = 2^36,
// p4 = 2^48-2^16. Because p0 = 2^52-1, t_i + m·p0 = (t_i>>52 + m)·2^52:
// the round adds t_i>>52 + m to t_(i+1) instead of two products; p2 needs
// none, so a round is 6 VPMADD52 (p1, p3, p4 low and high). After five
// rounds t_5..t_9 = (x·y + M·p)/2^260 < 2^252 + p < 2p for x, y < 2^256;
// one carry pass and one conditional subtraction of p (selected with
// VPTERNLOGQ on the sign of the final borrow, no branch) give the result.
//
// Keep in sync with the Go reference p256Mul52Generic in
// internal/nistec/p256/field52.go, which does the same steps per lane.
//
// Evaluation (bench/results/p256.txt, Zen 4): the lanes win throughput
// (4.6 ns per product with 8 independent products vs 13.8 ns adx; 44 ns
// per doubling and 52 ns per mixed addition when 8 independent ones exist,
// vs 101 and 123 ns) but lose latency (a dependent lane multiplication
// takes 20.6 ns in ymm vs 11.3 ns adx; one point's doubling with its
// products in lanes takes 143 ns vs 87 ns). ECDH and verification are one
// chain of doublings, so no "avx512ifma" implementation is registered;
// these kernels are kept, tested, as the base of one (for example a
// fixed-base multiplication with 8 accumulators, or batch operations).

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// p52 are the radix-2^52 limbs of p.
var p52 = [5]uint64{1<<52 - 1, 1<<44 - 1, 0, 1 << 36, 1<<48 - 1<<16}

// ifmaCtx holds the registers shared by one function: the constants
// broadcast to every lane and a zero register to copy accumulators from.
type ifmaCtx struct {
	vnew  func() VecVirtual
	zero  VecVirtual
	mask  VecVirtual    // 2^52 - 1 (also p0)
	p     [5]VecVirtual // limbs of p (p[2] unused)
	lanes int
}

func newIfmaCtx(vnew func() VecVirtual, lanes int) *ifmaCtx {
	c := &ifmaCtx{vnew: vnew, lanes: lanes}
	Comment("constants in every lane: zero, 2^52-1 and the limbs of p")
	bc := func(v uint64) VecVirtual {
		r := GP64()
		if v == 0 {
			XORQ(r, r)
		} else {
			MOVQ(U64(v), r)
		}
		x := vnew()
		VPBROADCASTQ(r, x)
		return x
	}
	c.zero = bc(0)
	c.mask = bc(1<<52 - 1)
	c.p[0] = c.mask
	c.p[1] = bc(p52[1])
	c.p[3] = bc(p52[3])
	c.p[4] = bc(p52[4])
	return c
}

func (c *ifmaCtx) zeroed() VecVirtual {
	r := c.vnew()
	VMOVDQA64(c.zero, r)
	return r
}

// mul emits z = x·y·2^-260 mod p lane-wise, for x in registers and y in
// registers or memory, and returns z in new registers.
func (c *ifmaCtx) mul(x [5]VecVirtual, y [5]Op) [5]VecVirtual {
	Comment("product columns t0..t9: low halves to column i+j, high halves to i+j+1,")
	Comment("in separate accumulators (two chains of at most 5 per column), then summed")
	var t, h [10]VecVirtual
	for k := range t {
		if k < 9 {
			t[k] = c.zeroed()
		}
		if k > 0 {
			h[k] = c.zeroed()
		}
	}
	for i := range 5 {
		for j := range 5 {
			VPMADD52LUQ(y[j], x[i], t[i+j])
			VPMADD52HUQ(y[j], x[i], h[i+j+1])
		}
	}
	for k := 1; k < 9; k++ {
		VPADDQ(h[k], t[k], t[k])
	}
	t[9] = h[9]
	Comment("five Montgomery rounds: m = t_i mod 2^52 (-p^-1 = 1 mod 2^52)")
	m, s := c.vnew(), c.vnew()
	for i := range 5 {
		VPANDQ(c.mask, t[i], m)
		VPSRLQ(U8(52), t[i], s)
		VPADDQ(m, s, s)
		VPADDQ(s, t[i+1], t[i+1])
		for _, j := range []int{1, 3, 4} {
			VPMADD52LUQ(c.p[j], m, t[i+j])
			VPMADD52HUQ(c.p[j], m, t[i+j+1])
		}
	}
	r := [5]VecVirtual{t[5], t[6], t[7], t[8], t[9]}
	return c.reduce(r, false)
}

// reduce returns r mod p (fully reduced, 52-bit limbs) for r < 2p whose
// limbs may exceed 52 bits, or be negative when signed is set (a carry
// pass with arithmetic shifts, then one conditional subtraction of p).
// The registers of r are overwritten.
func (c *ifmaCtx) reduce(r [5]VecVirtual, signed bool) [5]VecVirtual {
	s := c.vnew()
	Comment("carry pass: limbs below 2^52, value < 2p")
	for k := range 4 {
		if signed {
			VPSRAQ(U8(52), r[k], s)
		} else {
			VPSRLQ(U8(52), r[k], s)
		}
		VPANDQ(c.mask, r[k], r[k])
		VPADDQ(s, r[k+1], r[k+1])
	}
	Comment("d = r - p with a signed borrow chain; keep r where d < 0")
	var d [5]VecVirtual
	for k := range 5 {
		d[k] = c.vnew()
		if k == 2 {
			VPADDQ(s, r[k], d[k]) // p2 = 0
		} else {
			VPSUBQ(c.p[k], r[k], d[k])
			if k > 0 {
				VPADDQ(s, d[k], d[k])
			}
		}
		if k < 4 {
			VPSRAQ(U8(52), d[k], s)
			VPANDQ(c.mask, d[k], d[k])
		}
	}
	sel := c.vnew()
	VPSRAQ(U8(63), d[4], sel)
	Comment("z = sel ? r : d, limb by limb (bitwise select)")
	var z [5]VecVirtual
	for k := range 5 {
		z[k] = c.vnew()
		VMOVDQA64(sel, z[k])
		VPTERNLOGQ(U8(0xca), d[k], r[k], z[k])
	}
	return z
}

func ifmaFuncs() {
	ifmaMulFunc("p256MulIFMA4", YMM, 4)
	ifmaMulFunc("p256MulIFMA8", ZMM, 8)
	ifmaSqrNFunc("p256SqrNIFMA4", YMM, 4)
	ifmaSqrNFunc("p256SqrNIFMA8", ZMM, 8)
	ifmaJDoubleFunc()
	ifmaJDouble4Func()
	ifmaJAddAffineFunc()
}

func ifmaMulFunc(name string, vnew func() VecVirtual, lanes int) {
	row := 8 * lanes
	TEXT(name, NOSPLIT, fmt.Sprintf("func(z, x, y *[5][%d]uint64)", lanes))
	Doc(fmt.Sprintf("%s sets z = x·y·2^-260 mod p in each of %d lanes (radix 2^52,", name, lanes),
		"limb-major rows), for x, y < 2^256 with 52-bit limbs; z is fully reduced.",
		"z may alias x or y. Requires AVX512F, AVX512VL and AVX512IFMA.")
	Pragma("noescape")
	c := newIfmaCtx(vnew, lanes)
	xp := Mem{Base: Load(Param("x"), GP64())}
	yp := Mem{Base: Load(Param("y"), GP64())}
	var x [5]VecVirtual
	var y [5]Op
	for i := range 5 {
		x[i] = vnew()
		VMOVDQU64(xp.Offset(row*i), x[i])
		y[i] = yp.Offset(row * i)
	}
	z := c.mul(x, y)
	zp := Mem{Base: Load(Param("z"), GP64())}
	for i := range 5 {
		VMOVDQU64(z[i], zp.Offset(row*i))
	}
	VZEROUPPER()
	RET()
}

func ifmaSqrNFunc(name string, vnew func() VecVirtual, lanes int) {
	row := 8 * lanes
	TEXT(name, NOSPLIT, fmt.Sprintf("func(z, x *[5][%d]uint64, n int)", lanes))
	Doc(fmt.Sprintf("%s sets z = x^(2^n) in the Montgomery domain (R = 2^260) in each", name),
		fmt.Sprintf("of %d lanes, by n >= 1 squarings kept in registers. z may alias x.", lanes),
		"Requires AVX512F, AVX512VL and AVX512IFMA.")
	Pragma("noescape")
	c := newIfmaCtx(vnew, lanes)
	xp := Mem{Base: Load(Param("x"), GP64())}
	n := Load(Param("n"), GP64())
	var x [5]VecVirtual
	for i := range 5 {
		x[i] = vnew()
		VMOVDQU64(xp.Offset(row*i), x[i])
	}
	Label("sqr")
	var y [5]Op
	for i := range 5 {
		y[i] = x[i]
	}
	z := c.mul(x, y)
	for i := range 5 {
		VMOVDQA64(z[i], x[i])
	}
	DECQ(n)
	JNZ(LabelRef("sqr"))
	zp := Mem{Base: Load(Param("z"), GP64())}
	for i := range 5 {
		VMOVDQU64(x[i], zp.Offset(row*i))
	}
	VZEROUPPER()
	RET()
}

// add returns x + y mod p for x, y < p (in registers and in memory).
func (c *ifmaCtx) add(x [5]VecVirtual, y [5]Op) [5]VecVirtual {
	var r [5]VecVirtual
	for k := range 5 {
		r[k] = c.vnew()
		VPADDQ(y[k], x[k], r[k])
	}
	return c.reduce(r, false)
}

// sub returns x - y mod p for x, y < p: x - y + p limb by limb (limbs may
// be negative), then a signed carry pass and one conditional subtraction.
func (c *ifmaCtx) sub(x [5]VecVirtual, y [5]Op) [5]VecVirtual {
	var r [5]VecVirtual
	for k := range 5 {
		r[k] = c.vnew()
		VPSUBQ(y[k], x[k], r[k])
		if k != 2 {
			VPADDQ(c.p[k], r[k], r[k])
		}
	}
	return c.reduce(r, true)
}

// half returns x/2 mod p for x < p: (x + p)/2 if x is odd, else x/2.
func (c *ifmaCtx) half(x [5]VecVirtual) [5]VecVirtual {
	odd, s := c.vnew(), c.vnew()
	VPSLLQ(U8(63), x[0], odd)
	VPSRAQ(U8(63), odd, odd)
	var r [5]VecVirtual
	for k := range 5 {
		r[k] = c.vnew()
		if k == 2 {
			VMOVDQA64(x[k], r[k])
			continue
		}
		VPANDQ(c.p[k], odd, r[k])
		VPADDQ(x[k], r[k], r[k])
	}
	for k := range 4 {
		VPSRLQ(U8(52), r[k], s)
		VPANDQ(c.mask, r[k], r[k])
		VPADDQ(s, r[k+1], r[k+1])
	}
	var z [5]VecVirtual
	for k := range 5 {
		z[k] = c.vnew()
		VPSRLQ(U8(1), r[k], z[k])
		if k < 4 {
			VPSLLQ(U8(51), r[k+1], s)
			VPANDQ(c.mask, s, s)
			VPORQ(s, z[k], z[k])
		}
	}
	return z
}

// fe8 is an 8-lane field element in memory: its 5 rows of 64 bytes.
type fe8 [5]Mem

func rows8(m Mem) fe8 {
	var f fe8
	for i := range f {
		f[i] = m.Offset(64 * i)
	}
	return f
}

func local8() fe8 { return rows8(AllocLocal(5 * 64)) }

func load8(m fe8) [5]VecVirtual {
	var v [5]VecVirtual
	for i := range v {
		v[i] = ZMM()
		VMOVDQU64(m[i], v[i])
	}
	return v
}

func ops8(m fe8) [5]Op {
	var o [5]Op
	for i := range o {
		o[i] = m[i]
	}
	return o
}

func regOps8(v [5]VecVirtual) [5]Op {
	var o [5]Op
	for i := range o {
		o[i] = v[i]
	}
	return o
}

func store8(m fe8, v [5]VecVirtual) {
	for i := range v {
		VMOVDQU64(v[i], m[i])
	}
}

// ifmaJDoubleFunc emits 8 independent Jacobian doublings, one per zmm
// lane, by the formulas of jdoubleGeneric (dbl-2001-b with Y' = 2Y, 4M +
// 4S): an upper bound of what lanes give a point operation when 8
// independent doublings exist. Field elements live in the frame (5 rows
// of 64 bytes) between the operations.
func ifmaJDoubleFunc() {
	const lanes, row = 8, 64
	TEXT("p256JDoubleIFMA8", 0, "func(r, p *[3][5][8]uint64)")
	Doc("p256JDoubleIFMA8 sets r = 2p in each of 8 lanes (Jacobian X, Y, Z in radix 2^52,",
		"Montgomery domain R = 2^260, fully reduced), by the formulas of jdoubleGeneric.",
		"r may alias p. Requires AVX512F, AVX512VL and AVX512IFMA.")
	Pragma("noescape")
	c := newIfmaCtx(ZMM, lanes)
	pp := Mem{Base: Load(Param("p"), GP64())}
	rp := Mem{Base: Load(Param("r"), GP64())}
	px, py, pz := rows8(pp), rows8(pp.Offset(5*row)), rows8(pp.Offset(10*row))
	rx, ry, rz := rows8(rp), rows8(rp.Offset(5*row)), rows8(rp.Offset(10*row))
	load, ops, store, local := load8, ops8, store8, local8
	regs := func(v [5]VecVirtual) [5]Op { return regOps8(v) }
	delta, y2, g4, g16, beta, alpha, t, u := local(), local(), local(), local(), local(), local(), local(), local()
	Comment("δ = Z², Y' = 2Y, t = X - δ, u = X + δ")
	zz := load(pz)
	store(delta, c.mul(zz, regs(zz)))
	yy := load(py)
	store(y2, c.add(yy, ops(py)))
	xx := load(px)
	store(t, c.sub(xx, ops(delta)))
	xx = load(px)
	store(u, c.add(xx, ops(delta)))
	Comment("γ' = Y'², Z3 = Y'·Z, (X-δ)(X+δ), 4β = X·γ'")
	yy = load(y2)
	store(g4, c.mul(yy, regs(yy)))
	yy = load(y2)
	store(rz, c.mul(yy, ops(pz)))
	xx = load(t)
	store(alpha, c.mul(xx, ops(u)))
	xx = load(px)
	store(beta, c.mul(xx, ops(g4)))
	Comment("16γ² = γ'², α = 3(X-δ)(X+δ)")
	yy = load(g4)
	store(g16, c.mul(yy, regs(yy)))
	aa := load(alpha)
	a2 := c.add(aa, ops(alpha))
	store(alpha, c.add(a2, ops(alpha)))
	Comment("X3 = α² - 8β")
	aa = load(alpha)
	store(t, c.mul(aa, regs(aa)))
	bb := load(beta)
	store(u, c.add(bb, ops(beta)))
	tt := load(t)
	store(rx, c.sub(tt, ops(u)))
	Comment("Y3 = α(4β - X3) - 8γ²")
	bb = load(beta)
	store(t, c.sub(bb, ops(rx)))
	aa = load(alpha)
	store(t, c.mul(aa, ops(t)))
	gg := load(g16)
	store(g16, c.half(gg))
	tt = load(t)
	store(ry, c.sub(tt, ops(g16)))
	VZEROUPPER()
	RET()
}

// ifmaJDouble4Func emits n repeated doublings of ONE point with the
// independent products of each doubling in ymm lanes: the point is one
// lane vector [X, Y, Z, 0], and the 8 products of jdoubleGeneric run as 4
// lane multiplications ([Z, Y', Y']·[Z, Y', Z] = [δ, γ', Z3], then
// [X-δ, X, γ']·[X+δ, γ', γ'] = [α/3, 4β, 16γ²], then α², then α(4β-X3)),
// the additions as lane additions of whole vectors, and VPERMQ/VPBLENDMQ
// move values between lanes. This measures what lanes give the single
// doubling chain of ECDH and verification. Vectors needed across a
// multiplication live in the frame (the multiplication takes 29 of the 32
// registers).
func ifmaJDouble4Func() {
	const row = 32
	TEXT("p256JDoubleNIFMA4", 0, "func(r, p *[5][4]uint64, n int)")
	Doc("p256JDoubleNIFMA4 sets r = 2^n·p (n >= 1) for one Jacobian point held as the",
		"lanes [X, Y, Z, 0] (radix 2^52, Montgomery domain R = 2^260, fully reduced),",
		"by the formulas of jdoubleGeneric with each doubling's independent products",
		"in lanes. r may alias p. Requires AVX512F, AVX512VL and AVX512IFMA.")
	Pragma("noescape")
	c := newIfmaCtx(YMM, 4)
	type vec = [5]VecVirtual
	type fe = [5]Mem
	local := func() fe {
		m := AllocLocal(5 * row)
		var f fe
		for i := range f {
			f[i] = m.Offset(row * i)
		}
		return f
	}
	memOps := func(m fe) [5]Op {
		var o [5]Op
		for i := range o {
			o[i] = m[i]
		}
		return o
	}
	regOps := func(v vec) [5]Op {
		var o [5]Op
		for i := range o {
			o[i] = v[i]
		}
		return o
	}
	store := func(m fe, v vec) {
		for i := range v {
			VMOVDQU64(v[i], m[i])
		}
	}
	// perm returns the lane vector whose every lane is lane l of x.
	perm := func(x [5]Op, l int) vec {
		var z vec
		imm := uint8(l | l<<2 | l<<4 | l<<6)
		for i := range z {
			z[i] = YMM()
			VPERMQ(U8(imm), x[i], z[i])
		}
		return z
	}
	Comment("lane masks: K1 = lane 1, K2 = lane 2, K3 = lanes 1 and 2, K4 = lane 3")
	{
		r := GP32()
		for i, bits := range []uint32{2, 4, 6, 8} {
			MOVL(U32(bits), r)
			KMOVW(r, []Register{K1, K2, K3, K4}[i])
		}
	}
	// blend returns a with the lanes of k taken from b.
	blend := func(a vec, b [5]Op, k Register) vec {
		var z vec
		for i := range z {
			z[i] = YMM()
			VMOVDQA64(a[i], z[i])
			VPBLENDMQ(b[i], z[i], k, z[i])
		}
		return z
	}
	sP, sB, sM1, sM2, sV, sH, sAb, sX3 := local(), local(), local(), local(), local(), local(), local(), local()
	{
		pp := Mem{Base: Load(Param("p"), GP64())}
		for i := range 5 {
			v := YMM()
			VMOVDQU64(pp.Offset(row*i), v)
			VMOVDQU64(v, sP[i])
		}
	}
	n := Load(Param("n"), GP64())
	Label("dbl")
	Comment("Y' = 2Y; [δ, γ', Z3] = [Z, Y', Y']·[Z, Y', Z]")
	var P vec
	for i := range 5 {
		P[i] = YMM()
		VMOVDQU64(sP[i], P[i])
	}
	D := c.add(P, regOps(P))
	Pz := perm(memOps(sP), 2)
	Dy := perm(regOps(D), 1)
	A1 := blend(Pz, regOps(Dy), K3)
	store(sB, blend(Pz, regOps(Dy), K1))
	store(sM1, c.mul(A1, memOps(sB)))
	Comment("[(X-δ)(X+δ), 4β, 16γ²] = [X-δ, X, γ']·[X+δ, γ', γ']")
	Xb := perm(memOps(sP), 0)
	Db := perm(memOps(sM1), 0)
	U := c.add(Xb, regOps(Db))
	T := c.sub(Xb, regOps(Db))
	G := perm(memOps(sM1), 1)
	store(sB, blend(U, regOps(G), K3))
	A2 := blend(blend(T, regOps(Xb), K1), regOps(G), K2)
	M2 := c.mul(A2, memOps(sB))
	store(sM2, M2)
	Comment("lane 0: α = 3(X-δ)(X+δ); lane 1 of 2·M2: 8β; lane 2 of M2/2: 8γ²")
	V := c.add(M2, regOps(M2))
	store(sV, V)
	Al := c.add(V, memOps(sM2))
	var m2 vec
	for i := range 5 {
		m2[i] = YMM()
		VMOVDQU64(sM2[i], m2[i])
	}
	store(sH, c.half(m2))
	Ab := perm(regOps(Al), 0)
	store(sAb, Ab)
	Comment("X3 = α² - 8β")
	M3 := c.mul(Ab, regOps(Ab))
	X3 := c.sub(M3, regOps(perm(memOps(sV), 1)))
	store(sX3, X3)
	Comment("Y3 = α(4β - X3) - 8γ²")
	W := c.sub(perm(memOps(sM2), 1), regOps(X3))
	M4 := c.mul(W, memOps(sAb))
	Y3 := c.sub(M4, regOps(perm(memOps(sH), 2)))
	Comment("[X3, Y3, Z3, 0]")
	var x3 vec
	for i := range 5 {
		x3[i] = YMM()
		VMOVDQU64(sX3[i], x3[i])
	}
	R := blend(x3, regOps(Y3), K1)
	R = blend(R, memOps(sM1), K2)
	var zs [5]Op
	for i := range zs {
		zs[i] = c.zero
	}
	R = blend(R, zs, K4)
	store(sP, R)
	DECQ(n)
	JNZ(LabelRef("dbl"))
	rp := Mem{Base: Load(Param("r"), GP64())}
	for i := range 5 {
		v := YMM()
		VMOVDQU64(sP[i], v)
		VMOVDQU64(v, rp.Offset(row*i))
	}
	VZEROUPPER()
	RET()
}

// ifmaJAddAffineFunc emits 8 independent mixed additions (Jacobian +
// affine), one per zmm lane, by the formulas of jaddAffineGeneric
// (madd-2004-hmv, 8M + 3S; the same exceptional cases): the per-addition
// cost if a fixed-base multiplication summed its table points in 8
// independent accumulators.
func ifmaJAddAffineFunc() {
	const row = 64
	TEXT("p256JAddAffineIFMA8", 0, "func(r, p *[3][5][8]uint64, q *[2][5][8]uint64)")
	Doc("p256JAddAffineIFMA8 sets r = p + q in each of 8 lanes (p Jacobian, q affine,",
		"radix 2^52, Montgomery domain R = 2^260, fully reduced) by the formulas of",
		"jaddAffineGeneric (wrong for p = q and p the identity). r may alias p.",
		"Requires AVX512F, AVX512VL and AVX512IFMA.")
	Pragma("noescape")
	c := newIfmaCtx(ZMM, 8)
	pp := Mem{Base: Load(Param("p"), GP64())}
	qp := Mem{Base: Load(Param("q"), GP64())}
	rp := Mem{Base: Load(Param("r"), GP64())}
	px, py, pz := rows8(pp), rows8(pp.Offset(5*row)), rows8(pp.Offset(10*row))
	qx, qy := rows8(qp), rows8(qp.Offset(5*row))
	rx, ry, rz := rows8(rp), rows8(rp.Offset(5*row)), rows8(rp.Offset(10*row))
	z1z1, u2, s2, h, hh, hhh, rr, r2, v, t, x3 := local8(), local8(), local8(), local8(), local8(), local8(), local8(), local8(), local8(), local8(), local8()
	mul := func(z, x, y fe8) { store8(z, c.mul(load8(x), ops8(y))) }
	sqr := func(z, x fe8) {
		a := load8(x)
		store8(z, c.mul(a, regOps8(a)))
	}
	sub := func(z, x, y fe8) { store8(z, c.sub(load8(x), ops8(y))) }
	Comment("Z1Z1 = Z1², S2 = Y2·Z1·Z1Z1, U2 = X2·Z1Z1, H = U2 - X1, r = S2 - Y1")
	sqr(z1z1, pz)
	mul(s2, qy, pz)
	mul(u2, qx, z1z1)
	mul(s2, s2, z1z1)
	sub(h, u2, px)
	sub(rr, s2, py)
	Comment("HH = H², r² , HHH = H·HH, V = X1·HH, S2 = Y1·HHH; Z3 = Z1·H last (r may alias p)")
	sqr(hh, h)
	sqr(r2, rr)
	mul(hhh, h, hh)
	mul(v, px, hh)
	mul(s2, py, hhh)
	Comment("X3 = r² - HHH - 2V")
	sub(t, r2, hhh)
	sub(t, t, v)
	sub(x3, t, v)
	Comment("Y3 = r(V - X3) - Y1·HHH")
	sub(v, v, x3)
	mul(v, rr, v)
	mul(rz, pz, h)
	sub(ry, v, s2)
	store8(rx, load8(x3))
	VZEROUPPER()
	RET()
}
