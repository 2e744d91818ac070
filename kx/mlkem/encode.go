package mlkem

import "encoding/binary"

// Byte encodings, compression and sampling (FIPS 203 sections 4.2.1 and
// 4.2.2). Compression is computed with a multiplication by a rounded
// reciprocal of q instead of a division, so its time does not depend on
// the (secret) coefficients.

// compressMul is ceil(2^36/q). For 0 <= x < 2^23, (x*compressMul)>>36 is
// floor(x/q): the error of the reciprocal, x*(compressMul-2^36/q)/2^36, is
// below 2^-13, less than the 1/q gap between x/q and the next integer.
// TestCompress checks every input exhaustively.
const compressMul = (1<<36 + q - 1) / q

// compress returns Compress_d(x) = round(2^d/q * x) mod 2^d (FIPS 203
// (4.7)) for x in [0, q) and 1 <= d <= 11.
func compress(x int16, d uint) uint16 {
	v := uint64(uint32(x))<<d + q/2
	return uint16((v*compressMul)>>36) & (1<<d - 1)
}

// decompress returns Decompress_d(y) = round(q/2^d * y) (FIPS 203 (4.8))
// for y < 2^d, in [0, q).
func decompress(y uint16, d uint) int16 {
	return int16((uint32(y)*q + 1<<(d-1)) >> d)
}

// encode12 writes ByteEncode_12(p) into b (384 bytes). Coefficients must
// be in (-q, q); they are mapped to [0, q) first.
func encode12(b []byte, p *poly) {
	b = b[:384]
	for i := 0; i < n/2; i++ {
		x := uint16(canonical(p[2*i]))
		y := uint16(canonical(p[2*i+1]))
		b[3*i] = byte(x)
		b[3*i+1] = byte(x>>8) | byte(y<<4)
		b[3*i+2] = byte(y >> 4)
	}
}

// decode12 sets p = ByteDecode_12(b) (384 bytes) and reports whether every
// coefficient is below q (the modulus check of FIPS 203 section 7.2). The
// check is not constant time: it runs on public keys only.
func decode12(p *poly, b []byte) bool {
	b = b[:384]
	ok := true
	for i := 0; i < n/2; i++ {
		x := uint16(b[3*i]) | uint16(b[3*i+1]&0xf)<<8
		y := uint16(b[3*i+1]>>4) | uint16(b[3*i+2])<<4
		ok = ok && x < q && y < q
		p[2*i] = int16(x)
		p[2*i+1] = int16(y)
	}
	return ok
}

// compressEncode writes ByteEncode_d(Compress_d(p)) into b (32*d bytes),
// for 1 <= d <= 11. Coefficients must be in (-q, q).
func compressEncode(b []byte, p *poly, d uint) {
	var c [n]uint16
	for i := range c {
		c[i] = compress(canonical(p[i]), d)
	}
	packBits(b, &c, d)
}

// packBits writes ByteEncode_d(c) into b (32*d bytes) for values below
// 2^d, d <= 11. Eight values are exactly d bytes; they are packed into one
// or two 64-bit words.
func packBits(b []byte, c *[n]uint16, d uint) {
	b = b[:32*d]
	for g := 0; g < n/8; g++ {
		v := c[8*g : 8*g+8]
		out := b[uint(g)*d:][:d]
		w0 := uint64(v[0]) | uint64(v[1])<<d | uint64(v[2])<<(2*d) | uint64(v[3])<<(3*d)
		w1 := uint64(v[4]) | uint64(v[5])<<d | uint64(v[6])<<(2*d) | uint64(v[7])<<(3*d)
		lo := w0 | w1<<(4*d)
		if d < 8 {
			for i := range out {
				out[i] = byte(lo >> (8 * i))
			}
			continue
		}
		binary.LittleEndian.PutUint64(out, lo)
		hi := w1 >> (64 - 4*d)
		for i := 8; i < int(d); i++ {
			out[i] = byte(hi >> (8 * (i - 8)))
		}
	}
}

