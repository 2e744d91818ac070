package aesgcm

import (
	"crypto/subtle"
	"encoding/binary"
	"math/bits"
)

// This file is the portable, constant-time implementation ("generic"). It
// runs under -tags purego, on architectures without assembly and on CPUs
// without AES instructions. Nothing in it branches on, or indexes memory
// with, a secret: AES is computed on bitsliced state with a boolean circuit
// for the S-box, and GHASH multiplies with integer multiplications whose
// operands have zero "holes" between the bits, so no table is involved.
//
// # Bitsliced AES
//
// Four blocks (64 bytes) are processed at once in eight 64-bit words
// q[0..7]: q[b] holds bit b (b = 0 is the least significant) of each of the
// 64 bytes. Within every word, the byte at row r, column c (the AES state is
// column-major: byte i of a block is at row i%4, column i/4) of block n sits at
//
//	bit  n + 4*c + 16*r
//
// so each 16-bit lane of a word holds one row of the four blocks, and each
// nibble of a lane one column. With this layout:
//
//   - ShiftRows rotates the 16-bit lane of row r right by 4r bits;
//   - the row rotation MixColumns needs is a rotation of the whole word by a
//     multiple of 16 bits, one instruction;
//   - the layout is an 8x8 bit transposition of eight words that interleave
//     the bytes of two columns of a block (see bitslice).
//
// The S-box is the depth-16, 128-gate circuit of Boyar and Peralta ("A
// depth-16 circuit for the AES S-box", 2011, https://eprint.iacr.org/2011/332),
// evaluated on 64 bytes at a time.

// aesBlocks is the number of blocks one bitsliced AES call processes.
const aesBlocks = 4

// bitslice loads the four 16-byte blocks of src into q in the layout above.
func bitslice(q *[8]uint64, src *[64]byte) {
	// Word k = n + 4*c0 interleaves the bytes of columns c0 and c0+2 of
	// block n: its byte j = c1 + 2*r is row r of column c0 + 2*c1. After the
	// transposition below, bit b of that byte lands at bit 8*j + k of q[b],
	// which is n + 4*c + 16*r: the layout above.
	for k := range 8 {
		n, c0 := k&3, k>>2
		a := binary.LittleEndian.Uint32(src[16*n+4*c0:])
		b := binary.LittleEndian.Uint32(src[16*n+4*c0+8:])
		q[k] = spreadBytes(a) | spreadBytes(b)<<8
	}
	transpose8(q)
}

// unbitslice stores q (in the layout above) as four blocks into dst.
func unbitslice(dst *[64]byte, q *[8]uint64) {
	t := *q
	transpose8(&t)
	for k := range 8 {
		n, c0 := k&3, k>>2
		binary.LittleEndian.PutUint32(dst[16*n+4*c0:], gatherBytes(t[k]))
		binary.LittleEndian.PutUint32(dst[16*n+4*c0+8:], gatherBytes(t[k]>>8))
	}
}

// spreadBytes moves byte i of x to byte 2i.
func spreadBytes(x uint32) uint64 {
	y := uint64(x)
	y = (y | y<<16) & 0x0000ffff0000ffff
	return (y | y<<8) & 0x00ff00ff00ff00ff
}

// gatherBytes moves byte 2i of y to byte i, ignoring the odd bytes.
func gatherBytes(y uint64) uint32 {
	y &= 0x00ff00ff00ff00ff
	y = (y | y>>8) & 0x0000ffff0000ffff
	return uint32(y | y>>16)
}

