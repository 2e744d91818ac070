// Command p256 generates the amd64 assembly of internal/nistec/p256 (run
// through go:generate there).
//
// Why assembly: Go cannot use the two independent carry chains of
// ADCX/ADOX with MULX, and its bits.Mul64/Add64 code for these products
// spills most limbs; a P-256 point operation also makes ~20 field calls,
// whose call and bounds overhead the assembly point functions avoid. Each
// function has a Go reference with the same interface, tested against it:
//
//	montMulADX        montMulGeneric     any odd modulus, CIOS (L limbs)
//	montSqrNADX       montMulGeneric     n repeated squarings, any modulus
//	p256MulADX        montMulGeneric     mod p, reduction specialised to p
//	p256SqrADX        montMulGeneric     n repeated squarings mod p
//	p256JDoubleADX    jdoubleGeneric     n Jacobian doublings
//	p256JAddADX       jaddGeneric        Jacobian addition
//	p256VarStepADX    varStepGeneric     one variable-base window: negate, add, select
//	p256AddAffineADX  addAffineGeneric   complete projective + affine addition
//	p256JAddAffineADX jaddAffineGeneric  Jacobian + affine addition
//	p256BaseStepADX   baseStepGeneric    one fixed-base window: negate, add, select
//	p256BaseStepSelADX baseStepSelGeneric the same and the next window's table scan
//	p256Select*ADX    select*Generic     constant-time table lookups (AVX2)
//	updateFGAMD64     safegcd.UpdateFG   safegcd: apply a divsteps matrix to f, g
//	updateDEAMD64     Modulus.UpdateDE   safegcd: apply it to d, e mod m
//	divsteps59CMOV    safegcd.Divsteps59 safegcd: 59 divsteps on the low words
//
// Field elements are L little-endian 64-bit limbs, fully reduced, in the
// Montgomery domain (R = 2^256).
package main

