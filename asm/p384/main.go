// Command p384 generates the amd64 assembly of internal/nistec/p384 (run
// through go:generate there).
//
// Why assembly: Go cannot use the two independent carry chains of
// ADCX/ADOX with MULX, and a P-384 point operation makes 15 to 30 field
// calls, whose call overhead and memory round trips the whole-point
// functions here avoid. Each function has a Go reference with the same
// interface, tested against it:
//
//	montMulADX          montMulGeneric      any odd modulus, CIOS (mod n)
//	montSqrNADX         montMulGeneric      n repeated squarings, any modulus
//	p384MulADX          montMulGeneric      mod p, reduction specialised to p
//	p384SqrADX          montMulGeneric      n repeated squarings mod p
//	p384JDoubleADX      jdoubleGeneric      n Jacobian doublings
//	p384JAddADX         jaddGeneric         Jacobian addition
//	p384JAddAffineADX   jaddAffineGeneric   Jacobian + affine addition
//	p384BaseStepADX     baseStepGeneric     one fixed-base window: negate, add, select
//	p384VarStepADX      varStepGeneric      one variable-base window: negate, add, select
//	p384Select*AVX2     select*Generic      constant-time table lookups
//
// Field elements are six little-endian 64-bit limbs, fully reduced, in the
// Montgomery domain (R = 2^384).
//
// The reduction: p = 2^384 - 2^128 - 2^96 + 2^32 - 1 = 2^384 - c with
// c = 2^128 + 2^96 - 2^32 + 1, and -p^-1 mod 2^64 = 2^32 + 1. Each of the
// six Montgomery steps (reduceRound) takes u = t0·(2^32 + 1) = t0 + t0<<32 (a shift and
// an add, no IMUL) and adds u·p = u·2^384 - u·c to t: u·c is two MULX by
// the 64-bit limbs of c (its third limb is 1) instead of the six MULX by
// the limbs of p of the generic CIOS step, and the low limb of t - u·c is
// zero by the choice of u, so it is not computed.
package main