// transpose8 transposes, in each of the eight byte lanes, the 8x8 bit matrix
// whose row k is that byte of q[k]: afterwards bit k of byte j of q[b] is
// what bit b of byte j of q[k] was. It is its own inverse.
func transpose8(q *[8]uint64) {
	// Each stage exchanges one bit of the word index with the same bit of
	// the bit-in-byte index.
	swap := func(a, b *uint64, mask uint64, n uint) {
		t := ((*a >> n) ^ *b) & mask
		*b ^= t
		*a ^= t << n
	}
	const m1, m2, m4 = 0x5555555555555555, 0x3333333333333333, 0x0f0f0f0f0f0f0f0f
	swap(&q[0], &q[1], m1, 1)
	swap(&q[2], &q[3], m1, 1)
	swap(&q[4], &q[5], m1, 1)
	swap(&q[6], &q[7], m1, 1)
	swap(&q[0], &q[2], m2, 2)
	swap(&q[1], &q[3], m2, 2)
	swap(&q[4], &q[6], m2, 2)
	swap(&q[5], &q[7], m2, 2)
	swap(&q[0], &q[4], m4, 4)
	swap(&q[1], &q[5], m4, 4)
	swap(&q[2], &q[6], m4, 4)
	swap(&q[3], &q[7], m4, 4)
}

// subBytes applies the AES S-box to every byte of the bitsliced state.
//
// The circuit's inputs U0..U7 and outputs S0..S7 number bits from the most
// significant one, so U0 is q[7] and S7 is q[0]. Gate names follow the
// paper: T1..T27 (top linear layer), M1..M63 (shared non-linear middle),
// L0..L29 (bottom linear layer); ^ is XOR, & is AND, ^(a^b) is XNOR.
func subBytes(q *[8]uint64) {
	u0, u1, u2, u3 := q[7], q[6], q[5], q[4]
	u4, u5, u6, u7 := q[3], q[2], q[1], q[0]

	// Top linear transformation.
	t1 := u0 ^ u3
	t2 := u0 ^ u5
	t3 := u0 ^ u6
	t4 := u3 ^ u5
	t5 := u4 ^ u6
	t6 := t1 ^ t5
	t7 := u1 ^ u2
	t8 := u7 ^ t6
	t9 := u7 ^ t7
	t10 := t6 ^ t7
	t11 := u1 ^ u5
	t12 := u2 ^ u5
	t13 := t3 ^ t4
	t14 := t6 ^ t11
	t15 := t5 ^ t11
	t16 := t5 ^ t12
	t17 := t9 ^ t16
	t18 := u3 ^ u7
	t19 := t7 ^ t18
	t20 := t1 ^ t19
	t21 := u6 ^ u7
	t22 := t7 ^ t21
	t23 := t2 ^ t22
	t24 := t2 ^ t10
	t25 := t20 ^ t17
	t26 := t3 ^ t16
	t27 := t1 ^ t12
	d := u7

	// Shared middle: inversion in GF(2^8) through GF(2^4).
	m1 := t13 & t6
	m2 := t23 & t8
	m3 := t14 ^ m1
	m4 := t19 & d
	m5 := m4 ^ m1
	m6 := t3 & t16
	m7 := t22 & t9
	m8 := t26 ^ m6
	m9 := t20 & t17
	m10 := m9 ^ m6
	m11 := t1 & t15
	m12 := t4 & t27
	m13 := m12 ^ m11
	m14 := t2 & t10
	m15 := m14 ^ m11
	m16 := m3 ^ m2
	m17 := m5 ^ t24
	m18 := m8 ^ m7
	m19 := m10 ^ m15
	m20 := m16 ^ m13
	m21 := m17 ^ m15
	m22 := m18 ^ m13
	m23 := m19 ^ t25
	m24 := m22 ^ m23
	m25 := m22 & m20
	m26 := m21 ^ m25
	m27 := m20 ^ m21
	m28 := m23 ^ m25
	m29 := m28 & m27
	m30 := m26 & m24
	m31 := m20 & m23
	m32 := m27 & m31
	m33 := m27 ^ m25
	m34 := m21 & m22
	m35 := m24 & m34
	m36 := m24 ^ m25
	m37 := m21 ^ m29
	m38 := m32 ^ m33
	m39 := m23 ^ m30
	m40 := m35 ^ m36
	m41 := m38 ^ m40
	m42 := m37 ^ m39
	m43 := m37 ^ m38
	m44 := m39 ^ m40
	m45 := m42 ^ m41
	m46 := m44 & t6
	m47 := m40 & t8
	m48 := m39 & d
	m49 := m43 & t16
	m50 := m38 & t9
	m51 := m37 & t17
	m52 := m42 & t15
	m53 := m45 & t27
	m54 := m41 & t10
	m55 := m44 & t13
	m56 := m40 & t23
	m57 := m39 & t19
	m58 := m43 & t3
	m59 := m38 & t22
	m60 := m37 & t20
	m61 := m42 & t1
	m62 := m45 & t4
	m63 := m41 & t2

	// Bottom linear transformation, with the affine constant 0x63 folded
	// into the XNORs.
	l0 := m61 ^ m62
	l1 := m50 ^ m56
	l2 := m46 ^ m48
	l3 := m47 ^ m55
	l4 := m54 ^ m58
	l5 := m49 ^ m61
	l6 := m62 ^ l5
	l7 := m46 ^ l3
	l8 := m51 ^ m59
	l9 := m52 ^ m53
	l10 := m53 ^ l4
	l11 := m60 ^ l2
	l12 := m48 ^ m51
	l13 := m50 ^ l0
	l14 := m52 ^ m61
	l15 := m55 ^ l1
	l16 := m56 ^ l0
	l17 := m57 ^ l1
	l18 := m58 ^ l8
	l19 := m63 ^ l4
	l20 := l0 ^ l1
	l21 := l1 ^ l7
	l22 := l3 ^ l12
	l23 := l18 ^ l2
	l24 := l15 ^ l9
	l25 := l6 ^ l10
	l26 := l7 ^ l9
	l27 := l8 ^ l10
	l28 := l11 ^ l14
	l29 := l11 ^ l17

	q[7] = l6 ^ l24
	q[6] = ^(l16 ^ l26)
	q[5] = ^(l19 ^ l28)
	q[4] = l6 ^ l21
	q[3] = l20 ^ l22
	q[2] = l25 ^ l29
	q[1] = ^(l13 ^ l27)
	q[0] = ^(l6 ^ l23)
}