import (
	"fmt"

	"github.com/tlscore/tlscore/asm/internal/ecpoint"
	"github.com/tlscore/tlscore/asm/internal/mont"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// baseTable is the number of affine points per fixed-base table (keep in
// sync with internal/nistec/p256: baseTable = 2^(baseW-1)).
const baseTable = 128

func main() {
	ConstraintExpr("amd64,gc,!purego")
	mont.MontMul(4)
	p256Consts()
	p256MulFunc()
	p256SqrFunc()
	p256JDoubleFunc()
	p256JAddFunc()
	p256VarStepFunc()
	p256AddAffineFunc()
	p256JAddAffineFunc()
	p256BaseStepFunc()
	ecpoint.Select("p256SelectAffineADX", baseTable, 8)
	ecpoint.Select("p256SelectJacADX", 16, 12)
	safegcdFuncs()
	divsteps59CMOV()
	Generate()
}

// ---- P-256 ----

var p1, p3 Mem // limbs 1 and 3 of p (limb 0 is 2^64-1, limb 2 is 0)

func p256Consts() {
	p1 = GLOBL("p256p1", RODATA|NOPTR)
	DATA(0, U64(0x00000000ffffffff))
	p3 = GLOBL("p256p3", RODATA|NOPTR)
	DATA(0, U64(0xffffffff00000001))
}

// fe is a field element in memory.
type fe [4]Mem

func feAt(m Mem) fe { return fe{m, m.Offset(8), m.Offset(16), m.Offset(24)} }

// mul emits z = x·y·2^-256 mod p. z may alias x or y.
func mul(z, x, y fe) {
	storeFe(z, mulR(x, y))
	afterOp()
}

// mulR emits x·y·2^-256 mod p into registers.
func mulR(x, y fe) regs {
	Comment("mul: 4x4 product (MULX, CF and OF chains), then Montgomery reduction by p")
	var a [8]GPVirtual
	for i := range 5 {
		a[i] = GP64()
	}
	lo, hi := GP64(), GP64()
	MOVQ(y[0], RDX)
	MULXQ(x[0], a[0], a[1])
	MULXQ(x[1], lo, a[2])
	ADDQ(lo, a[1])
	MULXQ(x[2], lo, a[3])
	ADCQ(lo, a[2])
	MULXQ(x[3], lo, a[4])
	ADCQ(lo, a[3])
	ADCQ(Imm(0), a[4])
	for i := 1; i < 4; i++ {
		MOVQ(y[i], RDX)
		XORQ(lo, lo)
		for j := range 3 {
			MULXQ(x[j], lo, hi)
			ADCXQ(lo, a[i+j])
			ADOXQ(hi, a[i+j+1])
		}
		a[i+4] = GP64()
		MULXQ(x[3], lo, a[i+4])
		ADCXQ(lo, a[i+3])
		MOVL(U32(0), lo.As32())
		ADOXQ(lo, a[i+4])
		ADCXQ(lo, a[i+4])
	}
	return reduce(a)
}

// sqr emits z = x²·2^-256 mod p: cross products once, doubled, plus squares.
func sqr(z, x fe) {
	storeFe(z, sqrR(x))
	afterOp()
}

// sqrR emits x²·2^-256 mod p into registers.
func sqrR(x fe) regs {
	Comment("sqr: cross products x_i·x_j (i<j), doubled (CF) plus squares (OF), then reduction")
	var a [8]GPVirtual
	for i := range a {
		a[i] = GP64()
	}
	lo, hi := GP64(), GP64()
	MOVQ(x[0], RDX)
	MULXQ(x[1], a[1], a[2])
	MULXQ(x[2], lo, a[3])
	ADDQ(lo, a[2])
	MULXQ(x[3], lo, a[4])
	ADCQ(lo, a[3])
	ADCQ(Imm(0), a[4])
	MOVQ(x[1], RDX)
	XORQ(a[5], a[5])
	MULXQ(x[2], lo, hi)
	ADCXQ(lo, a[3])
	ADOXQ(hi, a[4])
	MULXQ(x[3], lo, hi)
	ADCXQ(lo, a[4])
	ADOXQ(hi, a[5])
	MOVL(U32(0), lo.As32())
	ADCXQ(lo, a[5])
	MOVQ(x[2], RDX)
	MULXQ(x[3], lo, a[6])
	ADDQ(lo, a[5])
	ADCQ(Imm(0), a[6])

	XORQ(a[7], a[7])
	MOVQ(x[0], RDX)
	MULXQ(RDX, a[0], hi)
	ADCXQ(a[1], a[1])
	ADOXQ(hi, a[1])
	for i := 1; i < 3; i++ {
		MOVQ(x[i], RDX)
		MULXQ(RDX, lo, hi)
		ADCXQ(a[2*i], a[2*i])
		ADOXQ(lo, a[2*i])
		ADCXQ(a[2*i+1], a[2*i+1])
		ADOXQ(hi, a[2*i+1])
	}
	MOVQ(x[3], RDX)
	MULXQ(RDX, lo, hi)
	ADCXQ(a[6], a[6])
	ADOXQ(lo, a[6])
	ADCXQ(a[7], a[7])
	ADOXQ(hi, a[7])
	return reduce(a)
}

// reduce emits z = a·2^-256 mod p for a < p². Four steps clear the low
// limbs: with u = a[i] and p = 2^256 - 2^224 + 2^192 + 2^96 - 1,
// a + u·p·2^(64i) adds u·2^32 at limb i+1 (the -u cancels a[i]), and
// u·(2^64 - 2^32 + 1) at limbs i+3, i+4. The low half alone reduces to a
// value <= p, the high half is < p, so the sum needs one subtraction.
func reduce(a [8]GPVirtual) regs {
	w := []GPVirtual{a[0], a[1], a[2], a[3]}
	for range 4 {
		// u·(2^64 - 2^32 + 1) = hi:lo by shifts and a subtraction, not
		// MULX: the multiplier is the busiest unit of a field product.
		// lo = u - (u<<32 mod 2^64), hi = u - (u>>32) - borrow (>= 0).
		// u is shifted in place to u>>32 once lo and hi hold copies.
		u := w[0]
		lo, hi, s := GP64(), GP64(), GP64()
		MOVQ(u, s)
		SHLQ(U8(32), s)
		MOVQ(u, lo)
		MOVQ(u, hi)
		SHRQ(U8(32), u)
		SUBQ(s, lo)
		SBBQ(u, hi)
		ADDQ(s, w[1])
		ADCQ(u, w[2])
		ADCQ(lo, w[3])
		ADCQ(Imm(0), hi)
		w = []GPVirtual{w[1], w[2], w[3], hi}
	}
	c := GP64()
	XORQ(c, c)
	ADDQ(w[0], a[4])
	ADCQ(w[1], a[5])
	ADCQ(w[2], a[6])
	ADCQ(w[3], a[7])
	ADCQ(Imm(0), c)
	r := regs{a[4], a[5], a[6], a[7]}
	reduceOnceR(r, c)
	return r
}

// finalSub emits z = r - p if r + c·2^256 >= p, else z = r.
func finalSub(z fe, r [4]GPVirtual, c GPVirtual) {
	var t [4]GPVirtual
	for i := range t {
		t[i] = GP64()
		MOVQ(r[i], t[i])
	}
	SUBQ(I8(-1), t[0])
	SBBQ(p1, t[1])
	SBBQ(Imm(0), t[2])
	SBBQ(p3, t[3])
	SBBQ(Imm(0), c)
	for i := range t {
		CMOVQCC(t[i], r[i])
		MOVQ(r[i], z[i])
	}
}

// add emits z = x + y mod p.
func add(z, x, y fe) {
	var r [4]GPVirtual
	for i := range r {
		r[i] = GP64()
		MOVQ(x[i], r[i])
	}
	c := GP64()
	XORQ(c, c)
	ADDQ(y[0], r[0])
	for i := 1; i < 4; i++ {
		ADCQ(y[i], r[i])
	}
	ADCQ(Imm(0), c)
	finalSub(z, r, c)
	afterOp()
}

// sub emits z = x - y mod p.
func sub(z, x, y fe) {
	var r [4]GPVirtual
	for i := range r {
		r[i] = GP64()
		MOVQ(x[i], r[i])
	}
	SUBQ(y[0], r[0])
	for i := 1; i < 4; i++ {
		SBBQ(y[i], r[i])
	}
	Comment("add p back if that borrowed: mask = -borrow")
	mask, t1, t3 := GP64(), GP64(), GP64()
	SBBQ(mask, mask)
	MOVQ(mask, t1)
	ANDQ(p1, t1)
	MOVQ(mask, t3)
	ANDQ(p3, t3)
	ADDQ(mask, r[0])
	ADCQ(t1, r[1])
	ADCQ(Imm(0), r[2])
	ADCQ(t3, r[3])
	for i := range r {
		MOVQ(r[i], z[i])
	}
	afterOp()
}

// interleaved holds code to emit between field operations: afterOp, called
// at the end of mul, sqr, add and sub, emits the first piece. It lets
// p256BaseStepSelADX spread the next window's table scan (vector loads and
// masks) over the integer field arithmetic, so that the core runs both at
// once.
var interleaved []func()

func afterOp() {
	if len(interleaved) > 0 {
		f := interleaved[0]
		interleaved = interleaved[1:]
		f()
	}
}

// ---- field additions kept in registers (fused small-constant operations) ----

// regs is a field element in registers.
type regs [4]GPVirtual

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

// reduceOnceR emits r = r + c·2^256 - p if that is not negative (r < 2p).
func reduceOnceR(r regs, c GPVirtual) {
	var t regs
	for i := range t {
		t[i] = GP64()
		MOVQ(r[i], t[i])
	}
	SUBQ(I8(-1), t[0])
	SBBQ(p1, t[1])
	SBBQ(Imm(0), t[2])
	SBBQ(p3, t[3])
	SBBQ(Imm(0), c)
	for i := range t {
		CMOVQCC(t[i], r[i])
	}
}

// dblR emits r = 2r mod p.
func dblR(r regs) {
	c := GP64()
	XORQ(c, c)
	ADDQ(r[0], r[0])
	for i := 1; i < 4; i++ {
		ADCQ(r[i], r[i])
	}
	ADCQ(Imm(0), c)
	reduceOnceR(r, c)
}

// addR emits r = r + y mod p.
func addR(r regs, y fe) {
	c := GP64()
	XORQ(c, c)
	ADDQ(y[0], r[0])
	for i := 1; i < 4; i++ {
		ADCQ(y[i], r[i])
	}
	ADCQ(Imm(0), c)
	reduceOnceR(r, c)
}

// subR emits r = r - y mod p.
func subR(r regs, y fe) {
	SUBQ(y[0], r[0])
	for i := 1; i < 4; i++ {
		SBBQ(y[i], r[i])
	}
	mask, t1, t3 := GP64(), GP64(), GP64()
	SBBQ(mask, mask)
	MOVQ(mask, t1)
	ANDQ(p1, t1)
	MOVQ(mask, t3)
	ANDQ(p3, t3)
	ADDQ(mask, r[0])
	ADCQ(t1, r[1])
	ADCQ(Imm(0), r[2])
	ADCQ(t3, r[3])
}

// addRR emits r = r + y mod p for y in registers.
func addRR(r, y regs) {
	c := GP64()
	XORQ(c, c)
	ADDQ(y[0], r[0])
	for i := 1; i < 4; i++ {
		ADCQ(y[i], r[i])
	}
	ADCQ(Imm(0), c)
	reduceOnceR(r, c)
}

// subRR emits r = r - y mod p for y in registers.
func subRR(r, y regs) {
	SUBQ(y[0], r[0])
	for i := 1; i < 4; i++ {
		SBBQ(y[i], r[i])
	}
	mask, t1, t3 := GP64(), GP64(), GP64()
	SBBQ(mask, mask)
	MOVQ(mask, t1)
	ANDQ(p1, t1)
	MOVQ(mask, t3)
	ANDQ(p3, t3)
	ADDQ(mask, r[0])
	ADCQ(t1, r[1])
	ADCQ(Imm(0), r[2])
	ADCQ(t3, r[3])
}

// copyR returns a copy of r in new registers.
func copyR(r regs) regs {
	var c regs
	for i := range c {
		c[i] = GP64()
		MOVQ(r[i], c[i])
	}
	return c
}

// triple emits z = 3x mod p.
func triple(z, x fe) {
	r := loadFe(x)
	dblR(r)
	addR(r, x)
	storeFe(z, r)
}

// subs emits z = x - y[0] - y[1] - ... mod p.
func subs(z, x fe, y ...fe) {
	r := loadFe(x)
	for _, v := range y {
		subR(r, v)
	}
	storeFe(z, r)
}

// dblSub emits z = 2x - y mod p.
func dblSub(z, x, y fe) {
	r := loadFe(x)
	dblR(r)
	subR(r, y)
	storeFe(z, r)
}

// half emits z = x/2 mod p: x, or x + p if x is odd, shifted right by one.
func half(z, x fe) {
	var r [4]GPVirtual
	for i := range r {
		r[i] = GP64()
		MOVQ(x[i], r[i])
	}
	mask, t1, t3, c := GP64(), GP64(), GP64(), GP64()
	MOVQ(r[0], mask)
	ANDQ(U32(1), mask)
	NEGQ(mask)
	MOVQ(mask, t1)
	ANDQ(p1, t1)
	MOVQ(mask, t3)
	ANDQ(p3, t3)
	XORQ(c, c)
	ADDQ(mask, r[0])
	ADCQ(t1, r[1])
	ADCQ(Imm(0), r[2])
	ADCQ(t3, r[3])
	ADCQ(Imm(0), c)
	SHRQ(U8(1), r[1], r[0])
	SHRQ(U8(1), r[2], r[1])
	SHRQ(U8(1), r[3], r[2])
	SHRQ(U8(1), c, r[3])
	for i := range r {
		MOVQ(r[i], z[i])
	}
}

func p256MulFunc() {
	TEXT("p256MulADX", NOSPLIT, "func(z, x, y *[4]uint64)")
	Doc("p256MulADX sets z = x·y·2^-256 mod p. z may alias x or y. Requires BMI2 and ADX.")
	Pragma("noescape")
	x := feAt(Mem{Base: Load(Param("x"), GP64())})
	y := feAt(Mem{Base: Load(Param("y"), GP64())})
	t := feAt(AllocLocal(32))
	mul(t, x, y)
	z := feAt(Mem{Base: Load(Param("z"), GP64())})
	copyFe(z, t)
	RET()
}

func copyFe(z, x fe) {
	for i := range 4 {
		r := GP64()
		MOVQ(x[i], r)
		MOVQ(r, z[i])
	}
}

func p256SqrFunc() {
	TEXT("p256SqrADX", NOSPLIT, "func(z, x *[4]uint64, n int)")
	Doc("p256SqrADX sets z = x^(2^n) in the Montgomery domain (n >= 1 squarings).",
		"z may alias x. Requires BMI2 and ADX.")
	Pragma("noescape")
	x := feAt(Mem{Base: Load(Param("x"), GP64())})
	t := feAt(AllocLocal(32))
	sqr(t, x)
	n := Load(Param("n"), GP64())
	Label("loop")
	DECQ(n)
	JZ(LabelRef("done"))
	sqr(t, t)
	JMP(LabelRef("loop"))
	Label("done")
	z := feAt(Mem{Base: Load(Param("z"), GP64())})
	copyFe(z, t)
	RET()
}

// point is a Jacobian point (X, Y, Z) in memory, 12 limbs.
type point struct{ x, y, z fe }

func pointAt(m Mem) point {
	return point{feAt(m), feAt(m.Offset(32)), feAt(m.Offset(64))}
}

func copyPoint(dst, src point) {
	copyFe(dst.x, src.x)
	copyFe(dst.y, src.y)
	copyFe(dst.z, src.z)
}

func local() fe { return feAt(AllocLocal(32)) }

func p256JDoubleFunc() {
	TEXT("p256JDoubleADX", NOSPLIT, "func(r, p *[12]uint64, n int)")
	Doc("p256JDoubleADX sets r = 2^n·p in Jacobian coordinates (n >= 1 doublings by",
		"dbl-2001-b, a = -3). r may alias p. Requires BMI2 and ADX.")
	Pragma("noescape")
	p := pointAt(AllocLocal(96))
	copyPoint(p, pointAt(Mem{Base: Load(Param("p"), GP64())}))
	n := Load(Param("n"), GP64())
	g4, g16, beta, alpha, t, u := local(), local(), local(), local(), local(), local()
	Comment("the loop keeps Y' = 2Y in p.y: it takes Y' and yields Y3' = 2·Y3 directly,",
		"with one addition per doubling instead of doubling Y and halving 8γ²")
	add(p.y, p.y, p.y)
	Label("double")
	Comment("one doubling in place (dbl-2001-b rearranged: with Y' = 2Y, γ' = Y'² = 4γ,",
		"Z3 = Y'·Z, X·γ' = 4β, 16γ² = γ'²): each coordinate is overwritten after its",
		"last use, independent products are adjacent so that they overlap, and the",
		"small-constant operations take products still in registers")
	{
		Comment("t = X - δ, u = X + δ for δ = Z²")
		d := sqrR(p.z)
		r := loadFe(p.x)
		subRR(r, d)
		storeFe(t, r)
		r = loadFe(p.x)
		addRR(r, d)
		storeFe(u, r)
	}
	sqr(g4, p.y)
	mul(p.z, p.y, p.z)
	{
		Comment("α = 3(X - δ)(X + δ)")
		r := mulR(t, u)
		c := copyR(r)
		dblR(r)
		addRR(r, c)
		storeFe(alpha, r)
	}
	mul(beta, p.x, g4)
	sqr(g16, g4)
	{
		Comment("X3 = α² - 8β (beta holds 4β), t = 4β - X3")
		r := sqrR(alpha)
		subR(r, beta)
		subR(r, beta)
		storeFe(p.x, r)
		b := loadFe(beta)
		subRR(b, r)
		storeFe(t, b)
	}
	{
		Comment("Y3' = 2·Y3 = 2α(4β - X3) - 16γ² = 2·α(4β - X3) - γ'²")
		r := mulR(alpha, t)
		dblR(r)
		subR(r, g16)
		storeFe(p.y, r)
	}
	DECQ(n)
	JNZ(LabelRef("double"))
	half(p.y, p.y)
	copyPoint(pointAt(Mem{Base: Load(Param("r"), GP64())}), p)
	RET()
}

func p256JAddFunc() {
	TEXT("p256JAddADX", NOSPLIT, "func(r, p, q *[12]uint64)")
	Doc("p256JAddADX sets r = p + q in Jacobian coordinates (add-1998-cmo-2), with the",
		"exceptions of jaddGeneric (p = q, identity inputs). r may alias p or q.",
		"Requires BMI2 and ADX.")
	Pragma("noescape")
	p := pointAt(AllocLocal(96))
	copyPoint(p, pointAt(Mem{Base: Load(Param("p"), GP64())}))
	q := pointAt(AllocLocal(96))
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

// nonZeroMask emits a register that is all ones if x != 0, else zero.
func nonZeroMask(x fe) GPVirtual {
	m := GP64()
	MOVQ(x[0], m)
	ORQ(x[1], m)
	ORQ(x[2], m)
	ORQ(x[3], m)
	NEGQ(m)
	SBBQ(m, m)
	return m
}

func p256VarStepFunc() {
	TEXT("p256VarStepADX", NOSPLIT, "func(acc, q *[12]uint64, neg uint64)")
	Doc("p256VarStepADX is one window of the variable-base multiplication, as",
		"varStepGeneric: q.y is negated if neg = 1 (in a copy); acc = acc + q, or q if",
		"acc is the identity (Z = 0), or acc unchanged if q is the identity. acc and q",
		"must not be equal or opposite otherwise (see scalarMult). Constant time.",
		"Requires BMI2 and ADX.")
	Pragma("noescape")
	p := pointAt(AllocLocal(96))
	copyPoint(p, pointAt(Mem{Base: Load(Param("acc"), GP64())}))
	q := pointAt(AllocLocal(96))
	copyPoint(q, pointAt(Mem{Base: Load(Param("q"), GP64())}))
	Comment("q.y = -q.y if neg")
	zf := local()
	for i := range 4 {
		MOVQ(U32(0), zf[i])
	}
	ny := local()
	sub(ny, zf, q.y)
	{
		n := Load(Param("neg"), GP64())
		TESTQ(n, n)
		for i := range 4 {
			r := GP64()
			MOVQ(q.y[i], r)
			CMOVQNE(ny[i], r)
			MOVQ(r, q.y[i])
		}
	}
	r := jadd(p, q)
	Comment("select: q if acc is the identity, then acc if q is the identity")
	accNZ := nonZeroMask(p.z)
	qNZ := nonZeroMask(q.z)
	out := pointAt(Mem{Base: Load(Param("acc"), GP64())})
	for _, c := range []struct{ sum, q, acc, out fe }{{r.x, q.x, p.x, out.x}, {r.y, q.y, p.y, out.y}, {r.z, q.z, p.z, out.z}} {
		var v [4]GPVirtual
		for i := range 4 {
			v[i] = GP64()
			MOVQ(c.sum[i], v[i])
		}
		TESTQ(accNZ, accNZ)
		for i := range 4 {
			CMOVQEQ(c.q[i], v[i])
		}
		TESTQ(qNZ, qNZ)
		for i := range 4 {
			CMOVQEQ(c.acc[i], v[i])
			MOVQ(v[i], c.out[i])
		}
	}
	RET()
}

// bConst is b in the Montgomery domain (keep in sync with params.go bHex).
var bConst fe

func p256AddAffineFunc() {
	b := GLOBL("p256b", RODATA|NOPTR)
	// b·2^256 mod p, little-endian limbs
	for i, v := range []uint64{0xd89cdf6229c4bddf, 0xacf005cd78843090, 0xe5a220abf7212ed6, 0xdc30061d04874834} {
		DATA(8*i, U64(v))
	}
	bConst = feAt(b)

	TEXT("p256AddAffineADX", NOSPLIT, "func(r, p *[12]uint64, q *[8]uint64)")
	Doc("p256AddAffineADX sets r = p + q for a projective p and an affine q (not the",
		"identity), with the complete formulas of Renes, Costello and Batina",
		"(algorithm 5, a = -3). r may alias p. Requires BMI2 and ADX.")
	Pragma("noescape")
	p := pointAt(AllocLocal(96))
	copyPoint(p, pointAt(Mem{Base: Load(Param("p"), GP64())}))
	qm := AllocLocal(64)
	qx, qy := feAt(qm), feAt(qm.Offset(32))
	{
		qp := Mem{Base: Load(Param("q"), GP64())}
		copyFe(qx, feAt(qp))
		copyFe(qy, feAt(qp.Offset(32)))
	}
	t0, t1, t2, t3, t4, x3, y3, z3 := local(), local(), local(), local(), local(), local(), local(), local()
	mul(t0, p.x, qx)
	mul(t1, p.y, qy)
	add(t3, qx, qy)
	add(t4, p.x, p.y)
	mul(t3, t3, t4)
	add(t4, t0, t1)
	sub(t3, t3, t4)
	mul(t4, qy, p.z)
	add(t4, t4, p.y)
	mul(y3, qx, p.z)
	add(y3, y3, p.x)
	mul(z3, bConst, p.z)
	sub(x3, y3, z3)
	add(z3, x3, x3)
	add(x3, x3, z3)
	sub(z3, t1, x3)
	add(x3, t1, x3)
	mul(y3, bConst, y3)
	add(t1, p.z, p.z)
	add(t2, t1, p.z)
	sub(y3, y3, t2)
	sub(y3, y3, t0)
	add(t1, y3, y3)
	add(y3, t1, y3)
	add(t1, t0, t0)
	add(t0, t1, t0)
	sub(t0, t0, t2)
	mul(t1, t4, y3)
	mul(t2, t0, y3)
	mul(y3, x3, z3)
	add(y3, y3, t2)
	mul(x3, x3, t3)
	sub(x3, x3, t1)
	mul(z3, z3, t4)
	mul(t1, t3, t0)
	add(z3, z3, t1)
	copyPoint(pointAt(Mem{Base: Load(Param("r"), GP64())}), point{x3, y3, z3})
	RET()
}

func p256JAddAffineFunc() {
	TEXT("p256JAddAffineADX", NOSPLIT, "func(r, p *[12]uint64, q *[8]uint64)")
	Doc("p256JAddAffineADX sets r = p + q for a Jacobian p and an affine q",
		"(madd-2004-hmv), with the exceptions of jaddAffineGeneric (p = q, p the",
		"identity). r may alias p. Requires BMI2 and ADX.")
	Pragma("noescape")
	p := pointAt(AllocLocal(96))
	copyPoint(p, pointAt(Mem{Base: Load(Param("p"), GP64())}))
	qm := AllocLocal(64)
	qx, qy := feAt(qm), feAt(qm.Offset(32))
	{
		qp := Mem{Base: Load(Param("q"), GP64())}
		copyFe(qx, feAt(qp))
		copyFe(qy, feAt(qp.Offset(32)))
	}
	r := madd(p, qx, qy)
	copyPoint(pointAt(Mem{Base: Load(Param("r"), GP64())}), r)
	RET()
}

// madd emits r = p + (qx, qy) (ecpoint.MAdd) into new locals.
func madd(p point, qx, qy fe) point { return fromECP(ecpoint.MAdd[fe](field{}, ecp(p), qx, qy)) }

func p256BaseStepFunc() {
	one := GLOBL("p256one", RODATA|NOPTR)
	// R mod p, 1 in the Montgomery domain
	for i, v := range []uint64{1, 0xffffffff00000000, 0xffffffffffffffff, 0x00000000fffffffe} {
		DATA(8*i, U64(v))
	}
	TEXT("p256BaseStepADX", NOSPLIT, "func(acc *[12]uint64, q *[8]uint64, neg, zero uint64) uint64")
	Doc("p256BaseStepADX is one window of the fixed-base multiplication, as",
		"baseStepGeneric: q.y is negated if neg = 1; acc = acc + q, or q if acc is the",
		"identity, or acc unchanged if zero = 1; it returns 1 if the addition met an",
		"exceptional case (acc = ±q). Constant time. Requires BMI2 and ADX.")
	Pragma("noescape")
	baseStepBody(one, nil)

	TEXT("p256BaseStepSelADX", NOSPLIT, fmt.Sprintf("func(acc *[12]uint64, q *[8]uint64, neg, zero uint64, next *[%d][8]uint64, idx int) uint64", baseTable))
	Doc("p256BaseStepSelADX is p256BaseStepADX followed by p256SelectAffineADX(q, next, idx):",
		fmt.Sprintf("it also sets q to next[idx-1] (zero for idx = 0), for 0 <= idx <= %d, reading", baseTable),
		"every entry. The scan is spread over the field arithmetic. Requires BMI2, ADX",
		"and AVX2.")
	Pragma("noescape")
	Comment("table scan state (see selectFunc): broadcast index, counter, two accumulators")
	idx, onev, ctr, acc0, acc1 := YMM(), YMM(), YMM(), YMM(), YMM()
	{
		r := GP64()
		Load(Param("idx"), r)
		x := XMM()
		MOVQ(r, x)
		VPBROADCASTD(x, idx)
		MOVL(U32(1), r.As32())
		MOVQ(r, x)
		VPBROADCASTD(x, onev)
	}
	VMOVDQU(onev, ctr)
	VPXOR(acc0, acc0, acc0)
	VPXOR(acc1, acc1, acc1)
	const per = baseTable / 16 // entries per piece: 16 pieces over the ~20 field operations
	for k := 0; k < baseTable; k += per {
		interleaved = append(interleaved, func() {
			Comment(fmt.Sprintf("scan entries %d..%d of next", k, k+per-1))
			tab := Load(Param("next"), GP64())
			for e := k; e < k+per; e++ {
				mask, t := YMM(), YMM()
				VPCMPEQD(idx, ctr, mask)
				VPADDD(onev, ctr, ctr)
				VPAND(Mem{Base: tab, Disp: 64 * e}, mask, t)
				VPOR(t, acc0, acc0)
				VPAND(Mem{Base: tab, Disp: 64*e + 32}, mask, t)
				VPOR(t, acc1, acc1)
			}
		})
	}
	baseStepBody(one, func() {
		if len(interleaved) != 0 {
			panic("table scan not fully interleaved")
		}
		qp := Mem{Base: Load(Param("q"), GP64())}
		VMOVDQU(acc0, qp)
		VMOVDQU(acc1, qp.Offset(32))
		VZEROUPPER()
	})
}

// baseStepBody emits the body of p256BaseStepADX; before returning it calls
// tail, if not nil.
func baseStepBody(one Mem, tail func()) {
	p := pointAt(AllocLocal(96))
	copyPoint(p, pointAt(Mem{Base: Load(Param("acc"), GP64())}))
	qm := AllocLocal(64)
	qx, qy := feAt(qm), feAt(qm.Offset(32))
	{
		qp := Mem{Base: Load(Param("q"), GP64())}
		copyFe(qx, feAt(qp))
		copyFe(qy, feAt(qp.Offset(32)))
	}
	Comment("qy = -qy if neg")
	zf := local()
	for i := range 4 {
		MOVQ(U32(0), zf[i])
	}
	ny := local()
	sub(ny, zf, qy)
	{
		n := Load(Param("neg"), GP64())
		TESTQ(n, n)
		for i := range 4 {
			r := GP64()
			MOVQ(qy[i], r)
			CMOVQNE(ny[i], r)
			MOVQ(r, qy[i])
		}
	}
	r := madd(p, qx, qy)
	Comment("bad = acc not the identity, digit not zero, and Z3 = 0")
	accNZ, sumNZ, bad := GP64(), GP64(), GP64()
	MOVQ(p.z[0], accNZ)
	ORQ(p.z[1], accNZ)
	ORQ(p.z[2], accNZ)
	ORQ(p.z[3], accNZ)
	NEGQ(accNZ)
	SBBQ(accNZ, accNZ) // -1 if acc is not the identity
	MOVQ(r.z[0], sumNZ)
	ORQ(r.z[1], sumNZ)
	ORQ(r.z[2], sumNZ)
	ORQ(r.z[3], sumNZ)
	NEGQ(sumNZ)
	SBBQ(sumNZ, sumNZ) // -1 if the sum is not the identity
	NOTQ(sumNZ)
	MOVQ(accNZ, bad)
	ANDQ(sumNZ, bad)
	z := Load(Param("zero"), GP64())
	Comment("select: q (with Z = 1) if acc is the identity, then acc if the digit is zero")
	onef := feAt(one)
	Comment("the selected coordinates go straight to *acc (p holds its old value)")
	out := pointAt(Mem{Base: Load(Param("acc"), GP64())})
	for _, c := range []struct{ sum, q, acc, out fe }{{r.x, qx, p.x, out.x}, {r.y, qy, p.y, out.y}, {r.z, onef, p.z, out.z}} {
		var v [4]GPVirtual
		for i := range 4 {
			v[i] = GP64()
			MOVQ(c.sum[i], v[i])
		}
		TESTQ(accNZ, accNZ)
		for i := range 4 {
			CMOVQEQ(c.q[i], v[i])
		}
		TESTQ(z, z)
		for i := range 4 {
			CMOVQNE(c.acc[i], v[i])
			MOVQ(v[i], c.out[i])
		}
	}
	NOTQ(z)
	ANDQ(z, bad)
	ANDQ(U32(1), bad)
	if tail != nil {
		for len(interleaved) > 0 {
			afterOp()
		}
		tail()
	}
	Store(bad, ReturnIndex(0))
	RET()
}

// ---- safegcd matrix updates (internal/nistec/p256/safegcd.go; Go reference in internal/safegcd) ----
//
// Numbers are five int64 limbs in signed base 2^62 (the low four in
// [0, 2^62), the top one signed); the transition matrix (u, v, q, r) has
// entries of at most 2^62 in absolute value. Why assembly: the one-operand
// IMULQ gives the signed 128-bit product that Go's bits.Mul64 leaves to
// four correction instructions; the sums are kept in 128-bit accumulators
// (hi:lo), shifted right by 62 after each limb.

var m62 Mem // 2^62 - 1

// mulAcc emits hi:lo += a·b (signed), with a in a register or memory and b
// in memory; set = true stores instead of adding.
func mulAcc(lo, hi GPVirtual, a, b Op, set bool) {
	MOVQ(a, RAX)
	IMULQ(b)
	if set {
		MOVQ(RAX, lo)
		MOVQ(RDX, hi)
		return
	}
	ADDQ(RAX, lo)
	ADCQ(RDX, hi)
}

// shr62 emits hi:lo >>= 62 (arithmetic).
func shr62(lo, hi GPVirtual) {
	SHRQ(U8(62), hi, lo)
	SARQ(U8(62), hi)
}

// store62 emits dst = lo & (2^62 - 1).
func store62(dst Mem, lo GPVirtual) {
	t := GP64()
	MOVQ(lo, t)
	ANDQ(m62, t)
	MOVQ(t, dst)
}

func safegcdFuncs() {
	m62 = GLOBL("p256m62", RODATA|NOPTR)
	DATA(0, U64(1<<62-1))

	TEXT("updateFGAMD64", NOSPLIT, "func(fv, gv *[5]int64, t *[4]int64)")
	Doc("updateFGAMD64 sets (fv, gv) = t·(fv, gv) / 2^62 (exact), as safegcd.UpdateFG, for",
		"t = (u, v, q, r) and fv, gv in signed base 2^62 (not f, g: g is a register",
		"name in Go assembly).")
	Pragma("noescape")
	{
		pf := Mem{Base: Load(Param("fv"), GP64())}
		pg := Mem{Base: Load(Param("gv"), GP64())}
		pt := Mem{Base: Load(Param("t"), GP64())}
		tu, tv, tq, tr := pt, pt.Offset(8), pt.Offset(16), pt.Offset(24)
		cfl, cfh, cgl, cgh := GP64(), GP64(), GP64(), GP64()
		for i := range 5 {
			Comment(fmt.Sprintf("limb %d: cf += u·f%d + v·g%d, cg += q·f%d + r·g%d", i, i, i, i, i))
			fi, gi := GP64(), GP64()
			MOVQ(pf.Offset(8*i), fi)
			MOVQ(pg.Offset(8*i), gi)
			mulAcc(cfl, cfh, fi, tu, i == 0)
			mulAcc(cfl, cfh, gi, tv, false)
			mulAcc(cgl, cgh, fi, tq, i == 0)
			mulAcc(cgl, cgh, gi, tr, false)
			if i > 0 {
				store62(pf.Offset(8*(i-1)), cfl)
				store62(pg.Offset(8*(i-1)), cgl)
			}
			shr62(cfl, cfh)
			shr62(cgl, cgh)
		}
		MOVQ(cfl, pf.Offset(32))
		MOVQ(cgl, pg.Offset(32))
		RET()
	}

	TEXT("updateDEAMD64", NOSPLIT, "func(d, e *[5]int64, t *[4]int64, m *[5]int64, mInv uint64)")
	Doc("updateDEAMD64 sets (d, e) = t·(d, e) / 2^62 mod m, as safegcd's Modulus.UpdateDE,",
		"for mInv = m^-1 mod 2^62.")
	Pragma("noescape")
	{
		pd := Mem{Base: Load(Param("d"), GP64())}
		pe := Mem{Base: Load(Param("e"), GP64())}
		pt := Mem{Base: Load(Param("t"), GP64())}
		tu, tv, tq, tr := pt, pt.Offset(8), pt.Offset(16), pt.Offset(24)
		mdm, mem := AllocLocal(8), AllocLocal(8)
		Comment("md = u·[d < 0] + v·[e < 0], me = q·[d < 0] + r·[e < 0]")
		{
			sd, se, a, b := GP64(), GP64(), GP64(), GP64()
			MOVQ(pd.Offset(32), sd)
			SARQ(U8(63), sd)
			MOVQ(pe.Offset(32), se)
			SARQ(U8(63), se)
			MOVQ(tu, a)
			ANDQ(sd, a)
			MOVQ(tv, b)
			ANDQ(se, b)
			ADDQ(b, a)
			MOVQ(a, mdm)
			MOVQ(tq, a)
			ANDQ(sd, a)
			MOVQ(tr, b)
			ANDQ(se, b)
			ADDQ(b, a)
			MOVQ(a, mem)
		}
		cdl, cdh, cel, ceh := GP64(), GP64(), GP64(), GP64()
		Comment("limb 0: cd = u·d0 + v·e0, ce = q·d0 + r·e0")
		{
			d0, e0 := GP64(), GP64()
			MOVQ(pd, d0)
			MOVQ(pe, e0)
			mulAcc(cdl, cdh, d0, tu, true)
			mulAcc(cdl, cdh, e0, tv, false)
			mulAcc(cel, ceh, d0, tq, true)
			mulAcc(cel, ceh, e0, tr, false)
		}
		Comment("md -= (mInv·cd + md) mod 2^62 (so that cd + m·md = 0 mod 2^62); same for me")
		for _, c := range []struct {
			lo  GPVirtual
			dst Mem
		}{{cdl, mdm}, {cel, mem}} {
			x, y := GP64(), GP64()
			Load(Param("mInv"), x)
			IMULQ(c.lo, x)
			ADDQ(c.dst, x)
			ANDQ(m62, x)
			MOVQ(c.dst, y)
			SUBQ(x, y)
			MOVQ(y, c.dst)
		}
		pm := Mem{Base: Load(Param("m"), GP64())}
		mulAcc(cdl, cdh, pm, mdm, false)
		mulAcc(cel, ceh, pm, mem, false)
		shr62(cdl, cdh)
		shr62(cel, ceh)
		for i := 1; i < 5; i++ {
			Comment(fmt.Sprintf("limb %d: cd += u·d%d + v·e%d + m%d·md, ce += q·d%d + r·e%d + m%d·me", i, i, i, i, i, i, i))
			di, ei := GP64(), GP64()
			MOVQ(pd.Offset(8*i), di)
			MOVQ(pe.Offset(8*i), ei)
			mulAcc(cdl, cdh, di, tu, false)
			mulAcc(cdl, cdh, ei, tv, false)
			mulAcc(cdl, cdh, pm.Offset(8*i), mdm, false)
			mulAcc(cel, ceh, di, tq, false)
			mulAcc(cel, ceh, ei, tr, false)
			mulAcc(cel, ceh, pm.Offset(8*i), mem, false)
			store62(pd.Offset(8*(i-1)), cdl)
			store62(pe.Offset(8*(i-1)), cel)
			shr62(cdl, cdh)
			shr62(cel, ceh)
		}
		MOVQ(cdl, pd.Offset(32))
		MOVQ(cel, pe.Offset(32))
		RET()
	}
}
