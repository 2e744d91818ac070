package p256

import "sync"

// Jacobian coordinates: x = X/Z², y = Y/Z³, the identity has Z = 0. The
// formulas (from the Explicit-Formulas Database, for a = -3) are cheaper
// than the complete projective ones but have exceptional cases: doubling
// is exception-free, jaddRaw is wrong when p = q or either is the identity,
// and the callers below prove or handle that.
type jacPoint struct{ x, y, z elem }

// jdoubleGeneric sets r = 2p ("dbl-2001-b", rearranged to 4M + 4S with
// Y' = 2Y: γ' = Y'² = 4γ, 4β = X·γ', Z3 = Y'·Z, 8γ² = γ'²/2). r may alias p.
func (im Impl) jdoubleGeneric(r, p *jacPoint) {
	var delta, y2, g4, g16, beta, alpha, t, u elem
	im.fsqr(&delta, &p.z)
	fadd(&y2, &p.y, &p.y)
	fsub(&t, &p.x, &delta)
	fadd(&u, &p.x, &delta)
	im.fsqr(&g4, &y2)
	im.fmul(&r.z, &y2, &p.z) // p.y, p.z are not read again
	im.fmul(&alpha, &t, &u)
	im.fmul(&beta, &p.x, &g4) // 4β
	im.fsqr(&g16, &g4)
	fadd(&t, &alpha, &alpha)
	fadd(&alpha, &alpha, &t) // α = 3(X-δ)(X+δ)
	// X3 = α² - 8β
	im.fsqr(&t, &alpha)
	fadd(&u, &beta, &beta)
	fsub(&r.x, &t, &u)
	// Y3 = α(4β - X3) - 8γ²
	fsub(&t, &beta, &r.x)
	im.fmul(&t, &alpha, &t)
	halfMod(&g16, &g16, &fp.m)
	fsub(&r.y, &t, &g16)
}

// jaddGeneric sets r = p + q ("add-1998-cmo-2", 12M + 4S, with fewer
// additions than add-2007-bl's 11M + 5S) for p ≠ ±q... see the type
// comment: p = -q gives the identity correctly, p = q and identity inputs
// do not. r may alias p or q.
func (im Impl) jaddGeneric(r, p, q *jacPoint) {
	var z1z1, z2z2, u1, u2, s1, s2, h, hh, hhh, rr, r2, v, t, x3, z3 elem
	im.fsqr(&z1z1, &p.z)
	im.fsqr(&z2z2, &q.z)
	im.fmul(&s1, &p.y, &q.z)
	im.fmul(&s2, &q.y, &p.z)
	im.fmul(&t, &p.z, &q.z)
	im.fmul(&u1, &p.x, &z2z2)
	im.fmul(&u2, &q.x, &z1z1)
	im.fmul(&s1, &s1, &z2z2)
	im.fmul(&s2, &s2, &z1z1)
	fsub(&h, &u2, &u1)
	fsub(&rr, &s2, &s1)
	im.fsqr(&hh, &h)
	im.fmul(&z3, &t, &h) // Z3 = Z1·Z2·H
	im.fsqr(&r2, &rr)
	im.fmul(&hhh, &h, &hh)
	im.fmul(&v, &u1, &hh)
	im.fmul(&s1, &s1, &hhh)
	// X3 = r² - H³ - 2V
	fsub(&t, &r2, &hhh)
	fsub(&t, &t, &v)
	fsub(&x3, &t, &v)
	// Y3 = r(V - X3) - S1·H³
	fsub(&v, &v, &x3)
	im.fmul(&v, &rr, &v)
	fsub(&r.y, &v, &s1)
	r.x, r.z = x3, z3
}

// jsame returns 1 if p and q, not the identity, are the same point.
func (im Impl) jsame(p, q *jacPoint) uint64 {
	var z1z1, z2z2, u1, u2, s1, s2 elem
	im.fsqr(&z1z1, &p.z)
	im.fsqr(&z2z2, &q.z)
	im.fmul(&u1, &p.x, &z2z2)
	im.fmul(&u2, &q.x, &z1z1)
	im.fmul(&s1, &p.y, &q.z)
	im.fmul(&s1, &s1, &z2z2)
	im.fmul(&s2, &q.y, &p.z)
	im.fmul(&s2, &s2, &z1z1)
	return equal(&u1, &u2) & equal(&s1, &s2)
}