// shiftRows applies AES ShiftRows: row r of each block moves r columns to the
// left, so in the layout above the nibbles of row r rotate right by r bits.
func shiftRows(q *[8]uint64) {
	for i, x := range q {
		q[i] = shiftRow(x)
	}
}

// shiftRow is ShiftRows on one word of the bitsliced state: it rotates the
// lanes of rows 1 and 3 right by 4 bits, then those of rows 2 and 3 by 8.
func shiftRow(x uint64) uint64 {
	const (
		keep1 = 0x0000ffff0000ffff // rows 0 and 2
		r1lo  = 0x0fff00000fff0000 // rows 1 and 3, lane bits 0-11
		r1hi  = 0xf0000000f0000000 // rows 1 and 3, lane bits 12-15
		keep2 = 0x00000000ffffffff // rows 0 and 1
		r2lo  = 0x00ff00ff00000000 // rows 2 and 3, lane bits 0-7
		r2hi  = 0xff00ff0000000000 // rows 2 and 3, lane bits 8-15
	)
	x = x&keep1 | (x>>4)&r1lo | (x<<12)&r1hi
	return x&keep2 | (x>>8)&r2lo | (x<<8)&r2hi
}

// rotRows1 moves row r+1 (mod 4) of every block to row r.
func rotRows1(x uint64) uint64 { return bits.RotateLeft64(x, -16) }

// rotRows2 moves row r+2 (mod 4) of every block to row r.
func rotRows2(x uint64) uint64 { return bits.RotateLeft64(x, 32) }

