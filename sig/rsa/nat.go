package rsa

import (
	"math/big"
	"math/bits"
)

// This file holds the word-level helpers shared by every implementation:
// conversions, constant-time selection, modular addition and subtraction,
// and the per-modulus constants. Numbers are little-endian slices of 64-bit
// words of a fixed, announced length; nothing here branches on or indexes by
// their values, so every function executes in constant time for a given
// length unless its name ends in VarTime.

// maxWords is the largest modulus length in words (16384 bits).
const maxWords = 16384 / 64

// modulus is an odd modulus m with the constants Montgomery arithmetic needs.
// R = 2^(64*len(m.n)).
type modulus struct {
	n     []uint64 // m, little-endian words; the top word is not zero
	bits  int      // bit length of m
	m0inv uint64   // -m^-1 mod 2^64
	rr    []uint64 // R^2 mod m
}

// newModulus returns the constants for the odd modulus with the big-endian
// bytes b (no leading zero bytes). It executes in constant time for a given
// length of b, so it is safe for secret primes.
func newModulus(b []byte, bits int) *modulus {
	k := (bits + 63) / 64
	m := &modulus{n: make([]uint64, k), bits: bits, rr: make([]uint64, k)}
	bytesToWords(m.n, b)
	m.m0inv = -inverse64(m.n[0])
	// R^2 mod m by 2*64*k constant-time modular doublings of 1.
	m.rr[0] = 1
	for range 2 * 64 * k {
		modDouble(m.rr, m.n)
	}
	return m
}

// newModulusVarTime is newModulus for public moduli, using math/big.
func newModulusVarTime(n *big.Int) *modulus {
	k := (n.BitLen() + 63) / 64
	m := &modulus{n: make([]uint64, k), bits: n.BitLen(), rr: make([]uint64, k)}
	bytesToWords(m.n, n.Bytes())
	m.m0inv = -inverse64(m.n[0])
	rr := new(big.Int).Lsh(big.NewInt(1), uint(2*64*k))
	rr.Mod(rr, n)
	bytesToWords(m.rr, rr.Bytes())
	return m
}

// inverse64 returns x^-1 mod 2^64 for odd x (Newton iteration; each step
// doubles the number of correct low bits, starting from 3).
func inverse64(x uint64) uint64 {
	y := x // x*x = 1 mod 8
	for range 5 {
		y *= 2 - x*y
	}
	return y
}

// bytesToWords sets z to the big-endian number b, which must fit.
func bytesToWords(z []uint64, b []byte) {
	clear(z)
	for i := range b {
		j := len(b) - 1 - i // byte position from the bottom
		z[j/8] |= uint64(b[i]) << (8 * (j % 8))
	}
}

// wordsToBytes writes x big-endian into all of out, which must be large enough.
func wordsToBytes(out []byte, x []uint64) {
	for j := range out {
		var v byte
		if j/8 < len(x) {
			v = byte(x[j/8] >> (8 * (j % 8)))
		}
		out[len(out)-1-j] = v
	}
}

// mask returns all ones if c == 1 and zero if c == 0.
func mask(c uint64) uint64 { return -c }

// isZero returns 1 if x == 0 and 0 otherwise.
func isZero(x uint64) uint64 { return 1 ^ ((x | -x) >> 63) }

// selectWords sets z = x if c == 1 and z = y if c == 0.
func selectWords(z, x, y []uint64, c uint64) {
	mx := mask(c)
	for i := range z {
		z[i] = y[i] ^ (mx & (x[i] ^ y[i]))
	}
}

// addVV sets z = x + y and returns the carry. All have the same length.
func addVV(z, x, y []uint64) uint64 {
	var c uint64
	for i := range z {
		z[i], c = bits.Add64(x[i], y[i], c)
	}
	return c
}

// subVV sets z = x - y and returns the borrow. All have the same length.
func subVV(z, x, y []uint64) uint64 {
	var b uint64
	for i := range z {
		z[i], b = bits.Sub64(x[i], y[i], b)
	}
	return b
}

// condSub sets z = z - m if hi == 1 or z >= m, for z + hi*R < 2m.
func condSub(z []uint64, hi uint64, m []uint64) {
	var t [maxWords]uint64
	b := subVV(t[:len(z)], z, m)
	// Subtract unless z < m with no carry word.
	selectWords(z, t[:len(z)], z, hi|(1^b))
}

// modDouble sets z = 2z mod m, for z < m.
func modDouble(z, m []uint64) {
	var c uint64
	for i := range z {
		w := z[i]
		z[i] = w<<1 | c
		c = w >> 63
	}
	condSub(z, c, m)
}

// modAdd sets z = x + y mod m, for x, y < m.
func modAdd(z, x, y, m []uint64) {
	c := addVV(z, x, y)
	condSub(z, c, m)
}

// modSub sets z = x - y mod m, for x, y < m.
func modSub(z, x, y, m []uint64) {
	var t [maxWords]uint64
	b := subVV(z, x, y)
	addVV(t[:len(z)], z, m)
	selectWords(z, t[:len(z)], z, b)
}

// mulAddVWW sets z = z + x*y + c over len(x) words and returns the carry word.
func mulAddVWW(z, x []uint64, y, c uint64) uint64 {
	z = z[:len(x)]
	for i, xi := range x {
		hi, lo := bits.Mul64(xi, y)
		var cc uint64
		lo, cc = bits.Add64(lo, z[i], 0)
		hi += cc
		lo, cc = bits.Add64(lo, c, 0)
		hi += cc
		z[i] = lo
		c = hi
	}
	return c
}

// mulVV sets z = x * y (schoolbook); len(z) == len(x) + len(y).
func mulVV(z, x, y []uint64) {
	clear(z)
	for i, yi := range y {
		z[i+len(x)] = mulAddVWW(z[i:], x, yi, 0)
	}
}

// cmpGeqVarTime reports whether x >= y (same length); variable time.
func cmpGeqVarTime(x, y []uint64) bool {
	for i := len(x) - 1; i >= 0; i-- {
		if x[i] != y[i] {
			return x[i] > y[i]
		}
	}
	return true
}
