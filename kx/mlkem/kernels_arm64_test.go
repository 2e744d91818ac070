//go:build arm64 && gc && !purego

package mlkem

import (
	"encoding/binary"
	"math/rand/v2"
	"testing"
)

// neonRandPoly fills p with int16 values: any value or, if small, |x| < q.
func neonRandPoly(r *rand.Rand, small bool) (p poly) {
	for i := range p {
		if small {
			p[i] = int16(r.IntN(2*q-1) - (q - 1))
		} else {
			p[i] = int16(r.Uint32())
		}
	}
	return
}

// checkNEONKernels compares every NEON kernel with its Go reference on a,
// b and the accumulator c. The transforms and the reduction equal the Go
// code for every int16 input (wrap-around included). The base
// multiplication does too except where a and b both hold -2^15 (SQDMULH
// saturates; see asm/mlkemarm64), far outside its documented |x| < q: a's
// -2^15 become -2^15+1 here.
func checkNEONKernels(t *testing.T, a, b, c poly) {
	t.Helper()
	x, y := a, a
	nttGeneric(&x)
	nttNEON(&y)
	if x != y {
		t.Fatalf("ntt differs on %v:\n%v\n%v", a, x, y)
	}
	x, y = a, a
	invNTTGeneric(&x)
	invNTTNEON(&y)
	if x != y {
		t.Fatalf("invNTT differs on %v:\n%v\n%v", a, x, y)
	}
	x, y = a, a
	reduceGeneric(&x)
	reduceNEON(&y)
	if x != y {
		t.Fatalf("reduce differs on %v", a)
	}
	for i := range a {
		a[i] = max(a[i], -32767)
	}
	x, y = c, c
	aa, bb := a, b
	basemulAccGeneric(&x, &a, &b)
	basemulAccNEON(&y, &a, &b)
	if x != y {
		t.Fatalf("basemulAcc differs on %v, %v, %v:\n%v\n%v", a, b, c, x, y)
	}
	if aa != a || bb != b {
		t.Fatal("basemulAcc modified its inputs")
	}
}

func TestNEONKernels(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	iters := 20000
	if testing.Short() {
		iters = 2000
	}
	for i := 0; i < iters; i++ {
		small := i%2 == 0
		checkNEONKernels(t, neonRandPoly(r, small), neonRandPoly(r, small), neonRandPoly(r, small))
	}
	// Edge values in every lane: the bounds of the documented ranges and
	// of int16.
	edges := []int16{0, 1, -1, q/2 + 1, -(q/2 + 1), q - 1, -(q - 1), q, -q, 8*q - 1, -(8*q - 1), 32767, -32768}
	for _, v := range edges {
		var p poly
		for i := range p {
			p[i] = v
		}
		for _, w := range edges {
			var o poly
			for i := range o {
				o[i] = w
			}
			checkNEONKernels(t, p, o, p)
		}
	}
	// Random mixes of edge values.
	for iter := 0; iter < 200; iter++ {
		var ps [3]poly
		for k := range ps {
			for i := range ps[k] {
				ps[k][i] = edges[r.IntN(len(edges))]
			}
		}
		checkNEONKernels(t, ps[0], ps[1], ps[2])
	}
	// One coefficient set, the others zero: catches any lane mix-up.
	for i := 0; i < n; i++ {
		var p poly
		p[i] = 1234
		checkNEONKernels(t, p, neonRandPoly(r, true), poly{})
		checkNEONKernels(t, neonRandPoly(r, true), p, poly{})
	}
}

// TestNEONBasemulAccumulate checks four accumulated base products on
// inputs at the bound |x| < q, as the matrix-vector products run them.
func TestNEONBasemulAccumulate(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for iter := 0; iter < 200; iter++ {
		var x, y poly
		for k := 0; k < 4; k++ {
			a, b := neonRandPoly(r, true), neonRandPoly(r, true)
			if iter%2 == 1 {
				for i := range a {
					a[i], b[i] = (q-1)*int16(1-2*(i&1)), -(q - 1)
				}
			}
			basemulAccGeneric(&x, &a, &b)
			basemulAccNEON(&y, &a, &b)
		}
		if x != y {
			t.Fatalf("accumulated basemul differs:\n%v\n%v", x, y)
		}
	}
}

// FuzzNEONKernels compares the NEON kernels with the Go references on
// fuzzed polynomials (any int16 values).
func FuzzNEONKernels(f *testing.F) {
	f.Add([]byte{1, 2, 3})
	f.Add(make([]byte, 3*512))
	f.Fuzz(func(t *testing.T, in []byte) {
		var ps [3]poly
		for i := 0; i < 3*n && 2*i+1 < len(in); i++ {
			ps[i/n][i%n] = int16(binary.LittleEndian.Uint16(in[2*i:]))
		}
		checkNEONKernels(t, ps[0], ps[1], ps[2])
	})
}
