package main

// The "avx512ifma" implementation: 8 independent X25519 computations at
// once, one per 64-bit lane of a zmm register.
//
// Representation: an 8-lane field element is 5 zmm rows (limb i of the 8
// lanes in row i), radix 2^51 as in the generic code: the value of a lane
// is sum l_i * 2^(51*i). Every function takes limbs below 2^52 (the input
// range of VPMADD52LUQ/HUQ, which read the low 52 bits only) and returns
// limbs below 2^52. In memory a row is 64 bytes, an element 320.
//
// Multiplication: VPMADD52LUQ adds the low 52 bits of a 104-bit product,
// VPMADD52HUQ the high 52 bits. With radix 2^51 the low half of a_i*b_j
// has weight 2^(51(i+j)) and the high half 2^(51(i+j)+52), so column k of
// the product is L_k + 2*H_(k-1). Columns 5..9 fold back times 19
// (2^255 = 19 mod p), then one parallel carry pass brings every limb back
// below 2^52 (the radix-2^51 reduction of the generic code; OpenSSL's
// poly1305 IFMA path, radix 2^44, splits products into low and high halves
// the same way).

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// fe8 is an 8-lane element in memory: its 5 rows.
type fe8 [5]Mem

// The vector width of the functions being emitted: zmm (8 lanes, rows of
// 64 bytes) for the batch code, ymm (4 lanes, rows of 32 bytes) for the
// single ladder of ifma4.go. The row operations below are the same.
var (
	vnew = ZMM
	vrow = 64
)

func fe8At(m Mem) fe8 {
	var f fe8
	for i := range f {
		f[i] = m.Offset(vrow * i)
	}
	return f
}

var (
	cMask51 Mem // 2^51 - 1
	c19     Mem // 19
	c2p0    Mem // limb 0 of 2p in radix 2^51: 2^52 - 38
	c2p1    Mem // limbs 1..4 of 2p: 2^52 - 2
	cA24    Mem // 121665
	cZero   Mem // 0
	c38     Mem // 38
)

// zero8 returns a new register set to zero. (VPXORQ r, r, r would read r
// as far as avo's liveness analysis knows, making it live from the
// function's entry and exhausting the 32 registers.)
func zero8() VecVirtual {
	r := vnew()
	if zreg != nil {
		VMOVDQA64(zreg, r) // a register copy: no load
		return r
	}
	VPBROADCASTQ(cZero, r)
	return r
}

// zreg, when set, is a register holding zero for the whole function being
// emitted, copied by zero8 instead of loading the zero constant.
var zreg VecVirtual

func ifmaConstants() {
	cMask51 = ConstData("ifmaMask51", U64(1<<51-1))
	c19 = ConstData("ifma19", U64(19))
	c2p0 = ConstData("ifma2p0", U64(1<<52-38))
	c2p1 = ConstData("ifma2p1", U64(1<<52-2))
	cA24 = ConstData("ifmaA24", U64(121665))
	cZero = ConstData("ifmaZero", U64(0))
	c38 = ConstData("ifma38", U64(38))
}

// carry8 emits the parallel carry pass on 5 rows (each limb below 2^63):
// c_i = l_i >> 51; l_i &= 2^51-1; l_(i+1) += c_i; l_0 += 19*c_4. The
// results are below 2^51 + 19*2^12.
func carry8(l [5]VecVirtual) {
	var c [5]VecVirtual
	for i := range l {
		c[i] = vnew()
		VPSRLQ(U8(51), l[i], c[i])
		VPANDQ_BCST(cMask51, l[i], l[i])
	}
	for i := 0; i < 4; i++ {
		VPADDQ(c[i], l[i+1], l[i+1])
	}
	VPMADD52LUQ_BCST(c19, c[4], l[0])
}

func storeFE8(z fe8, l [5]VecVirtual) {
	for i := range l {
		VMOVDQU64(l[i], z[i])
	}
}

func loadFE8(x fe8) [5]VecVirtual {
	var l [5]VecVirtual
	for i := range l {
		l[i] = vnew()
		VMOVDQU64(x[i], l[i])
	}
	return l
}

