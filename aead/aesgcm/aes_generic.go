package aesgcm

import (
	"encoding/binary"
	"math/bits"
)

// This file and ghash_generic.go are the portable, constant-time
// implementation ("generic", assembled in aesgcm_generic.go). It
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
