//go:build (amd64 || arm64) && gc && !purego

package edwards25519

import (
	"sync"
	"unsafe"
)

// The fixed-base method of edwards.go on 4 x 64-bit limbs, with the field
// operations of the architecture's assembly (fe64Mul and friends).

type ExtPoint64 struct{ X, Y, Z, T Fe64 }

type Niels64 struct{ YplusX, YminusX, XY2d Fe64 }

type BaseTable64 [32][8]Niels64

var Table64 = sync.OnceValue(func() *BaseTable64 {
	src := GenericTable()
	t := new(BaseTable64)
	var b [32]byte
	for j := range src {
		for i := range src[j] {
			s, d := &src[j][i], &t[j][i]
			FeToBytes(&b, &s.YplusX)
			Fe64FromBytes(&d.YplusX, &b)
			FeToBytes(&b, &s.YminusX)
			Fe64FromBytes(&d.YminusX, &b)
			FeToBytes(&b, &s.XY2d)
			Fe64FromBytes(&d.XY2d, &b)
		}
	}
	return t
})

// fe64Invert sets v = 1/a (0 for 0) in constant time, by divsteps
// (fe64InvertSafegcd): 2.2 us against 3.0 us for the MULX addition chain
// (fe64InvertFermat) on the Zen 4 machine.
func Fe64Invert(v, a *Fe64) { Fe64InvertSafegcd(v, a) }

// fe64InvertSafegcd sets v = 1/a (0 for 0), a partially reduced (any value
// below 2^256), v canonical, with invert62 and this architecture's
// batch62Arch.
func Fe64InvertSafegcd(v, a *Fe64) {
	var b [32]byte
	Fe64ToBytes(&b, a)
	Fe64FromBytes(v, &b)
	invert62With((*[4]uint64)(v), (*[4]uint64)(v), true)
}

func AddNiels64(p *ExtPoint64, q *Niels64) {
	var a, b, c, d, e, f, g, h Fe64
	Fe64Sub(&a, &p.Y, &p.X)
	Fe64Mul(&a, &a, &q.YminusX)
	Fe64Add(&b, &p.Y, &p.X)
	Fe64Mul(&b, &b, &q.YplusX)
	Fe64Mul(&c, &p.T, &q.XY2d)
	Fe64Add(&d, &p.Z, &p.Z)
	Fe64Sub(&e, &b, &a)
	Fe64Sub(&f, &d, &c)
	Fe64Add(&g, &d, &c)
	Fe64Add(&h, &b, &a)
	Fe64Mul(&p.X, &e, &f)
	Fe64Mul(&p.Y, &g, &h)
	Fe64Mul(&p.T, &e, &h)
	Fe64Mul(&p.Z, &f, &g)
}

func Double64(p *ExtPoint64) {
	var a, b, c, e, f, g, h Fe64
	Fe64Sqr(&a, &p.X, 1)
	Fe64Sqr(&b, &p.Y, 1)
	Fe64Sqr(&c, &p.Z, 1)
	Fe64Add(&c, &c, &c)
	Fe64Add(&h, &a, &b)
	Fe64Add(&e, &p.X, &p.Y)
	Fe64Sqr(&e, &e, 1)
	Fe64Sub(&e, &h, &e)
	Fe64Sub(&g, &a, &b)
	Fe64Add(&f, &c, &g)
	Fe64Mul(&p.X, &e, &f)
	Fe64Mul(&p.Y, &g, &h)
	Fe64Mul(&p.T, &e, &h)
	Fe64Mul(&p.Z, &f, &g)
}

// selectNiels64 sets n = e * row[|e|-1] for a digit e in [-8, 8], reading
// every entry (constant time): see selectNiels.
func SelectNiels64(n *Niels64, row *[8]Niels64, e int8) {
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
	var nt, zero Fe64
	Fe64Sub(&nt, &zero, (*Fe64)(w[8:12]))
	for j := range 4 {
		w[8+j] ^= m & (w[8+j] ^ nt[j])
	}
	*n = *(*Niels64)(unsafe.Pointer(&w))
}

// ScalarBaseMult64 sets p = [k]B for k < 2^255 with the 4 x 64-bit table
// and this architecture's assembly; see ScalarBaseMult. Constant time.
func ScalarBaseMult64(p *ExtPoint64, k *[32]byte) {
	t := Table64()
	e := SignedDigits(k)
	*p = ExtPoint64{Y: Fe64{1}, Z: Fe64{1}}
	var n Niels64
	for i := 1; i < 64; i += 2 {
		SelectNielsArch(&n, &t[i/2], e[i])
		AddNielsArch(p, &n)
	}
	Double64(p)
	Double64(p)
	Double64(p)
	Double64(p)
	for i := 0; i < 64; i += 2 {
		SelectNielsArch(&n, &t[i/2], e[i])
		AddNielsArch(p, &n)
	}
}