// mul8 emits z = x * y for 8 lanes. z may alias x or y.
func mul8(z, x, y fe8) {
	Comment("mul8: 25 low and 25 high 52-bit products; column k = L_k + 2*H_(k-1); columns 5..9 fold times 19")
	a := loadFE8(x)
	var L [10]VecVirtual
	var H [9]VecVirtual
	acc := func(r *VecVirtual) VecVirtual {
		if *r == nil {
			*r = zero8()
		}
		return *r
	}
	// y in registers too: 5 + 5 + 19 accumulators + zreg fit the 32 zmm
	// registers, and each row of y is loaded once instead of 5 times.
	b := loadFE8(y)
	for i := range 5 {
		for j := range 5 {
			VPMADD52LUQ(b[j], a[i], acc(&L[i+j]))
			VPMADD52HUQ(b[j], a[i], acc(&H[i+j]))
		}
	}
	acc(&L[9])
	reduce8(z, L, H)
}

// reduce8 emits z = sum (L_k + 2*H_(k-1)) * 2^(51k) mod p, each L_k and
// H_k a sum of at most 5 52-bit values.
func reduce8(z fe8, L [10]VecVirtual, H [9]VecVirtual) {
	for k := 1; k < 10; k++ {
		VPADDQ(H[k-1], H[k-1], H[k-1])
		VPADDQ(H[k-1], L[k], L[k])
	}
	// L_k (k < 10) is below 3*5*2^52 < 2^56: 19*L_k < 2^61 and the sums below 2^62.
	t, u := vnew(), vnew()
	for k := range 5 {
		VPSLLQ(U8(4), L[k+5], t)
		VPSLLQ(U8(1), L[k+5], u)
		VPADDQ(u, t, t)
		VPADDQ(L[k+5], t, t)
		VPADDQ(t, L[k], L[k])
	}
	r := [5]VecVirtual{L[0], L[1], L[2], L[3], L[4]}
	carry8(r)
	storeFE8(z, r)
}

// add8 emits z = x + y. z may alias x or y.
func add8(z, x, y fe8) {
	a := loadFE8(x)
	for i := range a {
		VPADDQ(y[i], a[i], a[i])
	}
	carry8(a)
	storeFE8(z, a)
}

// sub8 emits z = x + 2p - y (y's limbs are below 2^52 - 38). z may alias x or y.
func sub8(z, x, y fe8) {
	a := loadFE8(x)
	for i := range a {
		c := c2p1
		if i == 0 {
			c = c2p0
		}
		VPADDQ_BCST(c, a[i], a[i])
		VPSUBQ(y[i], a[i], a[i])
	}
	carry8(a)
	storeFE8(z, a)
}

// mul121665x8 emits z = x * 121665. z may alias x.
func mul121665x8(z, x fe8) {
	Comment("mul121665x8: 5 low and 5 high halves; the top column 2*H_4 folds as 38*H_4")
	a := loadFE8(x)
	var L, H [5]VecVirtual
	for i := range 5 {
		L[i], H[i] = zero8(), zero8()
		VPMADD52LUQ_BCST(cA24, a[i], L[i])
		VPMADD52HUQ_BCST(cA24, a[i], H[i])
	}
	for k := 1; k < 5; k++ {
		VPADDQ(H[k-1], H[k-1], H[k-1])
		VPADDQ(H[k-1], L[k], L[k])
	}
	VPMADD52LUQ_BCST(c38, H[4], L[0]) // H_4 < 2^17
	carry8(L)
	storeFE8(z, L)
}

// sqr8 emits z = x * x: the 10 cross products once, their columns doubled,
// then the 5 squares (30 multiply-adds instead of 50). The column sums
// equal those of mul8 exactly. z may alias x.
func sqr8(z, x fe8) {
	Comment("sqr8: cross products, doubled, plus squares")
	a := loadFE8(x)
	var L [10]VecVirtual
	var H [9]VecVirtual
	acc := func(r *VecVirtual) VecVirtual {
		if *r == nil {
			*r = zero8()
		}
		return *r
	}
	for i := range 5 {
		for j := i + 1; j < 5; j++ {
			VPMADD52LUQ(a[j], a[i], acc(&L[i+j]))
			VPMADD52HUQ(a[j], a[i], acc(&H[i+j]))
		}
	}
	for k := 1; k <= 7; k++ {
		VPADDQ(L[k], L[k], L[k])
		VPADDQ(H[k], H[k], H[k])
	}
	for i := range 5 {
		VPMADD52LUQ(a[i], a[i], acc(&L[2*i]))
		VPMADD52HUQ(a[i], a[i], acc(&H[2*i]))
	}
	acc(&L[9])
	reduce8(z, L, H)
}

