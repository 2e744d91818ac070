package keccak

import "math/bits"

// roundConstants are the ι constants RC[ir] of the 24 rounds (FIPS 202
// section 3.2.5, Algorithm 6; TestRoundConstants derives them from the
// LFSR of Algorithm 5).
var roundConstants = [24]uint64{
	0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
	0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
	0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
	0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
	0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
	0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
}

// rotations[x+5*y] is the ρ offset r[x, y] (FIPS 202 section 3.2.2,
// Algorithm 2), tested by TestRotations. permuteGeneric has them written
// in (the known answers test those); asm/keccak has a copy.
var rotations = [25]int{
	0, 1, 62, 28, 27,
	36, 44, 6, 55, 20,
	3, 10, 43, 25, 39,
	41, 45, 15, 21, 8,
	18, 2, 61, 56, 14,
}

// permuteGeneric is Keccak-f[1600] in Go, in place, two rounds per loop
// iteration (FIPS 202 section 3.2, θ ρ π χ ι written out lane by lane).
//
// Each row of χ's output is written over the five lanes its ρ/π inputs
// were read from, so the state needs no second buffer and the compiler
// keeps only the ten θ values and one row in registers (25 local lanes,
// tried first, were 35% slower: they spill anyway). That moves lanes
// around: after the first round of a pair, output lane (x, y) sits at
// position (2x+y, 2x+3y) mod 5. That is the one position that is both
// read by row y of this round (so it is free when row y is written) and
// in row 2x+3y, the row whose output in the next round reads lane (x, y);
// so the next round, writing each row over its inputs, puts every lane
// back at x+5y.
func permuteGeneric(a *State) {
	var c0, c1, c2, c3, c4, d0, d1, d2, d3, d4, b0, b1, b2, b3, b4 uint64
	for i := 0; i < 24; i += 2 {
		// Round i: lane (x, y) is at a[x+5y].
		c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20]
		c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21]
		c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22]
		c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23]
		c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24]
		d0 = c4 ^ bits.RotateLeft64(c1, 1)
		d1 = c0 ^ bits.RotateLeft64(c2, 1)
		d2 = c1 ^ bits.RotateLeft64(c3, 1)
		d3 = c2 ^ bits.RotateLeft64(c4, 1)
		d4 = c3 ^ bits.RotateLeft64(c0, 1)
		b0 = a[0] ^ d0
		b1 = bits.RotateLeft64(a[6]^d1, 44)
		b2 = bits.RotateLeft64(a[12]^d2, 43)
		b3 = bits.RotateLeft64(a[18]^d3, 21)
		b4 = bits.RotateLeft64(a[24]^d4, 14)
		a[0] = b0 ^ (b2 &^ b1) ^ roundConstants[i]
		a[12] = b1 ^ (b3 &^ b2)
		a[24] = b2 ^ (b4 &^ b3)
		a[6] = b3 ^ (b0 &^ b4)
		a[18] = b4 ^ (b1 &^ b0)
		b0 = bits.RotateLeft64(a[3]^d3, 28)
		b1 = bits.RotateLeft64(a[9]^d4, 20)
		b2 = bits.RotateLeft64(a[10]^d0, 3)
		b3 = bits.RotateLeft64(a[16]^d1, 45)
		b4 = bits.RotateLeft64(a[22]^d2, 61)
		a[16] = b0 ^ (b2 &^ b1)
		a[3] = b1 ^ (b3 &^ b2)
		a[10] = b2 ^ (b4 &^ b3)
		a[22] = b3 ^ (b0 &^ b4)
		a[9] = b4 ^ (b1 &^ b0)
		b0 = bits.RotateLeft64(a[1]^d1, 1)
		b1 = bits.RotateLeft64(a[7]^d2, 6)
		b2 = bits.RotateLeft64(a[13]^d3, 25)
		b3 = bits.RotateLeft64(a[19]^d4, 8)
		b4 = bits.RotateLeft64(a[20]^d0, 18)
		a[7] = b0 ^ (b2 &^ b1)
		a[19] = b1 ^ (b3 &^ b2)
		a[1] = b2 ^ (b4 &^ b3)
		a[13] = b3 ^ (b0 &^ b4)
		a[20] = b4 ^ (b1 &^ b0)
		b0 = bits.RotateLeft64(a[4]^d4, 27)
		b1 = bits.RotateLeft64(a[5]^d0, 36)
		b2 = bits.RotateLeft64(a[11]^d1, 10)
		b3 = bits.RotateLeft64(a[17]^d2, 15)
		b4 = bits.RotateLeft64(a[23]^d3, 56)
		a[23] = b0 ^ (b2 &^ b1)
		a[5] = b1 ^ (b3 &^ b2)
		a[17] = b2 ^ (b4 &^ b3)
		a[4] = b3 ^ (b0 &^ b4)
		a[11] = b4 ^ (b1 &^ b0)
		b0 = bits.RotateLeft64(a[2]^d2, 62)
		b1 = bits.RotateLeft64(a[8]^d3, 55)
		b2 = bits.RotateLeft64(a[14]^d4, 39)
		b3 = bits.RotateLeft64(a[15]^d0, 41)
		b4 = bits.RotateLeft64(a[21]^d1, 2)
		a[14] = b0 ^ (b2 &^ b1)
		a[21] = b1 ^ (b3 &^ b2)
		a[8] = b2 ^ (b4 &^ b3)
		a[15] = b3 ^ (b0 &^ b4)
		a[2] = b4 ^ (b1 &^ b0)
		// Round i+1: lane (x, y) is at a[(2x+y)%5 + 5((2x+3y)%5)].
		c0 = a[0] ^ a[16] ^ a[7] ^ a[23] ^ a[14]
		c1 = a[12] ^ a[3] ^ a[19] ^ a[5] ^ a[21]
		c2 = a[24] ^ a[10] ^ a[1] ^ a[17] ^ a[8]
		c3 = a[6] ^ a[22] ^ a[13] ^ a[4] ^ a[15]
		c4 = a[18] ^ a[9] ^ a[20] ^ a[11] ^ a[2]
		d0 = c4 ^ bits.RotateLeft64(c1, 1)
		d1 = c0 ^ bits.RotateLeft64(c2, 1)
		d2 = c1 ^ bits.RotateLeft64(c3, 1)
		d3 = c2 ^ bits.RotateLeft64(c4, 1)
		d4 = c3 ^ bits.RotateLeft64(c0, 1)
		b0 = a[0] ^ d0
		b1 = bits.RotateLeft64(a[3]^d1, 44)
		b2 = bits.RotateLeft64(a[1]^d2, 43)
		b3 = bits.RotateLeft64(a[4]^d3, 21)
		b4 = bits.RotateLeft64(a[2]^d4, 14)
		a[0] = b0 ^ (b2 &^ b1) ^ roundConstants[i+1]
		a[1] = b1 ^ (b3 &^ b2)
		a[2] = b2 ^ (b4 &^ b3)
		a[3] = b3 ^ (b0 &^ b4)
		a[4] = b4 ^ (b1 &^ b0)
		b0 = bits.RotateLeft64(a[6]^d3, 28)
		b1 = bits.RotateLeft64(a[9]^d4, 20)
		b2 = bits.RotateLeft64(a[7]^d0, 3)
		b3 = bits.RotateLeft64(a[5]^d1, 45)
		b4 = bits.RotateLeft64(a[8]^d2, 61)
		a[5] = b0 ^ (b2 &^ b1)
		a[6] = b1 ^ (b3 &^ b2)
		a[7] = b2 ^ (b4 &^ b3)
		a[8] = b3 ^ (b0 &^ b4)
		a[9] = b4 ^ (b1 &^ b0)
		b0 = bits.RotateLeft64(a[12]^d1, 1)
		b1 = bits.RotateLeft64(a[10]^d2, 6)
		b2 = bits.RotateLeft64(a[13]^d3, 25)
		b3 = bits.RotateLeft64(a[11]^d4, 8)
		b4 = bits.RotateLeft64(a[14]^d0, 18)
		a[10] = b0 ^ (b2 &^ b1)
		a[11] = b1 ^ (b3 &^ b2)
		a[12] = b2 ^ (b4 &^ b3)
		a[13] = b3 ^ (b0 &^ b4)
		a[14] = b4 ^ (b1 &^ b0)
		b0 = bits.RotateLeft64(a[18]^d4, 27)
		b1 = bits.RotateLeft64(a[16]^d0, 36)
		b2 = bits.RotateLeft64(a[19]^d1, 10)
		b3 = bits.RotateLeft64(a[17]^d2, 15)
		b4 = bits.RotateLeft64(a[15]^d3, 56)
		a[15] = b0 ^ (b2 &^ b1)
		a[16] = b1 ^ (b3 &^ b2)
		a[17] = b2 ^ (b4 &^ b3)
		a[18] = b3 ^ (b0 &^ b4)
		a[19] = b4 ^ (b1 &^ b0)
		b0 = bits.RotateLeft64(a[24]^d2, 62)
		b1 = bits.RotateLeft64(a[22]^d3, 55)
		b2 = bits.RotateLeft64(a[20]^d4, 39)
		b3 = bits.RotateLeft64(a[23]^d0, 41)
		b4 = bits.RotateLeft64(a[21]^d1, 2)
		a[20] = b0 ^ (b2 &^ b1)
		a[21] = b1 ^ (b3 &^ b2)
		a[22] = b2 ^ (b4 &^ b3)
		a[23] = b3 ^ (b0 &^ b4)
		a[24] = b4 ^ (b1 &^ b0)
	}
}

// permuteX4Generic applies permuteGeneric to each state of s in turn.
func permuteX4Generic(s *StateX4) {
	for j := range 4 {
		var t State
		for i := range t {
			t[i] = s[i][j]
		}
		permuteGeneric(&t)
		for i := range t {
			s[i][j] = t[i]
		}
	}
}

// permuteX8Generic applies permuteGeneric to each state of s in turn.
func permuteX8Generic(s *StateX8) {
	for j := range 8 {
		var t State
		for i := range t {
			t[i] = s[i][j]
		}
		permuteGeneric(&t)
		for i := range t {
			s[i][j] = t[i]
		}
	}
}
