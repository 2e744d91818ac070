// Command x25519 generates the amd64 assembly of packages kx/x25519 and
// internal/edwards25519 (-part ladder and -part field): field
// arithmetic mod p = 2^255-19 on 4 x 64-bit limbs with MULX, ADCX and ADOX
// (BMI2 + ADX), and the whole X25519 Montgomery ladder loop built from it.
//
// Run it through go:generate in kx/x25519 (see x25519_amd64.go).
//
// Representation: a field element is 4 little-endian 64-bit limbs holding
// any value below 2^256 that is congruent to it mod p ("partially
// reduced"); Go code does the final reduction. Products are reduced by
// folding: 2^256 = 38 (mod p), so the high 4 limbs of a 512-bit product
// are multiplied by 38 and added to the low 4, and the carry out of that
// (below 2^7) is folded again; a last carry adds 38 once more, which cannot
// overflow. Sums and differences fold their carry or borrow the same way
// (twice, which covers every case).
//
// Why assembly: Go has no access to the two independent carry chains of
// ADCX/ADOX, and its bits.Mul64/bits.Add64 code for these 4-limb products
// keeps far more values in memory. Each function below has a Go reference
// in internal/edwards25519/fe64.go with the same results, limb for limb.
package main

import (
	"flag"
	"log"

	"github.com/tlscore/tlscore/asm/internal/safegcd"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// part selects the functions of one output: "field" for package
// internal/edwards25519 (the field arithmetic, the Edwards point operations
// and the inversion that kx/x25519 and sig/ed25519 share), "ladder" for
// package kx/x25519 (the Montgomery ladders).
var part = flag.String("part", "", "field or ladder")

func main() {
	flag.Parse() // Generate parses again: avo's flags and this one share flag.CommandLine
	ConstraintExpr("amd64,gc,!purego")
	switch *part {
	case "field":
		feMulFunc()
		feSqrFunc()
		feAddFunc()
		feSubFunc()
		addNielsFunc()
		selectNielsFunc()
		dblFunc("dblADX", false)
		dblFunc("dblExtADX", true)
		addCachedFunc()
		ifmaConstants()
		feMul8Func()
		feSqr8Func()
		feAdd8Func()
		feSub8Func()
		base4Func()
		window8Func()
		verify4Func()
		base8Func()
		table4Func()
		safegcd.Divsteps59SSE2()
		updateFunc()
	case "ladder":
		feMul121665Func()
		ladderFunc()
		ifmaConstants()
		ladderIFMAFunc()
		ladder4Func()
		ladder8x1Func()
	default:
		log.Fatalf("-part must be field or ladder, not %q", *part)
	}
	Generate()
}

// fe is a field element in memory: its 4 limbs.
type fe [4]Mem

func feAt(m Mem) fe { return fe{m, m.Offset(8), m.Offset(16), m.Offset(24)} }

// dst produces the destination of a result when it is stored, so that a
// pointer argument can be loaded only then, after the inputs are dead.
type dst func() fe

func at(z fe) dst { return func() fe { return z } }

func store(zf dst, r [4]GPVirtual) {
	z := zf()
	for i := range 4 {
		MOVQ(r[i], z[i])
	}
}

// mul emits z = x * y. z may alias x or y: every load comes before the
// first store. It uses 11 virtual registers and RDX.
func mul(z dst, x, y fe) {
	Comment("mul: 4 x 4 limb products; rows 1-3 add with two carry chains, ADCX (CF) for the low halves, ADOX (OF) for the high halves")
	var r [8]GPVirtual
	for i := range 5 {
		r[i] = GP64()
	}
	lo, hi, zero := GP64(), GP64(), GP64()
	MOVQ(x[0], RDX)
	MULXQ(y[0], r[0], r[1])
	MULXQ(y[1], lo, r[2])
	ADDQ(lo, r[1])
	MULXQ(y[2], lo, r[3])
	ADCQ(lo, r[2])
	MULXQ(y[3], lo, r[4])
	ADCQ(lo, r[3])
	ADCQ(Imm(0), r[4])
	for i := 1; i < 4; i++ {
		MOVQ(x[i], RDX)
		XORQ(zero, zero)
		for j := range 3 {
			MULXQ(y[j], lo, hi)
			ADCXQ(lo, r[i+j])
			ADOXQ(hi, r[i+j+1])
		}
		r[i+4] = GP64()
		MULXQ(y[3], lo, r[i+4])
		ADCXQ(lo, r[i+3])
		ADOXQ(zero, r[i+4])
		ADCXQ(zero, r[i+4])
	}
	reduce(z, r, lo, hi, zero)
}

// sqr emits z = x * x: the 6 cross products once, doubled, plus the 4
// squares. z may alias x.
func sqr(z dst, x fe) {
	Comment("sqr: cross products a_i*a_j (i<j), then 2*cross + squares with CF (doubling) and OF (squares) chains")
	var r [8]GPVirtual
	for i := range r {
		r[i] = GP64()
	}
	lo, hi, zero := GP64(), GP64(), GP64()
	MOVQ(x[0], RDX)
	MULXQ(x[1], r[1], r[2])
	MULXQ(x[2], lo, r[3])
	ADDQ(lo, r[2])
	MULXQ(x[3], lo, r[4])
	ADCQ(lo, r[3])
	ADCQ(Imm(0), r[4])
	MOVQ(x[1], RDX)
	XORQ(zero, zero)
	MULXQ(x[2], lo, hi)
	ADCXQ(lo, r[3])
	ADOXQ(hi, r[4])
	MULXQ(x[3], lo, r[5])
	ADCXQ(lo, r[4])
	ADOXQ(zero, r[5])
	ADCXQ(zero, r[5])
	MOVQ(x[2], RDX)
	MULXQ(x[3], lo, r[6])
	ADDQ(lo, r[5])
	ADCQ(Imm(0), r[6])

	XORQ(zero, zero)
	MOVQ(x[0], RDX)
	MULXQ(RDX, r[0], hi)
	ADCXQ(r[1], r[1])
	ADOXQ(hi, r[1])
	for i := 1; i < 3; i++ {
		MOVQ(x[i], RDX)
		MULXQ(RDX, lo, hi)
		ADCXQ(r[2*i], r[2*i])
		ADOXQ(lo, r[2*i])
		ADCXQ(r[2*i+1], r[2*i+1])
		ADOXQ(hi, r[2*i+1])
	}
	MOVQ(x[3], RDX)
	MULXQ(RDX, lo, r[7])
	ADCXQ(r[6], r[6])
	ADOXQ(lo, r[6])
	ADCXQ(zero, r[7])
	ADOXQ(zero, r[7])
	reduce(z, r, lo, hi, zero)
}

// reduce emits z = r[0..3] + 38*r[4..7] mod p, below 2^256.
func reduce(z dst, r [8]GPVirtual, lo, hi, zero GPVirtual) {
	Comment("reduce: 2^256 = 38 (mod p): add 38 * high half to low half")
	MOVQ(U32(38), RDX)
	XORQ(zero, zero)
	for i := range 3 {
		MULXQ(r[4+i], lo, hi)
		ADCXQ(lo, r[i])
		ADOXQ(hi, r[i+1])
	}
	top := r[4]
	MULXQ(r[7], lo, top)
	ADCXQ(lo, r[3])
	ADOXQ(zero, top)
	ADCXQ(zero, top)
	fold(z, [4]GPVirtual{r[0], r[1], r[2], r[3]}, top)
}

// fold emits z = r + 38*top (top below 2^58), then adds 38 once more if
// that carries out of 2^256.
func fold(z dst, r [4]GPVirtual, top GPVirtual) {
	IMUL3Q(U8(38), top, top)
	ADDQ(top, r[0])
	ADCQ(Imm(0), r[1])
	ADCQ(Imm(0), r[2])
	ADCQ(Imm(0), r[3])
	SBBQ(top, top)
	ANDQ(U8(38), top)
	ADDQ(top, r[0])
	store(z, r)
}

// add emits z = x + y. z may alias x or y.
func add(z dst, x, y fe) {
	Comment("add: a carry out of 2^256 is worth 38; folded twice")
	var r [4]GPVirtual
	for i := range r {
		r[i] = GP64()
		MOVQ(x[i], r[i])
	}
	ADDQ(y[0], r[0])
	for i := 1; i < 4; i++ {
		ADCQ(y[i], r[i])
	}
	t := GP64()
	for range 2 {
		SBBQ(t, t)
		ANDQ(U8(38), t)
		ADDQ(t, r[0])
		ADCQ(Imm(0), r[1])
		ADCQ(Imm(0), r[2])
		ADCQ(Imm(0), r[3])
	}
	store(z, r)
}

// sub emits z = x - y. z may alias x or y.
func sub(z dst, x, y fe) {
	Comment("sub: a borrow out of 2^256 costs 38; folded twice")
	var r [4]GPVirtual
	for i := range r {
		r[i] = GP64()
		MOVQ(x[i], r[i])
	}
	SUBQ(y[0], r[0])
	for i := 1; i < 4; i++ {
		SBBQ(y[i], r[i])
	}
	t := GP64()
	for range 2 {
		SBBQ(t, t)
		ANDQ(U8(38), t)
		SUBQ(t, r[0])
		SBBQ(Imm(0), r[1])
		SBBQ(Imm(0), r[2])
		SBBQ(Imm(0), r[3])
	}
	store(z, r)
}

// mul121665 emits z = x * 121665 (a24 of RFC 7748). z may alias x.
func mul121665(z dst, x fe) {
	Comment("mul121665: one row of MULX, then fold the top limb")
	var r [4]GPVirtual
	for i := range r {
		r[i] = GP64()
	}
	lo, top := GP64(), GP64()
	MOVQ(U32(121665), RDX)
	MULXQ(x[0], r[0], r[1])
	MULXQ(x[1], lo, r[2])
	ADDQ(lo, r[1])
	MULXQ(x[2], lo, r[3])
	ADCQ(lo, r[2])
	MULXQ(x[3], lo, top)
	ADCQ(lo, r[3])
	ADCQ(Imm(0), top)
	fold(z, r, top)
}

func ptrFE(name string) fe {
	return feAt(Mem{Base: Load(Param(name), GP64())})
}

func feMulFunc() {
	TEXT("feMulADX", NOSPLIT, "func(z, x, y *[4]uint64)")
	Doc("feMulADX sets z = x * y mod p, partially reduced (below 2^256).")
	Pragma("noescape")
	// z's pointer is loaded for the stores only: x, y and the 8-limb product
	// need all 14 allocatable registers before that.
	mul(func() fe { return ptrFE("z") }, ptrFE("x"), ptrFE("y"))
	RET()
}

func copyFE(z, x fe) {
	for i := range 4 {
		t := GP64()
		MOVQ(x[i], t)
		MOVQ(t, z[i])
	}
}

func feSqrFunc() {
	TEXT("feSqrADX", NOSPLIT, "func(z, x *[4]uint64, n int)")
	Doc("feSqrADX sets z = x^(2^n) mod p (n >= 1 squarings), partially reduced.")
	Pragma("noescape")
	frame := feAt(AllocLocal(32))
	n := Load(Param("n"), GP64())
	cnt := AllocLocal(8)
	MOVQ(n, cnt)
	x := ptrFE("x")
	sqr(at(frame), x)
	Label("sqrloop")
	DECQ(cnt)
	JLE(LabelRef("sqrdone"))
	sqr(at(frame), frame)
	JMP(LabelRef("sqrloop"))
	Label("sqrdone")
	copyFE(ptrFE("z"), frame)
	RET()
}

func feAddFunc() {
	TEXT("feAddADX", NOSPLIT, "func(z, x, y *[4]uint64)")
	Doc("feAddADX sets z = x + y mod p, partially reduced.")
	Pragma("noescape")
	x, y := ptrFE("x"), ptrFE("y")
	add(func() fe { return ptrFE("z") }, x, y)
	RET()
}

func feSubFunc() {
	TEXT("feSubADX", NOSPLIT, "func(z, x, y *[4]uint64)")
	Doc("feSubADX sets z = x - y mod p, partially reduced.")
	Pragma("noescape")
	x, y := ptrFE("x"), ptrFE("y")
	sub(func() fe { return ptrFE("z") }, x, y)
	RET()
}

func feMul121665Func() {
	TEXT("feMul121665ADX", NOSPLIT, "func(z, x *[4]uint64)")
	Doc("feMul121665ADX sets z = x * 121665 mod p, partially reduced.")
	Pragma("noescape")
	x := ptrFE("x")
	mul121665(func() fe { return ptrFE("z") }, x)
	RET()
}

// ladderFunc emits the RFC 7748 section 5 Montgomery ladder over all 255
// bits of the clamped scalar, with every field element in the stack frame.
func ladderFunc() {
	TEXT("ladderADX", NOSPLIT, "func(xz *[8]uint64, k *[4]uint64, u *[4]uint64)")
	Doc("ladderADX runs the X25519 Montgomery ladder for the clamped scalar k",
		"and the u-coordinate u (below 2^255) and sets xz to (x2, z2): the result",
		"is x2/z2. Constant time: scalar bits only form the cswap masks.")
	Pragma("noescape")
	x1 := feAt(AllocLocal(32))
	x2 := feAt(AllocLocal(32))
	z2 := feAt(AllocLocal(32))
	x3 := feAt(AllocLocal(32))
	z3 := feAt(AllocLocal(32))
	var t [9]fe
	for i := range t {
		t[i] = feAt(AllocLocal(32))
	}
	iSlot := AllocLocal(8)
	swapSlot := AllocLocal(8)

	Comment("x1 = x3 = u, x2 = 1, z2 = 0, z3 = 1")
	u := ptrFE("u")
	for i := range 4 {
		v := GP64()
		MOVQ(u[i], v)
		MOVQ(v, x1[i])
		MOVQ(v, x3[i])
		var c uint64
		if i == 0 {
			c = 1
		}
		MOVQ(U32(c), x2[i])
		MOVQ(U32(0), z2[i])
		MOVQ(U32(c), z3[i])
	}
	MOVQ(U32(254), iSlot)
	MOVQ(U32(0), swapSlot)

	Label("ladderloop")
	{
		Comment("bit = k >> i & 1; swap ^= bit; cswap(x2, x3), cswap(z2, z3); swap = bit")
		i, w, kp := GP64(), GP64(), Load(Param("k"), GP64())
		MOVQ(iSlot, i)
		MOVQ(i, w)
		SHRQ(U8(6), w)
		MOVQ(Mem{Base: kp, Index: w, Scale: 8}, w)
		SHRXQ(i, w, w)
		ANDQ(U8(1), w)
		s := GP64()
		MOVQ(swapSlot, s)
		XORQ(w, s)
		MOVQ(w, swapSlot)
		cswap(s, x2, z2, x3, z3)
	}
	a, b, c, d, e, e2, ee, aa, bb := t[0], t[1], t[2], t[3], t[4], t[5], t[6], t[7], t[8]
	Comment("A = x2+z2, B = x2-z2, C = x3+z3, D = x3-z3")
	add(at(a), x2, z2)
	sub(at(b), x2, z2)
	add(at(c), x3, z3)
	sub(at(d), x3, z3)
	Comment("AA = A^2, BB = B^2, DA = D*A, CB = C*B")
	sqr(at(aa), a)
	sqr(at(bb), b)
	mul(at(d), d, a)
	mul(at(c), c, b)
	Comment("Two independent chains, interleaved for the out-of-order core:",
		"x2 = AA*BB, E = AA-BB, z2 = E*(AA + a24*E); x3 = (DA+CB)^2, z3 = x1*(DA-CB)^2")
	sub(at(ee), aa, bb)
	add(at(e), d, c)
	mul121665(at(e2), ee)
	sub(at(a), d, c)
	add(at(e2), e2, aa)
	sqr(at(x3), e)
	mul(at(x2), aa, bb)
	sqr(at(a), a)
	mul(at(z2), ee, e2)
	mul(at(z3), a, x1)

	DECQ(iSlot)
	JGE(LabelRef("ladderloop"))

	Comment("final cswap with the last bit")
	s := GP64()
	MOVQ(swapSlot, s)
	cswap(s, x2, z2, x3, z3)
	out := Load(Param("xz"), GP64())
	copyFE(feAt(Mem{Base: out}), x2)
	copyFE(feAt(Mem{Base: out, Disp: 32}), z2)
	RET()
}

// cswap emits a constant-time swap of (x2, z2) with (x3, z3) if s is 1.
func cswap(s GPVirtual, x2, z2, x3, z3 fe) {
	NEGQ(s) // mask: 0 or all ones
	for _, pair := range [][2]fe{{x2, x3}, {z2, z3}} {
		for i := range 4 {
			p, q, t := GP64(), GP64(), GP64()
			MOVQ(pair[0][i], p)
			MOVQ(pair[1][i], q)
			MOVQ(p, t)
			XORQ(q, t)
			ANDQ(s, t)
			XORQ(t, p)
			XORQ(t, q)
			MOVQ(p, pair[0][i])
			MOVQ(q, pair[1][i])
		}
	}
}
