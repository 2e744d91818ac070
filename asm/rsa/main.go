// Command rsa generates the amd64 assembly of package sig/rsa.
//
// Run it through go:generate in sig/rsa (see rsa_amd64.go).
//
// montMulADX<k>: Montgomery multiplication z = x*y*2^(-64k) mod m for k-word
// moduli (k = 16, 24, 32 for the primes of 2048-, 3072- and 4096-bit keys;
// 48 and 64 for the public operation of 3072- and 4096-bit keys), with MULX
// and the two carry chains of ADCX (CF) and ADOX (OF). The reference is
// montMulGeneric in sig/rsa/rsa_generic.go.
//
// Why assembly: Go cannot keep two carry chains alive (bits.Add64 serializes
// on one carry), and the generic code spends most of its time moving carries
// through registers; MULX/ADCX/ADOX add one product word per cycle.
//
// montSqrADX<k> (sqr.go): Montgomery squaring for the primes' sizes.
//
// avx512ifma.go: the 52-bit-limb AVX-512 IFMA exponentiation.
package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func main() {
	ConstraintExpr("amd64,gc,!purego")
	for _, k := range []int{16, 24, 32, 48, 64} {
		montMulADX(k)
	}
	for _, k := range []int{16, 24, 32} {
		montSqrADX(k)
	}
	ifmaFuncs()
	Generate()
}

// montMulADX emits montMulADX<k>, coarsely integrated operand scanning (CIOS):
// for each word y[i] of y, T += x*y[i] (pass A), then q = T[0]*m0inv and
// T = (T + m*q) / 2^64 (pass B, which shifts by storing word j at j-1). T has
// k+2 words on the stack; after every iteration T < 2m, so T[k] <= 1 and
// T[k+1] = 0. A final constant-time conditional subtraction gives z < m.
// x and y are read until the end, so z may alias them.
func montMulADX(k int) {
	TEXT(fmt.Sprintf("montMulADX%d", k), NOSPLIT, fmt.Sprintf("func(z, x, y, m *[%d]uint64, m0inv uint64)", k))
	Pragma("noescape")
	Doc(fmt.Sprintf("montMulADX%d sets z = x*y*2^(-%d) mod m, for x < m, y < 2^%d and odd m, with z < m;", k, 64*k, 64*k),
		"m0inv = -m^-1 mod 2^64. z may alias x or y. It executes in constant time.")

	t := AllocLocal(8 * (k + 2))
	xp := Mem{Base: Load(Param("x"), GP64())}
	yp := Load(Param("y"), GP64())
	mp := Mem{Base: Load(Param("m"), GP64())}
	m0inv := Load(Param("m0inv"), GP64())

	zero := GP64()
	XORQ(zero, zero)
	Comment("T = 0")
	for j := 0; j < k+2; j++ {
		MOVQ(zero, t.Offset(8*j))
	}
	n := GP64()
	MOVQ(U32(k), n)
	lo := GP64()
	h := [2]GPVirtual{GP64(), GP64()} // high halves of products j (h[j%2]) and j-1

	Label(fmt.Sprintf("loop%d", k))
	Comment("Pass A: T += x * y[i], CF chain adds T[j], OF chain adds the high half of word j-1")
	MOVQ(Mem{Base: yp}, RDX)
	XORQ(zero, zero) // clears CF and OF
	for j := 0; j < k; j++ {
		MULXQ(xp.Offset(8*j), lo, h[j%2])
		ADCXQ(t.Offset(8*j), lo)
		if j > 0 {
			ADOXQ(h[(j-1)%2], lo)
		}
		MOVQ(lo, t.Offset(8*j))
	}
	last := h[(k-1)%2]
	ADCXQ(t.Offset(8*k), last)
	ADOXQ(zero, last)
	MOVQ(last, t.Offset(8*k))
	MOVQ(zero, lo)
	ADCXQ(zero, lo)
	ADOXQ(zero, lo)
	MOVQ(lo, t.Offset(8*(k+1)))

	Comment("Pass B: q = T[0]*m0inv, T = (T + m*q) / 2^64")
	MOVQ(t, RDX)
	IMULQ(m0inv, RDX)
	XORQ(zero, zero)
	for j := 0; j < k; j++ {
		MULXQ(mp.Offset(8*j), lo, h[j%2])
		ADCXQ(t.Offset(8*j), lo)
		if j > 0 {
			ADOXQ(h[(j-1)%2], lo)
			MOVQ(lo, t.Offset(8*(j-1)))
		}
		// word 0 of T + m*q is zero by the choice of q
	}
	ADCXQ(t.Offset(8*k), last)
	ADOXQ(zero, last)
	MOVQ(last, t.Offset(8*(k-1)))
	MOVQ(t.Offset(8*(k+1)), lo)
	ADCXQ(zero, lo)
	ADOXQ(zero, lo)
	MOVQ(lo, t.Offset(8*k))
	MOVQ(zero, t.Offset(8*(k+1)))

	ADDQ(Imm(8), yp)
	DECQ(n)
	JNZ(LabelRef(fmt.Sprintf("loop%d", k)))

	Comment("z = T - m, then z = T where that borrowed (T < m, T[k] = 0); CF after SBB from T[k] says which")
	zp := Mem{Base: Load(Param("z"), GP64())}
	for j := 0; j < k; j++ {
		MOVQ(t.Offset(8*j), lo)
		if j == 0 {
			SUBQ(mp, lo)
		} else {
			SBBQ(mp.Offset(8*j), lo)
		}
		MOVQ(lo, zp.Offset(8*j))
	}
	top := GP64()
	MOVQ(t.Offset(8*k), top)
	SBBQ(Imm(0), top)
	for j := 0; j < k; j++ {
		MOVQ(zp.Offset(8*j), lo)
		CMOVQCS(t.Offset(8*j), lo)
		MOVQ(lo, zp.Offset(8*j))
	}
	Comment("Clear T from the stack")
	for j := 0; j < k+2; j++ {
		MOVQ(zero, t.Offset(8*j))
	}
	RET()
}