func feMul8Func() {
	TEXT("feMul8IFMA", NOSPLIT, "func(z, x, y *[5][8]uint64)")
	Doc("feMul8IFMA sets z = x * y mod p in each of 8 lanes (limbs below 2^52).")
	Pragma("noescape")
	zreg = zero8()
	defer func() { zreg = nil }()
	x := fe8At(Mem{Base: Load(Param("x"), GP64())})
	y := fe8At(Mem{Base: Load(Param("y"), GP64())})
	z := fe8At(Mem{Base: Load(Param("z"), GP64())})
	mul8(z, x, y)
	VZEROUPPER()
	RET()
}

func feAdd8Func() {
	TEXT("feAdd8IFMA", NOSPLIT, "func(z, x, y *[5][8]uint64)")
	Doc("feAdd8IFMA sets z = x + y mod p in each of 8 lanes (limbs below 2^52).")
	Pragma("noescape")
	x := fe8At(Mem{Base: Load(Param("x"), GP64())})
	y := fe8At(Mem{Base: Load(Param("y"), GP64())})
	z := fe8At(Mem{Base: Load(Param("z"), GP64())})
	add8(z, x, y)
	VZEROUPPER()
	RET()
}

func feSub8Func() {
	TEXT("feSub8IFMA", NOSPLIT, "func(z, x, y *[5][8]uint64)")
	Doc("feSub8IFMA sets z = x - y mod p in each of 8 lanes (limbs below 2^52).")
	Pragma("noescape")
	x := fe8At(Mem{Base: Load(Param("x"), GP64())})
	y := fe8At(Mem{Base: Load(Param("y"), GP64())})
	z := fe8At(Mem{Base: Load(Param("z"), GP64())})
	sub8(z, x, y)
	VZEROUPPER()
	RET()
}

func feSqr8Func() {
	TEXT("feSqr8IFMA", NOSPLIT, "func(z, x *[5][8]uint64, n int)")
	Doc("feSqr8IFMA sets z = x^(2^n) mod p in each of 8 lanes, n >= 1.")
	Pragma("noescape")
	zreg = zero8()
	defer func() { zreg = nil }()
	x := fe8At(Mem{Base: Load(Param("x"), GP64())})
	z := fe8At(Mem{Base: Load(Param("z"), GP64())})
	n := Load(Param("n"), GP64())
	sqr8(z, x)
	Label("sqr8loop")
	DECQ(n)
	JLE(LabelRef("sqr8done"))
	sqr8(z, z)
	JMP(LabelRef("sqr8loop"))
	Label("sqr8done")
	VZEROUPPER()
	RET()
}

