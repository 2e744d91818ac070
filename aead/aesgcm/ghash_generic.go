package aesgcm

import (
	"encoding/binary"
	"math/bits"
)

// GHASH (SP 800-38D 6.4) works in GF(2^128) = GF(2)[x]/(x^128+x^7+x^2+x+1)
// with a reflected bit order: the most significant bit of a block's first
// byte is the coefficient of x^0. Loading a block as a big-endian 128-bit
// integer (hi, lo) gives the polynomial with coefficient x^i at integer bit
// 127-i. Then, for two such integers, the carry-less product C (255 bits)
// holds the coefficient of x^i of the polynomial product at bit 254-i, so
// C<<1, as 256 bits, holds the low 128 coefficients in its upper half and the
// high 128 coefficients in its lower half, both in the same reflected order.

// holeMask0..4 keep the bits of class 0..4 (bit positions mod 5).
const (
	holeMask0 = 0x1084210842108421 // bits 0, 5, 10, ..., 60
	holeMask1 = holeMask0 << 1
	holeMask2 = holeMask0 << 2
	holeMask3 = holeMask0 << 3
	holeMask4 = holeMask0 << 4 & (1<<64 - 1)
)

// splitHoles returns the five parts of y used by clmul64Split.
func splitHoles(y uint64) [5]uint64 {
	return [5]uint64{y & holeMask0, y & holeMask1, y & holeMask2, y & holeMask3, y & holeMask4}
}

// clmul64Split returns the 128-bit carry-less product of x and y, in constant
// time.
//
// It splits both operands into five parts that keep every fifth bit
// (x = x0 ^ ... ^ x4, xi = x & m<<i), so each part has at most 13 bits set
// with four zero bits between them. An ordinary integer product of two parts
// then sums at most 13 one-bit products per bit position; the sum fits in
// five bits, so the carries land only in the four "hole" positions above,
// never in the next position of the same class. The product's bits at the
// positions of class (i+j) mod 5 are therefore the carry-less product's bits,
// and the other positions are garbage that a mask removes.
//
// Like any multiplication-based constant-time GHASH, this assumes the CPU's
// integer multiplier takes the same time for every operand, which holds for
// the 64-bit cores Go supports (and for bits.Mul64's 32-bit fallback on
// cores whose 32-bit multiplier does not exit early).
//
// y comes split by splitHoles, so that a GHASH key is split once.
func clmul64Split(x uint64, ys *[5]uint64) (hi, lo uint64) {
	x0, x1, x2, x3, x4 := x&holeMask0, x&holeMask1, x&holeMask2, x&holeMask3, x&holeMask4
	y0, y1, y2, y3, y4 := ys[0], ys[1], ys[2], ys[3], ys[4]

	// z_c collects the products of class c = (i+j) mod 5.
	h0, l0 := bits.Mul64(x0, y0)
	h, l := bits.Mul64(x1, y4)
	h0, l0 = h0^h, l0^l
	h, l = bits.Mul64(x2, y3)
	h0, l0 = h0^h, l0^l
	h, l = bits.Mul64(x3, y2)
	h0, l0 = h0^h, l0^l
	h, l = bits.Mul64(x4, y1)
	h0, l0 = h0^h, l0^l

	h1, l1 := bits.Mul64(x0, y1)
	h, l = bits.Mul64(x1, y0)
	h1, l1 = h1^h, l1^l
	h, l = bits.Mul64(x2, y4)
	h1, l1 = h1^h, l1^l
	h, l = bits.Mul64(x3, y3)
	h1, l1 = h1^h, l1^l
	h, l = bits.Mul64(x4, y2)
	h1, l1 = h1^h, l1^l

	h2, l2 := bits.Mul64(x0, y2)
	h, l = bits.Mul64(x1, y1)
	h2, l2 = h2^h, l2^l
	h, l = bits.Mul64(x2, y0)
	h2, l2 = h2^h, l2^l
	h, l = bits.Mul64(x3, y4)
	h2, l2 = h2^h, l2^l
	h, l = bits.Mul64(x4, y3)
	h2, l2 = h2^h, l2^l

	h3, l3 := bits.Mul64(x0, y3)
	h, l = bits.Mul64(x1, y2)
	h3, l3 = h3^h, l3^l
	h, l = bits.Mul64(x2, y1)
	h3, l3 = h3^h, l3^l
	h, l = bits.Mul64(x3, y0)
	h3, l3 = h3^h, l3^l
	h, l = bits.Mul64(x4, y4)
	h3, l3 = h3^h, l3^l

	h4, l4 := bits.Mul64(x0, y4)
	h, l = bits.Mul64(x1, y3)
	h4, l4 = h4^h, l4^l
	h, l = bits.Mul64(x2, y2)
	h4, l4 = h4^h, l4^l
	h, l = bits.Mul64(x3, y1)
	h4, l4 = h4^h, l4^l
	h, l = bits.Mul64(x4, y0)
	h4, l4 = h4^h, l4^l

	// Bit 64+p of the product is of class (p+4) mod 5, so in the high
	// word class c sits at the positions of mask c+1.
	lo = l0&holeMask0 | l1&holeMask1 | l2&holeMask2 | l3&holeMask3 | l4&holeMask4
	hi = h0&holeMask1 | h1&holeMask2 | h2&holeMask3 | h3&holeMask4 | h4&holeMask0
	return hi, lo
}