func jcmov(r, p *jacPoint, c uint64) {
	cmov(&r.x, &p.x, c)
	cmov(&r.y, &p.y, c)
	cmov(&r.z, &p.z, c)
}

// jaddComplete sets r = p + q for any p, q, in constant time, at the cost
// of a doubling and an equality test besides the addition.
func (im Impl) jaddComplete(r, p, q *jacPoint) {
	var sum, dbl jacPoint
	same := im.jsame(p, q)
	pInf, qInf := isZero(&p.z), isZero(&q.z)
	im.jadd(&sum, p, q)
	im.jdouble(&dbl, q)
	jcmov(&sum, &dbl, same&(1^pInf)&(1^qInf))
	jcmov(&sum, q, pInf)
	jcmov(&sum, p, qInf)
	*r = sum
}

// jacSelect sets r to the entry |d| of table (entries 1..len), negated if
// d < 0, or to an identity (zero) for d = 0, scanning every entry.
func (im Impl) jacSelect(r *jacPoint, table *[varTable]jacPoint, d int64) {
	abs, neg := absSign(d)
	if !selectJacAsm(im, r, table, abs) {
		selectJacGeneric(r, table, abs)
	}
	var ny elem
	fsub(&ny, &elemZero, &r.y)
	cmov(&r.y, &ny, neg)
}

// selectJacGeneric sets r = table[abs-1], or zero (an identity) for abs = 0.
func selectJacGeneric(r *jacPoint, table *[varTable]jacPoint, abs uint64) {
	*r = jacPoint{}
	for j := range table {
		jcmov(r, &table[j], eq(abs, uint64(j+1)))
	}
}

// scalarMult sets r = k·q for an affine q and k < n, in constant time:
// signed 5-bit windows (digits in [-16, 15]) over a table of 1q..16q.
//
// Exceptions: before the last addition the accumulator is 32·K·q with
// 32 <= |32K| < n/16 (or K = 0, the identity, which is selected away), and
// the table entry is d·q with |d| <= 16, so they are never equal or
// opposite. The last addition can meet them (k near 0 or n), and uses
// jaddComplete.
func (im Impl) scalarMult(r *jacPoint, q *affinePoint, k *elem) {
	var table [varTable]jacPoint
	// table[i] = (i+1)·q: even multiples by doubling (cheaper), odd ones by
	// a mixed addition of the affine q to the even one below (never equal
	// to it or its negation, nor the identity).
	table[0] = jacPoint{q.x, q.y, fp.one}
	for i := 1; i < varTable; i++ {
		if i%2 == 1 {
			im.jdouble(&table[i], &table[i/2])
		} else {
			im.jaddAffine(&table[i], &table[i-1], q)
		}
	}
	var digits [varDigits]int64
	recode(digits[:], k, varW)

	var acc, t jacPoint
	im.jacSelect(&acc, &table, digits[varDigits-1])
	for i := varDigits - 2; i > 0; i-- {
		im.jdoubleN(&acc, &acc, varW)
		abs, neg := absSign(digits[i])
		im.selectJac(&t, &table, abs)
		im.varStep(&acc, &t, neg)
	}
	im.jdoubleN(&acc, &acc, varW)
	im.jacSelect(&t, &table, digits[0])
	im.jaddComplete(&acc, &acc, &t)
	*r = acc
}

// selectJac sets r = table[abs-1], or an identity (zero) for abs = 0,
// scanning every entry.
func (im Impl) selectJac(r *jacPoint, table *[varTable]jacPoint, abs uint64) {
	if !selectJacAsm(im, r, table, abs) {
		selectJacGeneric(r, table, abs)
	}
}

// varStep is one window of scalarMult: with q' = q, negated if neg = 1, it
// sets acc = acc + q', or q' if acc is the identity, or leaves acc alone if
// q is the identity (Z = 0). acc and q' must not be equal or opposite
// otherwise. q is not modified. Constant time.
func (im Impl) varStep(acc, q *jacPoint, neg uint64) {
	if varStepAsm(im, acc, q, neg) {
		return
	}
	varStepGeneric(im, acc, q, neg)
}

