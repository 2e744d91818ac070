package aesgcm

import (
	"encoding/binary"
)

// The Go references of the arm64 assembly (aesgcm_arm64.s). They are
// built on every machine, so their tests against the generic code run
// everywhere, and compared with the assembly on arm64.

// bitslicedKey returns the bitsliced form of the byte round keys rk.
func bitslicedKey(nr int, rk *[240]byte) *aesKey {
	k := &aesKey{rounds: nr}
	var b [64]byte
	for r := 0; r <= nr; r++ {
		for n := range aesBlocks {
			copy(b[16*n:16*n+16], rk[16*r:])
		}
		bitslice(&k.rk[r], &b)
	}
	return k
}

// encryptBlockGeneric is the reference of encryptBlockAsm.
func encryptBlockGeneric(nr int, rk *[240]byte, dst, src *[16]byte) {
	var b [64]byte
	copy(b[:], src[:])
	bitslicedKey(nr, rk).encrypt4(&b, &b)
	copy(dst[:], b[:16])
}

// ctrGeneric is the reference of ctrAsm.
func ctrGeneric(nr int, rk *[240]byte, iv *[16]byte, dst, src []byte) {
	if len(src)%blockSize != 0 || len(dst) < len(src) {
		panic("aesgcm: internal error: bad ctrGeneric lengths")
	}
	k := bitslicedKey(nr, rk)
	ctr := binary.BigEndian.Uint32(iv[12:])
	var ks [64]byte
	for len(src) > 0 {
		counterBlocks(&ks, iv[:12], ctr)
		k.encrypt4(&ks, &ks)
		ctr += aesBlocks
		n := min(len(src), 64)
		xorBytes(dst[:n], src[:n], ks[:n])
		dst, src = dst[n:], src[n:]
	}
}

// ghashGeneric is the reference of ghashAsm.
func ghashGeneric(ht *[24]uint64, y *[16]byte, data []byte) {
	if len(data)%blockSize != 0 {
		panic("aesgcm: internal error: bad ghashGeneric length")
	}
	// H = (H x^-1) x. Multiplying by x shifts right by one; the
	// coefficient of x^127 (bit 0) becomes x^128 = 1+x+x^2+x^7, which are
	// bits 127, 126, 125 and 120: 0xe1<<120.
	s1, s0 := ht[0], ht[1]
	mask := -(s0 & 1)
	h1 := s1>>1 ^ mask&0xe100000000000000
	h0 := s0>>1 | s1<<63
	g := newGHASHKey(h1, h0)
	y1, y0 := binary.BigEndian.Uint64(y[:]), binary.BigEndian.Uint64(y[8:])
	y1, y0 = g.update(y1, y0, data)
	binary.BigEndian.PutUint64(y[:], y1)
	binary.BigEndian.PutUint64(y[8:], y0)
}
