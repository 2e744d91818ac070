// Package mont emits the Montgomery multiplication for any odd modulus of
// L 64-bit limbs (CIOS with MULX/ADCX/ADOX) that internal/nistec/p256 and
// internal/nistec/p384 use for arithmetic mod the group order n. Its Go
// reference is montMulGeneric in each of those packages, which test the
// assembly against it.
package mont

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// MontMul emits montMulADX and montSqrNADX for L-limb moduli into the
// current avo file.
func MontMul(L int) {
	TEXT("montMulADX", NOSPLIT, fmt.Sprintf("func(z, x, y, m *[%d]uint64, m0inv uint64)", L))
	Doc("montMulADX sets z = x·y·2^(-64L) mod m for x, y < m (CIOS with MULX/ADCX/ADOX).",
		"z may alias x or y. Requires BMI2 and ADX.")
	Pragma("noescape")
	x := Mem{Base: Load(Param("x"), GP64())}
	y := Mem{Base: Load(Param("y"), GP64())}
	m := Mem{Base: Load(Param("m"), GP64())}
	m0inv := NewParamAddr("m0inv", 32)
	zero := AllocLocal(8)
	MOVQ(U32(0), zero)
	t := montBody(L, x, y, m, m0inv, zero)
	Comment("t < 2m: store t, subtract m, keep t if that borrows")
	z := Mem{Base: Load(Param("z"), GP64())}
	montFinal(L, z, t, m)
	RET()

	TEXT("montSqrNADX", NOSPLIT, fmt.Sprintf("func(z, x, m *[%d]uint64, m0inv uint64, n int)", L))
	Doc("montSqrNADX sets z = x^(2^n) in the Montgomery domain mod m (n >= 1 squarings,",
		"each as montMulADX). z may alias x. Requires BMI2 and ADX.")
	Pragma("noescape")
	a := AllocLocal(8 * L)
	{
		xp := Mem{Base: Load(Param("x"), GP64())}
		for i := range L {
			r := GP64()
			MOVQ(xp.Offset(8*i), r)
			MOVQ(r, a.Offset(8*i))
		}
	}
	cnt := AllocLocal(8)
	{
		r := Load(Param("n"), GP64())
		MOVQ(r, cnt)
	}
	zero = AllocLocal(8)
	MOVQ(U32(0), zero)
	m0inv = NewParamAddr("m0inv", 24)
	Label("sqr")
	mm := Mem{Base: Load(Param("m"), GP64())}
	t = montBody(L, a, a, mm, m0inv, zero)
	montFinal(L, a, t, mm)
	DECQ(cnt)
	JNZ(LabelRef("sqr"))
	z = Mem{Base: Load(Param("z"), GP64())}
	for i := range L {
		r := GP64()
		MOVQ(a.Offset(8*i), r)
		MOVQ(r, z.Offset(8*i))
	}
	RET()
}

// montBody emits the CIOS rounds of x·y·2^(-64L) mod m and returns the
// L+1 limbs of the result, below 2m. It reads x and y to the end, so the
// result must not be stored over them before it returns.
func montBody(L int, x, y, m, m0inv, zero Mem) []GPVirtual {
	// t holds L+2 limbs: the running value, below 2m after each round.
	t := make([]GPVirtual, L+2)
	for i := range t {
		t[i] = GP64()
		XORQ(t[i], t[i])
	}
	lo, hi := GP64(), GP64()
	for i := range L {
		Comment(fmt.Sprintf("round %d: t += x·y[%d] (CF: low halves, OF: high halves)", i, i))
		MOVQ(y.Offset(8*i), RDX)
		XORQ(lo, lo) // clears CF and OF
		for j := range L {
			MULXQ(x.Offset(8*j), lo, hi)
			ADCXQ(lo, t[j])
			ADOXQ(hi, t[j+1])
		}
		ADCXQ(zero, t[L])
		ADOXQ(zero, t[L+1])
		ADCXQ(zero, t[L+1])
		Comment("t += u·m for u = t[0]·m0inv, clearing t[0]; then shift down a limb")
		MOVQ(m0inv, RDX)
		IMULQ(t[0], RDX)
		XORQ(lo, lo)
		for j := range L {
			MULXQ(m.Offset(8*j), lo, hi)
			ADCXQ(lo, t[j])
			ADOXQ(hi, t[j+1])
		}
		ADCXQ(zero, t[L])
		ADOXQ(zero, t[L+1])
		ADCXQ(zero, t[L+1])
		// t[0] is now zero: it becomes the new top limb.
		t = append(t[1:], t[0])
	}
	return t[:L+1]
}

// montFinal emits z = t - m if that does not borrow, else z = t.
func montFinal(L int, z Mem, t []GPVirtual, m Mem) {
	for j := range L {
		MOVQ(t[j], z.Offset(8*j))
	}
	SUBQ(m, t[0])
	for j := 1; j < L; j++ {
		SBBQ(m.Offset(8*j), t[j])
	}
	SBBQ(U32(0), t[L])
	for j := range L {
		CMOVQCS(z.Offset(8*j), t[j])
		MOVQ(t[j], z.Offset(8*j))
	}
}
