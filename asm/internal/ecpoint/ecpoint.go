// Package ecpoint emits what the P-256 and P-384 generators (asm/p256,
// asm/p384) share: the Jacobian point formulas over any field whose
// operations the caller emits, and the constant-time AVX2 table scan.
// Their Go references are jaddGeneric, jaddAffineGeneric and
// select*Generic in internal/nistec/p256 and p384.
package ecpoint

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// A Field emits the field operations on elements of type F (limbs in
// memory) of one curve.
type Field[F any] interface {
	Local() F            // a new stack element
	Mul(z, x, y F)       // z = x·y
	Sqr(z, x F)          // z = x²
	Sub(z, x, y F)       // z = x - y
	Subs(z, x F, y ...F) // z = x - y[0] - y[1] - ...
}

// A Point is a Jacobian point (X, Y, Z) in memory.
type Point[F any] struct{ X, Y, Z F }

// JAdd emits r = p + q (add-1998-cmo-2: 12M + 4S, seven additions) into
// new locals, with the exceptions of jaddGeneric (p = q, identity inputs).
func JAdd[F any](f Field[F], p, q Point[F]) Point[F] {
	z1z1, z2z2, u1, u2, s1, s2 := f.Local(), f.Local(), f.Local(), f.Local(), f.Local(), f.Local()
	h, hh, hhh, rr, r2, v, t := f.Local(), f.Local(), f.Local(), f.Local(), f.Local(), f.Local(), f.Local()
	r := Point[F]{f.Local(), f.Local(), f.Local()}
	Comment("independent products are adjacent so that they overlap in the core")
	f.Sqr(z1z1, p.Z)
	f.Sqr(z2z2, q.Z)
	f.Mul(s1, p.Y, q.Z)
	f.Mul(s2, q.Y, p.Z)
	f.Mul(t, p.Z, q.Z)
	f.Mul(u1, p.X, z2z2)
	f.Mul(u2, q.X, z1z1)
	f.Mul(s1, s1, z2z2)
	f.Mul(s2, s2, z1z1)
	f.Sub(h, u2, u1)
	f.Sub(rr, s2, s1)
	f.Sqr(hh, h)
	Comment("Z3 = Z1·Z2·H")
	f.Mul(r.Z, t, h)
	f.Sqr(r2, rr)
	f.Mul(hhh, h, hh)
	f.Mul(v, u1, hh)
	f.Mul(s1, s1, hhh)
	Comment("X3 = r² - H³ - 2V")
	f.Subs(r.X, r2, hhh, v, v)
	Comment("Y3 = r(V - X3) - S1·H³")
	f.Sub(v, v, r.X)
	f.Mul(v, rr, v)
	f.Sub(r.Y, v, s1)
	return r
}

// MAdd emits r = p + (qx, qy) for an affine q (madd-2004-hmv: 8M + 3S,
// seven additions) into new locals, with the exceptions of
// jaddAffineGeneric (p = q, p the identity).
func MAdd[F any](f Field[F], p Point[F], qx, qy F) Point[F] {
	z1z1, u2, s2, h, hh := f.Local(), f.Local(), f.Local(), f.Local(), f.Local()
	hhh, rr, r2, v := f.Local(), f.Local(), f.Local(), f.Local()
	r := Point[F]{f.Local(), f.Local(), f.Local()}
	Comment("independent products are adjacent so that they overlap in the core")
	f.Sqr(z1z1, p.Z)
	f.Mul(s2, qy, p.Z)
	f.Mul(u2, qx, z1z1)
	f.Mul(s2, s2, z1z1)
	f.Sub(h, u2, p.X)
	f.Sub(rr, s2, p.Y)
	Comment("Z3 = Z1·H")
	f.Mul(r.Z, p.Z, h)
	f.Sqr(hh, h)
	f.Sqr(r2, rr)
	f.Mul(hhh, h, hh)
	f.Mul(v, p.X, hh)
	f.Mul(s2, p.Y, hhh)
	Comment("X3 = r² - H³ - 2V")
	f.Subs(r.X, r2, hhh, v, v)
	Comment("Y3 = r(V - X3) - Y1·H³")
	f.Sub(v, v, r.X)
	f.Mul(v, rr, v)
	f.Sub(r.Y, v, s2)
	return r
}

// Select emits name(out *[limbs]uint64, table *[n][limbs]uint64, idx int):
// out = table[idx-1], or zero for idx = 0, reading every entry, with AVX2
// masks from VPCMPEQD of a broadcast index against a running counter.
// limbs is even: entries are scanned in 4-limb ymm pieces and a 2-limb xmm
// piece.
func Select(name string, n, limbs int) {
	TEXT(name, NOSPLIT, fmt.Sprintf("func(out *[%d]uint64, table *[%d][%d]uint64, idx int)", limbs, n, limbs))
	Doc(fmt.Sprintf("%s sets out to table[idx-1] (zero for idx = 0), for 0 <= idx <= %d,", name, n),
		"in constant time: every entry is read and masked. Requires AVX2.")
	Pragma("noescape")
	tab := Load(Param("table"), GP64())
	idx, one, ctr := YMM(), YMM(), YMM()
	{
		r := GP64()
		Load(Param("idx"), r)
		x := XMM()
		MOVQ(r, x)
		VPBROADCASTD(x, idx)
		MOVL(U32(1), r.As32())
		MOVQ(r, x)
		VPBROADCASTD(x, one)
	}
	VMOVDQU(one, ctr)
	chunks := limbs / 4
	rest := limbs % 4 // 0 or 2
	acc := make([]VecVirtual, chunks)
	for i := range acc {
		acc[i] = YMM()
		VPXOR(acc[i], acc[i], acc[i])
	}
	var accX VecVirtual
	if rest != 0 {
		accX = XMM()
		VPXOR(accX, accX, accX)
	}
	cnt := GP64()
	MOVQ(U32(n), cnt)
	Label(name + "_loop")
	mask := YMM()
	VPCMPEQD(idx, ctr, mask)
	VPADDD(one, ctr, ctr)
	for i := range chunks {
		t := YMM()
		VPAND(Mem{Base: tab, Disp: 32 * i}, mask, t)
		VPOR(t, acc[i], acc[i])
	}
	if rest != 0 {
		t := XMM()
		VPAND(Mem{Base: tab, Disp: 32 * chunks}, mask.AsX(), t)
		VPOR(t, accX, accX)
	}
	ADDQ(U32(8*limbs), tab)
	DECQ(cnt)
	JNZ(LabelRef(name + "_loop"))
	out := Mem{Base: Load(Param("out"), GP64())}
	for i := range chunks {
		VMOVDQU(acc[i], out.Offset(32*i))
	}
	if rest != 0 {
		VMOVDQU(accX, out.Offset(32*chunks))
	}
	VZEROUPPER()
	RET()
}