func varStepGeneric(im Impl, acc, q *jacPoint, neg uint64) {
	t := *q
	var ny elem
	fsub(&ny, &elemZero, &t.y)
	cmov(&t.y, &ny, neg)
	var sum jacPoint
	im.jaddGeneric(&sum, acc, &t)
	jcmov(&sum, &t, isZero(&acc.z))
	jcmov(&sum, acc, isZero(&t.z))
	*acc = sum
}

// jacToAffineX sets x to the affine x coordinate of p (0 for the identity).
func (im Impl) jacToAffineX(x *elem, p *jacPoint) {
	var zinv elem
	im.finv(&zinv, &p.z)
	im.fsqr(&zinv, &zinv)
	im.fmul(x, &p.x, &zinv)
}

// jacToAffine converts p to affine and returns 1, or 0 for the identity.
func (im Impl) jacToAffine(a *affinePoint, p *jacPoint) uint64 {
	var zinv, zinv2 elem
	im.finv(&zinv, &p.z)
	im.fsqr(&zinv2, &zinv)
	im.fmul(&a.x, &p.x, &zinv2)
	im.fmul(&zinv2, &zinv2, &zinv)
	im.fmul(&a.y, &p.y, &zinv2)
	return 1 ^ isZero(&p.z)
}

// ---- variable time, for verification (all inputs public) ----

// wnaf writes the width-w NAF of k into d (len bitLen+1): odd digits in
// (-2^(w-1), 2^(w-1)), each nonzero digit followed by at least w-1 zeros.
// w <= 8. Variable time.
func wnaf(d []int8, k *elem, w uint) {
	clear(d)
	width := uint64(1) << w
	mask := width - 1
	var carry uint64
	for pos := uint(0); pos < uint(len(d)); {
		// 64 bits of k from pos (zero beyond the top).
		limb, off := pos/64, pos%64
		var buf uint64
		if limb < limbs {
			buf = k[limb] >> off
			if off != 0 && limb+1 < limbs {
				buf |= k[limb+1] << (64 - off)
			}
		}
		v := carry + buf&mask
		if v&1 == 0 {
			pos++ // a zero digit; carry passes on
			continue
		}
		if v < width/2 {
			carry = 0
			d[pos] = int8(v)
		} else {
			carry = 1
			d[pos] = int8(int64(v) - int64(width))
		}
		pos += w
	}
}

// jaddVartime sets r = p + q for any p, q, branching on them.
func (im Impl) jaddVartime(r, p, q *jacPoint) {
	switch {
	case isZero(&p.z) == 1:
		*r = *q
	case isZero(&q.z) == 1:
		*r = *p
	case im.jsame(p, q) == 1:
		im.jdouble(r, q)
	default:
		im.jadd(r, p, q)
	}
}

func abs8(x int8) int {
	if x < 0 {
		return -int(x)
	}
	return int(x)
}

// jaddAffineGeneric sets r = p + q for an affine q ("madd-2004-hmv",
// 8M + 3S, with fewer additions than madd-2007-bl). Wrong for p = q and for
// p the identity; p = -q gives the identity. r may alias p.
func (im Impl) jaddAffineGeneric(r, p *jacPoint, q *affinePoint) {
	var z1z1, u2, s2, h, hh, hhh, rr, r2, v, t, x3, z3 elem
	im.fsqr(&z1z1, &p.z)
	im.fmul(&s2, &q.y, &p.z)
	im.fmul(&u2, &q.x, &z1z1)
	im.fmul(&s2, &s2, &z1z1)
	fsub(&h, &u2, &p.x)
	fsub(&rr, &s2, &p.y)
	im.fmul(&z3, &p.z, &h) // Z3 = Z1·H
	im.fsqr(&hh, &h)
	im.fsqr(&r2, &rr)
	im.fmul(&hhh, &h, &hh)
	im.fmul(&v, &p.x, &hh)
	im.fmul(&s2, &p.y, &hhh)
	// X3 = r² - H³ - 2V
	fsub(&t, &r2, &hhh)
	fsub(&t, &t, &v)
	fsub(&x3, &t, &v)
	// Y3 = r(V - X3) - Y1·H³
	fsub(&v, &v, &x3)
	im.fmul(&v, &rr, &v)
	fsub(&r.y, &v, &s2)
	r.x, r.z = x3, z3
}

func (im Impl) jaddAffine(r, p *jacPoint, q *affinePoint) {
	if jaddAffineAsm(im, r, p, q) {
		return
	}
	im.jaddAffineGeneric(r, p, q)
}

