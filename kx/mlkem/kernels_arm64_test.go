//go:build arm64 && gc && !purego

package mlkem

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// neonKernels are the "arm64" implementation's kernels. They equal the Go
// code for every int16 input except base products of -2^15 by -2^15
// (SQDMULH saturates; see asm/mlkemarm64).
var neonKernels = kernelSet{
	ntt: nttNEON, invNTT: invNTTNEON, reduce: reduceNEON,
	basemulAcc: basemulAccNEON, basemulMin: -32767,
}

// TestNEONKernels compares the NEON kernels with the Go references. ASIMD
// is part of every arm64 CPU, so nothing is skipped.
func TestNEONKernels(t *testing.T) { testKernelSet(t, neonKernels) }

func TestNEONRejSample(t *testing.T) { testRejSample(t) }

func TestNEONCBD2(t *testing.T) { testCBD2(t) }

// checkNEONCompress compares compressARM64 with compress for the
// coefficients of p reduced into (-q, q), for every d, and
// compressEncodeNEON with compressEncode.
func checkNEONCompress(t *testing.T, p *poly) {
	t.Helper()
	var x poly
	for i := range p {
		x[i] = p[i] % q
	}
	for d := uint(1); d <= 11; d++ {
		var got [n]uint16
		compressARM64(&got, (*[256]int16)(&x), &compressConsts[d])
		for i := range x {
			if want := compress(canonical(x[i]), d); got[i] != want {
				t.Fatalf("compressARM64(%d, %d) = %d, want %d", x[i], d, got[i], want)
			}
		}
		b1, b2 := make([]byte, 32*d), make([]byte, 32*d)
		compressEncode(b1, &x, d)
		compressEncodeNEON(b2, &x, d)
		if !bytes.Equal(b1, b2) {
			t.Fatalf("compressEncodeNEON differs for d = %d", d)
		}
	}
}

// checkNEONDecompress compares decodeDecompressNEON with decodeDecompress
// on in (cut or zero-padded) for d = 4, 10 (the NEON kernels) and 5, 11.
func checkNEONDecompress(t *testing.T, in []byte) {
	t.Helper()
	for _, d := range []uint{4, 5, 10, 11} {
		b := make([]byte, 32*d)
		copy(b, in)
		var x, y poly
		decodeDecompress(&x, b, d)
		decodeDecompressNEON(&y, b, d)
		if x != y {
			t.Fatalf("decodeDecompress d=%d differs on %x", d, b)
		}
	}
}

func TestNEONDecompress(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	b := make([]byte, 352)
	for iter := 0; iter < 1000; iter++ {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		checkNEONDecompress(t, b)
	}
	for _, fill := range []byte{0, 0xff, 0x55, 0xaa} {
		checkNEONDecompress(t, bytes.Repeat([]byte{fill}, 352))
	}
	// Every 10-bit value in every position of a group of eight.
	for v := 0; v < 1024; v++ {
		var vals [n]uint16
		for i := range vals {
			vals[i] = uint16((v + 37*i) % 1024)
		}
		b := make([]byte, 320)
		packBits(b, &vals, 10)
		checkNEONDecompress(t, b)
	}
}

// TestNEONCompress checks every coefficient in (-q, q) for every d.
func TestNEONCompress(t *testing.T) {
	for start := -(q - 1); start < q; start += n {
		var p poly
		for i := range p {
			p[i] = int16(min(start+i, q-1))
		}
		checkNEONCompress(t, &p)
	}
}

// FuzzNEONKernels compares the NEON kernels with the Go references on
// fuzzed polynomials (any int16 values) and fuzzed bytes (rejection
// sampling, CBD_2).
func FuzzNEONKernels(f *testing.F) {
	f.Add([]byte{1, 2, 3})
	f.Add(make([]byte, 3*512))
	f.Fuzz(func(t *testing.T, in []byte) {
		var ps [3]poly
		for i := 0; i < 3*n && 2*i+1 < len(in); i++ {
			ps[i/n][i%n] = int16(binary.LittleEndian.Uint16(in[2*i:]))
		}
		checkKernelSet(t, neonKernels, ps[0], ps[1], ps[2])
		var blk [blkSize]byte
		copy(blk[:], in)
		checkRejSample(t, &blk)
		checkCBD2(t, in)
		checkNEONCompress(t, &ps[0])
		checkNEONDecompress(t, in)
	})
}
