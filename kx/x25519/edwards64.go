//go:build (amd64 || arm64) && gc && !purego

package x25519

import (
	"sync"
	"unsafe"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

// The fixed-base method of edwards.go on 4 x 64-bit limbs, with the field
// operations of the architecture's assembly (fe64Mul and friends).

type extPoint64 struct{ X, Y, Z, T fe64 }

type niels64 struct{ YplusX, YminusX, XY2d fe64 }

type baseTable64 [32][8]niels64

var table64 = sync.OnceValue(func() *baseTable64 {
	src := edwards25519.GenericTable()
	t := new(baseTable64)
	var b [32]byte
	for j := range src {
		for i := range src[j] {
			s, d := &src[j][i], &t[j][i]
			edwards25519.FeToBytes(&b, &s.YplusX)
			fe64FromBytes(&d.YplusX, &b)
			edwards25519.FeToBytes(&b, &s.YminusX)
			fe64FromBytes(&d.YminusX, &b)
			edwards25519.FeToBytes(&b, &s.XY2d)
			fe64FromBytes(&d.XY2d, &b)
		}
	}
	return t
})

// fe64Invert sets v = 1/a (0 for 0) in constant time, by divsteps
// (fe64InvertSafegcd): 2.2 us against 3.0 us for the MULX addition chain
// (fe64InvertFermat) on the Zen 4 machine.
func fe64Invert(v, a *fe64) { fe64InvertSafegcd(v, a) }

// fe64InvertSafegcd sets v = 1/a (0 for 0), a partially reduced (any value
// below 2^256), v canonical, with invert62 and this architecture's
// batch62Arch.
func fe64InvertSafegcd(v, a *fe64) {
	var b [32]byte
	fe64ToBytes(&b, a)
	fe64FromBytes(v, &b)
	invert62With((*[4]uint64)(v), (*[4]uint64)(v), true)
}

// fe64InvertFermat sets v = 1/a (0 for 0) with the addition chain of
// feInvertFermat. It is the reference of fe64InvertSafegcd.
func fe64InvertFermat(v, a *fe64) {
	var z2, z9, z11, z5, z10, z20, z50, z100, t fe64
	fe64Sqr(&z2, a, 1)
	fe64Sqr(&t, &z2, 2)
	fe64Mul(&z9, &t, a)
	fe64Mul(&z11, &z9, &z2)
	fe64Sqr(&t, &z11, 1)
	fe64Mul(&z5, &t, &z9)
	fe64Sqr(&t, &z5, 5)
	fe64Mul(&z10, &t, &z5)
	fe64Sqr(&t, &z10, 10)
	fe64Mul(&z20, &t, &z10)
	fe64Sqr(&t, &z20, 20)
	fe64Mul(&t, &t, &z20)
	fe64Sqr(&t, &t, 10)
	fe64Mul(&z50, &t, &z10)
	fe64Sqr(&t, &z50, 50)
	fe64Mul(&z100, &t, &z50)
	fe64Sqr(&t, &z100, 100)
	fe64Mul(&t, &t, &z100)
	fe64Sqr(&t, &t, 50)
	fe64Mul(&t, &t, &z50)
	fe64Sqr(&t, &t, 5)
	fe64Mul(v, &t, &z11)
}

func addNiels64(p *extPoint64, q *niels64) {
	var a, b, c, d, e, f, g, h fe64
	fe64Sub(&a, &p.Y, &p.X)
	fe64Mul(&a, &a, &q.YminusX)
	fe64Add(&b, &p.Y, &p.X)
	fe64Mul(&b, &b, &q.YplusX)
	fe64Mul(&c, &p.T, &q.XY2d)
	fe64Add(&d, &p.Z, &p.Z)
	fe64Sub(&e, &b, &a)
	fe64Sub(&f, &d, &c)
	fe64Add(&g, &d, &c)
	fe64Add(&h, &b, &a)
	fe64Mul(&p.X, &e, &f)
	fe64Mul(&p.Y, &g, &h)
	fe64Mul(&p.T, &e, &h)
	fe64Mul(&p.Z, &f, &g)
}

func double64(p *extPoint64) {
	var a, b, c, e, f, g, h fe64
	fe64Sqr(&a, &p.X, 1)
	fe64Sqr(&b, &p.Y, 1)
	fe64Sqr(&c, &p.Z, 1)
	fe64Add(&c, &c, &c)
	fe64Add(&h, &a, &b)
	fe64Add(&e, &p.X, &p.Y)
	fe64Sqr(&e, &e, 1)
	fe64Sub(&e, &h, &e)
	fe64Sub(&g, &a, &b)
	fe64Add(&f, &c, &g)
	fe64Mul(&p.X, &e, &f)
	fe64Mul(&p.Y, &g, &h)
	fe64Mul(&p.T, &e, &h)
	fe64Mul(&p.Z, &f, &g)
}

// selectNiels64 sets n = e * row[|e|-1] for a digit e in [-8, 8], reading
// every entry (constant time): see selectNiels.
func selectNiels64(n *niels64, row *[8]niels64, e int8) {
	neg := uint64(uint8(e) >> 7)
	abs := uint64(uint8(e^-int8(neg)) + uint8(neg))
	var w [12]uint64
	w[0], w[4] = 1, 1 // the identity (1, 1, 0)
	for i := range row {
		m := -(((abs ^ uint64(i+1)) - 1) >> 63) // all ones iff abs == i+1
		r := (*[12]uint64)(unsafe.Pointer(&row[i]))
		for j := range w {
			w[j] ^= m & (w[j] ^ r[j])
		}
	}
	// Negate: swap y+x with y-x, and 2dxy = p - 2dxy (computed as 0 - 2dxy).
	m := -neg
	for j := range 4 {
		t := m & (w[j] ^ w[4+j])
		w[j] ^= t
		w[4+j] ^= t
	}
	var nt, zero fe64
	fe64Sub(&nt, &zero, (*fe64)(w[8:12]))
	for j := range 4 {
		w[8+j] ^= m & (w[8+j] ^ nt[j])
	}
	*n = *(*niels64)(unsafe.Pointer(&w))
}

// scalarBaseMult64 sets dst = X25519(scalar, 9); see scalarBaseMult.
func scalarBaseMult64(dst, scalar *[32]byte) {
	t := table64()
	k := *scalar
	clamp(&k)
	e := edwards25519.SignedDigits(&k)
	p := extPoint64{Y: fe64{1}, Z: fe64{1}}
	var n niels64
	for i := 1; i < 64; i += 2 {
		selectNielsArch(&n, &t[i/2], e[i])
		addNielsArch(&p, &n)
	}
	double64(&p)
	double64(&p)
	double64(&p)
	double64(&p)
	for i := 0; i < 64; i += 2 {
		selectNielsArch(&n, &t[i/2], e[i])
		addNielsArch(&p, &n)
	}
	var num, den fe64
	fe64Add(&num, &p.Z, &p.Y)
	fe64Sub(&den, &p.Z, &p.Y)
	fe64Invert(&den, &den)
	fe64Mul(&num, &num, &den)
	fe64ToBytes(dst, &num)
}