// scalarBaseMultJ sets r = k·G for k < n in constant time, in Jacobian
// coordinates: one mixed addition per baseW-bit signed digit from the
// affine tables, with the identity accumulator and zero digits selected
// away. Each step also selects the next window's table entry (baseStepSel).
//
// The remaining exceptions (accumulator = ±table point) cannot happen for
// 0 < k < n: the accumulator is Σ_{j<i} d_j·2^(wj)·G, smaller in absolute
// value than 2^(wi) <= |d_i|·2^(wi) and, but for the top digit, far from a
// multiple of n. As a safety net they are detected (the sum has Z = 0 while
// neither input is the identity), without branching, and if one occurred
// the result is recomputed with the complete formulas. The one branch, on
// that flag, is not taken for any valid scalar, so it does not make the
// time depend on k; BoringSSL's P-256 point addition keeps the same kind
// of branch for its "cannot happen" doubling case.
func (im Impl) scalarBaseMultJ(r *jacPoint, k *elem) {
	baseOnce.Do(buildBaseTables)
	var digits [baseTabs]int64
	recode(digits[:], k, baseW)
	var acc jacPoint
	var a affinePoint
	var bad uint64
	// The first window needs no addition: acc = ±a, or the identity.
	abs, neg := absSign(digits[0])
	im.selectAffine(&a, &baseTables[0], abs)
	var ny elem
	fsub(&ny, &elemZero, &a.y)
	cmov(&a.y, &ny, neg)
	acc = jacPoint{a.x, a.y, fp.one}
	jcmov(&acc, &jacPoint{}, eq(abs, 0))
	abs, neg = absSign(digits[1])
	im.selectAffine(&a, &baseTables[1], abs)
	for i := 1; i < baseTabs-1; i++ {
		nabs, nneg := absSign(digits[i+1])
		bad |= im.baseStepSel(&acc, &a, neg, eq(abs, 0), &baseTables[i+1], nabs)
		abs, neg = nabs, nneg
	}
	bad |= im.baseStep(&acc, &a, neg, eq(abs, 0))
	if bad != 0 {
		// Not reached for valid scalars (see above).
		var p point
		im.scalarBaseMult(&p, k)
		im.fmul(&acc.x, &p.x, &p.z)
		im.fsqr(&acc.y, &p.z)
		im.fmul(&acc.y, &acc.y, &p.y)
		acc.z = p.z
	}
	*r = acc
}

// genOdd[i] = (2i+1)·G, affine, for the width-8 NAF of verification.
var (
	genOddOnce sync.Once
	genOdd     *[64]affinePoint
)

func buildGenOdd() {
	im := implGeneric
	var proj [64]jacPoint
	var g2 jacPoint
	proj[0] = jacPoint{gen.x, gen.y, fp.one}
	im.jdoubleGeneric(&g2, &proj[0])
	for i := 1; i < len(proj); i++ {
		im.jaddGeneric(&proj[i], &proj[i-1], &g2)
	}
	t := new([64]affinePoint)
	for i := range proj {
		im.jacToAffine(&t[i], &proj[i])
	}
	genOdd = t
}

