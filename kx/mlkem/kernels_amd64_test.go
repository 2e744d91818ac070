//go:build amd64 && gc && !purego

package mlkem

import (
	"bytes"
	"encoding/binary"
	"math/rand/v2"
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
		checkCompress(t, &ps[0])
		checkDecompress(t, in)
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

// checkCompress compares compressAVX2 with compress for the coefficients of
// p reduced into (-q, q), for every d.
func checkCompress(t *testing.T, p *poly) {
	t.Helper()
	var x poly
	for i := range p {
		x[i] = p[i] % q
	}
	for d := uint(1); d <= 11; d++ {
		var got [n]uint16
		compressAVX2(&got, (*[256]int16)(&x), uint64(d))
		for i := range x {
			if want := compress(canonical(x[i]), d); got[i] != want {
				t.Fatalf("compressAVX2(%d, %d) = %d, want %d", x[i], d, got[i], want)
			}
		}
	}
}

// TestAVX2Compress checks every coefficient in (-q, q) for every d.
func TestAVX2Compress(t *testing.T) {
	needAVX2(t)
	for start := -(q - 1); start < q; start += n {
		var p poly
		for i := range p {
			p[i] = int16(min(start+i, q-1))
		}
		checkCompress(t, &p)
	}
}

// checkDecompress compares decodeDecompressAVX2 with decodeDecompress on in
// (cut or zero-padded) for d = 4, 10 (the AVX2 kernels) and 5, 11.
func checkDecompress(t *testing.T, in []byte) {
	t.Helper()
	for _, d := range []uint{4, 5, 10, 11} {
		b := make([]byte, 32*d)
		copy(b, in)
		var x, y poly
		decodeDecompress(&x, b, d)
		decodeDecompressAVX2(&y, b, d)
		if x != y {
			t.Fatalf("decodeDecompress d=%d differs on %x", d, b)
		}
	}
}

func TestAVX2Decompress(t *testing.T) {
	needAVX2(t)
	r := rand.New(rand.NewPCG(9, 10))
	b := make([]byte, 352)
	for iter := 0; iter < 1000; iter++ {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		checkDecompress(t, b)
	}
	for _, fill := range []byte{0, 0xff, 0x55, 0xaa} {
		checkDecompress(t, bytes.Repeat([]byte{fill}, 352))
	}
}
