package rsa

import "math/bits"

// This file is the portable reference for the private-key operation: Montgomery
// multiplication on 64-bit words (any length), fixed-window exponentiation and
// the CRT recombination. Every implementation's kernels are tested against it.

// mulFunc sets z = x * y * R^-1 mod m, for x < m and y < R, with z < m. z may
// alias x or y. (Word-serial kernels scan y and keep their accumulator below
// x + m, so x < m is what bounds the result below 2m.)
type mulFunc func(z, x, y []uint64, m *modulus)

// montMulGeneric implements mulFunc for any length: separated operand scanning,
// the full product first, then word-by-word Montgomery reduction. It executes in
// constant time for a given length.
func montMulGeneric(z, x, y []uint64, m *modulus) {
	k := len(m.n)
	var buf [2 * maxWords]uint64
	t := buf[:2*k]
	mulVV(t, x[:k], y[:k])
	montReduceGeneric(z, t, m)
}

// montSqrGeneric sets z = x^2 * R^-1 mod m, for x < m. The cross products
// are computed once and doubled. z may alias x.
func montSqrGeneric(z, x, y []uint64, m *modulus) {
	k := len(m.n)
	var buf [2 * maxWords]uint64
	t := buf[:2*k]
	x = x[:k]
	// Off-diagonal products x[i]*x[j], i < j.
	for i := 0; i < k-1; i++ {
		t[i+k] = mulAddVWW(t[2*i+1:], x[i+1:], x[i], 0)
	}
	// Double them.
	var c uint64
	for i := range t {
		w := t[i]
		t[i] = w<<1 | c
		c = w >> 63
	}
	// Add the squares x[i]^2 on the diagonal.
	c = 0
	for i := range k {
		hi, lo := bits.Mul64(x[i], x[i])
		t[2*i], c = bits.Add64(t[2*i], lo, c)
		t[2*i+1], c = bits.Add64(t[2*i+1], hi, c)
	}
	montReduceGeneric(z, t, m)
}

// montReduceGeneric sets z = t * R^-1 mod m for t < R*m (2k words), with z < m.
// t is destroyed.
func montReduceGeneric(z, t []uint64, m *modulus) {
	k := len(m.n)
	var top uint64 // carry into t[i+k+1], i.e. the next iteration's t[i+k]
	for i := range k {
		q := t[i] * m.m0inv
		c := mulAddVWW(t[i:], m.n, q, 0)
		t[i+k], top = bits.Add64(t[i+k], c, top)
	}
	copy(z, t[k:2*k])
	condSub(z[:k], top, m.n)
}

// window is the fixed window width of the exponentiation, in bits.
const window = 5

// expScratchWords is the scratch space expWindow needs for k-word moduli.
func expScratchWords(k int) int { return (1<<window + 2) * k }

// expWindow sets out = x^e mod m for x < m (plain, not Montgomery form), where e
// is a secret exponent of ebits announced bits. mul and sqr are the Montgomery
// kernels to use (sqr is called with x == y). It executes in constant time for
// given lengths: the table entry for every window is chosen by scanning all of
// them with masks. scratch has expScratchWords(len(m.n)) words.
func expWindow(out, x, e []uint64, ebits int, m *modulus, mul, sqr mulFunc, scratch []uint64) {
	k := len(m.n)
	tbl := scratch[:k<<window]
	acc := scratch[k<<window : (1<<window+1)*k]
	sel := scratch[(1<<window+1)*k : (1<<window+2)*k]

	// tbl[i] = x^i * R mod m.
	clear(sel)
	sel[0] = 1
	mul(tbl[:k], m.rr, sel, m) // R mod m
	mul(tbl[k:2*k], x, m.rr, m)
	for i := 2; i < 1<<window; i++ {
		mul(tbl[i*k:(i+1)*k], tbl[(i-1)*k:i*k], tbl[k:2*k], m)
	}

	nwin := (ebits + window - 1) / window
	selectEntry(acc, tbl, windowAt(e, nwin-1), k)
	for w := nwin - 2; w >= 0; w-- {
		for range window {
			sqr(acc, acc, acc, m)
		}
		selectEntry(sel, tbl, windowAt(e, w), k)
		mul(acc, acc, sel, m)
	}
	clear(sel)
	sel[0] = 1
	mul(out, acc, sel, m) // out of Montgomery form
	clear(scratch)
}

// windowAt returns bits [window*w, window*w+window) of e.
func windowAt(e []uint64, w int) uint64 {
	bit := window * w
	var v uint64
	if i := bit / 64; i < len(e) {
		v = e[i] >> (bit % 64)
		if bit%64 > 64-window && i+1 < len(e) {
			v |= e[i+1] << (64 - bit%64)
		}
	}
	return v & (1<<window - 1)
}

// selectEntry sets z = tbl[idx] (entries of k words), reading every entry.
func selectEntry(z, tbl []uint64, idx uint64, k int) {
	clear(z[:k])
	for i := range uint64(len(tbl) / k) {
		msk := mask(isZero(i ^ idx))
		row := tbl[int(i)*k : int(i+1)*k]
		for j := range z[:k] {
			z[j] |= row[j] & msk
		}
	}
}

// reduceGeneric sets z = x mod m for any x (of any length), in constant time
// for given lengths. rpow holds R^1 .. R^c mod m for c = ceil(len(x)/k), each
// k words. x is split into k-word chunks x_i, and
// x mod m = sum of x_i * R^(i+1) * R^-1 mod m. tmp has 2k words.
func reduceGeneric(z, x []uint64, m *modulus, rpow []uint64, mul mulFunc, tmp []uint64) {
	k := len(m.n)
	chunk, t := tmp[:k], tmp[k:2*k]
	clear(z[:k])
	for i := 0; i*k < len(x); i++ {
		clear(chunk)
		copy(chunk, x[i*k:min(len(x), (i+1)*k)])
		mul(t, rpow[i*k:(i+1)*k], chunk, m)
		modAdd(z[:k], z[:k], t, m.n)
	}
	clear(tmp[:2*k])
}

// expPublicVarTime sets out = x^e mod m for a public x < m and e > 0, in
// variable time (square and multiply, left to right). tmp has 2*k words.
func expPublicVarTime(out, x []uint64, e uint64, m *modulus, mul, sqr mulFunc, tmp []uint64) {
	k := len(m.n)
	xm, acc := tmp[:k], tmp[k:2*k]
	mul(xm, x, m.rr, m)
	copy(acc, xm)
	for i := bits.Len64(e) - 2; i >= 0; i-- {
		sqr(acc, acc, acc, m)
		if e>>i&1 == 1 {
			mul(acc, acc, xm, m)
		}
	}
	clear(xm)
	xm[0] = 1
	mul(out, acc, xm, m)
}
