//go:build arm64 && gc && !purego

package mlkem

import (
	"encoding/binary"
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

// neonCodec are the "arm64" implementation's compression and
// decompression.
var neonCodec = codecSet{
	compress: func(out *[n]uint16, p *poly, d uint) {
		compressARM64(out, (*[256]int16)(p), &compressConsts[d])
	},
	compressEncode:   compressEncodeNEON,
	decodeDecompress: decodeDecompressNEON,
}

// TestNEONCompress checks every coefficient in (-q, q) for every d.
func TestNEONCompress(t *testing.T) { testCompress(t, neonCodec) }

func TestNEONDecompress(t *testing.T) { testDecompress(t, neonCodec) }

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
		checkCompress(t, neonCodec, &ps[0])
		checkDecompress(t, neonCodec, in)
	})
}
