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
	Comment("carry pass: limbs below 2^52, value < 2p")
	r := [5]VecVirtual{t[5], t[6], t[7], t[8], t[9]}
	for k := range 4 {
		VPSRLQ(U8(52), r[k], s)
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
