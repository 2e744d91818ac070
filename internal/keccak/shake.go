package keccak

import "strconv"

// Rates, in bytes, of SHAKE128 and SHAKE256 (FIPS 202 section 6.2: 1600
// minus twice the security level, in bits, over 8).
const (
	Rate128 = 168
	Rate256 = 136
)

// dsShake is the SHAKE domain-separation suffix 1111 with the first bit of
// the pad10*1 padding (FIPS 202 sections 5.1 and 6.2), as a byte.
const dsShake = 0x1f

// ShakeX4 is four SHAKE128 or SHAKE256 instances (FIPS 202 section 6.2)
// that absorb inputs of equal length and are squeezed in lockstep, with one
// [PermuteX4] per block of all four outputs. Output j is SHAKE(in[j]),
// byte for byte what crypto/sha3 gives.
//
// For ML-KEM (FIPS 203): the matrix expansion of K-PKE.KeyGen and Encrypt
// is SHAKE128 of rho || j || i (34 bytes; Algorithm 7, SampleNTT) and the
// noise is SHAKE256 of sigma || N (33 bytes; PRF_eta of section 4.1).
//
// Use [ShakeX4.Init128] or [ShakeX4.Init256], then [ShakeX4.Squeeze] or
// [ShakeX4.SqueezeBlocks] as often as needed. The zero value is not ready
// for use. A ShakeX4 is 832 bytes and may live on the stack.
type ShakeX4 struct {
	s    StateX4
	rate int // Rate128 or Rate256
	off  int // bytes of the current block already squeezed; rate: none left
}

// Init128 sets d to four SHAKE128 instances that have absorbed in[0],
// in[1], in[2] and in[3]. The four inputs must have the same length (any
// length); Init128 panics otherwise.
func (d *ShakeX4) Init128(in *[4][]byte) { d.init(Rate128, in) }

// Init256 sets d to four SHAKE256 instances that have absorbed in[0],
// in[1], in[2] and in[3]. The four inputs must have the same length (any
// length); Init256 panics otherwise.
func (d *ShakeX4) Init256(in *[4][]byte) { d.init(Rate256, in) }

func (d *ShakeX4) init(rate int, in *[4][]byte) {
	n := len(in[0])
	for j := 1; j < 4; j++ {
		if len(in[j]) != n {
			panic("keccak: ShakeX4 inputs of different lengths: " + strconv.Itoa(n) + " and " + strconv.Itoa(len(in[j])))
		}
	}
	d.s = StateX4{}
	d.rate, d.off = rate, rate
	var blk [4][]byte
	for off := 0; ; off += rate {
		end := min(off+rate, n)
		for j := range blk {
			blk[j] = in[j][off:end]
		}
		XORBytesX4(&d.s, &blk)
		if end-off < rate {
			// Padding (FIPS 202 section 5.1): the suffix and the first 1
			// right after the message, the last 1 at the block's end.
			p := end - off
			for j := range 4 {
				d.s[p/8][j] ^= dsShake << (8 * (p % 8))
				d.s[(rate-1)/8][j] ^= 0x80 << 56
			}
			return
		}
		PermuteX4(&d.s)
	}
}

// Squeeze fills out[0], out[1], out[2] and out[3] with the next bytes of
// the four outputs. The four slices must have the same length (any
// length); Squeeze panics otherwise, or if d was not initialized.
func (d *ShakeX4) Squeeze(out *[4][]byte) {
	if d.rate == 0 {
		panic("keccak: ShakeX4 used before Init128 or Init256")
	}
	n := len(out[0])
	for j := 1; j < 4; j++ {
		if len(out[j]) != n {
			panic("keccak: ShakeX4 outputs of different lengths: " + strconv.Itoa(n) + " and " + strconv.Itoa(len(out[j])))
		}
	}
	for done := 0; done < n; {
		if d.off == d.rate {
			PermuteX4(&d.s)
			d.off = 0
		}
		k := min(d.rate-d.off, n-done)
		for j := range 4 {
			extractAt(&d.s, j, d.off, out[j][done:done+k])
		}
		d.off += k
		done += k
	}
}

// SqueezeBlocks is Squeeze for outputs whose length is a whole number of
// blocks (168 bytes for SHAKE128, 136 for SHAKE256) on a block boundary:
// each block is one PermuteX4 and one [ExtractBytesX4]. It panics if the
// lengths differ or are not multiples of the rate, or if an earlier
// Squeeze stopped inside a block.
func (d *ShakeX4) SqueezeBlocks(out *[4][]byte) {
	if d.rate == 0 {
		panic("keccak: ShakeX4 used before Init128 or Init256")
	}
	n := len(out[0])
	for j := 1; j < 4; j++ {
		if len(out[j]) != n {
			panic("keccak: ShakeX4 outputs of different lengths: " + strconv.Itoa(n) + " and " + strconv.Itoa(len(out[j])))
		}
	}
	if n%d.rate != 0 || d.off != d.rate {
		panic("keccak: ShakeX4.SqueezeBlocks of " + strconv.Itoa(n) + " bytes, not whole blocks")
	}
	var blk [4][]byte
	for off := 0; off < n; off += d.rate {
		PermuteX4(&d.s)
		for j := range blk {
			blk[j] = out[j][off : off+d.rate]
		}
		ExtractBytesX4(&d.s, &blk)
	}
}

// extractAt copies bytes off, off+1, ... of state j of s into b.
func extractAt(s *StateX4, j, off int, b []byte) {
	for k := range b {
		p := off + k
		b[k] = byte(s[p/8][j] >> (8 * (p % 8)))
	}
}
