package edwards25519

import (
	"encoding/binary"
	"math/bits"
)

// fe64 is an element of GF(2^255-19) as 4 little-endian 64-bit limbs, the
// representation of the "adx" and "arm64" implementations. Any value below
// 2^256 congruent to the element is allowed ("partially reduced"); only
// fe64ToBytes reduces fully.
//
// The functions in this file are the Go references of the assembly
// (edwards25519_amd64.s, edwards25519_arm64.s): they compute the same partially
// reduced limbs, which the tests compare exactly. They run in constant
// time too.
type Fe64 [4]uint64

// fe64FromBytes sets v to the little-endian value of b with bit 255 cleared.
func Fe64FromBytes(v *Fe64, b *[32]byte) {
	v[0] = binary.LittleEndian.Uint64(b[0:])
	v[1] = binary.LittleEndian.Uint64(b[8:])
	v[2] = binary.LittleEndian.Uint64(b[16:])
	v[3] = binary.LittleEndian.Uint64(b[24:]) & (1<<63 - 1)
}

// fe64ToBytes writes the canonical encoding of v.
func Fe64ToBytes(b *[32]byte, v *Fe64) {
	// Fold bit 255 (2^255 = 19): the value is then below 2^255 + 19*2.
	t := *v
	var c uint64
	top := t[3] >> 63
	t[3] &= 1<<63 - 1
	t[0], c = bits.Add64(t[0], 19*top, 0)
	t[1], c = bits.Add64(t[1], 0, c)
	t[2], c = bits.Add64(t[2], 0, c)
	t[3], _ = bits.Add64(t[3], 0, c)
	// Now t < 2^255 + 19. Subtract p if t + 19 reaches 2^255 (twice at most
	// is not needed: t - p < p).
	var s Fe64
	s[0], c = bits.Add64(t[0], 19, 0)
	s[1], c = bits.Add64(t[1], 0, c)
	s[2], c = bits.Add64(t[2], 0, c)
	s[3], _ = bits.Add64(t[3], 0, c)
	m := -(s[3] >> 63) // all ones iff t >= p
	s[3] &= 1<<63 - 1
	for i := range t {
		t[i] ^= m & (t[i] ^ s[i])
	}
	binary.LittleEndian.PutUint64(b[0:], t[0])
	binary.LittleEndian.PutUint64(b[8:], t[1])
	binary.LittleEndian.PutUint64(b[16:], t[2])
	binary.LittleEndian.PutUint64(b[24:], t[3])
}

// fe64Fold sets z = r + 38*top (top < 2^58) mod p, below 2^256, as the
// assembly does: one fold, then 38 once more on a carry.
func fe64Fold(z *Fe64, r0, r1, r2, r3, top uint64) {
	var c uint64
	r0, c = bits.Add64(r0, top*38, 0)
	r1, c = bits.Add64(r1, 0, c)
	r2, c = bits.Add64(r2, 0, c)
	r3, c = bits.Add64(r3, 0, c)
	r0 += 38 * c // no carry: r0 < 38*2^58 after a wrap
	z[0], z[1], z[2], z[3] = r0, r1, r2, r3
}

// fe64MulGeneric sets z = x * y: a 512-bit product, its high half times 38
// added to its low half, then fe64Fold.
func Fe64MulGeneric(z, x, y *Fe64) {
	var r [8]uint64
	for i := range 4 {
		var carry uint64
		for j := range 4 {
			hi, lo := bits.Mul64(x[i], y[j])
			var c uint64
			lo, c = bits.Add64(lo, r[i+j], 0)
			hi += c
			lo, c = bits.Add64(lo, carry, 0)
			hi += c
			r[i+j] = lo
			carry = hi
		}
		r[i+4] = carry
	}
	fe64Reduce(z, &r)
}

