//go:build (amd64 || arm64) && gc && !purego

package edwards25519

import (
	"crypto/subtle"
	"sync"
)

// The operations of point.go on 4 x 64-bit limbs (Fe64), with this
// architecture's field assembly (Fe64Mul, Fe64Sqr, Fe64Add, Fe64Sub): the
// "adx" and "arm64" implementations of sig/ed25519. Keep in sync with
// point.go, the radix-2^51 version (tested against each other through
// sig/ed25519).

// P2x64 is P2 on Fe64 limbs.
type P2x64 struct{ X, Y, Z Fe64 }

// P1P1x64 is P1P1 on Fe64 limbs.
type P1P1x64 struct{ X, Y, Z, T Fe64 }

// Cached64 is Cached on Fe64 limbs.
type Cached64 struct{ YplusX, YminusX, Z, T2d Fe64 }

var fe64D, fe64D2, fe64SqrtM1, fe64One = fe64From(&feD), fe64From(&feD2), fe64From(&feSqrtM1), fe64From(&feOne)

func fe64From(f *Fe) (v Fe64) {
	var b [32]byte
	FeToBytes(&b, f)
	Fe64FromBytes(&v, &b)
	return v
}

// Fe64Neg sets v = -a.
func Fe64Neg(v, a *Fe64) {
	var zero Fe64
	Fe64Sub(v, &zero, a)
}

// Fe64Equal reports whether a = b mod p. Constant time.
func Fe64Equal(a, b *Fe64) bool {
	var x, y [32]byte
	Fe64ToBytes(&x, a)
	Fe64ToBytes(&y, b)
	return subtle.ConstantTimeCompare(x[:], y[:]) == 1
}

// Fe64IsNegative returns the low bit of the canonical encoding of a.
func Fe64IsNegative(a *Fe64) uint64 {
	var b [32]byte
	Fe64ToBytes(&b, a)
	return uint64(b[0] & 1)
}

// Decompress64 is Decompress on Fe64 limbs. Variable time.
func Decompress64(p *ExtPoint64, b *[32]byte) bool {
	var y, u, v Fe64
	Fe64FromBytes(&y, b) // bit 255 cleared; y up to 2^255-1 accepted
	Fe64Sqr(&u, &y, 1)
	Fe64Mul(&v, &u, &fe64D)
	Fe64Sub(&u, &u, &fe64One)
	Fe64Add(&v, &v, &fe64One)
	// r = u v^3 (u v^7)^((p-5)/8)
	var v3, uv7, r, check Fe64
	Fe64Sqr(&v3, &v, 1)
	Fe64Mul(&v3, &v3, &v)
	Fe64Sqr(&uv7, &v3, 1)
	Fe64Mul(&uv7, &uv7, &v)
	Fe64Mul(&uv7, &uv7, &u)
	Fe64Pow22523(&r, &uv7)
	Fe64Mul(&r, &r, &v3)
	Fe64Mul(&r, &r, &u)
	Fe64Sqr(&check, &r, 1)
	Fe64Mul(&check, &check, &v)
	if !Fe64Equal(&check, &u) {
		var negU Fe64
		Fe64Neg(&negU, &u)
		if !Fe64Equal(&check, &negU) {
			return false
		}
		Fe64Mul(&r, &r, &fe64SqrtM1)
	}
	// The root of the sign bit: r's parity, flipped if they differ.
	if Fe64IsNegative(&r) != uint64(b[31]>>7) {
		Fe64Neg(&r, &r)
	}
	p.X, p.Y, p.Z = r, y, fe64One
	Fe64Mul(&p.T, &r, &y)
	return true
}

// Encode64 writes the encoding of (X/Z, Y/Z), inverting Z by divsteps.
// Constant time.
func Encode64(out *[32]byte, X, Y, Z *Fe64) {
	var zinv, x, y Fe64
	Fe64Invert(&zinv, Z)
	Fe64Mul(&x, X, &zinv)
	Fe64Mul(&y, Y, &zinv)
	Fe64ToBytes(out, &y)
	out[31] |= byte(Fe64IsNegative(&x) << 7)
}

// FromP1P1 sets r = p, without T.
func (r *P2x64) FromP1P1(p *P1P1x64) {
	Fe64Mul(&r.X, &p.X, &p.T)
	Fe64Mul(&r.Y, &p.Y, &p.Z)
	Fe64Mul(&r.Z, &p.Z, &p.T)
}

// FromP1P1 sets r = p.
func (r *ExtPoint64) FromP1P1(p *P1P1x64) {
	Fe64Mul(&r.X, &p.X, &p.T)
	Fe64Mul(&r.Y, &p.Y, &p.Z)
	Fe64Mul(&r.Z, &p.Z, &p.T)
	Fe64Mul(&r.T, &p.X, &p.Y)
}

// FromExt sets c = p, ready for additions.
func (c *Cached64) FromExt(p *ExtPoint64) {
	Fe64Add(&c.YplusX, &p.Y, &p.X)
	Fe64Sub(&c.YminusX, &p.Y, &p.X)
	c.Z = p.Z
	Fe64Mul(&c.T2d, &p.T, &fe64D2)
}

