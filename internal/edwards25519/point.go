package edwards25519

import (
	"crypto/subtle"
	"sync"
)

// Point encoding, decoding and the variable-time group operations of
// Ed25519 verification (RFC 8032 section 5.1), on the radix-2^51 field.
//
// Coordinates (Hisil, Wong, Carter, Dawson, "Twisted Edwards curves
// revisited", 2008, for a = -1), as in the ref10 code of the Ed25519 paper:
//
//	ExtPoint  (X:Y:Z:T)           x = X/Z, y = Y/Z, xy = T/Z
//	P2        (X:Y:Z)             x = X/Z, y = Y/Z (doublings need no T)
//	P1P1      ((X:Z), (Y:T))      x = X/Z, y = Y/T: the "completed" result
//	                              of an addition or doubling, before the
//	                              final multiplications
//	Cached    (Y+X, Y-X, Z, 2dT)  the second operand of an addition
//	Niels     (y+x, y-x, 2dxy)    an affine Cached (Z = 1)

// P2 is a point in projective coordinates (X:Y:Z).
type P2 struct{ X, Y, Z Fe }

// P1P1 is a completed point: x = X/Z, y = Y/T.
type P1P1 struct{ X, Y, Z, T Fe }

// Cached is a point prepared as the second operand of additions.
type Cached struct{ YplusX, YminusX, Z, T2d Fe }

// Constants, from their byte encodings (package variables, so that other
// package variables may use them).
var feD, feD2, feSqrtM1, feOne = func() (d, d2, sqrtM1, one Fe) {
	FeFromBytes(&d, &edD)
	FeAdd(&d2, &d, &d)
	FeFromBytes(&sqrtM1, &sqrtM1Bytes)
	one[0] = 1
	return
}()

// sqrt(-1) = 2^((p-1)/4) mod p, little-endian (checked by the tests).
var sqrtM1Bytes = [32]byte{
	0xb0, 0xa0, 0x0e, 0x4a, 0x27, 0x1b, 0xee, 0xc4, 0x78, 0xe4, 0x2f, 0xad, 0x06, 0x18, 0x43, 0x2f,
	0xa7, 0xd7, 0xfb, 0x3d, 0x99, 0x00, 0x4d, 0x2b, 0x0b, 0xdf, 0xc1, 0x4f, 0x80, 0x24, 0x83, 0x2b}

// BasePoint returns the Ed25519 base point B in extended coordinates.
func BasePoint() ExtPoint {
	var p ExtPoint
	FeFromBytes(&p.X, &edBaseX)
	FeFromBytes(&p.Y, &edBaseY)
	p.Z = feOne
	FeMul(&p.T, &p.X, &p.Y)
	return p
}

// Identity returns the neutral element (0, 1).
func Identity() ExtPoint { return ExtPoint{Y: feOne, Z: feOne} }

// FeEqual reports whether a = b mod p. Constant time.
func FeEqual(a, b *Fe) bool {
	var x, y [32]byte
	FeToBytes(&x, a)
	FeToBytes(&y, b)
	return subtle.ConstantTimeCompare(x[:], y[:]) == 1
}

// FeIsNegative returns 1 if the canonical encoding of a is odd ("negative"
// in RFC 8032 section 5.1.2), else 0.
func FeIsNegative(a *Fe) uint64 {
	var b [32]byte
	FeToBytes(&b, a)
	return uint64(b[0] & 1)
}

// Decompress sets p to the point encoded by b and reports whether b is a
// valid encoding. It accepts what crypto/ed25519 (Go's edwards25519
// Point.SetBytes) accepts: y is read modulo p with bit 255 as the sign of
// x, so non-canonical y (2^255-19 up to 2^255-1) and x = 0 with the sign
// bit set are accepted. Variable time (points are public).
func Decompress(p *ExtPoint, b *[32]byte) bool {
	var y, u, v Fe
	FeFromBytes(&y, b)
	// x^2 = (y^2 - 1) / (d y^2 + 1) = u / v.
	FeSquare(&u, &y)
	FeMul(&v, &u, &feD)
	FeSub(&u, &u, &feOne)
	FeAdd(&v, &v, &feOne)
	var x Fe
	if !SqrtRatio(&x, &u, &v) {
		return false
	}
	if FeIsNegative(&x) != uint64(b[31]>>7) {
		FeNeg(&x, &x)
	}
	p.X, p.Y, p.Z = x, y, feOne
	FeMul(&p.T, &x, &y)
	return true
}