import (
	"math/big"

	"github.com/tlscore/tlscore/asm/internal/ecpoint"
	"github.com/tlscore/tlscore/asm/internal/mont"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Keep in sync with internal/nistec/p384: baseTable = 2^(baseW-1),
// varTable = 2^(varW-1).
const (
	baseTable = 32
	varTable  = 16
	L         = 6 // limbs
)

const (
	pHex = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"
	bHex = "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef"
)

func main() {
	ConstraintExpr("amd64,gc,!purego")
	mont.MontMul(L)
	consts()
	mulFunc()
	sqrFunc()
	jdoubleFunc()
	jaddFunc()
	jaddAffineFunc()
	baseStepFunc()
	varStepFunc()
	ecpoint.Select("p384SelectAffineAVX2", baseTable, 2*L)
	ecpoint.Select("p384SelectJacAVX2", varTable, 3*L)
	Generate()
}

// fe is a field element in memory: six limbs, addressed off SP (locals) or
// the static base, so that the field code needs no base registers.
type fe [L]Mem

func feAt(m Mem) fe {
	var f fe
	for i := range f {
		f[i] = m.Offset(8 * i)
	}
	return f
}

// regs is a field element in registers.
type regs [L]GPVirtual

var (
	pLimbs    [L]uint64
	pConst    fe  // p
	cConst    Mem // c0, c1: the low limbs of c = 2^384 - p
	oneConst  fe  // R mod p
	bConst    fe  // b·R mod p
	zeroConst fe
)

func limbsOf(x *big.Int) [L]uint64 {
	var l [L]uint64
	m := new(big.Int).Lsh(big.NewInt(1), 64)
	m.Sub(m, big.NewInt(1))
	for i := range l {
		l[i] = new(big.Int).And(new(big.Int).Rsh(x, uint(64*i)), m).Uint64()
	}
	return l
}

func global(name string, v [L]uint64) fe {
	g := GLOBL(name, RODATA|NOPTR)
	for i, x := range v {
		DATA(8*i, U64(x))
	}
	return feAt(g)
}

func consts() {
	p, _ := new(big.Int).SetString(pHex, 16)
	b, _ := new(big.Int).SetString(bHex, 16)
	r := new(big.Int).Lsh(big.NewInt(1), 64*L)
	pLimbs = limbsOf(p)
	pConst = global("p384p", pLimbs)
	oneConst = global("p384one", limbsOf(new(big.Int).Mod(r, p)))
	bConst = global("p384b", limbsOf(new(big.Int).Mod(new(big.Int).Mul(b, r), p)))
	zeroConst = global("p384zero", [L]uint64{})
	c := limbsOf(new(big.Int).Sub(r, p))
	if c[2] != 1 || c[3] != 0 || c[4] != 0 || c[5] != 0 {
		panic("unexpected c")
	}
	cConst = GLOBL("p384c", RODATA|NOPTR)
	DATA(0, U64(c[0]))
	DATA(8, U64(c[1]))
}

// pLimb returns limb i of p as an operand for SUB/SBB/AND: an immediate
// where it sign-extends from 8 bits, else the constant in memory.
func pLimb(i int) Op {
	if v := int64(pLimbs[i]); v >= -128 && v < 128 {
		return I8(int8(v))
	}
	return pConst[i]
}

// ---- field arithmetic ----

// mul emits z = x·y·2^-384 mod p. z may alias x or y.
func mul(z, x, y fe) {
	storeFe(z, mulR(x, y))
}

// mulR emits x·y·2^-384 mod p into registers: six rounds of t += x·y[i]
// (MULX with the CF and OF chains) and t = (t + u·p)/2^64 (see the package
// comment), then one conditional subtraction of p (t < 2p).
func mulR(x, y fe) regs {
	Comment("mul: six rounds of t += x·y[i], then t = (t + u·p)/2^64 with u = t0·(2^32+1)")
	var t [L + 2]GPVirtual
	for i := range t {
		t[i] = GP64()
	}
	lo, hi, a1, z := GP64(), GP64(), GP64(), GP64()
	// Round 0 starts from t = 0: a plain product row.
	MOVQ(y[0], RDX)
	MULXQ(x[0], t[0], t[1])
	for j := 1; j < L; j++ {
		MULXQ(x[j], lo, t[j+1])
		if j == 1 {
			ADDQ(lo, t[j])
		} else {
			ADCQ(lo, t[j])
		}
	}
	ADCQ(Imm(0), t[L])
	XORQ(t[L+1], t[L+1])
	for i := range L {
		if i > 0 {
			MOVQ(y[i], RDX)
			XORQ(lo, lo) // clears CF and OF
			MOVL(U32(0), z.As32())
			for j := range L {
				MULXQ(x[j], lo, hi)
				ADCXQ(lo, t[j])
				ADOXQ(hi, t[j+1])
			}
			ADCXQ(z, t[L])
			ADOXQ(z, t[L+1])
			ADCXQ(z, t[L+1])
		}
		reduceRound(&t, lo, hi, a1, z)
	}
	var r regs
	copy(r[:], t[:L])
	reduceOnceR(r, t[L])
	return r
}

// reduceRound emits one Montgomery step on the window t (L+2 limbs):
// t = (t + u·p)/2^64 for u = t0·(2^32 + 1), which clears t0, then rotates
// t so that the cleared register becomes the (zero) top limb. lo, hi, a1
// and z are scratch registers.
func reduceRound(t *[L + 2]GPVirtual, lo, hi, a1, z GPVirtual) {
	// u = t0·(2^32 + 1) mod 2^64; v = u·c = a0 + (a1 + lo)·2^64 +
	// (hi + u)·2^128 (+ z·2^192), with a0 = t0.
	MOVQ(t[0], RDX)
	SHLQ(U8(32), RDX)
	ADDQ(t[0], RDX)
	MULXQ(cConst, lo, a1) // lo = a0 = t0, unused
	MULXQ(cConst.Offset(8), lo, hi)
	ADDQ(lo, a1)
	ADCQ(RDX, hi)
	MOVL(U32(0), z.As32())
	ADCQ(Imm(0), z)
	// t = t - v + u·2^384; limb 0 becomes zero.
	SUBQ(a1, t[1])
	SBBQ(hi, t[2])
	SBBQ(z, t[3])
	for j := 4; j < L+2; j++ {
		SBBQ(Imm(0), t[j])
	}
	ADDQ(RDX, t[L])
	ADCQ(Imm(0), t[L+1])
	XORQ(t[0], t[0])
	*t = [L + 2]GPVirtual(append(t[1:], t[0]))
}

// sqr emits z = x²·2^-384 mod p.
func sqr(z, x fe) {
	storeFe(z, sqrR(x))
}

// sqrR emits x²·2^-384 mod p into registers: the cross products x_i·x_j
// (i < j) once, doubled, plus the squares x_i² (21 MULX instead of 36), all
// twelve limbs in registers (BP included); then the high half goes to the
// stack and the low half is reduced by the six steps of mulR, giving
// (lo + u·p)/2^384 < p + 1, to which the high half (< p) is added; the sum
// is below 2p (and not p, which would mean x = 0), so one conditional
// subtraction reduces it.
func sqrR(x fe) regs {
	Comment("sqr: cross products once, doubled (CF) plus squares (OF), then reduction")
	var a [2 * L]GPVirtual
	for i := range a {
		a[i] = GP64()
	}
	lo, hi := GP64(), GP64()
	// Row 0: x0·x1..x5 into a[1..6].
	MOVQ(x[0], RDX)
	MULXQ(x[1], a[1], a[2])
	for j := 2; j < L; j++ {
		MULXQ(x[j], lo, a[j+1])
		if j == 2 {
			ADDQ(lo, a[j])
		} else {
			ADCQ(lo, a[j])
		}
	}
	ADCQ(Imm(0), a[L])
	// Rows i = 1..4: x_i·x_{i+1..5} added into a[2i+1..i+6].
	for i := 1; i < L-1; i++ {
		MOVQ(x[i], RDX)
		XORQ(a[i+L], a[i+L]) // the row's top limb; clears CF and OF
		for j := i + 1; j < L; j++ {
			MULXQ(x[j], lo, hi)
			ADCXQ(lo, a[i+j])
			ADOXQ(hi, a[i+j+1])
		}
		// a[i+L] received OF's carry; CF's goes there too.
		MOVL(U32(0), lo.As32())
		ADCXQ(lo, a[i+L])
	}
	Comment("double the cross products and add the squares")
	XORQ(a[2*L-1], a[2*L-1])
	MOVQ(x[0], RDX)
	MULXQ(RDX, a[0], hi)
	ADCXQ(a[1], a[1])
	ADOXQ(hi, a[1])
	for i := 1; i < L; i++ {
		MOVQ(x[i], RDX)
		MULXQ(RDX, lo, hi)
		ADCXQ(a[2*i], a[2*i])
		ADOXQ(lo, a[2*i])
		ADCXQ(a[2*i+1], a[2*i+1])
		ADOXQ(hi, a[2*i+1])
	}
	Comment("high half to the stack, reduce the low half")
	high := local()
	for i := range L {
		MOVQ(a[L+i], high[i])
	}
	var t [L + 2]GPVirtual
	copy(t[:], a[:L])
	t[L], t[L+1] = GP64(), GP64()
	XORQ(t[L], t[L])
	XORQ(t[L+1], t[L+1])
	a1, z := GP64(), GP64()
	for range L {
		reduceRound(&t, lo, hi, a1, z)
	}
	ADDQ(high[0], t[0])
	for i := 1; i < L; i++ {
		ADCQ(high[i], t[i])
	}
	ADCQ(Imm(0), t[L])
	var r regs
	copy(r[:], t[:L])
	reduceOnceR(r, t[L])
	return r
}

// reduceOnceR emits r = r + c·2^384 - p if that is not negative (for
// r + c·2^384 < 2p).
func reduceOnceR(r regs, c GPVirtual) {
	var t regs
	for i := range t {
		t[i] = GP64()
		MOVQ(r[i], t[i])
	}
	SUBQ(pLimb(0), t[0])
	for i := 1; i < L; i++ {
		SBBQ(pLimb(i), t[i])
	}
	SBBQ(Imm(0), c)
	for i := range t {
		CMOVQCC(t[i], r[i])
	}
}

func loadFe(x fe) regs {
	var r regs
	for i := range r {
		r[i] = GP64()
		MOVQ(x[i], r[i])
	}
	return r
}

func storeFe(z fe, r regs) {
	for i := range r {
		MOVQ(r[i], z[i])
	}
}

// addR emits r = r + y mod p.
func addR(r regs, y [L]Op) {
	c := GP64()
	XORQ(c, c)
	ADDQ(y[0], r[0])
	for i := 1; i < L; i++ {
		ADCQ(y[i], r[i])
	}
	ADCQ(Imm(0), c)
	reduceOnceR(r, c)
}

// subR emits r = r - y mod p: subtract, then add p back masked by the borrow.
func subR(r regs, y [L]Op) {
	SUBQ(y[0], r[0])
	for i := 1; i < L; i++ {
		SBBQ(y[i], r[i])
	}
	mask := GP64()
	SBBQ(mask, mask)
	addMaskedP(r, mask, nil)
}

// addMaskedP emits r += p & mask, carrying out into c if c is not nil.
func addMaskedP(r regs, mask GPVirtual, c *GPVirtual) {
	var t [L]Op
	for i := range L {
		switch pLimbs[i] {
		case ^uint64(0):
			t[i] = mask
		default:
			v := GP64()
			MOVQ(mask, v)
			ANDQ(pLimb(i), v)
			t[i] = v
		}
	}
	ADDQ(t[0], r[0])
	for i := 1; i < L; i++ {
		ADCQ(t[i], r[i])
	}
	if c != nil {
		ADCQ(Imm(0), *c)
	}
}

func ops(x fe) [L]Op {
	var o [L]Op
	for i := range o {
		o[i] = x[i]
	}
	return o
}

// add emits z = x + y mod p.
func add(z, x, y fe) {
	r := loadFe(x)
	addR(r, ops(y))
	storeFe(z, r)
}

// sub emits z = x - y mod p.
func sub(z, x, y fe) {
	r := loadFe(x)
	subR(r, ops(y))
	storeFe(z, r)
}

// subs emits z = x - y[0] - y[1] - ... mod p.
func subs(z, x fe, y ...fe) {
	r := loadFe(x)
	for _, v := range y {
		subR(r, ops(v))
	}
	storeFe(z, r)
}

// half emits z = x/2 mod p: x, or x + p if x is odd, shifted right by one.
func half(z, x fe) {
	r := loadFe(x)
	mask, c := GP64(), GP64()
	MOVQ(r[0], mask)
	ANDQ(U32(1), mask)
	NEGQ(mask)
	XORQ(c, c)
	addMaskedP(r, mask, &c)
	for i := 0; i < L-1; i++ {
		SHRQ(U8(1), r[i+1], r[i])
	}
	SHRQ(U8(1), c, r[L-1])
	storeFe(z, r)
}

func copyFe(z, x fe) {
	for i := range L {
		r := GP64()
		MOVQ(x[i], r)
		MOVQ(r, z[i])
	}
}

func local() fe { return feAt(AllocLocal(8 * L)) }

func mulFunc() {
	TEXT("p384MulADX", NOSPLIT, "func(z, x, y *[6]uint64)")
	Doc("p384MulADX sets z = x·y·2^-384 mod p, for x, y < p. z may alias x or y.",
		"Requires BMI2 and ADX.")
	Pragma("noescape")
	x, y := local(), local()
	copyFe(x, feAt(Mem{Base: Load(Param("x"), GP64())}))
	copyFe(y, feAt(Mem{Base: Load(Param("y"), GP64())}))
	r := mulR(x, y)
	storeFe(feAt(Mem{Base: Load(Param("z"), GP64())}), r)
	RET()
}

func sqrFunc() {
	TEXT("p384SqrADX", NOSPLIT, "func(z, x *[6]uint64, n int)")
	Doc("p384SqrADX sets z = x^(2^n) in the Montgomery domain (n >= 1 squarings),",
		"for x < p. z may alias x. Requires BMI2 and ADX.")
	Pragma("noescape")
	t := local()
	copyFe(t, feAt(Mem{Base: Load(Param("x"), GP64())}))
	n := Load(Param("n"), GP64())
	cnt := AllocLocal(8)
	MOVQ(n, cnt)
	Label("loop")
	sqr(t, t)
	DECQ(cnt)
	JNZ(LabelRef("loop"))
	copyFe(feAt(Mem{Base: Load(Param("z"), GP64())}), t)
	RET()
}

// ---- points ----

// point is a Jacobian point (X, Y, Z) in memory, 18 limbs.
type point struct{ x, y, z fe }

func pointAt(m Mem) point {
	return point{feAt(m), feAt(m.Offset(8 * L)), feAt(m.Offset(16 * L))}
}

func localPoint() point { return pointAt(AllocLocal(24 * L)) }

func copyPoint(dst, src point) {
	copyFe(dst.x, src.x)
	copyFe(dst.y, src.y)
	copyFe(dst.z, src.z)
}

func jdoubleFunc() {
	TEXT("p384JDoubleADX", 0, "func(r, p *[18]uint64, n int)")
	Doc("p384JDoubleADX sets r = 2^n·p in Jacobian coordinates (n >= 1 doublings by",
		"dbl-2001-b, a = -3). r may alias p. Requires BMI2 and ADX.")
	Pragma("noescape")
	p := localPoint()
	copyPoint(p, pointAt(Mem{Base: Load(Param("p"), GP64())}))
	cnt := AllocLocal(8)
	{
		n := Load(Param("n"), GP64())
		MOVQ(n, cnt)
	}
	g4, g16, beta, alpha, t, u := local(), local(), local(), local(), local(), local()
	Comment("the loop keeps Y' = 2Y in p.y: it takes Y' and yields Y3' = 2·Y3 directly,",
		"with one addition per doubling instead of doubling Y and halving 8γ²")
	add(p.y, p.y, p.y)
	Label("double")
	Comment("one doubling in place (dbl-2001-b rearranged: with Y' = 2Y, γ' = Y'² = 4γ,",
		"Z3 = Y'·Z, X·γ' = 4β, 16γ² = γ'²)")
	{
		Comment("t = X - δ, u = X + δ for δ = Z²")
		sqr(u, p.z)
		r := loadFe(p.x)
		subR(r, ops(u))
		storeFe(t, r)
		r = loadFe(p.x)
		addR(r, ops(u))
		storeFe(u, r)
	}
	sqr(g4, p.y)
	mul(p.z, p.y, p.z)
	{
		Comment("α = 3(X - δ)(X + δ)")
		mul(alpha, t, u)
		r := loadFe(alpha)
		addR(r, ops(alpha))
		addR(r, ops(alpha))
		storeFe(alpha, r)
	}
	mul(beta, p.x, g4)
	sqr(g16, g4)
	{
		Comment("X3 = α² - 8β (beta holds 4β), t = 4β - X3")
		r := sqrR(alpha)
		subR(r, ops(beta))
		subR(r, ops(beta))
		storeFe(p.x, r)
		b := loadFe(beta)
		subR(b, ops(p.x))
		storeFe(t, b)
	}
	{
		Comment("Y3' = 2·Y3 = 2α(4β - X3) - 16γ² = 2·α(4β - X3) - γ'²")
		mul(t, alpha, t)
		r := loadFe(t)
		addR(r, ops(t))
		subR(r, ops(g16))
		storeFe(p.y, r)
	}
	DECQ(cnt)
	JNZ(LabelRef("double"))
	half(p.y, p.y)
	copyPoint(pointAt(Mem{Base: Load(Param("r"), GP64())}), p)
	RET()
}

func jaddFunc() {
	TEXT("p384JAddADX", 0, "func(r, p, q *[18]uint64)")
	Doc("p384JAddADX sets r = p + q in Jacobian coordinates (add-1998-cmo-2), with the",
		"exceptions of jaddGeneric (p = q, identity inputs). r may alias p or q.",
		"Requires BMI2 and ADX.")
	Pragma("noescape")
	p := localPoint()
	copyPoint(p, pointAt(Mem{Base: Load(Param("p"), GP64())}))
	q := localPoint()
	copyPoint(q, pointAt(Mem{Base: Load(Param("q"), GP64())}))
	r := jadd(p, q)
	copyPoint(pointAt(Mem{Base: Load(Param("r"), GP64())}), r)
	RET()
}

// field emits this curve's field operations for package ecpoint.
type field struct{}

func (field) Local() fe                 { return local() }
func (field) Mul(z, x, y fe)            { mul(z, x, y) }
func (field) Sqr(z, x fe)               { sqr(z, x) }
func (field) Sub(z, x, y fe)            { sub(z, x, y) }
func (field) Subs(z, x fe, y ...fe)     { subs(z, x, y...) }
func ecp(p point) ecpoint.Point[fe]     { return ecpoint.Point[fe]{X: p.x, Y: p.y, Z: p.z} }
func fromECP(p ecpoint.Point[fe]) point { return point{p.X, p.Y, p.Z} }

// jadd emits r = p + q (ecpoint.JAdd) into new locals.
func jadd(p, q point) point { return fromECP(ecpoint.JAdd[fe](field{}, ecp(p), ecp(q))) }

func jaddAffineFunc() {
	TEXT("p384JAddAffineADX", 0, "func(r, p *[18]uint64, q *[12]uint64)")
	Doc("p384JAddAffineADX sets r = p + q for a Jacobian p and an affine q",
		"(madd-2004-hmv), with the exceptions of jaddAffineGeneric (p = q, p the",
		"identity). r may alias p. Requires BMI2 and ADX.")
	Pragma("noescape")
	p := localPoint()
	copyPoint(p, pointAt(Mem{Base: Load(Param("p"), GP64())}))
	qx, qy := local(), local()
	{
		qp := Mem{Base: Load(Param("q"), GP64())}
		copyFe(qx, feAt(qp))
		copyFe(qy, feAt(qp.Offset(8*L)))
	}
	r := madd(p, qx, qy)
	copyPoint(pointAt(Mem{Base: Load(Param("r"), GP64())}), r)
	RET()
}

// madd emits r = p + (qx, qy) (ecpoint.MAdd) into new locals.
func madd(p point, qx, qy fe) point { return fromECP(ecpoint.MAdd[fe](field{}, ecp(p), qx, qy)) }

// nonZeroMask emits a register that is all ones if x != 0, else zero.
func nonZeroMask(x fe) GPVirtual {
	m := GP64()
	MOVQ(x[0], m)
	for i := 1; i < L; i++ {
		ORQ(x[i], m)
	}
	NEGQ(m)
	SBBQ(m, m)
	return m
}

// negIf emits y = -y mod p if the parameter neg is not zero.
func negIf(y fe) {
	ny := local()
	sub(ny, zeroConst, y)
	n := Load(Param("neg"), GP64())
	TESTQ(n, n)
	for i := range L {
		r := GP64()
		MOVQ(y[i], r)
		CMOVQNE(ny[i], r)
		MOVQ(r, y[i])
	}
}

func baseStepFunc() {
	TEXT("p384BaseStepADX", 0, "func(acc *[18]uint64, q *[12]uint64, neg, zero uint64) uint64")
	Doc("p384BaseStepADX is one window of the fixed-base multiplication, as",
		"baseStepGeneric: q.y is negated if neg = 1; acc = acc + q, or q if acc is the",
		"identity, or acc unchanged if zero = 1; it returns 1 if the addition met an",
		"exceptional case (acc = ±q). Constant time. Requires BMI2 and ADX.")
	Pragma("noescape")
	p := localPoint()
	copyPoint(p, pointAt(Mem{Base: Load(Param("acc"), GP64())}))
	qx, qy := local(), local()
	{
		qp := Mem{Base: Load(Param("q"), GP64())}
		copyFe(qx, feAt(qp))
		copyFe(qy, feAt(qp.Offset(8*L)))
	}
	Comment("qy = -qy if neg")
	negIf(qy)
	r := madd(p, qx, qy)
	Comment("bad = acc not the identity, digit not zero, and Z3 = 0")
	accNZ := nonZeroMask(p.z)
	sumNZ := nonZeroMask(r.z)
	bad := GP64()
	NOTQ(sumNZ)
	MOVQ(accNZ, bad)
	ANDQ(sumNZ, bad)
	z := Load(Param("zero"), GP64())
	Comment("select: q (with Z = 1) if acc is the identity, then acc if the digit is zero")
	out := pointAt(Mem{Base: Load(Param("acc"), GP64())})
	for _, c := range []struct{ sum, q, acc, out fe }{{r.x, qx, p.x, out.x}, {r.y, qy, p.y, out.y}, {r.z, oneConst, p.z, out.z}} {
		for i := range L {
			v := GP64()
			MOVQ(c.sum[i], v)
			TESTQ(accNZ, accNZ)
			CMOVQEQ(c.q[i], v)
			TESTQ(z, z)
			CMOVQNE(c.acc[i], v)
			MOVQ(v, c.out[i])
		}
	}
	NOTQ(z)
	ANDQ(z, bad)
	ANDQ(U32(1), bad)
	Store(bad, ReturnIndex(0))
	RET()
}

func varStepFunc() {
	TEXT("p384VarStepADX", 0, "func(acc, q *[18]uint64, neg uint64)")
	Doc("p384VarStepADX is one window of the variable-base multiplication, as",
		"varStepGeneric: q.y is negated if neg = 1 (in a copy); acc = acc + q, or q if",
		"acc is the identity (Z = 0), or acc unchanged if q is the identity. acc and q",
		"must not be equal or opposite otherwise (see scalarMult). Constant time.",
		"Requires BMI2 and ADX.")
	Pragma("noescape")
	p := localPoint()
	copyPoint(p, pointAt(Mem{Base: Load(Param("acc"), GP64())}))
	q := localPoint()
	copyPoint(q, pointAt(Mem{Base: Load(Param("q"), GP64())}))
	Comment("q.y = -q.y if neg")
	negIf(q.y)
	r := jadd(p, q)
	Comment("select: q if acc is the identity, then acc if q is the identity")
	accNZ := nonZeroMask(p.z)
	qNZ := nonZeroMask(q.z)
	out := pointAt(Mem{Base: Load(Param("acc"), GP64())})
	for _, c := range []struct{ sum, q, acc, out fe }{{r.x, q.x, p.x, out.x}, {r.y, q.y, p.y, out.y}, {r.z, q.z, p.z, out.z}} {
		for i := range L {
			v := GP64()
			MOVQ(c.sum[i], v)
			TESTQ(accNZ, accNZ)
			CMOVQEQ(c.q[i], v)
			TESTQ(qNZ, qNZ)
			CMOVQEQ(c.acc[i], v)
			MOVQ(v, c.out[i])
		}
	}
	RET()
}