// ladderIFMAFunc emits the 8-lane Montgomery ladder. swaps[t] (t = 254..0)
// holds, in bit l, bit t of lane l's clamped scalar XOR bit t+1 (the cswap
// of iteration t); swaps[255] holds bit 0 of every lane (the final cswap).
func ladderIFMAFunc() {
	TEXT("ladderIFMA", 0, "func(xz *[2][5][8]uint64, swaps *[256]uint8, u *[5][8]uint64)")
	Doc("ladderIFMA runs 8 X25519 Montgomery ladders, one per lane, and sets",
		"xz to (x2, z2) of each (the result is x2/z2). Constant time: the scalar",
		"bits only form the opmasks of the conditional swaps.")
	Pragma("noescape")
	el := func() fe8 { return fe8At(AllocLocal(320)) }
	x1, x2, z2, x3, z3 := el(), el(), el(), el(), el()
	var t [5]fe8
	for i := range t {
		t[i] = el()
	}

	zreg = zero8()
	defer func() { zreg = nil }()
	Comment("x1 = x3 = u, x2 = z3 = 1, z2 = 0")
	u := fe8At(Mem{Base: Load(Param("u"), GP64())})
	one, zero := ZMM(), zero8()
	r := GP64()
	MOVQ(U32(1), r)
	VPBROADCASTQ(r, one)
	for i := range 5 {
		v := ZMM()
		VMOVDQU64(u[i], v)
		VMOVDQU64(v, x1[i])
		VMOVDQU64(v, x3[i])
		if i == 0 {
			VMOVDQU64(one, x2[i])
			VMOVDQU64(one, z3[i])
		} else {
			VMOVDQU64(zero, x2[i])
			VMOVDQU64(zero, z3[i])
		}
		VMOVDQU64(zero, z2[i])
	}
	iSlot := AllocLocal(8)
	MOVQ(U32(254), iSlot)

	Label("ladder8loop")
	{
		Comment("cswap(x2, x3), cswap(z2, z3) in the lanes of swaps[i]")
		i, m, sp := GP64(), GP32(), Load(Param("swaps"), GP64())
		MOVQ(iSlot, i)
		MOVBLZX(Mem{Base: sp, Index: i, Scale: 1}, m)
		KMOVW(m, K1)
		cswap8(K1, x2, z2, x3, z3)
	}
	a, b, c, d, e := t[0], t[1], t[2], t[3], t[4]
	Comment("A = x2+z2, B = x2-z2, C = x3+z3, D = x3-z3")
	add8(a, x2, z2)
	sub8(b, x2, z2)
	add8(c, x3, z3)
	sub8(d, x3, z3)
	Comment("DA = D*A, CB = C*B, AA = A^2, BB = B^2")
	mul8(d, d, a)
	mul8(c, c, b)
	sqr8(a, a)
	sqr8(b, b)
	Comment("x3 = (DA+CB)^2, z3 = x1*(DA-CB)^2")
	add8(e, d, c)
	sqr8(x3, e)
	sub8(e, d, c)
	sqr8(e, e)
	mul8(z3, e, x1)
	Comment("x2 = AA*BB, E = AA-BB, z2 = E*(AA + a24*E)")
	mul8(x2, a, b)
	sub8(b, a, b)
	mul121665x8(e, b)
	add8(e, e, a)
	mul8(z2, b, e)

	DECQ(iSlot)
	JGE(LabelRef("ladder8loop"))

	Comment("final cswap with bit 0")
	{
		m, sp := GP32(), Load(Param("swaps"), GP64())
		MOVBLZX(Mem{Base: sp, Disp: 255}, m)
		KMOVW(m, K1)
		cswap8(K1, x2, z2, x3, z3)
	}
	out := Load(Param("xz"), GP64())
	for i := range 5 {
		v, w := ZMM(), ZMM()
		VMOVDQU64(x2[i], v)
		VMOVDQU64(v, Mem{Base: out, Disp: 64 * i})
		VMOVDQU64(z2[i], w)
		VMOVDQU64(w, Mem{Base: out, Disp: 320 + 64*i})
	}
	VZEROUPPER()
	RET()
}

// cswap8 swaps (x2, z2) with (x3, z3) in the lanes selected by k.
func cswap8(k Register, x2, z2, x3, z3 fe8) {
	for _, pair := range [][2]fe8{{x2, x3}, {z2, z3}} {
		for i := range 5 {
			// The destination of a masked VPBLENDMQ is also an input as far
			// as avo knows, so blend into registers that are already loaded.
			p, q, p0 := ZMM(), ZMM(), ZMM()
			VMOVDQU64(pair[0][i], p)
			VMOVDQU64(pair[1][i], q)
			VMOVDQU64(pair[0][i], p0)
			VPBLENDMQ(q, p, k, p)  // p = k ? q : p
			VPBLENDMQ(p0, q, k, q) // q = k ? p0 : q
			VMOVDQU64(p, pair[0][i])
			VMOVDQU64(q, pair[1][i])
		}
	}
}
