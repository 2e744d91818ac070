package p256

import "math/bits"

// Radix-2^52 field multiplication mod p: the Go reference of the lane
// kernels p256MulIFMA4/p256MulIFMA8 (asm/p256/ifma.go), an evaluation of
// the "avx512ifma" implementation of issue 9 that is not used by any
// operation (measured: the lanes win throughput but lose latency, and the
// operations of this package are single dependency chains; the figures
// are in asm/p256/ifma.go and bench/results/p256.txt). See ifma.go for the representation and the reduction;
// this code does the same steps on one lane, with bits.Mul64 in place of
// VPMADD52LUQ/HUQ, so every intermediate value equals the assembly's.
//
// An elem52 is 5 limbs of 52 bits, value sum x[i]·2^(52i), in the
// Montgomery domain with R = 2^260 (not the 2^256 of elem: the radix-2^52
// form of an elem x·2^256 is converted by a multiplication by 2^4).

type elem52 [5]uint64

const mask52 = 1<<52 - 1

// p52 are the radix-2^52 limbs of p: 2^52-1, 2^44-1, 0, 2^36, 2^48-2^16.
var p52 = elem52{mask52, 1<<44 - 1, 0, 1 << 36, 1<<48 - 1<<16}

// madd52 returns t_lo + low52(a·b) and t_hi + high52(a·b) for the low 52
// bits of a and b, as VPMADD52LUQ and VPMADD52HUQ do (sums mod 2^64).
func madd52(tlo, thi, a, b uint64) (uint64, uint64) {
	hi, lo := bits.Mul64(a&mask52, b&mask52)
	return tlo + lo&mask52, thi + (hi<<12 | lo>>52)
}

// p256Mul52Generic sets z = x·y·2^-260 mod p, fully reduced, for x, y <
// 2^256 with 52-bit limbs. z may alias x or y. It executes in constant
// time.
func p256Mul52Generic(z, x, y *elem52) {
	var t [10]uint64
	for i := range 5 {
		for j := range 5 {
			t[i+j], t[i+j+1] = madd52(t[i+j], t[i+j+1], x[i], y[j])
		}
	}
	// Five rounds; m = t_i mod 2^52 since -p^-1 = 1 mod 2^52, and
	// t_i + m·(2^52-1) = (t_i>>52 + m)·2^52.
	for i := range 5 {
		m := t[i] & mask52
		t[i+1] += t[i]>>52 + m
		for _, j := range []int{1, 3, 4} {
			t[i+j], t[i+j+1] = madd52(t[i+j], t[i+j+1], m, p52[j])
		}
	}
	var r elem52
	copy(r[:], t[5:])
	for k := range 4 {
		r[k+1] += r[k] >> 52
		r[k] &= mask52
	}
	// d = r - p with a signed borrow; keep r if d < 0.
	var d elem52
	var s int64
	for k := range 5 {
		v := int64(r[k]) - int64(p52[k]) + s
		if k < 4 {
			s = v >> 52
			v &= mask52
		}
		d[k] = uint64(v)
	}
	sel := uint64(int64(d[4]) >> 63)
	for k := range 5 {
		z[k] = d[k] ^ (d[k]^r[k])&sel
	}
}

// to52 returns the radix-2^52 limbs of x (any value below 2^256).
func to52(x *elem) elem52 {
	return elem52{
		x[0] & mask52,
		(x[0]>>52 | x[1]<<12) & mask52,
		(x[1]>>40 | x[2]<<24) & mask52,
		(x[2]>>28 | x[3]<<36) & mask52,
		x[3] >> 16,
	}
}

// from52 returns the 64-bit limbs of x (for x < 2^256 with 52-bit limbs).
func from52(x *elem52) elem {
	return elem{
		x[0] | x[1]<<52,
		x[1]>>12 | x[2]<<40,
		x[2]>>24 | x[3]<<28,
		x[3]>>36 | x[4]<<16,
	}
}