// doubleScalarVartime sets r = u1·G + u2·q (Shamir's trick: one chain of
// doublings for both; width-8 NAF over the affine odd multiples of G,
// width-5 over those of q). Variable time: for verification only. Every
// addition whose result has Z = 0 (equal or opposite inputs) is redone
// with the right case.
func (im Impl) doubleScalarVartime(r *jacPoint, u1, u2 *elem, q *affinePoint) {
	genOddOnce.Do(buildGenOdd)
	var table [8]jacPoint // q, 3q, ..., 15q
	var q2 jacPoint
	table[0] = jacPoint{q.x, q.y, fp.one}
	im.jdouble(&q2, &table[0])
	for i := 1; i < len(table); i++ {
		im.jaddVartime(&table[i], &table[i-1], &q2)
	}
	var d1, d2 [bitLen + 1]int8
	wnaf(d1[:], u1, 8)
	wnaf(d2[:], u2, 5)

	var acc, sum, t jacPoint
	inf := true
	pending := 0
	for i := bitLen; i >= 0; i-- {
		if !inf {
			pending++
		}
		if d1[i] == 0 && d2[i] == 0 {
			continue
		}
		if pending > 0 {
			im.jdoubleN(&acc, &acc, pending)
			pending = 0
		}
		if d2[i] != 0 {
			t = table[abs8(d2[i])/2]
			if d2[i] < 0 {
				fsub(&t.y, &elemZero, &t.y)
			}
			if inf {
				acc, inf = t, false
			} else {
				im.jadd(&sum, &acc, &t)
				if isZero(&sum.z) == 1 {
					inf = im.fixExceptional(&sum, &acc, &t)
				}
				acc = sum
			}
		}
		if d1[i] != 0 {
			a := genOdd[abs8(d1[i])/2]
			if d1[i] < 0 {
				fsub(&a.y, &elemZero, &a.y)
			}
			t = jacPoint{a.x, a.y, fp.one}
			if inf {
				acc, inf = t, false
			} else {
				im.jaddAffine(&sum, &acc, &a)
				if isZero(&sum.z) == 1 {
					inf = im.fixExceptional(&sum, &acc, &t)
				}
				acc = sum
			}
		}
	}
	if !inf && pending > 0 {
		im.jdoubleN(&acc, &acc, pending)
	}
	if inf {
		acc = jacPoint{x: fp.one, y: fp.one}
	}
	*r = acc
}

// fixExceptional handles an addition p + q (neither the identity) whose
// result came out with Z = 0: for p = q it sets r = 2q and returns false,
// for p = -q it returns true (the sum is the identity).
func (im Impl) fixExceptional(r, p, q *jacPoint) bool {
	if im.jsame(p, q) == 1 {
		im.jdouble(r, q)
		return false
	}
	return true
}

func (im Impl) jdouble(r, p *jacPoint) {
	if jdoubleAsm(im, r, p, 1) {
		return
	}
	im.jdoubleGeneric(r, p)
}

// jdoubleN sets r = 2^n·p, n >= 1.
func (im Impl) jdoubleN(r, p *jacPoint, n int) {
	if jdoubleAsm(im, r, p, n) {
		return
	}
	im.jdoubleGeneric(r, p)
	for range n - 1 {
		im.jdoubleGeneric(r, r)
	}
}

func (im Impl) jadd(r, p, q *jacPoint) {
	if jaddAsm(im, r, p, q) {
		return
	}
	im.jaddGeneric(r, p, q)
}

// baseStep is one window of scalarBaseMultJ: it negates a.y if neg = 1,
// then sets acc = acc + a, or a if acc is the identity, or leaves acc
// alone if zero = 1. It returns 1 if the addition met an exceptional case
// (acc = ±a, neither the identity, zero = 0). Constant time.
func (im Impl) baseStep(acc *jacPoint, a *affinePoint, neg, zero uint64) uint64 {
	if bad, ok := baseStepAsm(im, acc, a, neg, zero); ok {
		return bad
	}
	return im.baseStepGeneric(acc, a, neg, zero)
}

// baseStepSel is baseStep followed by selectAffine(a, next, abs): it also
// sets a to the next window's table entry. Constant time.
func (im Impl) baseStepSel(acc *jacPoint, a *affinePoint, neg, zero uint64, next *[baseTable]affinePoint, abs uint64) uint64 {
	if bad, ok := baseStepSelAsm(im, acc, a, neg, zero, next, abs); ok {
		return bad
	}
	return im.baseStepSelGeneric(acc, a, neg, zero, next, abs)
}

func (im Impl) baseStepSelGeneric(acc *jacPoint, a *affinePoint, neg, zero uint64, next *[baseTable]affinePoint, abs uint64) uint64 {
	bad := im.baseStep(acc, a, neg, zero)
	im.selectAffine(a, next, abs)
	return bad
}

func (im Impl) baseStepGeneric(acc *jacPoint, a *affinePoint, neg, zero uint64) uint64 {
	var ny elem
	fsub(&ny, &elemZero, &a.y)
	cmov(&a.y, &ny, neg)
	var sum jacPoint
	im.jaddAffine(&sum, acc, a)
	accInf := isZero(&acc.z)
	bad := (1 ^ accInf) & (1 ^ zero) & isZero(&sum.z)
	aj := jacPoint{a.x, a.y, fp.one}
	jcmov(&sum, &aj, accInf)
	jcmov(&sum, acc, zero)
	*acc = sum
	return bad
}