// fe64Reduce sets z = r mod p (partially) for a 512-bit r.
func fe64Reduce(z *Fe64, r *[8]uint64) {
	var carry uint64
	var lo [4]uint64
	for i := range 4 {
		hi, l := bits.Mul64(r[4+i], 38)
		var c uint64
		l, c = bits.Add64(l, r[i], 0)
		hi += c
		l, c = bits.Add64(l, carry, 0)
		hi += c
		lo[i] = l
		carry = hi
	}
	fe64Fold(z, lo[0], lo[1], lo[2], lo[3], carry)
}

// fe64AddGeneric sets z = x + y.
func Fe64AddGeneric(z, x, y *Fe64) {
	var c uint64
	var r Fe64
	r[0], c = bits.Add64(x[0], y[0], 0)
	r[1], c = bits.Add64(x[1], y[1], c)
	r[2], c = bits.Add64(x[2], y[2], c)
	r[3], c = bits.Add64(x[3], y[3], c)
	for range 2 {
		r[0], c = bits.Add64(r[0], 38*c, 0)
		r[1], c = bits.Add64(r[1], 0, c)
		r[2], c = bits.Add64(r[2], 0, c)
		r[3], c = bits.Add64(r[3], 0, c)
	}
	*z = r
}

// fe64SubGeneric sets z = x - y.
func Fe64SubGeneric(z, x, y *Fe64) {
	var b uint64
	var r Fe64
	r[0], b = bits.Sub64(x[0], y[0], 0)
	r[1], b = bits.Sub64(x[1], y[1], b)
	r[2], b = bits.Sub64(x[2], y[2], b)
	r[3], b = bits.Sub64(x[3], y[3], b)
	for range 2 {
		r[0], b = bits.Sub64(r[0], 38*b, 0)
		r[1], b = bits.Sub64(r[1], 0, b)
		r[2], b = bits.Sub64(r[2], 0, b)
		r[3], b = bits.Sub64(r[3], 0, b)
	}
	*z = r
}

// fe64Mul121665Generic sets z = x * 121665.
func Fe64Mul121665Generic(z, x *Fe64) {
	var r [4]uint64
	var carry uint64
	for i := range 4 {
		hi, lo := bits.Mul64(x[i], 121665)
		var c uint64
		lo, c = bits.Add64(lo, carry, 0)
		r[i] = lo
		carry = hi + c
	}
	fe64Fold(z, r[0], r[1], r[2], r[3], carry)
}

// fe64CSwap swaps a and b if swap is 1, in constant time.
func Fe64CSwap(a, b *Fe64, swap uint64) {
	m := -swap
	for i := range a {
		t := m & (a[i] ^ b[i])
		a[i] ^= t
		b[i] ^= t
	}
}

// FeFromFe64 sets v = a, from 4 x 64-bit limbs (any value below 2^256) to
// radix 2^51: limbs below 2^51, the top one below 2^52 (the input range of
// every Fe function). No reduction.
func FeFromFe64(v *Fe, a *Fe64) {
	v[0] = a[0] & mask51
	v[1] = (a[0]>>51 | a[1]<<13) & mask51
	v[2] = (a[1]>>38 | a[2]<<26) & mask51
	v[3] = (a[2]>>25 | a[3]<<39) & mask51
	v[4] = a[3] >> 12
}

// Fe64FromFe sets v = a, from radix 2^51 (limbs below 2^52) to 4 x 64-bit
// limbs, partially reduced (a carry out of 2^256 folds back as 38).
func Fe64FromFe(v *Fe64, a *Fe) {
	var c uint64
	w0, c := bits.Add64(a[0], a[1]<<51, 0)
	h := a[1]>>13 + c
	w1, c := bits.Add64(h, a[2]<<38, 0)
	h = a[2]>>26 + c
	w2, c := bits.Add64(h, a[3]<<25, 0)
	h = a[3]>>39 + c
	w3, c := bits.Add64(h, a[4]<<12, 0)
	fe64Fold(v, w0, w1, w2, w3, c+a[4]>>52)
}
