package chacha20poly1305

import (
	"encoding/binary"
	"math/bits"
)

// The ChaCha20 constants "expand 32-byte k" (RFC 8439 section 2.3).
const (
	sigma0 = 0x61707865
	sigma1 = 0x3320646e
	sigma2 = 0x79622d32
	sigma3 = 0x6b206574
)

// quarterRound is the ChaCha quarter round of RFC 8439 section 2.1.
func quarterRound(a, b, c, d uint32) (uint32, uint32, uint32, uint32) {
	a += b
	d ^= a
	d = bits.RotateLeft32(d, 16)
	c += d
	b ^= c
	b = bits.RotateLeft32(b, 12)
	a += b
	d ^= a
	d = bits.RotateLeft32(d, 8)
	c += d
	b ^= c
	b = bits.RotateLeft32(b, 7)
	return a, b, c, d
}

// rounds applies the 20 ChaCha rounds (10 column and 10 diagonal rounds)
// to x.
func rounds(x *[16]uint32) {
	x0, x1, x2, x3 := x[0], x[1], x[2], x[3]
	x4, x5, x6, x7 := x[4], x[5], x[6], x[7]
	x8, x9, x10, x11 := x[8], x[9], x[10], x[11]
	x12, x13, x14, x15 := x[12], x[13], x[14], x[15]
	for range 10 {
		x0, x4, x8, x12 = quarterRound(x0, x4, x8, x12)
		x1, x5, x9, x13 = quarterRound(x1, x5, x9, x13)
		x2, x6, x10, x14 = quarterRound(x2, x6, x10, x14)
		x3, x7, x11, x15 = quarterRound(x3, x7, x11, x15)
		x0, x5, x10, x15 = quarterRound(x0, x5, x10, x15)
		x1, x6, x11, x12 = quarterRound(x1, x6, x11, x12)
		x2, x7, x8, x13 = quarterRound(x2, x7, x8, x13)
		x3, x4, x9, x14 = quarterRound(x3, x4, x9, x14)
	}
	x[0], x[1], x[2], x[3] = x0, x1, x2, x3
	x[4], x[5], x[6], x[7] = x4, x5, x6, x7
	x[8], x[9], x[10], x[11] = x8, x9, x10, x11
	x[12], x[13], x[14], x[15] = x12, x13, x14, x15
}

// chachaXORGeneric XORs src with len(src)/64 blocks of ChaCha20 keystream
// (RFC 8439 section 2.3) into dst, starting at the block counter st[12],
// and advances st[12] (wrapping at 2^32). len(src) must be a multiple of
// 64 and len(dst) at least len(src); dst may be src. It is the reference
// for every assembly ChaCha20 kernel.
func chachaXORGeneric(st *[16]uint32, dst, src []byte) {
	for len(src) >= 64 {
		x := *st
		rounds(&x)
		d, s := dst[:64], src[:64]
		for i := range x {
			binary.LittleEndian.PutUint32(d[4*i:], binary.LittleEndian.Uint32(s[4*i:])^(x[i]+st[i]))
		}
		st[12]++
		dst, src = dst[64:], src[64:]
	}
}

// hchachaGeneric sets out to HChaCha20 of the input block in
// (draft-irtf-cfrg-xchacha-03 section 2.2): the 20 rounds without the
// final addition, words 0-3 and 12-15.
func hchachaGeneric(out *[8]uint32, in *[16]uint32) {
	x := *in
	rounds(&x)
	copy(out[0:4], x[0:4])
	copy(out[4:8], x[12:16])
}

// polyBlocksGeneric absorbs len(msg)/16 full 16-byte blocks of msg into
// p (RFC 8439 section 2.5.1: h = (h + block + 2^128) * r mod 2^130-5,
// kept partially reduced). len(msg) must be a multiple of 16. It is the
// reference for every assembly Poly1305 kernel.
func polyBlocksGeneric(p *polyState, msg []byte) {
	h0, h1, h2 := p.h[0], p.h[1], p.h[2]
	r0, r1 := p.r[0], p.r[1]
	for len(msg) >= 16 {
		var c uint64
		h0, c = bits.Add64(h0, binary.LittleEndian.Uint64(msg[0:]), 0)
		h1, c = bits.Add64(h1, binary.LittleEndian.Uint64(msg[8:]), c)
		h2 += c + 1
		h0, h1, h2 = polyMul(h0, h1, h2, r0, r1)
		msg = msg[16:]
	}
	p.h[0], p.h[1], p.h[2] = h0, h1, h2
}

// polyMul returns h*r mod 2^130-5, partially reduced (the result's top
// word is at most 4 + 1), for h2 < 16 and a clamped r (r0, r1 < 2^60).
func polyMul(h0, h1, h2, r0, r1 uint64) (uint64, uint64, uint64) {
	// t = h * r as four words t0..t3. The clamp keeps every partial sum
	// below 2^64 where noted.
	hi00, t0 := bits.Mul64(h0, r0)
	hi01, lo01 := bits.Mul64(h0, r1)
	hi10, lo10 := bits.Mul64(h1, r0)
	hi11, lo11 := bits.Mul64(h1, r1)
	var c uint64
	t1, c := bits.Add64(hi00, lo01, 0)
	t2, c2 := bits.Add64(hi01, lo11, c)
	t3 := hi11 + c2
	t1, c = bits.Add64(t1, lo10, 0)
	t2, c2 = bits.Add64(t2, hi10, c)
	t3 += c2
	t2, c = bits.Add64(t2, h2*r0, 0)
	t3 += h2*r1 + c
	// t = t_low130 + 2^130 * q with q = (t2>>2 | t3<<62) + t3>>2 <<64;
	// 2^130 = 5 mod p, so h = t_low130 + 4q + q.
	h0, h1, h2 = t0, t1, t2&3
	m0, m1 := t2&^3, t3
	h0, c = bits.Add64(h0, m0, 0)
	h1, c = bits.Add64(h1, m1, c)
	h2 += c
	m0, m1 = m0>>2|m1<<62, m1>>2
	h0, c = bits.Add64(h0, m0, 0)
	h1, c = bits.Add64(h1, m1, c)
	h2 += c
	return h0, h1, h2
}

// finish writes the tag: (h mod 2^130-5) + s mod 2^128, fully reducing h
// in constant time.
func (p *polyState) finish(tag *[16]byte) {
	h0, h1, h2 := p.h[0], p.h[1], p.h[2]
	// g = h + 5 - 2^130 is h - p; use it if it is not negative, that is
	// if h + 5 reaches 2^130. h < 2p, so one subtraction is enough.
	g0, c := bits.Add64(h0, 5, 0)
	g1, c := bits.Add64(h1, 0, c)
	g2 := h2 + c
	mask := -(g2 >> 2) // all ones if h >= p
	h0 ^= (h0 ^ g0) & mask
	h1 ^= (h1 ^ g1) & mask
	h0, c = bits.Add64(h0, p.s[0], 0)
	h1, _ = bits.Add64(h1, p.s[1], c)
	binary.LittleEndian.PutUint64(tag[0:], h0)
	binary.LittleEndian.PutUint64(tag[8:], h1)
}