// ghashKey is the hash key H = (h1, h0) as a big-endian integer, with
// hx = h1^h0 for the middle Karatsuba product, each split for clmul64Split.
type ghashKey struct {
	h1, h0, hx [5]uint64
}

func newGHASHKey(h1, h0 uint64) ghashKey {
	return ghashKey{splitHoles(h1), splitHoles(h0), splitHoles(h1 ^ h0)}
}

// ghashMul sets (y1, y0) = (y1, y0) * H in GF(2^128), in the representation
// described above.
func (k *ghashKey) mul(y1, y0 uint64) (uint64, uint64) {
	// Karatsuba: C = y1h1<<128 ^ ((y1^y0)(h1^h0) ^ y1h1 ^ y0h0)<<64 ^ y0h0.
	a1, a0 := clmul64Split(y1, &k.h1)
	b1, b0 := clmul64Split(y0, &k.h0)
	c1, c0 := clmul64Split(y1^y0, &k.hx)
	c1 ^= a1 ^ b1
	c0 ^= a0 ^ b0
	z3, z2, z1, z0 := a1, a0^c1, b1^c0, b0

	// Shift C left by one to 256 bits: the upper half is then the low half
	// L of the polynomial product, the lower half the high half U.
	z3 = z3<<1 | z2>>63
	z2 = z2<<1 | z1>>63
	z1 = z1<<1 | z0>>63
	z0 <<= 1

	// Reduce: x^128 = 1 + x + x^2 + x^7, so the result is
	// L + U(1 + x + x^2 + x^7). Multiplying by x^k shifts right by k in
	// this bit order; the bits that fall off the bottom of U>>k (from its
	// low word z0) are the coefficients x^128..x^134, which fold once more
	// into the top of the high word. That second fold has no overflow.
	w := z0<<63 ^ z0<<62 ^ z0<<57
	z1 ^= w
	r1 := z3 ^ z1 ^ z1>>1 ^ z1>>2 ^ z1>>7
	r0 := z2 ^ z0 ^ (z0>>1 | z1<<63) ^ (z0>>2 | z1<<62) ^ (z0>>7 | z1<<57)
	return r1, r0
}

// update absorbs data into the GHASH state (y1, y0), zero-padding the last
// partial block (SP 800-38D 7.1 step 5 pads A and C separately).
func (k *ghashKey) update(y1, y0 uint64, data []byte) (uint64, uint64) {
	for len(data) >= blockSize {
		y1 ^= binary.BigEndian.Uint64(data)
		y0 ^= binary.BigEndian.Uint64(data[8:])
		y1, y0 = k.mul(y1, y0)
		data = data[blockSize:]
	}
	if len(data) > 0 {
		var b [blockSize]byte
		copy(b[:], data)
		y1 ^= binary.BigEndian.Uint64(b[:])
		y0 ^= binary.BigEndian.Uint64(b[8:])
		y1, y0 = k.mul(y1, y0)
	}
	return y1, y0
}
