package p256

import (
	"math/big"
	"sync"
)

// A point is a curve point in homogeneous projective coordinates (X:Y:Z),
// x = X/Z, y = Y/Z, with X, Y, Z in the Montgomery domain. The identity is
// (0:1:0). All formulas are the complete ones of Renes, Costello and Batina,
// "Complete addition formulas for prime order elliptic curves" (EUROCRYPT
// 2016, https://eprint.iacr.org/2015/1060), algorithms 4, 5 and 6 for a = -3:
// they have no exceptional cases, so they run without secret branches.
type point struct{ x, y, z elem }

// An affinePoint is (x, y) in the Montgomery domain; it is never the identity.
type affinePoint struct{ x, y elem }

var (
	curveB elem        // b in the Montgomery domain
	gen    affinePoint // the generator
)

func init() {
	for _, v := range []struct {
		dst *elem
		hex string
	}{{&curveB, bHex}, {&gen.x, gxHex}, {&gen.y, gyHex}} {
		x, _ := new(big.Int).SetString(v.hex, 16)
		e := elemFromBig(x)
		montMulGeneric(v.dst, &e, &fp.rr, &fp.m, fp.m0inv)
	}
}

func (im Impl) fmul(z, x, y *elem) { montMul(im, z, x, y, &fp) }
func (im Impl) fsqr(z, x *elem)    { montSqr(im, z, x, &fp) }
func fadd(z, x, y *elem)           { addMod(z, x, y, &fp.m) }
func fsub(z, x, y *elem)           { subMod(z, x, y, &fp.m) }

func (p *point) setIdentity() {
	*p = point{}
	p.y = fp.one
}

func (p *point) setAffine(a *affinePoint) {
	p.x, p.y, p.z = a.x, a.y, fp.one
}

// add sets r = p + q (RCB algorithm 4). r may alias p or q.
func (im Impl) add(r, p, q *point) {
	var t0, t1, t2, t3, t4, x3, y3, z3 elem
	im.fmul(&t0, &p.x, &q.x)
	im.fmul(&t1, &p.y, &q.y)
	im.fmul(&t2, &p.z, &q.z)
	fadd(&t3, &p.x, &p.y)
	fadd(&t4, &q.x, &q.y)
	im.fmul(&t3, &t3, &t4)
	fadd(&t4, &t0, &t1)
	fsub(&t3, &t3, &t4)
	fadd(&t4, &p.y, &p.z)
	fadd(&x3, &q.y, &q.z)
	im.fmul(&t4, &t4, &x3)
	fadd(&x3, &t1, &t2)
	fsub(&t4, &t4, &x3)
	fadd(&x3, &p.x, &p.z)
	fadd(&y3, &q.x, &q.z)
	im.fmul(&x3, &x3, &y3)
	fadd(&y3, &t0, &t2)
	fsub(&y3, &x3, &y3)
	im.fmul(&z3, &curveB, &t2)
	fsub(&x3, &y3, &z3)
	fadd(&z3, &x3, &x3)
	fadd(&x3, &x3, &z3)
	fsub(&z3, &t1, &x3)
	fadd(&x3, &t1, &x3)
	im.fmul(&y3, &curveB, &y3)
	fadd(&t1, &t2, &t2)
	fadd(&t2, &t1, &t2)
	fsub(&y3, &y3, &t2)
	fsub(&y3, &y3, &t0)
	fadd(&t1, &y3, &y3)
	fadd(&y3, &t1, &y3)
	fadd(&t1, &t0, &t0)
	fadd(&t0, &t1, &t0)
	fsub(&t0, &t0, &t2)
	im.fmul(&t1, &t4, &y3)
	im.fmul(&t2, &t0, &y3)
	im.fmul(&y3, &x3, &z3)
	fadd(&y3, &y3, &t2)
	im.fmul(&x3, &x3, &t3)
	fsub(&x3, &x3, &t1)
	im.fmul(&z3, &z3, &t4)
	im.fmul(&t1, &t3, &t0)
	fadd(&z3, &z3, &t1)
	r.x, r.y, r.z = x3, y3, z3
}

// addAffine sets r = p + q (RCB algorithm 5) for an affine q, which cannot
// be the identity; p may be. r may alias p.
func (im Impl) addAffine(r, p *point, q *affinePoint) {
	if addAffineAsm(im, r, p, q) {
		return
	}
	im.addAffineGeneric(r, p, q)
}

// selectAffine sets a = tab[abs-1], or zero for abs = 0, reading every
// entry.
func (im Impl) selectAffine(a *affinePoint, tab *[baseTable]affinePoint, abs uint64) {
	if selectAffineAsm(im, a, tab, abs) {
		return
	}
	selectAffineGeneric(a, tab, abs)
}

