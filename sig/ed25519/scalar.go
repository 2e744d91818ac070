package ed25519

import (
	"encoding/binary"
	"math/bits"
)

// scalar is an integer modulo the group order
// L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032 section 5.1)
// as 4 little-endian 64-bit words, always below L. Every function here
// executes in constant time.
type scalar [4]uint64

// Limbs of L, and constants of the Montgomery arithmetic with R = 2^256.
var (
	scL  = scalar{0x5812631a5cf5d3ed, 0x14def9dea2f79cd6, 0, 0x1000000000000000}
	scR2 = scalar{0xa40611e3449c0f01, 0xd00e1ba768859347, 0xceec73d217f5be65, 0x0399411b7c309a3d} // R^2 mod L
	scR3 = scalar{0x2a9e49687b83a2db, 0x278324e6aef7f3ec, 0x8065dc6c04ec5b65, 0x0e530b773599cec7} // R^3 mod L
)

// lInv64 is -1/L mod 2^64 (checked by TestScalarConstants).
const lInv64 = 0xd2b51da312547e1b

// montMul sets z = x * y / 2^256 mod L, for x * y < 2^256 * L (for
// example x < 2^256 and y < L). Coarsely integrated operand scanning
// (Koc, Acar, Kaliski 1996); the final subtraction is masked.
func montMul(z, x, y *[4]uint64) {
	var t0, t1, t2, t3, t4 uint64
	for i := range 4 {
		// t += x * y[i]
		var c, hi, lo, cc uint64
		hi, lo = bits.Mul64(x[0], y[i])
		t0, cc = bits.Add64(t0, lo, 0)
		c = hi + cc
		hi, lo = bits.Mul64(x[1], y[i])
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		t1, cc = bits.Add64(t1, lo, 0)
		c = hi + cc
		hi, lo = bits.Mul64(x[2], y[i])
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		t2, cc = bits.Add64(t2, lo, 0)
		c = hi + cc
		hi, lo = bits.Mul64(x[3], y[i])
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		t3, cc = bits.Add64(t3, lo, 0)
		c = hi + cc
		var t5 uint64
		t4, t5 = bits.Add64(t4, c, 0)
		// t = (t + m L) / 2^64 with m such that the low word vanishes.
		m := t0 * lInv64
		hi, lo = bits.Mul64(m, scL[0])
		_, cc = bits.Add64(t0, lo, 0)
		c = hi + cc
		hi, lo = bits.Mul64(m, scL[1])
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		t0, cc = bits.Add64(t1, lo, 0)
		c = hi + cc
		// scL[2] = 0
		t1, cc = bits.Add64(t2, c, 0)
		c = cc
		hi, lo = bits.Mul64(m, scL[3])
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		t2, cc = bits.Add64(t3, lo, 0)
		c = hi + cc
		t3, cc = bits.Add64(t4, c, 0)
		t4 = t5 + cc
	}
	scReduceOnce(z, t0, t1, t2, t3, t4)
}

// scReduceOnce sets z = t - L if t = t0..t4 >= L, else t (t < 2L).
func scReduceOnce(z *[4]uint64, t0, t1, t2, t3, t4 uint64) {
	var b uint64
	s0, b := bits.Sub64(t0, scL[0], 0)
	s1, b := bits.Sub64(t1, scL[1], b)
	s2, b := bits.Sub64(t2, scL[2], b)
	s3, b := bits.Sub64(t3, scL[3], b)
	_, b = bits.Sub64(t4, 0, b)
	m := -b // all ones iff t < L: keep t
	z[0] = t0&m | s0&^m
	z[1] = t1&m | s1&^m
	z[2] = t2&m | s2&^m
	z[3] = t3&m | s3&^m
}

// scAdd sets z = x + y mod L.
func scAdd(z, x, y *scalar) {
	var c uint64
	t0, c := bits.Add64(x[0], y[0], 0)
	t1, c := bits.Add64(x[1], y[1], c)
	t2, c := bits.Add64(x[2], y[2], c)
	t3, c := bits.Add64(x[3], y[3], c)
	scReduceOnce((*[4]uint64)(z), t0, t1, t2, t3, c)
}

func words(b []byte) [4]uint64 {
	return [4]uint64{
		binary.LittleEndian.Uint64(b[0:]), binary.LittleEndian.Uint64(b[8:]),
		binary.LittleEndian.Uint64(b[16:]), binary.LittleEndian.Uint64(b[24:]),
	}
}

// setUniform sets s = h mod L for a 64-byte little-endian h (RFC 8032
// section 5.1.6 step 2 and 5.1.7 step 2): with h = lo + hi 2^256,
// s = (lo R^2 / R + hi R^3 / R) / R.
func (s *scalar) setUniform(h *[64]byte) {
	lo, hi := words(h[:32]), words(h[32:])
	var a, b [4]uint64
	montMul(&a, &lo, (*[4]uint64)(&scR2)) // lo R
	montMul(&b, &hi, (*[4]uint64)(&scR3)) // hi R^2
	var sum scalar
	scAdd(&sum, (*scalar)(&a), (*scalar)(&b))
	one := [4]uint64{1}
	montMul((*[4]uint64)(s), (*[4]uint64)(&sum), &one)
}

// setCanonical sets s from a 32-byte little-endian encoding and reports
// whether it is below L (crypto/ed25519 rejects S >= L). Variable time:
// signatures are public.
func (s *scalar) setCanonical(b []byte) bool {
	w := words(b)
	for i := 3; i >= 0; i-- {
		if w[i] != scL[i] {
			if w[i] > scL[i] {
				return false
			}
			*s = w
			return true
		}
	}
	return false // equal to L
}

// bytes writes the 32-byte little-endian encoding of s.
func (s *scalar) bytes(b *[32]byte) {
	for i := range 4 {
		binary.LittleEndian.PutUint64(b[8*i:], s[i])
	}
}

// nonAdjacentForm returns the width-w NAF of s (2 <= w <= 8): digits odd
// and below 2^(w-1) in absolute value, or zero, with at most one nonzero
// digit in any w consecutive ones. s < 2^253, so every carry stays below
// bit 254. Variable time (used for public scalars only).
func (s *scalar) nonAdjacentForm(w uint) [256]int8 {
	x := [5]uint64{s[0], s[1], s[2], s[3], 0}
	width := uint64(1) << w
	window := width - 1
	var naf [256]int8
	for i := 0; i < 256; {
		word, bit := i/64, uint(i%64)
		if (x[word]>>bit)&1 == 0 {
			i++
			continue
		}
		v := x[word] >> bit
		if bit+w > 64 {
			v |= x[word+1] << (64 - bit)
		}
		v &= window
		// Clear the window (subtract v 2^i).
		x[word] &^= window << bit
		if bit+w > 64 {
			x[word+1] &^= window >> (64 - bit)
		}
		if v >= width/2 {
			// Digit v - 2^w: add 2^(i+w) back.
			naf[i] = int8(int64(v) - int64(width))
			pos := uint(i) + w
			c := uint64(1) << (pos % 64)
			for j := int(pos / 64); j < 5 && c != 0; j++ {
				x[j], c = bits.Add64(x[j], c, 0)
			}
		} else {
			naf[i] = int8(v)
		}
		i += int(w)
	}
	return naf
}