// SqrtRatio sets r to the non-negative square root of u/v and reports
// whether u/v is a square (r = 0 for u = 0). RFC 8032 section 5.1.3 step 3:
// r = u v^3 (u v^7)^((p-5)/8), then r^2 v is u, -u (r times sqrt(-1)) or
// neither.
func SqrtRatio(r, u, v *Fe) bool {
	var v3, uv7, t, check Fe
	FeSquare(&v3, v)
	FeMul(&v3, &v3, v)   // v^3
	FeSquare(&uv7, &v3)  // v^6
	FeMul(&uv7, &uv7, v) // v^7
	FeMul(&uv7, &uv7, u) // u v^7
	FePow22523(&t, &uv7) // (u v^7)^((p-5)/8)
	FeMul(&t, &t, &v3)   // v^3 (...)
	FeMul(&t, &t, u)     // u v^3 (...)
	FeSquare(&check, &t) // r^2
	FeMul(&check, &check, v)
	var negU Fe
	FeNeg(&negU, u)
	correct := FeEqual(&check, u)
	flipped := FeEqual(&check, &negU)
	if flipped {
		FeMul(&t, &t, &feSqrtM1)
	} else if !correct {
		return false
	}
	if FeIsNegative(&t) == 1 {
		FeNeg(&t, &t)
	}
	*r = t
	return true
}

// Encode writes the RFC 8032 section 5.1.2 encoding of the affine point
// (x, y): y canonical, the low bit of x in bit 255. Constant time.
func Encode(b *[32]byte, x, y *Fe) {
	FeToBytes(b, y)
	b[31] |= byte(FeIsNegative(x) << 7)
}

// FromP1P1 sets r = p, without T.
func (r *P2) FromP1P1(p *P1P1) {
	FeMul(&r.X, &p.X, &p.T)
	FeMul(&r.Y, &p.Y, &p.Z)
	FeMul(&r.Z, &p.Z, &p.T)
}

// FromP1P1 sets r = p.
func (r *ExtPoint) FromP1P1(p *P1P1) {
	FeMul(&r.X, &p.X, &p.T)
	FeMul(&r.Y, &p.Y, &p.Z)
	FeMul(&r.Z, &p.Z, &p.T)
	FeMul(&r.T, &p.X, &p.Y)
}

// FromExt sets c = p, ready for additions.
func (c *Cached) FromExt(p *ExtPoint) {
	FeAdd(&c.YplusX, &p.Y, &p.X)
	FeSub(&c.YminusX, &p.Y, &p.X)
	c.Z = p.Z
	FeMul(&c.T2d, &p.T, &feD2)
}

// DoubleP2 sets r = 2p (dbl-2008-hwcd).
func DoubleP2(r *P1P1, p *P2) {
	var xx, yy, zz2, s Fe
	FeSquare(&xx, &p.X)
	FeSquare(&yy, &p.Y)
	FeSquare(&zz2, &p.Z)
	FeAdd(&zz2, &zz2, &zz2)
	FeAdd(&s, &p.X, &p.Y)
	FeSquare(&s, &s)
	FeAdd(&r.Y, &yy, &xx)
	FeSub(&r.Z, &yy, &xx)
	FeSub(&r.X, &s, &r.Y)
	FeSub(&r.T, &zz2, &r.Z)
}

// AddCached sets r = p + q (add-2008-hwcd-3), or p - q if sub is set.
func AddCached(r *P1P1, p *ExtPoint, q *Cached, sub bool) {
	var ypx, ymx, pp, mm, tt2d, zz2 Fe
	FeAdd(&ypx, &p.Y, &p.X)
	FeSub(&ymx, &p.Y, &p.X)
	if sub {
		FeMul(&pp, &ypx, &q.YminusX)
		FeMul(&mm, &ymx, &q.YplusX)
	} else {
		FeMul(&pp, &ypx, &q.YplusX)
		FeMul(&mm, &ymx, &q.YminusX)
	}
	FeMul(&tt2d, &p.T, &q.T2d)
	FeMul(&zz2, &p.Z, &q.Z)
	FeAdd(&zz2, &zz2, &zz2)
	completeAdd(r, &pp, &mm, &tt2d, &zz2, sub)
}

