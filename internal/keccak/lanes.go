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
