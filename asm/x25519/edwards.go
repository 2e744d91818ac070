package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// addNielsFunc emits p = p + q for an extended point p (X, Y, Z, T: 16
// limbs) and a niels point q (y+x, y-x, 2dxy: 12 limbs), the mixed
// addition add-2008-hwcd-3 with Z2 = 1 of the fixed-base code, with the
// field operations above inlined and temporaries in the frame. Keep in
// sync with addNiels64 in internal/edwards25519/edwards64.go, its Go reference.
func addNielsFunc() {
	TEXT("addNielsADX", NOSPLIT, "func(p *[16]uint64, q *[12]uint64)")
	Doc("addNielsADX sets p = p + q (extended + niels coordinates), partially reduced.")
	Pragma("noescape")
	var tmp [8]fe
	for i := range tmp {
		tmp[i] = feAt(AllocLocal(32))
	}
	a, b, c, d, e, f, g, h := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7]
	pp := func() Mem { return Mem{Base: Load(Param("p"), GP64())} }
	qq := func() Mem { return Mem{Base: Load(Param("q"), GP64())} }
	pf := func(i int) fe { return feAt(pp().Offset(32 * i)) }
	qf := func(i int) fe { return feAt(qq().Offset(32 * i)) }
	const X, Y, Z, T = 0, 1, 2, 3
	const ypx, ymx, xy2d = 0, 1, 2

	Comment("A = (Y-X)*(y-x), B = (Y+X)*(y+x), C = T*2dxy, D = 2Z")
	Comment("(independent operations side by side, for the out-of-order core)")
	sub(at(a), pf(Y), pf(X))
	add(at(b), pf(Y), pf(X))
	add(at(d), pf(Z), pf(Z))
	mul(at(c), pf(T), qf(xy2d))
	mul(at(a), a, qf(ymx))
	mul(at(b), b, qf(ypx))
	Comment("E = B-A, F = D-C, G = D+C, H = B+A")
	sub(at(f), d, c)
	add(at(g), d, c)
	sub(at(e), b, a)
	add(at(h), b, a)
	Comment("X = E*F, Y = G*H, T = E*H, Z = F*G")
	mul(func() fe { return pf(X) }, e, f)
	mul(func() fe { return pf(Y) }, g, h)
	mul(func() fe { return pf(T) }, e, h)
	mul(func() fe { return pf(Z) }, f, g)
	RET()
}

// selectNielsFunc emits the constant-time table scan of the fixed-base
// code: out = row[abs-1] (the identity (1, 1, 0) for abs = 0), read with
// CMOV from every one of the 8 entries, then negated if neg = 1 (swap y+x
// with y-x, 2dxy = 0 - 2dxy). Keep in sync with selectNiels64 in
// internal/edwards25519/edwards64.go, its Go reference.
func selectNielsFunc() {
	TEXT("selectNielsADX", NOSPLIT, "func(out *[12]uint64, row *[96]uint64, abs, neg uint64)")
	Doc("selectNielsADX sets out to neg ? -row[abs-1] : row[abs-1] (identity for abs = 0).")
	Pragma("noescape")
	var w [12]GPVirtual
	for i := range w {
		w[i] = GP64()
		switch i {
		case 0, 4:
			MOVQ(U32(1), w[i])
		default:
			XORQ(w[i], w[i])
		}
	}
	abs := Load(Param("abs"), GP64())
	row := Load(Param("row"), GP64())
	for e := range 8 {
		Comment("entry " + string(rune('1'+e)))
		CMPQ(abs, U8(e+1))
		for i := range w {
			CMOVQEQ(Mem{Base: row, Disp: 8 * (12*e + i)}, w[i])
		}
	}
	Comment("negate: swap y+x and y-x, negate 2dxy")
	neg := Load(Param("neg"), GP64())
	t := GP64()
	TESTQ(neg, neg)
	for i := range 4 {
		MOVQ(w[i], t)
		CMOVQNE(w[4+i], w[i])
		CMOVQNE(t, w[4+i])
	}
	out := Load(Param("out"), GP64())
	for i := range 8 {
		MOVQ(w[i], Mem{Base: out, Disp: 8 * i})
	}
	var n [4]GPVirtual
	for i := range n {
		n[i] = GP64()
		XORQ(n[i], n[i])
	}
	SUBQ(w[8], n[0])
	SBBQ(w[9], n[1])
	SBBQ(w[10], n[2])
	SBBQ(w[11], n[3])
	for range 2 {
		SBBQ(t, t)
		ANDQ(U8(38), t)
		SUBQ(t, n[0])
		SBBQ(Imm(0), n[1])
		SBBQ(Imm(0), n[2])
		SBBQ(Imm(0), n[3])
	}
	TESTQ(neg, neg)
	for i := range 4 {
		CMOVQNE(n[i], w[8+i])
		MOVQ(w[8+i], Mem{Base: out, Disp: 8 * (8 + i)})
	}
	RET()
}

