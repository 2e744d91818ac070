package aesgcm

import (
	"encoding/binary"
)

// The key layouts of the arm64 assembly (aesgcm_arm64.s), computed in Go.
// They are built everywhere so that their tests run on every machine.

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
