package mlkem

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// compressEncodeRef and decodeDecompressRef are bit-at-a-time versions of
// ByteEncode_d/ByteDecode_d (FIPS 203 Algorithms 5 and 6).
func compressEncodeRef(b []byte, p *poly, d uint) {
	clear(b[:32*d])
	for i := range p {
		c := compress(canonical(p[i]), d)
		for j := uint(0); j < d; j++ {
			bit := uint(i)*d + j
			b[bit/8] |= byte(c>>j&1) << (bit % 8)
		}
	}
}

func decodeDecompressRef(p *poly, b []byte, d uint) {
	for i := range p {
		var c uint16
		for j := uint(0); j < d; j++ {
			bit := uint(i)*d + j
			c |= uint16(b[bit/8]>>(bit%8)&1) << j
		}
		p[i] = decompress(c, d)
	}
}

func TestEncodings(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 200; iter++ {
		var p poly
		for i := range p {
			p[i] = int16(r.IntN(2*q-1) - (q - 1))
		}
		for _, d := range []uint{1, 4, 5, 10, 11} {
			got, want := make([]byte, 32*d), make([]byte, 32*d)
			compressEncode(got, &p, d)
			compressEncodeRef(want, &p, d)
			if !bytes.Equal(got, want) {
				t.Fatalf("compressEncode d=%d differs", d)
			}
			for i := range got {
				got[i] = byte(r.Uint32())
			}
			var x, y poly
			decodeDecompress(&x, got, d)
			decodeDecompressRef(&y, got, d)
			if x != y {
				t.Fatalf("decodeDecompress d=%d differs", d)
			}
		}
	}
}
