package edwards25519

import (
	"encoding/binary"
	"math/bits"
	"sync"
	"unsafe"
)

// Fixed-base scalar multiplication (the key generation path).
//
// X25519(k, 9) equals the u-coordinate of [k]B where B is the Ed25519 base
// point on the birationally equivalent twisted Edwards curve
// -x^2 + y^2 = 1 + d*x^2*y^2 (RFC 7748 section 4.1), u = (1+y)/(1-y). [k]B
// is computed from a table of small multiples of B times powers of 256 in
// constant time, then converted to u with a single inversion:
//
//	k = sum e[i]*16^i with signed digits e[i] in [-8, 8]
//	[k]B = 16 * sum_{i odd} e[i]*16^(i-1)*B + sum_{i even} e[i]*16^i*B
//
// where every 16^(2j)*B multiple comes from row j of the table (entries
// 1..8, negated when the digit is negative). That is 64 mixed additions and
// 4 doublings instead of 255 ladder steps.

// ExtPoint is a point in extended coordinates (X:Y:Z:T), x = X/Z, y = Y/Z,
// x*y = T/Z (Hisil, Wong, Carter, Dawson 2008).
type ExtPoint struct{ X, Y, Z, T Fe }

// Niels is an affine point stored as (y+x, y-x, 2*d*x*y) for mixed additions.
type Niels struct{ YplusX, YminusX, XY2d Fe }

// BaseTable[j][i] = (i+1) * 256^j * B.
type BaseTable [32][8]Niels

// AddNiels sets p = p + q (add-2008-hwcd-3 with Z2 = 1, complete for a = -1).
func AddNiels(p *ExtPoint, q *Niels) {
	var a, b, c, d, e, f, g, h Fe
	FeSub(&a, &p.Y, &p.X)
	FeMul(&a, &a, &q.YminusX)
	FeAdd(&b, &p.Y, &p.X)
	FeMul(&b, &b, &q.YplusX)
	FeMul(&c, &p.T, &q.XY2d)
	FeAdd(&d, &p.Z, &p.Z)
	FeSub(&e, &b, &a)
	FeSub(&f, &d, &c)
	FeAdd(&g, &d, &c)
	FeAdd(&h, &b, &a)
	FeMul(&p.X, &e, &f)
	FeMul(&p.Y, &g, &h)
	FeMul(&p.T, &e, &h)
	FeMul(&p.Z, &f, &g)
}

// Double sets p = 2p (dbl-2008-hwcd for a = -1, with E, F, G, H all
// negated, which leaves the products unchanged).
func Double(p *ExtPoint) {
	var a, b, c, e, f, g, h Fe
	FeSquare(&a, &p.X)
	FeSquare(&b, &p.Y)
	FeSquare(&c, &p.Z)
	FeAdd(&c, &c, &c)
	FeAdd(&h, &a, &b)
	FeAdd(&e, &p.X, &p.Y)
	FeSquare(&e, &e)
	FeSub(&e, &h, &e)
	FeSub(&g, &a, &b)
	FeAdd(&f, &c, &g)
	FeMul(&p.X, &e, &f)
	FeMul(&p.Y, &g, &h)
	FeMul(&p.T, &e, &h)
	FeMul(&p.Z, &f, &g)
}

// SelectNiels sets n = e * row[|e|-1] for a digit e in [-8, 8] (the
// identity (1, 1, 0) for e = 0), scanning all 8 entries in constant time.
func SelectNiels(n *Niels, row *[8]Niels, e int8) {
	neg := uint64(uint8(e) >> 7)                    // 1 if e < 0
	abs := uint64(uint8(e^-int8(neg)) + uint8(neg)) // |e| in 0..8
	var w [15]uint64
	w[0], w[5] = 1, 1
	for i := range row {
		m := -(((abs ^ uint64(i+1)) - 1) >> 63) // all ones iff abs == i+1
		r := (*[15]uint64)(unsafe.Pointer(&row[i]))
		for j := range w {
			w[j] ^= m & (w[j] ^ r[j])
		}
	}
	*n = *(*Niels)(unsafe.Pointer(&w))
	// -(x, y) = (-x, y): swap y+x with y-x and negate 2dxy.
	FeCSwap(&n.YplusX, &n.YminusX, neg)
	var nt Fe
	FeNeg(&nt, &n.XY2d)
	FeSelect(&n.XY2d, &nt, neg)
}

// SignedDigits returns k as 64 radix-16 digits in [-8, 8], little-endian:
// digits 0..62 in [-8, 7], digit 63 in [0, 8]. k must be below 2^255
// (clamped scalars are). Constant time.
//
// Adding 8 to each of the nibbles 0..62 at once (a 256-bit addition of
// 0x0888...8, which stays below 2^256) and subtracting 8 from each
// nibble of the sum gives the digits: the carries of the addition are those
// of the digit-by-digit recoding (nibble + carry >= 8 becomes
// nibble + carry - 16, carrying 1).
func SignedDigits(k *[32]byte) [64]int8 {
	const c8 = 0x8888888888888888
	var w [4]uint64
	for i := range w {
		w[i] = binary.LittleEndian.Uint64(k[8*i:])
	}
	var c uint64
	w[0], c = bits.Add64(w[0], c8, 0)
	w[1], c = bits.Add64(w[1], c8, c)
	w[2], c = bits.Add64(w[2], c8, c)
	w[3], _ = bits.Add64(w[3], c8>>4, c)
	var e [64]int8
	for i := range e {
		e[i] = int8(w[i>>4]>>(4*(i&15))&15) - 8
	}
	e[63] += 8
	return e
}