// AddAffine sets r = p + q, or p - q if sub is set, for an affine q.
func AddAffine(r *P1P1, p *ExtPoint, q *Niels, sub bool) {
	var ypx, ymx, pp, mm, tt2d, zz2 Fe
	FeAdd(&ypx, &p.Y, &p.X)
	FeSub(&ymx, &p.Y, &p.X)
	if sub {
		FeMul(&pp, &ypx, &q.YminusX)
		FeMul(&mm, &ymx, &q.YplusX)
	} else {
		FeMul(&pp, &ypx, &q.YplusX)
		FeMul(&mm, &ymx, &q.YminusX)
	}
	FeMul(&tt2d, &p.T, &q.XY2d)
	FeAdd(&zz2, &p.Z, &p.Z)
	completeAdd(r, &pp, &mm, &tt2d, &zz2, sub)
}

// completeAdd finishes an addition from its four products.
func completeAdd(r *P1P1, pp, mm, tt2d, zz2 *Fe, sub bool) {
	FeSub(&r.X, pp, mm)
	FeAdd(&r.Y, pp, mm)
	if sub {
		FeSub(&r.Z, zz2, tt2d)
		FeAdd(&r.T, zz2, tt2d)
	} else {
		FeAdd(&r.Z, zz2, tt2d)
		FeSub(&r.T, zz2, tt2d)
	}
}

// OddMultiples sets t[i] = (2i+1) p for every i, for the wNAF of p.
func OddMultiples(t []Cached, p *ExtPoint) {
	var p2 P2
	var dbl P1P1
	var q, p2e ExtPoint
	p2.X, p2.Y, p2.Z = p.X, p.Y, p.Z
	DoubleP2(&dbl, &p2)
	p2e.FromP1P1(&dbl)
	var c2 Cached
	c2.FromExt(&p2e)
	q = *p
	t[0].FromExt(&q)
	for i := 1; i < len(t); i++ {
		var s P1P1
		AddCached(&s, &q, &c2, false)
		q.FromP1P1(&s)
		t[i].FromExt(&q)
	}
}

// BaseOddMultiples returns the affine points (2i+1) B, i = 0..63, for the
// width-8 wNAF of verification scalars. Computed on first use from public
// values; one batched inversion makes them affine.
var BaseOddMultiples = sync.OnceValue(func() *[64]Niels {
	b := BasePoint()
	var pts [64]ExtPoint
	var dbl P1P1
	var p2 P2
	p2.X, p2.Y, p2.Z = b.X, b.Y, b.Z
	DoubleP2(&dbl, &p2)
	var b2 ExtPoint
	b2.FromP1P1(&dbl)
	var c2 Cached
	c2.FromExt(&b2)
	pts[0] = b
	for i := 1; i < len(pts); i++ {
		var s P1P1
		AddCached(&s, &pts[i-1], &c2, false)
		pts[i].FromP1P1(&s)
	}
	var prefix [64]Fe
	acc := feOne
	for i := range pts {
		prefix[i] = acc
		FeMul(&acc, &acc, &pts[i].Z)
	}
	FeInvertFermat(&acc, &acc)
	t := new([64]Niels)
	for i := len(pts) - 1; i >= 0; i-- {
		var zinv, x, y Fe
		FeMul(&zinv, &acc, &prefix[i])
		FeMul(&acc, &acc, &pts[i].Z)
		FeMul(&x, &pts[i].X, &zinv)
		FeMul(&y, &pts[i].Y, &zinv)
		FeAdd(&t[i].YplusX, &y, &x)
		FeSub(&t[i].YminusX, &y, &x)
		FeMul(&t[i].XY2d, &x, &y)
		FeMul(&t[i].XY2d, &t[i].XY2d, &feD2)
	}
	return t
})

// FromExt sets n to the affine niels form of p (one inversion, canonical
// limbs). For tables of public points.
func (n *Niels) FromExt(p *ExtPoint) {
	var zinv, x, y Fe
	FeInvert(&zinv, &p.Z)
	FeMul(&x, &p.X, &zinv)
	FeMul(&y, &p.Y, &zinv)
	FeAdd(&n.YplusX, &y, &x)
	FeSub(&n.YminusX, &y, &x)
	FeMul(&n.XY2d, &x, &y)
	FeMul(&n.XY2d, &n.XY2d, &feD2)
	for _, f := range []*Fe{&n.YplusX, &n.YminusX, &n.XY2d} {
		var b [32]byte
		FeToBytes(&b, f)
		FeFromBytes(f, &b)
	}
}