// shiftMixAddKey applies ShiftRows, MixColumns and AddRoundKey(rk) in one
// pass over q.
//
// With a_r the byte in row r of a column, MixColumns sets a_r to
// 2a_r + 3a_{r+1} + a_{r+2} + a_{r+3}, which is 2t_r + a_{r+1} + t_{r+2} with
// t_r = a_r + a_{r+1}. Bit b of 2t is bit b-1 of t, plus t's bit 7 at bits 0,
// 1, 3 and 4 (x^8 = x^4 + x^3 + x + 1). The code works on scalars, not
// arrays, so that the compiler keeps them in registers.
func shiftMixAddKey(q, rk *[8]uint64) {
	load := func(i int) (a, t uint64) {
		x := shiftRow(q[i])
		a = rotRows1(x)
		return a, x ^ a
	}
	a7, t7 := load(7)
	a0, t0 := load(0)
	a1, t1 := load(1)
	q[0] = t7 ^ a0 ^ rotRows2(t0) ^ rk[0]
	a2, t2 := load(2)
	q[1] = t0 ^ t7 ^ a1 ^ rotRows2(t1) ^ rk[1]
	a3, t3 := load(3)
	q[2] = t1 ^ a2 ^ rotRows2(t2) ^ rk[2]
	a4, t4 := load(4)
	q[3] = t2 ^ t7 ^ a3 ^ rotRows2(t3) ^ rk[3]
	a5, t5 := load(5)
	q[4] = t3 ^ t7 ^ a4 ^ rotRows2(t4) ^ rk[4]
	a6, t6 := load(6)
	q[5] = t4 ^ a5 ^ rotRows2(t5) ^ rk[5]
	q[6] = t5 ^ a6 ^ rotRows2(t6) ^ rk[6]
	q[7] = t6 ^ a7 ^ rotRows2(t7) ^ rk[7]
}

func addRoundKey(q, rk *[8]uint64) {
	for i := range q {
		q[i] ^= rk[i]
	}
}

// aesKey is an expanded AES key in bitsliced form: round key i, repeated
// for the four blocks, in rk[i].
type aesKey struct {
	rk     [15][8]uint64
	rounds int
}

// encrypt4 encrypts the four blocks of src into dst. dst and src may be the
// same array.
func (k *aesKey) encrypt4(dst, src *[64]byte) {
	var q [8]uint64
	bitslice(&q, src)
	addRoundKey(&q, &k.rk[0])
	for r := 1; r < k.rounds; r++ {
		subBytes(&q)
		shiftMixAddKey(&q, &k.rk[r])
	}
	subBytes(&q)
	shiftRows(&q)
	addRoundKey(&q, &k.rk[k.rounds])
	unbitslice(dst, &q)
}

// subWord applies the S-box to the four bytes of w, with the bitsliced
// circuit (the key is secret too).
func subWord(w uint32) uint32 {
	var b [64]byte
	var q [8]uint64
	binary.BigEndian.PutUint32(b[:], w)
	bitslice(&q, &b)
	subBytes(&q)
	unbitslice(&b, &q)
	return binary.BigEndian.Uint32(b[:])
}

// expandKeyWords computes the AES key schedule of FIPS 197 section 5.2 for a
// 16-, 24- or 32-byte key: the round keys as words w[0..4*(rounds+1)), each
// the big-endian value of four key-schedule bytes. The S-box is the
// bitsliced circuit, so this runs in constant time.
func expandKeyWords(w *[60]uint32, key []byte) (rounds int) {
	nk := len(key) / 4
	rounds = nk + 6
	for i := range nk {
		w[i] = binary.BigEndian.Uint32(key[4*i:])
	}
	rcon := uint32(1)
	for i := nk; i < 4*(rounds+1); i++ {
		t := w[i-1]
		switch {
		case i%nk == 0:
			t = subWord(bits.RotateLeft32(t, 8)) ^ rcon<<24
			rcon = rcon<<1 ^ (rcon>>7)*0x11b
		case nk > 6 && i%nk == 4:
			t = subWord(t)
		}
		w[i] = w[i-nk] ^ t
	}
	return rounds
}