// decodeDecompress sets p = Decompress_d(ByteDecode_d(b)) for b of 32*d
// bytes and 1 <= d <= 11; outputs are in [0, q).
func decodeDecompress(p *poly, b []byte, d uint) {
	b = b[:32*d]
	mask := uint64(1)<<d - 1
	for g := 0; g < n/8; g++ {
		in := b[uint(g)*d:][:d]
		var lo, hi uint64
		if d < 8 {
			for i := range in {
				lo |= uint64(in[i]) << (8 * i)
			}
		} else {
			lo = binary.LittleEndian.Uint64(in)
			for i := 8; i < int(d); i++ {
				hi |= uint64(in[i]) << (8 * (i - 8))
			}
		}
		// Bits 4d.. of the group: the high part of lo, then hi.
		w1 := lo>>(4*d) | hi<<(64-4*d)
		for i := 0; i < 4; i++ {
			p[8*g+i] = decompress(uint16(lo>>(d*uint(i))&mask), d)
			p[8*g+4+i] = decompress(uint16(w1>>(d*uint(i))&mask), d)
		}
	}
}

// encodeMessage writes ByteEncode_1(Compress_1(p)) into m (32 bytes), for
// coefficients in (-q, q).
func encodeMessage(m *[32]byte, p *poly) {
	for i := range m {
		var b byte
		for j := 0; j < 8; j++ {
			b |= byte(compress(canonical(p[8*i+j]), 1)) << j
		}
		m[i] = b
	}
}

// decodeMessage sets p = Decompress_1(ByteDecode_1(m)): 0 or 1665 per bit,
// selected with a mask.
func decodeMessage(p *poly, m *[32]byte) {
	for i := range p {
		bit := int16(m[i/8]>>(i%8)) & 1
		p[i] = -bit & ((q + 1) / 2)
	}
}

// cbd2 sets p = SamplePolyCBD_2(b) (FIPS 203 Algorithm 8, eta = 2) from 128
// bytes; coefficients in [-2, 2].
func cbd2(p *poly, b []byte) {
	b = b[:128]
	for i := 0; i < n/8; i++ {
		t := binary.LittleEndian.Uint32(b[4*i:])
		d := t&0x55555555 + (t>>1)&0x55555555
		for j := 0; j < 8; j++ {
			x := int16(d>>(4*j)) & 3
			y := int16(d>>(4*j+2)) & 3
			p[8*i+j] = x - y
		}
	}
}

// cbd3 sets p = SamplePolyCBD_3(b) (eta = 3, ML-KEM-512's eta1) from 192
// bytes; coefficients in [-3, 3].
func cbd3(p *poly, b []byte) {
	b = b[:192]
	for i := 0; i < n/4; i++ {
		t := uint32(b[3*i]) | uint32(b[3*i+1])<<8 | uint32(b[3*i+2])<<16
		d := t&0x249249 + (t>>1)&0x249249 + (t>>2)&0x249249
		for j := 0; j < 4; j++ {
			x := int16(d>>(6*j)) & 7
			y := int16(d>>(6*j+3)) & 7
			p[4*i+j] = x - y
		}
	}
}

// rejSampleGeneric continues SampleNTT (FIPS 203 Algorithm 7): it parses
// 3-byte groups of buf into two 12-bit candidates each and appends those
// below q to p[ctr:], stopping when p is full. It returns the new count.
// The input is public (a hash of the public seed rho), so it may branch.
func rejSampleGeneric(p *poly, ctr int, buf []byte) int {
	for i := 0; i+3 <= len(buf) && ctr < n; i += 3 {
		d1 := uint16(buf[i]) | uint16(buf[i+1]&0xf)<<8
		d2 := uint16(buf[i+1]>>4) | uint16(buf[i+2])<<4
		if d1 < q {
			p[ctr] = int16(d1)
			ctr++
		}
		if d2 < q && ctr < n {
			p[ctr] = int16(d2)
			ctr++
		}
	}
	return ctr
}
