//go:build amd64 && gc && !purego

package mlkem

import (
	"encoding/binary"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

func needAVX2(t testing.TB) {
	if !cpu.X86HasAVX2 {
		t.Skip("no AVX2")
	}
}

// avx2Kernels are the "avx2" implementation's kernels, equal to the Go
// code for every int16 input.
var avx2Kernels = kernelSet{
	ntt: nttAVX2Go, invNTT: invNTTAVX2Go, reduce: reduceAVX2Go,
	basemulAcc: basemulAccAVX2Go, basemulMin: -32768,
}

func TestAVX2Kernels(t *testing.T) {
	needAVX2(t)
	testKernelSet(t, avx2Kernels)
}

// TestAVX2Table checks the per-lane zeta layout of avx2_tables.go
// independently: after the three shuffles, the lanes of X3 hold the
// coefficients 4g, 4g+1 of each group of 4 exactly once, and its partner
// Y3 (built the same way) holds 4g+2, 4g+3 at the same positions.
func TestAVX2Table(t *testing.T) {
	seen := map[int]bool{}
	for i := 0; i < 8; i++ {
		var a, b lanes16
		for e := range a {
			a[e], b[e] = 32*i+e, 32*i+16+e
		}
		x, y := perm2x128(a, b, false), perm2x128(a, b, true)
		x2, y2 := unpackQ(x, y, false), unpackQ(x, y, true)
		x3, y3 := shufps(x2, y2, 0, 2, 0, 2), shufps(x2, y2, 1, 3, 1, 3)
		for e := range x3 {
			if y3[e] != x3[e]+2 || x3[e]%4 > 1 || seen[x3[e]] {
				t.Fatalf("pair %d lane %d: x3 %d, y3 %d", i, e, x3[e], y3[e])
			}
			seen[x3[e]] = true
			if y2[e] != x2[e]+4 || y[e] != x[e]+8 {
				t.Fatalf("pair %d lane %d: distance-4 or -8 layout wrong", i, e)
			}
		}
	}
	if len(seen) != 128 {
		t.Fatalf("%d coefficients covered", len(seen))
	}
}

// FuzzAVX2Kernels compares the AVX2 kernels with the Go references on
// fuzzed polynomials (any int16 values).
func FuzzAVX2Kernels(f *testing.F) {
	f.Add([]byte{1, 2, 3})
	f.Add(make([]byte, 3*512))
	f.Fuzz(func(t *testing.T, in []byte) {
		needAVX2(t)
		var ps [3]poly
		for i := 0; i < 3*n && 2*i+1 < len(in); i++ {
			ps[i/n][i%n] = int16(binary.LittleEndian.Uint16(in[2*i:]))
		}
		checkKernelSet(t, avx2Kernels, ps[0], ps[1], ps[2])
		checkCBD2(t, in)
		checkCompress(t, avx2Codec, &ps[0])
		checkDecompress(t, avx2Codec, in)
		var blk [blkSize]byte
		copy(blk[:], in)
		checkRejSample(t, &blk)
	})
}

func TestAVX2RejSample(t *testing.T) {
	needAVX2(t)
	testRejSample(t)
}

func TestAVX2CBD2(t *testing.T) {
	needAVX2(t)
	testCBD2(t)
}

// avx2Codec are the "avx2" implementation's compression and
// decompression.
var avx2Codec = codecSet{
	compress: func(out *[n]uint16, p *poly, d uint) {
		compressAVX2(out, (*[256]int16)(p), uint64(d))
	},
	compressEncode:   compressEncodeAVX2,
	decodeDecompress: decodeDecompressAVX2,
}

// TestAVX2Compress checks every coefficient in (-q, q) for every d.
func TestAVX2Compress(t *testing.T) {
	needAVX2(t)
	testCompress(t, avx2Codec)
}

func TestAVX2Decompress(t *testing.T) {
	needAVX2(t)
	testDecompress(t, avx2Codec)
}