// expandKey expands key and stores the round keys bitsliced in k.
func (k *aesKey) expandKey(key []byte) {
	var w [60]uint32
	k.rounds = expandKeyWords(&w, key)
	var b [64]byte
	for r := 0; r <= k.rounds; r++ {
		for n := range aesBlocks {
			for c := range 4 {
				binary.BigEndian.PutUint32(b[16*n+4*c:], w[4*r+c])
			}
		}
		bitslice(&k.rk[r], &b)
	}
	clear(w[:])
	clear(b[:])
}

// GHASH (SP 800-38D 6.4) works in GF(2^128) = GF(2)[x]/(x^128+x^7+x^2+x+1)
// with a reflected bit order: the most significant bit of a block's first
// byte is the coefficient of x^0. Loading a block as a big-endian 128-bit
// integer (hi, lo) gives the polynomial with coefficient x^i at integer bit
// 127-i. Then, for two such integers, the carry-less product C (255 bits)
// holds the coefficient of x^i of the polynomial product at bit 254-i, so
// C<<1, as 256 bits, holds the low 128 coefficients in its upper half and the
// high 128 coefficients in its lower half, both in the same reflected order.

// clmul64 returns the 128-bit carry-less product of x and y, in constant
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
func clmul64(x, y uint64) (hi, lo uint64) {
	ys := splitHoles(y)
	return clmul64Split(x, &ys)
}

// holeMask0..4 keep the bits of class 0..4 (bit positions mod 5).
const (
	holeMask0 = 0x1084210842108421 // bits 0, 5, 10, ..., 60
	holeMask1 = holeMask0 << 1
	holeMask2 = holeMask0 << 2
	holeMask3 = holeMask0 << 3
	holeMask4 = holeMask0 << 4 & (1<<64 - 1)
)

// splitHoles returns the five parts of y used by clmul64.
func splitHoles(y uint64) [5]uint64 {
	return [5]uint64{y & holeMask0, y & holeMask1, y & holeMask2, y & holeMask3, y & holeMask4}
}

// clmul64Split is clmul64 with y already split by splitHoles.
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

// genericKernel is the constant-time Go implementation of one AES-GCM key.
type genericKernel struct {
	aes   aesKey
	ghash ghashKey
}

func newGenericKernel(key []byte) kernel {
	g := new(genericKernel)
	g.aes.expandKey(key)
	var zero [64]byte
	g.aes.encrypt4(&zero, &zero)
	h1 := binary.BigEndian.Uint64(zero[:])
	h0 := binary.BigEndian.Uint64(zero[8:])
	g.ghash = newGHASHKey(h1, h0)
	return g
}

// counterBlocks fills b with the four counter blocks nonce || ctr, ...,
// nonce || ctr+3, the 32-bit counter wrapping modulo 2^32 (SP 800-38D 6.2
// inc32).
func counterBlocks(b *[64]byte, nonce []byte, ctr uint32) {
	for n := range aesBlocks {
		copy(b[16*n:16*n+12], nonce)
		binary.BigEndian.PutUint32(b[16*n+12:], ctr+uint32(n))
	}
}

// firstBlocks encrypts J0 = nonce || 1 and the counter blocks 2, 3, 4 into
// ks: 16 bytes of tag mask followed by 48 bytes of key stream.
func (g *genericKernel) firstBlocks(ks *[64]byte, nonce []byte) {
	counterBlocks(ks, nonce, 1)
	g.aes.encrypt4(ks, ks)
}

