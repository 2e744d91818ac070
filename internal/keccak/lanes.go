package keccak

import (
	"encoding/binary"
	"strconv"
)

// The byte helpers of the interleaved states. l is a StateX4 or
// StateX8 as qwords, n states wide: lane i of state j is l[n*i+j].

// xorLaneBytes XORs b into state j from byte off, a multiple of 8. It
// panics if b runs past the state.
func xorLaneBytes(l []uint64, n, j, off int, b []byte) {
	if off+len(b) > 200 {
		panic("keccak: input of " + strconv.Itoa(len(b)) + " bytes at " + strconv.Itoa(off) + ", past the end of a state")
	}
	i := off / 8
	for ; len(b) >= 8; i++ {
		l[n*i+j] ^= binary.LittleEndian.Uint64(b)
		b = b[8:]
	}
	if len(b) > 0 {
		var t [8]byte
		copy(t[:], b)
		l[n*i+j] ^= binary.LittleEndian.Uint64(t[:])
	}
}

// extractLaneBytes copies bytes off, off+1, ... of state j into b. It
// panics if they run past the state.
func extractLaneBytes(l []uint64, n, j, off int, b []byte) {
	if off+len(b) > 200 {
		panic("keccak: output of " + strconv.Itoa(len(b)) + " bytes at " + strconv.Itoa(off) + ", past the end of a state")
	}
	if off%8 == 0 {
		i := off / 8
		for ; len(b) >= 8; i++ {
			binary.LittleEndian.PutUint64(b, l[n*i+j])
			b = b[8:]
		}
		off = 8 * i
	}
	for k := range b {
		p := off + k
		b[k] = byte(l[n*(p/8)+j] >> (8 * (p % 8)))
	}
}

// rowWords returns how many whole lanes, from lane first on, the row path
// takes: as many as the shortest non-empty buffer covers (empty ones are
// pointed at a scratch buffer meanwhile). None if fewer than half the
// buffers are non-empty (state by state is faster then), or if a buffer
// runs past the state (the state-by-state path panics for it).
func rowWords(first int, bufs [][]byte) int {
	m, used := 200, 0
	for _, b := range bufs {
		if len(b) > 200-8*first {
			return 0
		}
		if len(b) > 0 {
			m = min(m, len(b))
			used++
		}
	}
	if 2*used < len(bufs) {
		return 0
	}
	return m / 8
}

// orScratch returns b, or scratch if b is empty.
func orScratch(b, scratch []byte) []byte {
	if len(b) == 0 {
		return scratch
	}
	return b
}

// extractAll copies bytes off, off+1, ... of each of the n states into
// out[j] (len(out) = n). Whole lanes go a row at a time (lane i of all n
// states, adjacent in memory), about twice as fast as state by state: as
// many as the shortest non-empty output covers when off is a multiple of
// 8; the rest of each output goes state by state.
func extractAll(l []uint64, n, off int, out [][]byte) {
	words := 0
	if off%8 == 0 {
		words = rowWords(off/8, out)
	}
	if words > 0 {
		var scratch [200]byte
		first := off / 8
		if n == 4 {
			b0, b1 := orScratch(out[0], scratch[:])[:8*words], orScratch(out[1], scratch[:])[:8*words]
			b2, b3 := orScratch(out[2], scratch[:])[:8*words], orScratch(out[3], scratch[:])[:8*words]
			rows := l[4*first : 4*(first+words)]
			for i := range words {
				r := rows[4*i : 4*i+4]
				binary.LittleEndian.PutUint64(b0[8*i:], r[0])
				binary.LittleEndian.PutUint64(b1[8*i:], r[1])
				binary.LittleEndian.PutUint64(b2[8*i:], r[2])
				binary.LittleEndian.PutUint64(b3[8*i:], r[3])
			}
		} else {
			b0, b1 := orScratch(out[0], scratch[:])[:8*words], orScratch(out[1], scratch[:])[:8*words]
			b2, b3 := orScratch(out[2], scratch[:])[:8*words], orScratch(out[3], scratch[:])[:8*words]
			b4, b5 := orScratch(out[4], scratch[:])[:8*words], orScratch(out[5], scratch[:])[:8*words]
			b6, b7 := orScratch(out[6], scratch[:])[:8*words], orScratch(out[7], scratch[:])[:8*words]
			rows := l[8*first : 8*(first+words)]
			for i := range words {
				r := rows[8*i : 8*i+8]
				binary.LittleEndian.PutUint64(b0[8*i:], r[0])
				binary.LittleEndian.PutUint64(b1[8*i:], r[1])
				binary.LittleEndian.PutUint64(b2[8*i:], r[2])
				binary.LittleEndian.PutUint64(b3[8*i:], r[3])
				binary.LittleEndian.PutUint64(b4[8*i:], r[4])
				binary.LittleEndian.PutUint64(b5[8*i:], r[5])
				binary.LittleEndian.PutUint64(b6[8*i:], r[6])
				binary.LittleEndian.PutUint64(b7[8*i:], r[7])
			}
		}
	}
	for j := range n {
		if len(out[j]) > 8*words {
			extractLaneBytes(l, n, j, off+8*words, out[j][8*words:])
		}
	}
}

// xorAll XORs in[j] into state j from byte 0, for each of the n states
// (len(in) = n), a row at a time as far as the shortest non-empty input
// goes (see extractAll).
func xorAll(l []uint64, n int, in [][]byte) {
	words := rowWords(0, in)
	if words > 0 {
		var zero [200]byte
		if n == 4 {
			b0, b1 := orScratch(in[0], zero[:])[:8*words], orScratch(in[1], zero[:])[:8*words]
			b2, b3 := orScratch(in[2], zero[:])[:8*words], orScratch(in[3], zero[:])[:8*words]
			rows := l[:4*words]
			for i := range words {
				r := rows[4*i : 4*i+4]
				r[0] ^= binary.LittleEndian.Uint64(b0[8*i:])
				r[1] ^= binary.LittleEndian.Uint64(b1[8*i:])
				r[2] ^= binary.LittleEndian.Uint64(b2[8*i:])
				r[3] ^= binary.LittleEndian.Uint64(b3[8*i:])
			}
		} else {
			b0, b1 := orScratch(in[0], zero[:])[:8*words], orScratch(in[1], zero[:])[:8*words]
			b2, b3 := orScratch(in[2], zero[:])[:8*words], orScratch(in[3], zero[:])[:8*words]
			b4, b5 := orScratch(in[4], zero[:])[:8*words], orScratch(in[5], zero[:])[:8*words]
			b6, b7 := orScratch(in[6], zero[:])[:8*words], orScratch(in[7], zero[:])[:8*words]
			rows := l[:8*words]
			for i := range words {
				r := rows[8*i : 8*i+8]
				r[0] ^= binary.LittleEndian.Uint64(b0[8*i:])
				r[1] ^= binary.LittleEndian.Uint64(b1[8*i:])
				r[2] ^= binary.LittleEndian.Uint64(b2[8*i:])
				r[3] ^= binary.LittleEndian.Uint64(b3[8*i:])
				r[4] ^= binary.LittleEndian.Uint64(b4[8*i:])
				r[5] ^= binary.LittleEndian.Uint64(b5[8*i:])
				r[6] ^= binary.LittleEndian.Uint64(b6[8*i:])
				r[7] ^= binary.LittleEndian.Uint64(b7[8*i:])
			}
		}
	}
	for j := range n {
		if len(in[j]) > 8*words {
			xorLaneBytes(l, n, j, 8*words, in[j][8*words:])
		}
	}
}
