package p256

import (
	"encoding/binary"
	"math/big"
	"math/bits"
)

// An elem is an integer modulo p or modulo n, as limbs little-endian
// 64-bit limbs, fully reduced (< the modulus). Field elements (mod p) are kept
// in the Montgomery domain (x·R mod p, R = 2^(64·limbs)); scalars (mod n) are
// converted to it only where they are multiplied.
//
// Every function on elems executes in constant time: no branches or memory
// indices depend on their values.
type elem [limbs]uint64

// A modulus holds an odd modulus m and its Montgomery constants.
type modulus struct {
	m     elem   // the modulus
	m0inv uint64 // -m^-1 mod 2^64
	rr    elem   // R^2 mod m, to enter the Montgomery domain
	one   elem   // R mod m, 1 in the Montgomery domain
	mm2   elem   // m - 2, the exponent of Fermat inversion
}

var (
	fp modulus // the field prime p
	fn modulus // the group order n
)

func init() {
	fp.init(pHex)
	fn.init(nHex)
}

func (md *modulus) init(hexM string) {
	m, _ := new(big.Int).SetString(hexM, 16)
	md.m = elemFromBig(m)
	w := new(big.Int).Lsh(big.NewInt(1), 64)
	inv := new(big.Int).ModInverse(new(big.Int).Mod(m, w), w)
	md.m0inv = new(big.Int).Sub(w, inv).Uint64()
	r := new(big.Int).Lsh(big.NewInt(1), 64*limbs)
	md.one = elemFromBig(new(big.Int).Mod(r, m))
	md.rr = elemFromBig(new(big.Int).Mod(new(big.Int).Mul(r, r), m))
	md.mm2 = elemFromBig(new(big.Int).Sub(m, big.NewInt(2)))
}

// elemFromBig returns x (0 <= x < 2^(64·limbs)) as limbs; for init and tests.
func elemFromBig(x *big.Int) elem {
	var e elem
	b := make([]byte, byteLen)
	x.FillBytes(b)
	elemSetBytes(&e, b)
	return e
}

// elemSetBytes sets e to the big-endian byteLen-byte integer b, unreduced.
func elemSetBytes(e *elem, b []byte) {
	_ = b[byteLen-1]
	for i := range limbs {
		e[i] = binary.BigEndian.Uint64(b[byteLen-8*(i+1):])
	}
}

// elemBytes writes e big-endian into b[:byteLen].
func elemBytes(b []byte, e *elem) {
	_ = b[byteLen-1]
	for i := range limbs {
		binary.BigEndian.PutUint64(b[byteLen-8*(i+1):], e[i])
	}
}

// lessThan returns 1 if x < m and 0 otherwise.
func lessThan(x, m *elem) uint64 {
	var b uint64
	for i := range limbs {
		_, b = bits.Sub64(x[i], m[i], b)
	}
	return b
}

// isZero returns 1 if x == 0 and 0 otherwise.
func isZero(x *elem) uint64 {
	var acc uint64
	for i := range limbs {
		acc |= x[i]
	}
	return 1 ^ ((acc | -acc) >> 63)
}

// equal returns 1 if x == y and 0 otherwise.
func equal(x, y *elem) uint64 {
	var acc uint64
	for i := range limbs {
		acc |= x[i] ^ y[i]
	}
	return 1 ^ ((acc | -acc) >> 63)
}

// sel sets z = a if c == 1 and z = b if c == 0.
func sel(z, a, b *elem, c uint64) {
	mask := -c
	for i := range limbs {
		z[i] = b[i] ^ (mask & (a[i] ^ b[i]))
	}
}

// cmov sets z = a if c == 1 and leaves it alone if c == 0.
func cmov(z, a *elem, c uint64) {
	mask := -c
	for i := range limbs {
		z[i] ^= mask & (a[i] ^ z[i])
	}
}

// addMod sets z = x + y mod m, for x, y < m.
func addMod(z, x, y, m *elem) {
	var t, u elem
	var c, b uint64
	for i := range limbs {
		t[i], c = bits.Add64(x[i], y[i], c)
	}
	for i := range limbs {
		u[i], b = bits.Sub64(t[i], m[i], b)
	}
	// Keep t when the subtraction borrowed out of the carry: t + c·2^W < m.
	_, b = bits.Sub64(c, 0, b)
	sel(z, &t, &u, b)
}

// subMod sets z = x - y mod m, for x, y < m.
func subMod(z, x, y, m *elem) {
	var b, c uint64
	var t elem
	for i := range limbs {
		t[i], b = bits.Sub64(x[i], y[i], b)
	}
	mask := -b
	for i := range limbs {
		z[i], c = bits.Add64(t[i], m[i]&mask, c)
	}
}

// reduceOnce sets z = x mod m for x < 2m.
func reduceOnce(z, x, m *elem) {
	var u elem
	var b uint64
	for i := range limbs {
		u[i], b = bits.Sub64(x[i], m[i], b)
	}
	sel(z, x, &u, b)
}

// addPlain returns x + y and the carry out.
func addPlain(x, y *elem) (elem, uint64) {
	var z elem
	var c uint64
	for i := range limbs {
		z[i], c = bits.Add64(x[i], y[i], c)
	}
	return z, c
}

// halfMod sets z = x/2 mod m for an odd m and x < m: x, or x + m if x is
// odd, shifted right by one.
func halfMod(z, x, m *elem) {
	mask := -(x[0] & 1)
	var t elem
	var c uint64
	for i := range limbs {
		t[i], c = bits.Add64(x[i], m[i]&mask, c)
	}
	for i := range limbs - 1 {
		z[i] = t[i]>>1 | t[i+1]<<63
	}
	z[limbs-1] = t[limbs-1]>>1 | c<<63
}
