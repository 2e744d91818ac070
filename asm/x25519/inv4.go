package main

// Field squaring and multiplication of one element at a time on ymm rows
// (4 lanes, radix 2^51; the callers use lane 0), for the inversion chain of
// the "avx512ifma" implementation: with every value in registers, a
// squaring's dependency chain (at most three multiply-adds per column, a
// parallel carry) is shorter than that of the 4 x 64-bit MULX squaring,
// whose carries ripple through all limbs, and the 254 squarings of an
// inversion are latency-bound.

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// sqrR returns x*x with the column sums of sqr8.
func sqrR(x vec5) vec5 {
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
			VPMADD52LUQ(x[j], x[i], acc(&L[i+j]))
			VPMADD52HUQ(x[j], x[i], acc(&H[i+j]))
		}
	}
	for k := 1; k <= 7; k++ {
		VPADDQ(L[k], L[k], L[k])
		VPADDQ(H[k], H[k], H[k])
	}
	for i := range 5 {
		VPMADD52LUQ(x[i], x[i], acc(&L[2*i]))
		VPMADD52HUQ(x[i], x[i], acc(&H[2*i]))
	}
	acc(&L[9])
	for k := 1; k < 10; k++ {
		VPADDQ(H[k-1], H[k-1], H[k-1])
		VPADDQ(H[k-1], L[k], L[k])
	}
	t, u := YMM(), YMM()
	for k := range 5 {
		VPSLLQ(U8(4), L[k+5], t)
		VPSLLQ(U8(1), L[k+5], u)
		VPADDQ(u, t, t)
		VPADDQ(L[k+5], t, t)
		VPADDQ(t, L[k], L[k])
	}
	r := [5]VecVirtual{L[0], L[1], L[2], L[3], L[4]}
	carry8(r)
	return vec5(r)
}

func inv4Funcs() {
	vnew, vrow = YMM, 32
	defer func() { vnew, vrow = ZMM, 64 }()

	TEXT("feSqr4IFMA", NOSPLIT, "func(z, x *[5][4]uint64, n int)")
	Doc("feSqr4IFMA sets z = x^(2^n) mod p in each of 4 lanes, n >= 1, limbs below 2^52.")
	Pragma("noescape")
	zreg = zero8()
	v := loadFE8(fe8At(Mem{Base: Load(Param("x"), GP64())}))
	n := Load(Param("n"), GP64())
	Label("sqr4loop")
	s := sqrR(vec5(v))
	for i := range 5 {
		VMOVDQA64(s[i], v[i])
	}
	DECQ(n)
	JNZ(LabelRef("sqr4loop"))
	storeFE8(fe8At(Mem{Base: Load(Param("z"), GP64())}), v)
	VZEROUPPER()
	RET()
	zreg = nil

	TEXT("feMul4IFMA", NOSPLIT, "func(z, x, y *[5][4]uint64)")
	Doc("feMul4IFMA sets z = x * y mod p in each of 4 lanes, limbs below 2^52.")
	Pragma("noescape")
	zreg = zero8()
	a := loadFE8(fe8At(Mem{Base: Load(Param("x"), GP64())}))
	b := loadFE8(fe8At(Mem{Base: Load(Param("y"), GP64())}))
	m := mulR(vec5(a), ops(vec5(b)))
	storeFE8(fe8At(Mem{Base: Load(Param("z"), GP64())}), [5]VecVirtual(m))
	VZEROUPPER()
	RET()
	zreg = nil
}
