package main

// The inner step of 8-lane Ed25519 verification (sig/ed25519 VerifyMany
// with "avx512ifma"): one window of Straus' double-scalar multiplication
// with signed radix-16 digits, on twisted Edwards points (a = -1) in 8 zmm
// lanes, radix 2^51 as everywhere in this generator:
//
//	P = 16 P + a + b
//
// with P in projective coordinates (X:Y:Z), a the lane's table entry of
// multiples of -A in "cached" form (Y+X, Y-X, Z, 2dT) and b the entry of
// multiples of B in affine "niels" form (y+x, y-x, 2dxy); Go gathers the
// entries (negated ones and the identity included) for each lane before
// the call. The formulas are dbl-2008-hwcd and add-2008-hwcd-3 (Hisil,
// Wong, Carter, Dawson 2008), as in internal/edwards25519/point.go, whose
// functions are the Go reference (window8Generic). Variable time is allowed
// (verification handles public values only), but nothing here branches.

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
)

// p1p1 is a completed point in 8 lanes: x = X/Z, y = Y/T.
type p1p1 struct{ X, Y, Z, T fe8 }

// dbl8 emits c = 2 (X:Y:Z).
func dbl8(c p1p1, X, Y, Z fe8, t [2]fe8) {
	Comment("dbl: XX = X^2, YY = Y^2, ZZ2 = 2 Z^2, S = (X+Y)^2")
	xx, zz := t[0], t[1]
	sqr8(xx, X)
	sqr8(c.Z, Y) // YY, in c.Z for now
	sqr8(zz, Z)
	add8(zz, zz, zz)
	add8(c.X, X, Y)
	sqr8(c.X, c.X)
	Comment("Y' = YY + XX, Z' = YY - XX, X' = S - Y', T' = ZZ2 - Z'")
	add8(c.Y, c.Z, xx)
	sub8(c.Z, c.Z, xx)
	sub8(c.X, c.X, c.Y)
	sub8(c.T, zz, c.Z)
}

// toP2 emits (X:Y:Z) = (X'T', Y'Z', Z'T') from c.
func toP2(X, Y, Z fe8, c p1p1) {
	mul8(X, c.X, c.T)
	mul8(Y, c.Y, c.Z)
	mul8(Z, c.Z, c.T)
}

// addCached8 emits c = (X:Y:Z:T) + q for q = (Y+X, Y-X, Z, 2dT) (the
// niels form when qz is nil: Z = 1).
func addCached8(c p1p1, X, Y, Z, T fe8, qypx, qymx, qz, qt2d fe8, t [2]fe8) {
	Comment("add: PP = (Y+X)(y+x), MM = (Y-X)(y-x), TT = T 2dt, ZZ2 = 2 Z z")
	ypx, ymx := t[0], t[1]
	add8(ypx, Y, X)
	sub8(ymx, Y, X)
	mul8(ypx, ypx, qypx) // PP
	mul8(ymx, ymx, qymx) // MM
	mul8(c.Z, T, qt2d)   // TT, in c.Z for now
	if qz[0].Base != nil {
		mul8(c.T, Z, qz)
		add8(c.T, c.T, c.T)
	} else {
		add8(c.T, Z, Z)
	}
	Comment("X' = PP - MM, Y' = PP + MM, Z' = ZZ2 + TT, T' = ZZ2 - TT")
	sub8(c.X, ypx, ymx)
	add8(c.Y, ypx, ymx)
	sub8(ymx, c.T, c.Z) // T'
	add8(c.Z, c.T, c.Z)
	copy8(c.T, ymx)
}

// copy8 emits z = x.
func copy8(z, x fe8) {
	for i := range 5 {
		v := vnew()
		VMOVDQU64(x[i], v)
		VMOVDQU64(v, z[i])
	}
}

func window8Func() {
	TEXT("window8IFMA", 0, "func(p *[3][5][8]uint64, a *[4][5][8]uint64, b *[3][5][8]uint64)")
	Doc("window8IFMA sets p = 16 p + a + b in each of 8 lanes: p projective (X:Y:Z),",
		"a cached (Y+X, Y-X, Z, 2dT), b affine niels (y+x, y-x, 2dxy); limbs below 2^52.")
	Pragma("noescape")
	el := func() fe8 { return fe8At(AllocLocal(320)) }
	c := p1p1{el(), el(), el(), el()}
	t := [2]fe8{el(), el()}
	T := el()
	zreg = zero8()
	defer func() { zreg = nil }()

	pp := Load(Param("p"), GP64())
	pf := func(i int) fe8 { return fe8At(Mem{Base: pp, Disp: 320 * i}) }
	X, Y, Z := pf(0), pf(1), pf(2)

	Comment("three doublings P2 -> P2")
	n := GP64()
	MOVQ(U32(3), n)
	Label("dbl3")
	dbl8(c, X, Y, Z, t)
	toP2(X, Y, Z, c)
	DECQ(n)
	JNZ(LabelRef("dbl3"))

	Comment("the fourth doubling, to extended coordinates (X:Y:Z:T)")
	dbl8(c, X, Y, Z, t)
	toP2(X, Y, Z, c)
	mul8(T, c.X, c.Y)

	Comment("+ a (cached), to extended coordinates")
	ap := Load(Param("a"), GP64())
	af := func(i int) fe8 { return fe8At(Mem{Base: ap, Disp: 320 * i}) }
	addCached8(c, X, Y, Z, T, af(0), af(1), af(2), af(3), t)
	toP2(X, Y, Z, c)
	mul8(T, c.X, c.Y)

	Comment("+ b (affine niels), to projective coordinates")
	bp := Load(Param("b"), GP64())
	bf := func(i int) fe8 { return fe8At(Mem{Base: bp, Disp: 320 * i}) }
	addCached8(c, X, Y, Z, T, bf(0), bf(1), fe8{}, bf(2), t)
	toP2(X, Y, Z, c)
	VZEROUPPER()
	RET()
}