// xorKeyStream XORs src with the key stream that starts with the 48 bytes
// already in first and continues with counter block 5, writing to dst.
func (g *genericKernel) xorKeyStream(dst, src []byte, nonce []byte, first *[64]byte) {
	n := min(len(src), 48)
	xorBytes(dst[:n], src[:n], first[16:16+n])
	dst, src = dst[n:], src[n:]
	var ks [64]byte
	ctr := uint32(5)
	for len(src) > 0 {
		counterBlocks(&ks, nonce, ctr)
		g.aes.encrypt4(&ks, &ks)
		ctr += aesBlocks
		n := min(len(src), 64)
		xorBytes(dst[:n], src[:n], ks[:n])
		dst, src = dst[n:], src[n:]
	}
	clear(ks[:])
}

// xorBytes sets dst = a ^ b; all have the same length, and dst may be a.
func xorBytes(dst, a, b []byte) {
	for len(dst) >= 8 {
		v := binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b)
		binary.LittleEndian.PutUint64(dst, v)
		dst, a, b = dst[8:], a[8:], b[8:]
	}
	for i := range dst {
		dst[i] = a[i] ^ b[i]
	}
}

// tag computes the GHASH of additionalData and ciphertext and writes the
// tag, masked with the first 16 bytes of first (E(K, J0)), to out.
func (g *genericKernel) tag(out *[TagSize]byte, first *[64]byte, ciphertext, additionalData []byte) {
	var y1, y0 uint64
	y1, y0 = g.ghash.update(y1, y0, additionalData)
	y1, y0 = g.ghash.update(y1, y0, ciphertext)
	y1 ^= uint64(len(additionalData)) * 8
	y0 ^= uint64(len(ciphertext)) * 8
	y1, y0 = g.ghash.mul(y1, y0)
	binary.BigEndian.PutUint64(out[:], y1^binary.BigEndian.Uint64(first[:]))
	binary.BigEndian.PutUint64(out[8:], y0^binary.BigEndian.Uint64(first[8:]))
}

// seal and open run with the processor's data-independent timing mode on,
// where it has one (arm64 DIT; elsewhere this is a plain call).

func (g *genericKernel) seal(out, nonce, plaintext, additionalData []byte) {
	subtle.WithDataIndependentTiming(func() { g.sealDIT(out, nonce, plaintext, additionalData) })
}

func (g *genericKernel) open(out, nonce, ciphertext, additionalData []byte) (ok bool) {
	subtle.WithDataIndependentTiming(func() { ok = g.openDIT(out, nonce, ciphertext, additionalData) })
	return ok
}

func (g *genericKernel) sealDIT(out, nonce, plaintext, additionalData []byte) {
	var first [64]byte
	g.firstBlocks(&first, nonce)
	ct := out[:len(plaintext)]
	g.xorKeyStream(ct, plaintext, nonce, &first)
	var t [TagSize]byte
	g.tag(&t, &first, ct, additionalData)
	copy(out[len(plaintext):], t[:])
	clear(first[:])
}

func (g *genericKernel) openDIT(out, nonce, ciphertext, additionalData []byte) bool {
	var first [64]byte
	g.firstBlocks(&first, nonce)
	ct := ciphertext[:len(ciphertext)-TagSize]
	var t [TagSize]byte
	g.tag(&t, &first, ct, additionalData)
	ok := tagsEqual(t[:], ciphertext[len(ct):])
	if ok {
		// Only authentic ciphertexts are decrypted.
		g.xorKeyStream(out, ct, nonce, &first)
	}
	clear(first[:])
	return ok
}

// Helpers and Go references for the arm64 assembly (aesgcm_arm64.s). They
// are built everywhere so their tests run on every machine.

// roundKeyBytes expands key into the round keys in FIPS 197 byte order, as
// AESE expects them, and returns the number of rounds.
func roundKeyBytes(rk *[240]byte, key []byte) (rounds int) {
	var w [60]uint32
	rounds = expandKeyWords(&w, key)
	for i := range 4 * (rounds + 1) {
		binary.BigEndian.PutUint32(rk[4*i:], w[i])
	}
	clear(w[:])
	return rounds
}