func selectAffineGeneric(a *affinePoint, tab *[baseTable]affinePoint, abs uint64) {
	*a = affinePoint{}
	for j := range tab {
		c := eq(abs, uint64(j+1))
		cmov(&a.x, &tab[j].x, c)
		cmov(&a.y, &tab[j].y, c)
	}
}

func (im Impl) addAffineGeneric(r, p *point, q *affinePoint) {
	var t0, t1, t2, t3, t4, x3, y3, z3 elem
	im.fmul(&t0, &p.x, &q.x)
	im.fmul(&t1, &p.y, &q.y)
	fadd(&t3, &q.x, &q.y)
	fadd(&t4, &p.x, &p.y)
	im.fmul(&t3, &t3, &t4)
	fadd(&t4, &t0, &t1)
	fsub(&t3, &t3, &t4)
	im.fmul(&t4, &q.y, &p.z)
	fadd(&t4, &t4, &p.y)
	im.fmul(&y3, &q.x, &p.z)
	fadd(&y3, &y3, &p.x)
	im.fmul(&z3, &curveB, &p.z)
	fsub(&x3, &y3, &z3)
	fadd(&z3, &x3, &x3)
	fadd(&x3, &x3, &z3)
	fsub(&z3, &t1, &x3)
	fadd(&x3, &t1, &x3)
	im.fmul(&y3, &curveB, &y3)
	fadd(&t1, &p.z, &p.z)
	fadd(&t2, &t1, &p.z)
	fsub(&y3, &y3, &t2)
	fsub(&y3, &y3, &t0)
	fadd(&t1, &y3, &y3)
	fadd(&y3, &t1, &y3)
	fadd(&t1, &t0, &t0)
	fadd(&t0, &t1, &t0)
	fsub(&t0, &t0, &t2)
	im.fmul(&t1, &t4, &y3)
	im.fmul(&t2, &t0, &y3)
	im.fmul(&y3, &x3, &z3)
	fadd(&y3, &y3, &t2)
	im.fmul(&x3, &x3, &t3)
	fsub(&x3, &x3, &t1)
	im.fmul(&z3, &z3, &t4)
	im.fmul(&t1, &t3, &t0)
	fadd(&z3, &z3, &t1)
	r.x, r.y, r.z = x3, y3, z3
}

// double sets r = 2p (RCB algorithm 6). r may alias p.
func (im Impl) double(r, p *point) {
	var t0, t1, t2, t3, x3, y3, z3 elem
	im.fsqr(&t0, &p.x)
	im.fsqr(&t1, &p.y)
	im.fsqr(&t2, &p.z)
	im.fmul(&t3, &p.x, &p.y)
	fadd(&t3, &t3, &t3)
	im.fmul(&z3, &p.x, &p.z)
	fadd(&z3, &z3, &z3)
	im.fmul(&y3, &curveB, &t2)
	fsub(&y3, &y3, &z3)
	fadd(&x3, &y3, &y3)
	fadd(&y3, &x3, &y3)
	fsub(&x3, &t1, &y3)
	fadd(&y3, &t1, &y3)
	im.fmul(&y3, &x3, &y3)
	im.fmul(&x3, &x3, &t3)
	fadd(&t3, &t2, &t2)
	fadd(&t2, &t2, &t3)
	im.fmul(&z3, &curveB, &z3)
	fsub(&z3, &z3, &t2)
	fsub(&z3, &z3, &t0)
	fadd(&t3, &z3, &z3)
	fadd(&z3, &z3, &t3)
	fadd(&t3, &t0, &t0)
	fadd(&t0, &t3, &t0)
	fsub(&t0, &t0, &t2)
	im.fmul(&t0, &t0, &z3)
	fadd(&y3, &y3, &t0)
	im.fmul(&t0, &p.y, &p.z)
	fadd(&t0, &t0, &t0)
	im.fmul(&z3, &t0, &z3)
	fsub(&x3, &x3, &z3)
	im.fmul(&z3, &t0, &t1)
	fadd(&z3, &z3, &z3)
	fadd(&z3, &z3, &z3)
	r.x, r.y, r.z = x3, y3, z3
}

// fsqrN sets z = x^(2^n), n >= 1.
func (im Impl) fsqrN(z, x *elem, n int) { montSqrN(im, z, x, n, &fp) }

// toAffine returns p as affine coordinates (Montgomery domain) and 1, or
// 0 if p is the identity.
func (im Impl) toAffine(a *affinePoint, p *point) uint64 {
	var zinv elem
	im.finv(&zinv, &p.z)
	im.fmul(&a.x, &p.x, &zinv)
	im.fmul(&a.y, &p.y, &zinv)
	return 1 ^ isZero(&p.z)
}

