package keccak

import (
	"encoding/binary"
	"strconv"
)

// The byte helpers of the interleaved states. l is a StateX4 or
// StateX8 as qwords, n states wide: lane i of state j is l[n*i+j].

// xorLaneBytes XORs b into state j from byte 0. It panics if b is longer
// than a state.
func xorLaneBytes(l []uint64, n, j int, b []byte) {
	if len(b) > 200 {
		panic("keccak: input of " + strconv.Itoa(len(b)) + " bytes, more than a state")
	}
	i := 0
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

// extractAll copies bytes off, off+1, ... of each of the n states into
// out[j] (len(out) = n). When the outputs have equal lengths and off is
// a multiple of 8, whole lanes are copied a row at a time (all n states'
// lane i, which are adjacent in memory), about twice as fast as state by
// state; the rest goes byte by byte.
func extractAll(l []uint64, n, off int, out [][]byte) {
	size := len(out[0])
	for _, b := range out[1:] {
		if len(b) != size {
			size = -1
			break
		}
	}
	if size < 0 || off%8 != 0 || off+size > 200 {
		for j := range n {
			extractLaneBytes(l, n, j, off, out[j])
		}
		return
	}
	first, words := off/8, size/8
	switch n {
	case 4:
		b0, b1, b2, b3 := out[0][:8*words], out[1][:8*words], out[2][:8*words], out[3][:8*words]
		rows := l[4*first : 4*(first+words)]
		for i := range words {
			r := rows[4*i : 4*i+4]
			binary.LittleEndian.PutUint64(b0[8*i:], r[0])
			binary.LittleEndian.PutUint64(b1[8*i:], r[1])
			binary.LittleEndian.PutUint64(b2[8*i:], r[2])
			binary.LittleEndian.PutUint64(b3[8*i:], r[3])
		}
	default:
		b0, b1, b2, b3 := out[0][:8*words], out[1][:8*words], out[2][:8*words], out[3][:8*words]
		b4, b5, b6, b7 := out[4][:8*words], out[5][:8*words], out[6][:8*words], out[7][:8*words]
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
	if size%8 != 0 {
		for j := range n {
			extractLaneBytes(l, n, j, off+8*words, out[j][8*words:])
		}
	}
}

// xorAll XORs in[j] into state j from byte 0 for each of the n states
// (len(in) = n), a row at a time when the inputs have equal lengths (see
// extractAll).
func xorAll(l []uint64, n int, in [][]byte) {
	size := len(in[0])
	for _, b := range in[1:] {
		if len(b) != size {
			size = -1
			break
		}
	}
	if size < 0 || size > 200 {
		for j := range n {
			xorLaneBytes(l, n, j, in[j])
		}
		return
	}
	words := size / 8
	switch n {
	case 4:
		b0, b1, b2, b3 := in[0][:8*words], in[1][:8*words], in[2][:8*words], in[3][:8*words]
		rows := l[:4*words]
		for i := range words {
			r := rows[4*i : 4*i+4]
			r[0] ^= binary.LittleEndian.Uint64(b0[8*i:])
			r[1] ^= binary.LittleEndian.Uint64(b1[8*i:])
			r[2] ^= binary.LittleEndian.Uint64(b2[8*i:])
			r[3] ^= binary.LittleEndian.Uint64(b3[8*i:])
		}
	default:
		b0, b1, b2, b3 := in[0][:8*words], in[1][:8*words], in[2][:8*words], in[3][:8*words]
		b4, b5, b6, b7 := in[4][:8*words], in[5][:8*words], in[6][:8*words], in[7][:8*words]
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
	if size%8 != 0 {
		var t [8]byte
		for j := range n {
			copy(t[:], in[j][8*words:])
			l[n*words+j] ^= binary.LittleEndian.Uint64(t[:])
		}
	}
}
