package edwards25519

import (
	"encoding/binary"
	"math/bits"
)

// Fe is an element of GF(2^255-19) in radix 2^51: the value is
// l[0] + l[1]*2^51 + l[2]*2^102 + l[3]*2^153 + l[4]*2^204.
//
// Every function here returns limbs below 2^52 given inputs whose limbs are
// below 2^52 ("loosely reduced"); only feToBytes fully reduces. All of them
// execute in constant time and allow their arguments to alias.
type Fe [5]uint64

const mask51 = 1<<51 - 1

// FeFromBytes sets v to the little-endian value of b, ignoring its top bit
// (RFC 7748 section 5: implementations MUST mask the most significant bit).
// Values from 2^255-19 to 2^255-1 are accepted and reduced later.
func FeFromBytes(v *Fe, b *[32]byte) {
	w0 := binary.LittleEndian.Uint64(b[0:8])
	w1 := binary.LittleEndian.Uint64(b[8:16])
	w2 := binary.LittleEndian.Uint64(b[16:24])
	w3 := binary.LittleEndian.Uint64(b[24:32])
	v[0] = w0 & mask51
	v[1] = (w0>>51 | w1<<13) & mask51
	v[2] = (w1>>38 | w2<<26) & mask51
	v[3] = (w2>>25 | w3<<39) & mask51
	v[4] = (w3 >> 12) & mask51
}

// FeToBytes writes the canonical (fully reduced) encoding of v to b.
func FeToBytes(b *[32]byte, v *Fe) {
	t := *v
	feCarry(&t)
	// t < 2^255 + 2^13*19 now. Add 19 and see whether it reaches 2^255:
	// that is q = 1 exactly when t >= p.
	q := (t[0] + 19) >> 51
	q = (t[1] + q) >> 51
	q = (t[2] + q) >> 51
	q = (t[3] + q) >> 51
	q = (t[4] + q) >> 51
	// t - q*p = t + 19*q - q*2^255: drop bit 255 after propagating.
	t[0] += 19 * q
	t[1] += t[0] >> 51
	t[0] &= mask51
	t[2] += t[1] >> 51
	t[1] &= mask51
	t[3] += t[2] >> 51
	t[2] &= mask51
	t[4] += t[3] >> 51
	t[3] &= mask51
	t[4] &= mask51
	binary.LittleEndian.PutUint64(b[0:8], t[0]|t[1]<<51)
	binary.LittleEndian.PutUint64(b[8:16], t[1]>>13|t[2]<<38)
	binary.LittleEndian.PutUint64(b[16:24], t[2]>>26|t[3]<<25)
	binary.LittleEndian.PutUint64(b[24:32], t[3]>>39|t[4]<<12)
}

// feCarry brings every limb of v below 2^51 + 2^13*19, folding the carry
// out of the top limb back in times 19 (2^255 = 19 mod p). Inputs may have
// limbs up to 2^64 - 1.
func feCarry(v *Fe) {
	c0 := v[0] >> 51
	c1 := v[1] >> 51
	c2 := v[2] >> 51
	c3 := v[3] >> 51
	c4 := v[4] >> 51
	v[0] = v[0]&mask51 + c4*19
	v[1] = v[1]&mask51 + c0
	v[2] = v[2]&mask51 + c1
	v[3] = v[3]&mask51 + c2
	v[4] = v[4]&mask51 + c3
}

// FeAdd sets v = a + b.
func FeAdd(v, a, b *Fe) {
	v[0] = a[0] + b[0]
	v[1] = a[1] + b[1]
	v[2] = a[2] + b[2]
	v[3] = a[3] + b[3]
	v[4] = a[4] + b[4]
	feCarry(v)
}

// Limbs of 4p, which is above every loosely reduced element limb by limb.
const (
	fourP0  = 4 * (1<<51 - 19)
	fourPHi = 4 * (1<<51 - 1)
)

// FeSub sets v = a - b, computed as a + 4p - b so no limb underflows.
func FeSub(v, a, b *Fe) {
	v[0] = a[0] + fourP0 - b[0]
	v[1] = a[1] + fourPHi - b[1]
	v[2] = a[2] + fourPHi - b[2]
	v[3] = a[3] + fourPHi - b[3]
	v[4] = a[4] + fourPHi - b[4]
	feCarry(v)
}

// FeNeg sets v = -a.
func FeNeg(v, a *Fe) {
	var zero Fe
	FeSub(v, &zero, a)
}

// u128 is an unsigned 128-bit accumulator.
type u128 struct{ lo, hi uint64 }

func mulAdd(acc u128, a, b uint64) u128 {
	hi, lo := bits.Mul64(a, b)
	var c uint64
	acc.lo, c = bits.Add64(acc.lo, lo, 0)
	acc.hi += hi + c
	return acc
}

// shr51 returns acc >> 51, which fits in 64 bits for every product sum below.
func shr51(acc u128) uint64 { return acc.hi<<13 | acc.lo>>51 }

