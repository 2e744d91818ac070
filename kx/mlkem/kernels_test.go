//go:build (amd64 || arm64) && gc && !purego

package mlkem

import (
	"bytes"
	"math/rand/v2"
	"testing"
)

// kernelSet is one implementation's polynomial kernels, for the
// differential tests against the generic ones (kernels_amd64_test.go,
// kernels_arm64_test.go).
type kernelSet struct {
	ntt, invNTT, reduce func(p *poly)
	basemulAcc          func(r, a, b *poly)
	// basemulMin is the smallest coefficient of a on which basemulAcc is
	// compared (smaller ones are raised to it): the NEON kernel differs
	// from the Go code where a and b both hold -2^15, far outside the
	// documented |x| < q.
	basemulMin int16
}

// randPoly fills p with int16 values: any value (the kernels equal the
// Go references under wrap-around too) or, if small, |x| < q.
func randPoly(r *rand.Rand, small bool) (p poly) {
	for i := range p {
		if small {
			p[i] = int16(r.IntN(2*q-1) - (q - 1))
		} else {
			p[i] = int16(r.Uint32())
		}
	}
	return
}

// checkKernelSet compares every kernel of k with its Go reference on a, b
// and the accumulator c.
func checkKernelSet(t *testing.T, k kernelSet, a, b, c poly) {
	t.Helper()
	x, y := a, a
	nttGeneric(&x)
	k.ntt(&y)
	if x != y {
		t.Fatalf("ntt differs on %v:\n%v\n%v", a, x, y)
	}
	x, y = a, a
	invNTTGeneric(&x)
	k.invNTT(&y)
	if x != y {
		t.Fatalf("invNTT differs on %v:\n%v\n%v", a, x, y)
	}
	x, y = a, a
	reduceGeneric(&x)
	k.reduce(&y)
	if x != y {
		t.Fatalf("reduce differs on %v", a)
	}
	for i := range a {
		a[i] = max(a[i], k.basemulMin)
	}
	x, y = c, c
	a0, b0 := a, b
	basemulAccGeneric(&x, &a, &b)
	k.basemulAcc(&y, &a, &b)
	if x != y {
		t.Fatalf("basemulAcc differs on %v, %v, %v:\n%v\n%v", a, b, c, x, y)
	}
	if a != a0 || b != b0 {
		t.Fatal("basemulAcc modified its inputs")
	}
}

// testKernelSet runs checkKernelSet on random polynomials, on every
// combination of edge values (the bounds of the documented ranges and of
// int16) and mixes of them, and on polynomials with one coefficient set.
func testKernelSet(t *testing.T, k kernelSet) {
	r := rand.New(rand.NewPCG(1, 2))
	iters := 20000
	if testing.Short() {
		iters = 2000
	}
	for i := 0; i < iters; i++ {
		small := i%2 == 0
		checkKernelSet(t, k, randPoly(r, small), randPoly(r, small), randPoly(r, small))
	}
	edges := []int16{0, 1, -1, q/2 + 1, -(q/2 + 1), q - 1, -(q - 1), q, -q, 8*q - 1, -(8*q - 1), 32767, -32768}
	fill := func(v int16) (p poly) {
		for i := range p {
			p[i] = v
		}
		return
	}
	for _, v := range edges {
		for _, w := range edges {
			checkKernelSet(t, k, fill(v), fill(w), fill(v))
		}
	}
	for iter := 0; iter < 200; iter++ {
		var ps [3]poly
		for j := range ps {
			for i := range ps[j] {
				ps[j][i] = edges[r.IntN(len(edges))]
			}
		}
		checkKernelSet(t, k, ps[0], ps[1], ps[2])
	}
	// One coefficient set, the others zero: catches any lane mix-up.
	for i := 0; i < n; i++ {
		var p poly
		p[i] = 1234
		checkKernelSet(t, k, p, randPoly(r, true), poly{})
		checkKernelSet(t, k, randPoly(r, true), p, poly{})
	}
	// Four accumulated products at the bound |x| < q, as the
	// matrix-vector products run them.
	for iter := 0; iter < 200; iter++ {
		var x, y poly
		for j := 0; j < 4; j++ {
			a, b := randPoly(r, true), randPoly(r, true)
			if iter%2 == 1 {
				for i := range a {
					a[i], b[i] = (q-1)*int16(1-2*(i&1)), -(q - 1)
				}
			}
			basemulAccGeneric(&x, &a, &b)
			k.basemulAcc(&y, &a, &b)
		}
		if x != y {
			t.Fatalf("accumulated basemulAcc differs:\n%v\n%v", x, y)
		}
	}
}

// checkRejSample compares the vector rejection sampling (rejSample with
// vec set: AVX2 or NEON) with the generic one on blk, from every starting
// count that matters.
func checkRejSample(t *testing.T, blk *[blkSize]byte) {
	t.Helper()
	for _, ctr := range []int{0, 1, 100, 144, 200, 250, 255} {
		var x, y poly
		for i := range x {
			x[i], y[i] = int16(i), int16(i)
		}
		a := rejSampleGeneric(&x, ctr, blk[:168])
		b := rejSample(&y, ctr, blk, true)
		if a != b || x != y {
			t.Fatalf("rejSample from %d: generic %d, vector %d, %x", ctr, a, b, blk[:168])
		}
	}
}