// DoubleP2x64 sets r = 2p; see DoubleP2.
func DoubleP2x64(r *P1P1x64, p *P2x64) {
	var xx, yy, zz2, s Fe64
	Fe64Sqr(&xx, &p.X, 1)
	Fe64Sqr(&yy, &p.Y, 1)
	Fe64Sqr(&zz2, &p.Z, 1)
	Fe64Add(&zz2, &zz2, &zz2)
	Fe64Add(&s, &p.X, &p.Y)
	Fe64Sqr(&s, &s, 1)
	Fe64Add(&r.Y, &yy, &xx)
	Fe64Sub(&r.Z, &yy, &xx)
	Fe64Sub(&r.X, &s, &r.Y)
	Fe64Sub(&r.T, &zz2, &r.Z)
}

// AddCached64 sets r = p + q, or p - q if sub is set; see AddCached.
func AddCached64(r *P1P1x64, p *ExtPoint64, q *Cached64, sub bool) {
	var ypx, ymx, pp, mm, tt2d, zz2 Fe64
	Fe64Add(&ypx, &p.Y, &p.X)
	Fe64Sub(&ymx, &p.Y, &p.X)
	if sub {
		Fe64Mul(&pp, &ypx, &q.YminusX)
		Fe64Mul(&mm, &ymx, &q.YplusX)
	} else {
		Fe64Mul(&pp, &ypx, &q.YplusX)
		Fe64Mul(&mm, &ymx, &q.YminusX)
	}
	Fe64Mul(&tt2d, &p.T, &q.T2d)
	Fe64Mul(&zz2, &p.Z, &q.Z)
	Fe64Add(&zz2, &zz2, &zz2)
	completeAdd64(r, &pp, &mm, &tt2d, &zz2, sub)
}

// AddAffine64 sets r = p + q, or p - q if sub is set, for an affine q.
func AddAffine64(r *P1P1x64, p *ExtPoint64, q *Niels64, sub bool) {
	var ypx, ymx, pp, mm, tt2d, zz2 Fe64
	Fe64Add(&ypx, &p.Y, &p.X)
	Fe64Sub(&ymx, &p.Y, &p.X)
	if sub {
		Fe64Mul(&pp, &ypx, &q.YminusX)
		Fe64Mul(&mm, &ymx, &q.YplusX)
	} else {
		Fe64Mul(&pp, &ypx, &q.YplusX)
		Fe64Mul(&mm, &ymx, &q.YminusX)
	}
	Fe64Mul(&tt2d, &p.T, &q.XY2d)
	Fe64Add(&zz2, &p.Z, &p.Z)
	completeAdd64(r, &pp, &mm, &tt2d, &zz2, sub)
}

// completeAdd64 finishes an addition from its four products.
func completeAdd64(r *P1P1x64, pp, mm, tt2d, zz2 *Fe64, sub bool) {
	Fe64Sub(&r.X, pp, mm)
	Fe64Add(&r.Y, pp, mm)
	if sub {
		Fe64Sub(&r.Z, zz2, tt2d)
		Fe64Add(&r.T, zz2, tt2d)
	} else {
		Fe64Add(&r.Z, zz2, tt2d)
		Fe64Sub(&r.T, zz2, tt2d)
	}
}

// OddMultiples64 sets t[i] = (2i+1) p for every i.
func OddMultiples64(t []Cached64, p *ExtPoint64) {
	p2 := P2x64{p.X, p.Y, p.Z}
	var dbl P1P1x64
	DoubleP2x64(&dbl, &p2)
	var d ExtPoint64
	d.FromP1P1(&dbl)
	var c2 Cached64
	c2.FromExt(&d)
	q := *p
	t[0].FromExt(&q)
	for i := 1; i < len(t); i++ {
		var s P1P1x64
		AddCached64(&s, &q, &c2, false)
		q.FromP1P1(&s)
		t[i].FromExt(&q)
	}
}

// BaseOddMultiples64 is BaseOddMultiples in Fe64 limbs.
var BaseOddMultiples64 = sync.OnceValue(func() *[64]Niels64 {
	src := BaseOddMultiples()
	t := new([64]Niels64)
	for i := range src {
		t[i] = Niels64{fe64From(&src[i].YplusX), fe64From(&src[i].YminusX), fe64From(&src[i].XY2d)}
	}
	return t
})

// double64Go sets p = 2p from p's X, Y, Z, and T too if ext is set: the
// Go reference of dblADX and dblExtADX.
func double64Go(p *ExtPoint64, ext bool) {
	var c P1P1x64
	DoubleP2x64(&c, &P2x64{p.X, p.Y, p.Z})
	if ext {
		p.FromP1P1(&c)
		return
	}
	var r P2x64
	r.FromP1P1(&c)
	p.X, p.Y, p.Z = r.X, r.Y, r.Z
}

// addCached64Go sets p = p + q: the Go reference of addCachedADX.
func addCached64Go(p *ExtPoint64, q *Cached64) {
	var c P1P1x64
	AddCached64(&c, p, q, false)
	p.FromP1P1(&c)
}