// FeMul sets v = a * b.
//
// Schoolbook multiplication: limb products that land at 2^255 and above
// are folded back times 19. With limbs below 2^52 each column sum is below
// 77 * 2^104 < 2^111, so its carry fits in 60 bits and 19 times it in 64.
func FeMul(v, a, b *Fe) {
	a0, a1, a2, a3, a4 := a[0], a[1], a[2], a[3], a[4]
	b0, b1, b2, b3, b4 := b[0], b[1], b[2], b[3], b[4]
	b1x, b2x, b3x, b4x := b1*19, b2*19, b3*19, b4*19

	var r0, r1, r2, r3, r4 u128
	r0 = mulAdd(r0, a0, b0)
	r0 = mulAdd(r0, a1, b4x)
	r0 = mulAdd(r0, a2, b3x)
	r0 = mulAdd(r0, a3, b2x)
	r0 = mulAdd(r0, a4, b1x)

	r1 = mulAdd(r1, a0, b1)
	r1 = mulAdd(r1, a1, b0)
	r1 = mulAdd(r1, a2, b4x)
	r1 = mulAdd(r1, a3, b3x)
	r1 = mulAdd(r1, a4, b2x)

	r2 = mulAdd(r2, a0, b2)
	r2 = mulAdd(r2, a1, b1)
	r2 = mulAdd(r2, a2, b0)
	r2 = mulAdd(r2, a3, b4x)
	r2 = mulAdd(r2, a4, b3x)

	r3 = mulAdd(r3, a0, b3)
	r3 = mulAdd(r3, a1, b2)
	r3 = mulAdd(r3, a2, b1)
	r3 = mulAdd(r3, a3, b0)
	r3 = mulAdd(r3, a4, b4x)

	r4 = mulAdd(r4, a0, b4)
	r4 = mulAdd(r4, a1, b3)
	r4 = mulAdd(r4, a2, b2)
	r4 = mulAdd(r4, a3, b1)
	r4 = mulAdd(r4, a4, b0)

	feReduceWide(v, r0, r1, r2, r3, r4)
}

// feReduceWide sets v from five column sums below 2^111.
func feReduceWide(v *Fe, r0, r1, r2, r3, r4 u128) {
	c0, c1, c2, c3, c4 := shr51(r0), shr51(r1), shr51(r2), shr51(r3), shr51(r4)
	v[0] = r0.lo&mask51 + c4*19
	v[1] = r1.lo&mask51 + c0
	v[2] = r2.lo&mask51 + c1
	v[3] = r3.lo&mask51 + c2
	v[4] = r4.lo&mask51 + c3
	feCarry(v)
}

// FeSquare sets v = a * a, sharing the symmetric products.
func FeSquare(v, a *Fe) {
	a0, a1, a2, a3, a4 := a[0], a[1], a[2], a[3], a[4]
	d0, d1, d2, d3 := 2*a0, 2*a1, 2*a2, 2*a3
	a3x, a4x := 19*a3, 19*a4

	var r0, r1, r2, r3, r4 u128
	r0 = mulAdd(r0, a0, a0)
	r0 = mulAdd(r0, d1, a4x)
	r0 = mulAdd(r0, d2, a3x)

	r1 = mulAdd(r1, d0, a1)
	r1 = mulAdd(r1, d2, a4x)
	r1 = mulAdd(r1, a3, a3x)

	r2 = mulAdd(r2, d0, a2)
	r2 = mulAdd(r2, a1, a1)
	r2 = mulAdd(r2, d3, a4x)

	r3 = mulAdd(r3, d0, a3)
	r3 = mulAdd(r3, d1, a2)
	r3 = mulAdd(r3, a4, a4x)

	r4 = mulAdd(r4, d0, a4)
	r4 = mulAdd(r4, d1, a3)
	r4 = mulAdd(r4, a2, a2)

	feReduceWide(v, r0, r1, r2, r3, r4)
}

// FeSquareN sets v = a^(2^n), n >= 1.
func FeSquareN(v, a *Fe, n int) {
	FeSquare(v, a)
	for i := 1; i < n; i++ {
		FeSquare(v, v)
	}
}

// FeMul121665 sets v = a * 121665 (the RFC 7748 constant a24 = (486662-2)/4).
func FeMul121665(v, a *Fe) {
	var r [5]u128
	for i := range r {
		hi, lo := bits.Mul64(a[i], 121665)
		r[i] = u128{lo, hi}
	}
	feReduceWide(v, r[0], r[1], r[2], r[3], r[4])
}

// FeCSwap swaps a and b if swap is 1 and leaves them if it is 0, in constant time.
func FeCSwap(a, b *Fe, swap uint64) {
	m := -swap
	for i := range a {
		t := m & (a[i] ^ b[i])
		a[i] ^= t
		b[i] ^= t
	}
}

// FeSelect sets v = a if cond is 1 and leaves v if cond is 0, in constant time.
func FeSelect(v, a *Fe, cond uint64) {
	m := -cond
	for i := range v {
		v[i] ^= m & (v[i] ^ a[i])
	}
}