// testRejSample runs checkRejSample on random blocks, blocks with many
// candidates near q, and constant blocks.
func testRejSample(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	var blk [blkSize]byte
	for iter := 0; iter < 3000; iter++ {
		for i := range blk {
			blk[i] = byte(r.Uint32())
		}
		if iter%3 == 1 { // many candidates near q
			for i := 0; i+3 <= 168; i += 3 {
				x, y := uint16(q-2+r.IntN(4)), uint16(q-2+r.IntN(4))
				blk[i], blk[i+1], blk[i+2] = byte(x), byte(x>>8)|byte(y<<4), byte(y>>4)
			}
		}
		checkRejSample(t, &blk)
	}
	for _, fill := range []byte{0, 0xff, 0x0c, 0xd0} {
		for i := range blk {
			blk[i] = fill
		}
		checkRejSample(t, &blk)
	}
}

// checkCBD2 compares the vector CBD_2 (cbd2Vec with vec set: AVX2 or
// NEON) with cbd2 on the first 128 bytes of in.
func checkCBD2(t *testing.T, in []byte) {
	t.Helper()
	var b [128]byte
	copy(b[:], in)
	var x, y poly
	cbd2(&x, b[:])
	cbd2Vec(&y, b[:], true)
	if x != y {
		t.Fatalf("cbd2 differs on %x", b)
	}
}

// testCBD2 runs checkCBD2 on random and constant inputs.
func testCBD2(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	b := make([]byte, 128)
	for iter := 0; iter < 1000; iter++ {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		checkCBD2(t, b)
	}
	for _, fill := range []byte{0, 0xff, 0x55, 0xaa, 0x0f, 0xf0, 0x33, 0xcc} {
		checkCBD2(t, bytes.Repeat([]byte{fill}, 128))
	}
}

// codecSet is one implementation's compression and decompression.
type codecSet struct {
	// compress sets out[i] = Compress_d(p[i] mod q) for p[i] in (-q, q).
	compress         func(out *[n]uint16, p *poly, d uint)
	compressEncode   func(b []byte, p *poly, d uint)
	decodeDecompress func(p *poly, b []byte, d uint)
}

// checkCompress compares c's compression with compress for the
// coefficients of p reduced into (-q, q), for every d, and its
// compressEncode with the generic one.
func checkCompress(t *testing.T, c codecSet, p *poly) {
	t.Helper()
	var x poly
	for i := range p {
		x[i] = p[i] % q
	}
	for d := uint(1); d <= 11; d++ {
		var got [n]uint16
		c.compress(&got, &x, d)
		for i := range x {
			if want := compress(canonical(x[i]), d); got[i] != want {
				t.Fatalf("compress(%d, %d) = %d, want %d", x[i], d, got[i], want)
			}
		}
		b1, b2 := make([]byte, 32*d), make([]byte, 32*d)
		compressEncode(b1, &x, d)
		c.compressEncode(b2, &x, d)
		if !bytes.Equal(b1, b2) {
			t.Fatalf("compressEncode differs for d = %d", d)
		}
	}
}

// testCompress checks every coefficient in (-q, q) for every d.
func testCompress(t *testing.T, c codecSet) {
	for start := -(q - 1); start < q; start += n {
		var p poly
		for i := range p {
			p[i] = int16(min(start+i, q-1))
		}
		checkCompress(t, c, &p)
	}
}

// checkDecompress compares c's decodeDecompress with the generic one on in
// (cut or zero-padded) for d = 4, 10 (the vector kernels) and 5, 11.
func checkDecompress(t *testing.T, c codecSet, in []byte) {
	t.Helper()
	for _, d := range []uint{4, 5, 10, 11} {
		b := make([]byte, 32*d)
		copy(b, in)
		var x, y poly
		decodeDecompress(&x, b, d)
		c.decodeDecompress(&y, b, d)
		if x != y {
			t.Fatalf("decodeDecompress d=%d differs on %x", d, b)
		}
	}
}

// testDecompress runs checkDecompress on random and constant inputs and
// on every 10-bit value in every position of a group of eight.
func testDecompress(t *testing.T, c codecSet) {
	r := rand.New(rand.NewPCG(9, 10))
	b := make([]byte, 352)
	for iter := 0; iter < 1000; iter++ {
		for i := range b {
			b[i] = byte(r.Uint32())
		}
		checkDecompress(t, c, b)
	}
	for _, fill := range []byte{0, 0xff, 0x55, 0xaa} {
		checkDecompress(t, c, bytes.Repeat([]byte{fill}, 352))
	}
	for v := 0; v < 1024; v++ {
		var vals [n]uint16
		for i := range vals {
			vals[i] = uint16((v + 37*i) % 1024)
		}
		b := make([]byte, 320)
		packBits(b, &vals, 10)
		checkDecompress(t, c, b)
	}
}
