package fuzz

import "bytes"

// Fuzz targets derive fixed-size values (keys, nonces, scalars) from the
// fuzzer's bytes instead of returning early when a length is not exact, so
// that every mutation reaches the code under test.

// derive returns n bytes made from b: its first n bytes, or b followed by
// a pattern that depends on len(b) (so different short inputs give
// different values).
func derive(b []byte, n int) []byte {
	out := make([]byte, n)
	c := copy(out, b)
	for i := c; i < n; i++ {
		out[i] = byte(i*31) ^ byte(len(b))
	}
	return out
}

// aeadShape is what a fuzz target's shape word selects besides the inputs.
type aeadShape struct {
	keyIndex int // which key size, for algorithms with several
	adLen    int // the additional data is stretched to this length
	offset   int // misalignment of the in-place and output buffers (0..15)
}

// decodeShape splits shape: bits 0-1 a key size index, bits 2-7 a count
// of 17-byte extensions of the additional data (up to 1071 bytes more:
// past 256, where assembly switches to its bulk loop), bits 8-11 a buffer
// offset.
func decodeShape(shape uint32, ad []byte) aeadShape {
	return aeadShape{
		keyIndex: int(shape & 3),
		adLen:    len(ad) + 17*int(shape>>2&63),
		offset:   int(shape >> 8 & 15),
	}
}

// stretch returns b extended to n bytes by repeating it (or a pattern if b
// is empty); b itself if it is long enough.
func stretch(b []byte, n int) []byte {
	if len(b) >= n {
		return b
	}
	if len(b) == 0 {
		return derive(nil, n)
	}
	return bytes.Repeat(b, (n+len(b)-1)/len(b))[:n]
}

// unaligned returns a slice of length n starting off bytes into a fresh
// allocation (which Go aligns to at least 8 bytes, 16 for these sizes), so
// an odd off misaligns it, with capacity for extra bytes after it.
func unaligned(n, off, extra int) []byte {
	return make([]byte, off+n+extra)[off : off+n : off+n+extra]
}