// bitslicedKey returns the bitsliced form of the byte round keys rk.
func bitslicedKey(nr int, rk *[240]byte) *aesKey {
	k := &aesKey{rounds: nr}
	var b [64]byte
	for r := 0; r <= nr; r++ {
		for n := range aesBlocks {
			copy(b[16*n:16*n+16], rk[16*r:])
		}
		bitslice(&k.rk[r], &b)
	}
	return k
}

// encryptBlockGeneric is the reference of encryptBlockAsm.
func encryptBlockGeneric(nr int, rk *[240]byte, dst, src *[16]byte) {
	var b [64]byte
	copy(b[:], src[:])
	bitslicedKey(nr, rk).encrypt4(&b, &b)
	copy(dst[:], b[:16])
}

// ctrGeneric is the reference of ctrAsm.
func ctrGeneric(nr int, rk *[240]byte, iv *[16]byte, dst, src []byte) {
	if len(src)%blockSize != 0 || len(dst) < len(src) {
		panic("aesgcm: internal error: bad ctrGeneric lengths")
	}
	k := bitslicedKey(nr, rk)
	ctr := binary.BigEndian.Uint32(iv[12:])
	var ks [64]byte
	for len(src) > 0 {
		counterBlocks(&ks, iv[:12], ctr)
		k.encrypt4(&ks, &ks)
		ctr += aesBlocks
		n := min(len(src), 64)
		xorBytes(dst[:n], src[:n], ks[:n])
		dst, src = dst[n:], src[n:]
	}
}

// ghashTable returns the key table of ghashAsm for the hash key h: for
// k = 1..8, H^k x^-1 as two words, the high one first (the arm64 code keeps
// blocks with their high half in lane 0), then the eight words hi^lo of
// those values, for Karatsuba.
//
// The factor x^-1 = x^127 + x^6 + x + 1 cancels the factor x that the
// unshifted carry-less product carries in the reflected bit order (see the
// comment above clmul64), so the assembly reduces the product as it is.
func ghashTable(h *[16]byte) (ht [24]uint64) {
	h1, h0 := binary.BigEndian.Uint64(h[:]), binary.BigEndian.Uint64(h[8:])
	g := newGHASHKey(h1, h0)
	p1, p0 := h1, h0
	for i := range 8 {
		// Multiplying by x^-1 shifts left by one in this bit order; the
		// coefficient of x^0 (the top bit) becomes x^-1 = x^127+x^6+x+1.
		mask := -(p1 >> 63)
		s1 := (p1<<1 | p0>>63) ^ mask&0xc200000000000000
		s0 := p0<<1 ^ mask&1
		ht[2*i], ht[2*i+1] = s1, s0
		ht[16+i] = s1 ^ s0
		p1, p0 = g.mul(p1, p0)
	}
	return ht
}

// ghashGeneric is the reference of ghashAsm.
func ghashGeneric(ht *[24]uint64, y *[16]byte, data []byte) {
	if len(data)%blockSize != 0 {
		panic("aesgcm: internal error: bad ghashGeneric length")
	}
	// H = (H x^-1) x. Multiplying by x shifts right by one; the
	// coefficient of x^127 (bit 0) becomes x^128 = 1+x+x^2+x^7, which are
	// bits 127, 126, 125 and 120: 0xe1<<120.
	s1, s0 := ht[0], ht[1]
	mask := -(s0 & 1)
	h1 := s1>>1 ^ mask&0xe100000000000000
	h0 := s0>>1 | s1<<63
	g := newGHASHKey(h1, h0)
	y1, y0 := binary.BigEndian.Uint64(y[:]), binary.BigEndian.Uint64(y[8:])
	y1, y0 = g.update(y1, y0, data)
	binary.BigEndian.PutUint64(y[:], y1)
	binary.BigEndian.PutUint64(y[8:], y0)
}