// dblFunc emits the doubling of Ed25519 verification on 4 x 64-bit limbs
// (dbl-2008-hwcd, as DoubleP2x64 then FromP1P1 in
// internal/edwards25519/point64.go, its Go reference): p's X, Y, Z are
// replaced by those of 2p, and with ext also T.
func dblFunc(name string, ext bool) {
	TEXT(name, NOSPLIT, "func(p *[16]uint64)")
	if ext {
		Doc(name + " sets p = 2p from p's X, Y, Z (extended coordinates out, T included), partially reduced.")
	} else {
		Doc(name + " sets p's X, Y, Z to those of 2p (projective), partially reduced.")
	}
	Pragma("noescape")
	var tmp [8]fe
	for i := range tmp {
		tmp[i] = feAt(AllocLocal(32))
	}
	xx, yy, zz, s, cX, cY, cZ, cT := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7]
	pp := func() Mem { return Mem{Base: Load(Param("p"), GP64())} }
	pf := func(i int) fe { return feAt(pp().Offset(32 * i)) }
	out := func(i int) dst { return func() fe { return pf(i) } }
	const X, Y, Z, T = 0, 1, 2, 3

	Comment("XX = X^2, YY = Y^2, ZZ2 = 2 Z^2, S = (X+Y)^2")
	sqr(at(xx), pf(X))
	sqr(at(yy), pf(Y))
	sqr(at(zz), pf(Z))
	add(at(s), pf(X), pf(Y))
	add(at(zz), zz, zz)
	sqr(at(s), s)
	Comment("Y' = YY + XX, Z' = YY - XX, X' = S - Y', T' = ZZ2 - Z'")
	add(at(cY), yy, xx)
	sub(at(cZ), yy, xx)
	sub(at(cX), s, cY)
	sub(at(cT), zz, cZ)
	Comment("X = X'T', Y = Y'Z', Z = Z'T' (T = X'Y')")
	mul(out(X), cX, cT)
	mul(out(Y), cY, cZ)
	mul(out(Z), cZ, cT)
	if ext {
		mul(out(T), cX, cY)
	}
	RET()
}

// addCachedFunc emits p = p + q for an extended p and a cached q (Y+X,
// Y-X, Z, 2dT): add-2008-hwcd-3, as AddCached64 then FromP1P1 in
// internal/edwards25519/point64.go, its Go reference.
func addCachedFunc() {
	TEXT("addCachedADX", NOSPLIT, "func(p *[16]uint64, q *[16]uint64)")
	Doc("addCachedADX sets p = p + q (extended + cached coordinates), partially reduced.")
	Pragma("noescape")
	var tmp [8]fe
	for i := range tmp {
		tmp[i] = feAt(AllocLocal(32))
	}
	a, b, c, d, e, f, g, h := tmp[0], tmp[1], tmp[2], tmp[3], tmp[4], tmp[5], tmp[6], tmp[7]
	pp := func() Mem { return Mem{Base: Load(Param("p"), GP64())} }
	qq := func() Mem { return Mem{Base: Load(Param("q"), GP64())} }
	pf := func(i int) fe { return feAt(pp().Offset(32 * i)) }
	qf := func(i int) fe { return feAt(qq().Offset(32 * i)) }
	out := func(i int) dst { return func() fe { return pf(i) } }
	const X, Y, Z, T = 0, 1, 2, 3
	const ypx, ymx, qz, t2d = 0, 1, 2, 3

	Comment("A = (Y-X)*(Y2-X2), B = (Y+X)*(Y2+X2), C = T*2dT2, D = 2 Z*Z2")
	sub(at(a), pf(Y), pf(X))
	add(at(b), pf(Y), pf(X))
	mul(at(c), pf(T), qf(t2d))
	mul(at(d), pf(Z), qf(qz))
	mul(at(a), a, qf(ymx))
	mul(at(b), b, qf(ypx))
	add(at(d), d, d)
	Comment("E = B-A, F = D-C, G = D+C, H = B+A")
	sub(at(f), d, c)
	add(at(g), d, c)
	sub(at(e), b, a)
	add(at(h), b, a)
	Comment("X = E*F, Y = G*H, T = E*H, Z = F*G")
	mul(out(X), e, f)
	mul(out(Y), g, h)
	mul(out(T), e, h)
	mul(out(Z), f, g)
	RET()
}