// ScalarBaseMult sets p = [k]B for k < 2^255 (little-endian) with the
// table t: signed radix-16 digits, 64 mixed additions of constant-time
// table scans and 4 doublings. Constant time.
func ScalarBaseMult(p *ExtPoint, k *[32]byte, t *BaseTable) {
	e := SignedDigits(k)
	*p = ExtPoint{Y: Fe{1}, Z: Fe{1}}
	var n Niels
	for i := 1; i < 64; i += 2 {
		SelectNiels(&n, &t[i/2], e[i])
		AddNiels(p, &n)
	}
	Double(p)
	Double(p)
	Double(p)
	Double(p)
	for i := 0; i < 64; i += 2 {
		SelectNiels(&n, &t[i/2], e[i])
		AddNiels(p, &n)
	}
}

// The Ed25519 base point (RFC 8032 section 5.1) and d, little-endian.
var (
	edBaseX = [32]byte{
		0x1a, 0xd5, 0x25, 0x8f, 0x60, 0x2d, 0x56, 0xc9, 0xb2, 0xa7, 0x25, 0x95, 0x60, 0xc7, 0x2c, 0x69,
		0x5c, 0xdc, 0xd6, 0xfd, 0x31, 0xe2, 0xa4, 0xc0, 0xfe, 0x53, 0x6e, 0xcd, 0xd3, 0x36, 0x69, 0x21}
	edBaseY = [32]byte{
		0x58, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66,
		0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66, 0x66}
	edD = [32]byte{
		0xa3, 0x78, 0x59, 0x13, 0xca, 0x4d, 0xeb, 0x75, 0xab, 0xd8, 0x41, 0x41, 0x4d, 0x0a, 0x70, 0x00,
		0x98, 0xe8, 0x79, 0x77, 0x79, 0x40, 0xc7, 0x8c, 0x73, 0xfe, 0x6f, 0x2b, 0xee, 0x6c, 0x03, 0x52}
)

// GenericTable returns the table in 5 x 51-bit limbs, computing it on first use.
var GenericTable = sync.OnceValue(func() *BaseTable {
	return computeTable()
})

// computeTable builds the table with the generic field: every point in
// projective extended coordinates first, then one batched inversion
// (Montgomery's trick) makes all 256 of them affine.
func computeTable() *BaseTable {
	var d, d2, one Fe
	FeFromBytes(&d, &edD)
	FeAdd(&d2, &d, &d)
	one[0] = 1

	var pts [32][8]ExtPoint
	var q ExtPoint // 256^j * B
	FeFromBytes(&q.X, &edBaseX)
	FeFromBytes(&q.Y, &edBaseY)
	q.Z = one
	FeMul(&q.T, &q.X, &q.Y)
	for j := range pts {
		pts[j][0] = q
		for i := 1; i < 8; i++ {
			addExt(&pts[j][i], &pts[j][i-1], &q, &d2)
		}
		if j < 31 {
			for range 8 {
				Double(&q)
			}
		}
	}

	// Batch inversion of all Z.
	var prefix [256]Fe
	acc := one
	for n := range 256 {
		prefix[n] = acc
		FeMul(&acc, &acc, &pts[n/8][n%8].Z)
	}
	FeInvertFermat(&acc, &acc)
	t := new(BaseTable)
	for n := 255; n >= 0; n-- {
		p := &pts[n/8][n%8]
		var zinv, x, y Fe
		FeMul(&zinv, &acc, &prefix[n])
		FeMul(&acc, &acc, &p.Z)
		FeMul(&x, &p.X, &zinv)
		FeMul(&y, &p.Y, &zinv)
		e := &t[n/8][n%8]
		FeAdd(&e.YplusX, &y, &x)
		FeSub(&e.YminusX, &y, &x)
		FeMul(&e.XY2d, &x, &y)
		FeMul(&e.XY2d, &e.XY2d, &d2)
	}
	return t
}

// addExt sets r = p + q for two projective points (add-2008-hwcd-3); it is
// only used to build the table, from public values.
func addExt(r, p, q *ExtPoint, d2 *Fe) {
	var a, b, c, d, t, e, f, g, h Fe
	FeSub(&a, &p.Y, &p.X)
	FeSub(&t, &q.Y, &q.X)
	FeMul(&a, &a, &t)
	FeAdd(&b, &p.Y, &p.X)
	FeAdd(&t, &q.Y, &q.X)
	FeMul(&b, &b, &t)
	FeMul(&c, &p.T, &q.T)
	FeMul(&c, &c, d2)
	FeMul(&d, &p.Z, &q.Z)
	FeAdd(&d, &d, &d)
	FeSub(&e, &b, &a)
	FeSub(&f, &d, &c)
	FeAdd(&g, &d, &c)
	FeAdd(&h, &b, &a)
	FeMul(&r.X, &e, &f)
	FeMul(&r.Y, &g, &h)
	FeMul(&r.T, &e, &h)
	FeMul(&r.Z, &f, &g)
}
