package keccak

import (
	"strconv"
	"unsafe"
)

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
// [ShakeX8] does eight at once, at about the cost of four where zmm code
// runs at full speed (see [StateX8]).
//
// Use [ShakeX4.Init128] or [ShakeX4.Init256], then [ShakeX4.Squeeze] or
// [ShakeX4.SqueezeBlocks] as often as needed. The zero value is not ready
// for use. A ShakeX4 is 816 bytes and may live on the stack: no method
// allocates.
type ShakeX4 struct {
	s StateX4
	sponge
}

// ShakeX8 is [ShakeX4] for eight instances, on a [StateX8] and
// [PermuteX8]. A ShakeX8 is 1616 bytes.
type ShakeX8 struct {
	s StateX8
	sponge
}

// sponge is the position of a ShakeX4 or ShakeX8 in its output.
type sponge struct {
	rate int // Rate128 or Rate256; 0 before Init
	off  int // bytes of the current block already squeezed; rate: none left
}

// Init128 sets d to four SHAKE128 instances that have absorbed in[0],
// in[1], in[2] and in[3]. The four inputs must have the same length (any
// length); Init128 panics otherwise.
func (d *ShakeX4) Init128(in *[4][]byte) { d.s = StateX4{}; d.init(d.s.lanes(), 4, Rate128, in[:]) }

// Init256 sets d to four SHAKE256 instances that have absorbed in[0],
// in[1], in[2] and in[3]. The four inputs must have the same length (any
// length); Init256 panics otherwise.
func (d *ShakeX4) Init256(in *[4][]byte) { d.s = StateX4{}; d.init(d.s.lanes(), 4, Rate256, in[:]) }

// Squeeze fills out[0], out[1], out[2] and out[3] with the next bytes of
// the four outputs. The four slices must have the same length (any
// length); Squeeze panics otherwise, or if d was not initialized.
func (d *ShakeX4) Squeeze(out *[4][]byte) { d.squeeze(d.s.lanes(), 4, out[:]) }

// SqueezeBlocks is Squeeze for outputs whose length is a whole number of
// blocks (168 bytes for SHAKE128, 136 for SHAKE256) on a block boundary:
// each block is one PermuteX4 and one [ExtractBytesX4]. It panics if the
// lengths differ or are not multiples of the rate, or if an earlier
// Squeeze stopped inside a block.
func (d *ShakeX4) SqueezeBlocks(out *[4][]byte) { d.squeezeBlocks(d.s.lanes(), 4, out[:]) }

// Init128 is [ShakeX4.Init128] for eight inputs.
func (d *ShakeX8) Init128(in *[8][]byte) { d.s = StateX8{}; d.init(d.s.lanes(), 8, Rate128, in[:]) }

// Init256 is [ShakeX4.Init256] for eight inputs.
func (d *ShakeX8) Init256(in *[8][]byte) { d.s = StateX8{}; d.init(d.s.lanes(), 8, Rate256, in[:]) }

// Squeeze is [ShakeX4.Squeeze] for eight outputs.
func (d *ShakeX8) Squeeze(out *[8][]byte) { d.squeeze(d.s.lanes(), 8, out[:]) }

// SqueezeBlocks is [ShakeX4.SqueezeBlocks] for eight outputs.
func (d *ShakeX8) SqueezeBlocks(out *[8][]byte) { d.squeezeBlocks(d.s.lanes(), 8, out[:]) }

// permuteLanes applies PermuteX4 (n = 4) or PermuteX8 (n = 8) to the
// state whose lanes l is. A direct call on each (no function value), so l
// does not escape.
func permuteLanes(l []uint64, n int) {
	if n == 4 {
		PermuteX4((*StateX4)(unsafe.Pointer(&l[0])))
	} else {
		PermuteX8((*StateX8)(unsafe.Pointer(&l[0])))
	}
}

func equalLengths(bufs [][]byte, what string) int {
	n := len(bufs[0])
	for _, b := range bufs[1:] {
		if len(b) != n {
			panic("keccak: SHAKE " + what + " of different lengths: " + strconv.Itoa(n) + " and " + strconv.Itoa(len(b)))
		}
	}
	return n
}

// init absorbs in (n inputs) into the zero state l.
func (d *sponge) init(l []uint64, n, rate int, in [][]byte) {
	size := equalLengths(in, "inputs")
	d.rate, d.off = rate, rate
	for off := 0; ; off += rate {
		end := min(off+rate, size)
		var blk [8][]byte
		for j := range n {
			blk[j] = in[j][off:end]
		}
		xorAll(l, n, blk[:n])
		if end-off < rate {
			// Padding (FIPS 202 section 5.1): the suffix and the first 1
			// right after the message, the last 1 at the block's end.
			p := end - off
			for j := range n {
				l[n*(p/8)+j] ^= dsShake << (8 * (p % 8))
				l[n*((rate-1)/8)+j] ^= 0x80 << 56
			}
			return
		}
		permuteLanes(l, n)
	}
}

func (d *sponge) squeeze(l []uint64, n int, out [][]byte) {
	if d.rate == 0 {
		panic("keccak: SHAKE used before Init128 or Init256")
	}
	size := equalLengths(out, "outputs")
	for done := 0; done < size; {
		if d.off == d.rate {
			permuteLanes(l, n)
			d.off = 0
		}
		k := min(d.rate-d.off, size-done)
		var blk [8][]byte
		for j := range n {
			blk[j] = out[j][done : done+k]
		}
		extractAll(l, n, d.off, blk[:n])
		d.off += k
		done += k
	}
}

func (d *sponge) squeezeBlocks(l []uint64, n int, out [][]byte) {
	if d.rate == 0 {
		panic("keccak: SHAKE used before Init128 or Init256")
	}
	size := equalLengths(out, "outputs")
	if size%d.rate != 0 || d.off != d.rate {
		panic("keccak: SqueezeBlocks of " + strconv.Itoa(size) + " bytes, not whole blocks")
	}
	for off := 0; off < size; off += d.rate {
		permuteLanes(l, n)
		var blk [8][]byte
		for j := range n {
			blk[j] = out[j][off : off+d.rate]
		}
		extractAll(l, n, 0, blk[:n])
	}
}
