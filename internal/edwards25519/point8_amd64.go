//go:build amd64 && gc && !purego

package edwards25519

import "unsafe"

// 8-lane Edwards points for the "avx512ifma" VerifyMany of sig/ed25519:
// the Go side of window8IFMA (its table entries are built here, with the
// 8-lane field operations in assembly; their Go references are in fe8ref).

// P3x8 is an extended point (X:Y:Z:T) in each of 8 lanes.
type P3x8 struct{ X, Y, Z, T Fe8 }

// Cached8 is a Cached point in each of 8 lanes.
type Cached8 struct{ YplusX, YminusX, Z, T2d Fe8 }

// Fe8Lane returns lane l of v.
func Fe8Lane(v *Fe8, l int) Fe {
	var f Fe
	for i := range f {
		f[i] = v[i][l]
	}
	return f
}

// SetFe8Lane sets lane l of v to f (limbs below 2^52).
func SetFe8Lane(v *Fe8, l int, f *Fe) {
	for i := range f {
		v[i][l] = f[i]
	}
}

// Fe8Broadcast sets every lane of v to f.
func Fe8Broadcast(v *Fe8, f *Fe) {
	for i := range f {
		for l := range 8 {
			v[i][l] = f[i]
		}
	}
}

// Window8 sets p = 16 p + a + b in each lane, p projective (X:Y:Z), a
// cached, b affine niels; see window8IFMA. Limbs below 2^52.
func Window8(p *[3]Fe8, a *[4]Fe8, b *[3]Fe8) {
	window8IFMA((*[3][5][8]uint64)(unsafe.Pointer(p)), (*[4][5][8]uint64)(unsafe.Pointer(a)), (*[3][5][8]uint64)(unsafe.Pointer(b)))
}

var fe8D2 = func() (v Fe8) { Fe8Broadcast(&v, &feD2); return }()

// FromP3 sets c = p, ready for additions.
func (c *Cached8) FromP3(p *P3x8) {
	Fe8Add(&c.YplusX, &p.Y, &p.X)
	Fe8Sub(&c.YminusX, &p.Y, &p.X)
	c.Z = p.Z
	Fe8Mul(&c.T2d, &p.T, &fe8D2)
}

// fromP1P1 sets r from a completed point (X, Y, Z, T as in P1P1).
func (r *P3x8) fromP1P1(x, y, z, t *Fe8) {
	Fe8Mul(&r.X, x, t)
	Fe8Mul(&r.Y, y, z)
	Fe8Mul(&r.Z, z, t)
	Fe8Mul(&r.T, x, y)
}

// Double8 sets r = 2p in each lane (dbl-2008-hwcd, as DoubleP2).
func Double8(r, p *P3x8) {
	var xx, yy, zz2, s, x, y, z, t Fe8
	Fe8Sqr(&xx, &p.X, 1)
	Fe8Sqr(&yy, &p.Y, 1)
	Fe8Sqr(&zz2, &p.Z, 1)
	Fe8Add(&zz2, &zz2, &zz2)
	Fe8Add(&s, &p.X, &p.Y)
	Fe8Sqr(&s, &s, 1)
	Fe8Add(&y, &yy, &xx)
	Fe8Sub(&z, &yy, &xx)
	Fe8Sub(&x, &s, &y)
	Fe8Sub(&t, &zz2, &z)
	r.fromP1P1(&x, &y, &z, &t)
}

// Add8 sets r = p + q in each lane (add-2008-hwcd-3, as AddCached).
func Add8(r, p *P3x8, q *Cached8) {
	var ypx, ymx, pp, mm, tt2d, zz2, x, y, z, t Fe8
	Fe8Add(&ypx, &p.Y, &p.X)
	Fe8Sub(&ymx, &p.Y, &p.X)
	Fe8Mul(&pp, &ypx, &q.YplusX)
	Fe8Mul(&mm, &ymx, &q.YminusX)
	Fe8Mul(&tt2d, &p.T, &q.T2d)
	Fe8Mul(&zz2, &p.Z, &q.Z)
	Fe8Add(&zz2, &zz2, &zz2)
	Fe8Sub(&x, &pp, &mm)
	Fe8Add(&y, &pp, &mm)
	Fe8Add(&z, &zz2, &tt2d)
	Fe8Sub(&t, &zz2, &tt2d)
	r.fromP1P1(&x, &y, &z, &t)
}

var fe8D, fe8One = func() (d, one Fe8) {
	Fe8Broadcast(&d, &feD)
	Fe8Broadcast(&one, &feOne)
	return
}()

// Decompress8 sets lane l of p to the point encoded by encs[l] and reports
// which lanes decode, accepting what Decompress accepts; lanes that do not
// decode, and lanes past len(encs) (at most 8), are set to the identity.
// The exponentiation runs in 8 lanes, the checks and sign choices lane by
// lane. Variable time.
func Decompress8(p *P3x8, encs []*[32]byte) (ok [8]bool) {
	var y, u, v Fe8
	for l := range 8 {
		f := feOne
		if l < len(encs) {
			FeFromBytes(&f, encs[l])
		}
		SetFe8Lane(&y, l, &f)
	}
	// x^2 = (y^2 - 1) / (d y^2 + 1) = u / v; r = u v^3 (u v^7)^((p-5)/8).
	Fe8Sqr(&u, &y, 1)
	Fe8Mul(&v, &u, &fe8D)
	Fe8Sub(&u, &u, &fe8One)
	Fe8Add(&v, &v, &fe8One)
	var v3, uv7, r, check Fe8
	Fe8Sqr(&v3, &v, 1)
	Fe8Mul(&v3, &v3, &v)
	Fe8Sqr(&uv7, &v3, 1)
	Fe8Mul(&uv7, &uv7, &v)
	Fe8Mul(&uv7, &uv7, &u)
	Fe8Pow22523(&r, &uv7)
	Fe8Mul(&r, &r, &v3)
	Fe8Mul(&r, &r, &u)
	Fe8Sqr(&check, &r, 1)
	Fe8Mul(&check, &check, &v)
	p.X, p.Y = Fe8{}, y
	for l, b := range encs {
		cl, ul, rl := Fe8Lane(&check, l), Fe8Lane(&u, l), Fe8Lane(&r, l)
		var negU Fe
		FeNeg(&negU, &ul)
		switch {
		case FeEqual(&cl, &ul):
			ok[l] = true
		case FeEqual(&cl, &negU):
			ok[l] = true
			FeMul(&rl, &rl, &feSqrtM1)
		}
		yl := Fe8Lane(&y, l)
		if !ok[l] {
			rl, yl = Fe{}, feOne
		} else if FeIsNegative(&rl) != uint64(b[31]>>7) {
			FeNeg(&rl, &rl)
		}
		SetFe8Lane(&p.X, l, &rl)
		SetFe8Lane(&p.Y, l, &yl)
	}
	p.Z = fe8One
	Fe8Mul(&p.T, &p.X, &p.Y)
	return ok
}