// onCurve returns 1 if y² = x³ - 3x + b for affine (x, y).
func (im Impl) onCurve(a *affinePoint) uint64 {
	var rhs, t, y2 elem
	im.fsqr(&rhs, &a.x)
	im.fmul(&rhs, &rhs, &a.x)
	fadd(&t, &a.x, &a.x)
	fadd(&t, &t, &a.x)
	fsub(&rhs, &rhs, &t)
	fadd(&rhs, &rhs, &curveB)
	im.fsqr(&y2, &a.y)
	return equal(&rhs, &y2)
}

// ---- variable-base scalar multiplication ----

// A scalar is a plain (not Montgomery) integer < n, limbs little-endian.

// window returns the w bits of k starting at bit pos (pos is public).
func window(k *elem, pos, w uint) uint64 {
	limb := pos / 64
	if limb >= limbs {
		return 0
	}
	off := pos % 64
	v := k[limb] >> off
	if off+w > 64 && limb+1 < limbs {
		v |= k[limb+1] << (64 - off)
	}
	return v & (1<<w - 1)
}

// recode writes the signed base-2^w digits of k into d (in
// [-2^(w-1), 2^(w-1)), least significant first): k = Σ d[i]·2^(w·i).
// It runs in constant time.
func recode(d []int64, k *elem, w uint) {
	var carry uint64
	for i := range d {
		v := window(k, uint(i)*w, w) + carry // in [0, 2^w]
		carry = (v + 1<<(w-1)) >> w          // 1 if v >= 2^(w-1)
		d[i] = int64(v) - int64(carry<<w)
	}
}

// absSign returns |d| and 1 if d < 0, in constant time.
func absSign(d int64) (uint64, uint64) {
	s := d >> 63
	return uint64((d ^ s) - s), uint64(s) & 1
}

// eqMask returns 1 if a == b for small values, in constant time.
func eq(a, b uint64) uint64 {
	x := a ^ b
	return 1 ^ ((x | -x) >> 63)
}

const (
	varW      = 5                            // window of variable-base multiplication
	varDigits = (bitLen + 1 + varW) / varW   // top digit < 2^(w-1): no carry out
	varTable  = 1 << (varW - 1)              // multiples 1..16 of the point
	baseTabs  = (bitLen + 1 + baseW) / baseW // one table per digit
	baseTable = 1 << (baseW - 1)             // multiples 1..2^(w-1) of 2^(w·i)·G
)

// baseTables[i][j] = (j+1)·2^(w·i)·G (w = baseW), affine, built on first use.
var (
	baseOnce   sync.Once
	baseTables *[baseTabs][baseTable]affinePoint
)

func buildBaseTables() {
	im := implGeneric
	t := new([baseTabs][baseTable]affinePoint)
	var b point // 2^(w·i)·G
	b.setAffine(&gen)
	var proj [baseTable]point
	for i := range baseTabs {
		proj[0] = b
		for j := 1; j < baseTable; j++ {
			im.add(&proj[j], &proj[j-1], &b)
		}
		// Batch inversion of the Z coordinates (Montgomery's trick).
		var prefix [baseTable]elem
		prefix[0] = proj[0].z
		for j := 1; j < baseTable; j++ {
			im.fmul(&prefix[j], &prefix[j-1], &proj[j].z)
		}
		var inv elem
		im.finv(&inv, &prefix[baseTable-1])
		for j := baseTable - 1; j >= 0; j-- {
			var zi elem
			if j > 0 {
				im.fmul(&zi, &inv, &prefix[j-1])
				im.fmul(&inv, &inv, &proj[j].z)
			} else {
				zi = inv
			}
			im.fmul(&t[i][j].x, &proj[j].x, &zi)
			im.fmul(&t[i][j].y, &proj[j].y, &zi)
		}
		im.double(&b, &proj[baseTable-1]) // 2^w·2^(w·i)·G
	}
	baseTables = t
}

// scalarBaseMult sets r = k·G in constant time, for k < n.
func (im Impl) scalarBaseMult(r *point, k *elem) {
	baseOnce.Do(buildBaseTables)
	var digits [baseTabs]int64
	recode(digits[:], k, baseW)
	var acc, sum point
	acc.setIdentity()
	var a affinePoint
	for i := range baseTabs {
		abs, neg := absSign(digits[i])
		im.selectAffine(&a, &baseTables[i], abs)
		var ny elem
		fsub(&ny, &elemZero, &a.y)
		cmov(&a.y, &ny, neg)
		im.addAffine(&sum, &acc, &a)
		// A zero digit adds nothing: keep acc.
		nz := 1 ^ eq(abs, 0)
		cmov(&acc.x, &sum.x, nz)
		cmov(&acc.y, &sum.y, nz)
		cmov(&acc.z, &sum.z, nz)
	}
	*r = acc
}
