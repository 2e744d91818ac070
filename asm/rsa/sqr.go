package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// montSqrADX emits montSqrADX<k>: z = x^2 * 2^(-64k) mod m, for x < m.
// The reference is montSqrGeneric in sig/rsa/rsa_generic.go, which takes
// the same steps:
//
//  1. the cross products x[i]*x[j], i < j, once each, into T (2k words on
//     the stack): row i adds x[i]*x[i+1..k-1] at T[2i+1..] (MULX with the
//     CF chain adding T and the OF chain adding the previous high half);
//  2. T = 2T + the squares x[i]^2 on the diagonal (CF doubles, OF adds);
//  3. Montgomery reduction: k rows, q = T[i]*m0inv, T[i..i+k] += m*q, with
//     the row's carry word added at T[i+k] and a carry bit kept for T[i+k+1];
//  4. z = T[k..2k-1] (+ carry bit * 2^64k), minus m if that is at least m,
//     in constant time.
//
// Squaring does about k^2/2 products instead of k^2, so the
// exponentiation, mostly squarings, needs ~20% fewer MULX.
func montSqrADX(k int) {
	TEXT(fmt.Sprintf("montSqrADX%d", k), NOSPLIT, fmt.Sprintf("func(z, x, m *[%d]uint64, m0inv uint64)", k))
	Pragma("noescape")
	Doc(fmt.Sprintf("montSqrADX%d sets z = x*x*2^(-%d) mod m, for x < m and odd m, with z < m;", k, 64*k),
		"m0inv = -m^-1 mod 2^64. z may alias x. It executes in constant time.")

	t := AllocLocal(8 * 2 * k)
	xp := Mem{Base: Load(Param("x"), GP64())}
	zero := GP64()
	XORQ(zero, zero)
	Comment("T = 0")
	for j := 0; j < 2*k; j++ {
		MOVQ(zero, t.Offset(8*j))
	}
	lo := GP64()
	h := [2]GPVirtual{GP64(), GP64()}

	Comment("1. Cross products: row i adds x[i] * x[i+1..k-1] at T[2i+1..i+k]")
	for i := 0; i < k-1; i++ {
		MOVQ(xp.Offset(8*i), RDX)
		XORQ(zero, zero)
		for j := i + 1; j < k; j++ {
			n := j - i - 1 // position in the row
			MULXQ(xp.Offset(8*j), lo, h[n%2])
			ADCXQ(t.Offset(8*(i+j)), lo)
			if n > 0 {
				ADOXQ(h[(n-1)%2], lo)
			}
			MOVQ(lo, t.Offset(8*(i+j)))
		}
		// T[i+k] is still zero: it gets the last high half and both carries.
		last := h[(k-i-2)%2]
		ADCXQ(zero, last)
		ADOXQ(zero, last)
		MOVQ(last, t.Offset(8*(i+k)))
	}

	Comment("2. T = 2T + diagonal squares")
	XORQ(zero, zero)
	t0, t1 := GP64(), GP64()
	for i := 0; i < k; i++ {
		MOVQ(xp.Offset(8*i), RDX)
		MULXQ(RDX, lo, h[0])
		MOVQ(t.Offset(8*2*i), t0)
		MOVQ(t.Offset(8*(2*i+1)), t1)
		ADCXQ(t0, t0)
		ADCXQ(t1, t1)
		ADOXQ(lo, t0)
		ADOXQ(h[0], t1)
		MOVQ(t0, t.Offset(8*2*i))
		MOVQ(t1, t.Offset(8*(2*i+1)))
	}

	Comment("3. Montgomery reduction, one row of m*q per word (a loop: every row has k words)")
	mp := Mem{Base: Load(Param("m"), GP64())}
	m0inv := Load(Param("m0inv"), GP64())
	tp := GP64()
	LEAQ(t, tp)
	tr := Mem{Base: tp}
	top := GP64()
	XORQ(top, top)
	cnt := GP64()
	MOVQ(U32(k), cnt)
	Label(fmt.Sprintf("sqrred%d", k))
	MOVQ(tr, RDX)
	IMULQ(m0inv, RDX)
	XORQ(zero, zero)
	for j := 0; j < k; j++ {
		MULXQ(mp.Offset(8*j), lo, h[j%2])
		ADCXQ(tr.Offset(8*j), lo)
		if j > 0 {
			ADOXQ(h[(j-1)%2], lo)
		}
		MOVQ(lo, tr.Offset(8*j))
	}
	c := h[(k-1)%2]
	ADCXQ(zero, c)
	ADOXQ(zero, c)
	Comment("T[i+k] += c + top; top = carry out")
	MOVQ(tr.Offset(8*k), t0)
	ADDQ(c, t0)
	MOVQ(U32(0), c)
	ADCQ(Imm(0), c)
	ADDQ(top, t0)
	ADCQ(Imm(0), c)
	MOVQ(t0, tr.Offset(8*k))
	MOVQ(c, top)
	ADDQ(Imm(8), tp)
	DECQ(cnt)
	JNZ(LabelRef(fmt.Sprintf("sqrred%d", k)))

	Comment("4. z = T[k..2k-1] - m unless that borrows with top = 0")
	zp := Mem{Base: Load(Param("z"), GP64())}
	for j := 0; j < k; j++ {
		MOVQ(t.Offset(8*(k+j)), lo)
		if j == 0 {
			SUBQ(mp, lo)
		} else {
			SBBQ(mp.Offset(8*j), lo)
		}
		MOVQ(lo, zp.Offset(8*j))
	}
	SBBQ(Imm(0), top)
	for j := 0; j < k; j++ {
		MOVQ(zp.Offset(8*j), lo)
		CMOVQCS(t.Offset(8*(k+j)), lo)
		MOVQ(lo, zp.Offset(8*j))
	}
	Comment("Clear T from the stack")
	XORQ(zero, zero)
	for j := 0; j < 2*k; j++ {
		MOVQ(zero, t.Offset(8*j))
	}
	RET()
}
