//go:build gc && !purego

package p256

import (
	"math/big"
	mrand "math/rand/v2"
	"testing"
	"unsafe"

	"github.com/tlscore/tlscore/internal/cpu"
)

func hasIFMA() bool { return cpu.X86HasAVX512F && cpu.X86HasAVX512VL && cpu.X86HasAVX512IFMA }

// TestMulIFMA checks p256MulIFMA4, p256MulIFMA8, p256SqrNIFMA4 and
// p256SqrNIFMA8, lane by
// lane, against p256Mul52Generic on edge and random inputs (every lane a
// different pair), with z aliasing x and y.
func TestMulIFMA(t *testing.T) {
	if !hasIFMA() {
		t.Skip("no AVX512F/VL/IFMA")
	}
	r := mrand.New(mrand.NewPCG(52, 3))
	vals := elems52(r, 40)
	pick := func() elem52 { return vals[r.IntN(len(vals))] }
	iters := 2000
	if testing.Short() {
		iters = 200
	}
	for it := range iters {
		var x8, y8, z8 [5][8]uint64
		var x4, y4, z4 [5][4]uint64
		var want [8]elem52
		for l := range 8 {
			x, y := pick(), pick()
			if it == 0 {
				x, y = vals[l], vals[len(vals)-1-l]
			}
			p256Mul52Generic(&want[l], &x, &y)
			for i := range 5 {
				x8[i][l], y8[i][l] = x[i], y[i]
				if l < 4 {
					x4[i][l], y4[i][l] = x[i], y[i]
				}
			}
		}
		p256MulIFMA8(&z8, &x8, &y8)
		p256MulIFMA4(&z4, &x4, &y4)
		for l := range 8 {
			for i := range 5 {
				if z8[i][l] != want[l][i] {
					t.Fatalf("p256MulIFMA8 lane %d limb %d = %x, want %x", l, i, z8[i][l], want[l][i])
				}
				if l < 4 && z4[i][l] != want[l][i] {
					t.Fatalf("p256MulIFMA4 lane %d limb %d = %x, want %x", l, i, z4[i][l], want[l][i])
				}
			}
		}
		a, b := x8, y8
		p256MulIFMA8(&a, &a, &y8)
		p256MulIFMA8(&b, &x8, &b)
		if a != z8 || b != z8 {
			t.Fatal("p256MulIFMA8 with z aliasing x or y differs")
		}
		// Squarings.
		n := 1 + it%4
		var sq [5][8]uint64
		var sq4 [5][4]uint64
		p256SqrNIFMA8(&sq, &x8, n)
		p256SqrNIFMA4(&sq4, &x4, n)
		for l := range 8 {
			var w elem52
			for i := range 5 {
				w[i] = x8[i][l]
			}
			for range n {
				p256Mul52Generic(&w, &w, &w)
			}
			for i := range 5 {
				if sq[i][l] != w[i] {
					t.Fatalf("p256SqrNIFMA8(n=%d) lane %d limb %d = %x, want %x", n, l, i, sq[i][l], w[i])
				}
				if l < 4 && sq4[i][l] != w[i] {
					t.Fatalf("p256SqrNIFMA4(n=%d) lane %d limb %d = %x, want %x", n, l, i, sq4[i][l], w[i])
				}
			}
		}
	}
}

// BenchmarkFieldMulLanes compares the cost per field multiplication: the
// adx 4x64 multiplication (one product per call), the radix-2^52 Go
// reference, and the IFMA lane kernels (4 or 8 independent products per
// call, and 8 lanes of dependent squarings kept in registers). ns/mul is
// the time per call divided by the products it makes.
func BenchmarkFieldMulLanes(b *testing.B) {
	x64 := fp.rr
	b.Run("adx", func(b *testing.B) {
		if !cpu.X86HasBMI2 || !cpu.X86HasADX {
			b.Skip("no BMI2/ADX")
		}
		x := (*[4]uint64)(&x64)
		for b.Loop() {
			p256MulADX(x, x, x)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/mul")
	})
	b.Run("adx-sqr100", func(b *testing.B) {
		if !cpu.X86HasBMI2 || !cpu.X86HasADX {
			b.Skip("no BMI2/ADX")
		}
		x := (*[4]uint64)(&x64)
		for b.Loop() {
			p256SqrADX(x, x, 100)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/mul")
	})
	x52 := to52(&x64)
	b.Run("generic52", func(b *testing.B) {
		for b.Loop() {
			p256Mul52Generic(&x52, &x52, &x52)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/mul")
	})
	if !hasIFMA() {
		return
	}
	var v4 [5][4]uint64
	var v8 [5][8]uint64
	for i := range 5 {
		for l := range 8 {
			v8[i][l] = x52[i]
		}
		for l := range 4 {
			v4[i][l] = x52[i]
		}
	}
	b.Run("ifma4", func(b *testing.B) {
		for b.Loop() {
			p256MulIFMA4(&v4, &v4, &v4)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/4, "ns/mul")
	})
	b.Run("ifma8", func(b *testing.B) {
		for b.Loop() {
			p256MulIFMA8(&v8, &v8, &v8)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/8, "ns/mul")
	})
	b.Run("ifma4-sqr100", func(b *testing.B) {
		for b.Loop() {
			p256SqrNIFMA4(&v4, &v4, 100)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/400, "ns/mul")
	})
	b.Run("ifma8-sqr100", func(b *testing.B) {
		for b.Loop() {
			p256SqrNIFMA8(&v8, &v8, 100)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/800, "ns/mul")
	})
}

// to52Mont converts x·2^256 mod p (the Montgomery form of elem) to
// x·2^260 mod p in radix 2^52 (the form of the IFMA kernels).
func to52Mont(x *elem) elem52 {
	v := new(big.Int).Lsh(bigOf(x), 4)
	e := elemFromBig(v.Mod(v, bigOf(&fp.m)))
	return to52(&e)
}

// TestJDoubleIFMA8 checks 8 lane doublings against jdoubleGeneric (after
// the conversion between the Montgomery domains), with r aliasing p.
func TestJDoubleIFMA8(t *testing.T) {
	if !hasIFMA() {
		t.Skip("no AVX512F/VL/IFMA")
	}
	r := mrand.New(mrand.NewPCG(52, 4))
	im := implGeneric
	edges := edgeElems(&fp.m)
	for it := range 50 {
		var in, out [3][5][8]uint64
		var want [8]jacPoint
		for l := range 8 {
			p := jacPoint{randElem(r, &fp.m), randElem(r, &fp.m), randElem(r, &fp.m)}
			if it < len(edges) {
				p.x, p.y = edges[it], edges[(it+l)%len(edges)]
				p.z = edges[(it+2*l)%len(edges)]
			}
			im.jdoubleGeneric(&want[l], &p)
			for c, e := range []*elem{&p.x, &p.y, &p.z} {
				v := to52Mont(e)
				for i := range 5 {
					in[c][i][l] = v[i]
				}
			}
		}
		p256JDoubleIFMA8(&out, &in)
		p256JDoubleIFMA8(&in, &in)
		if in != out {
			t.Fatal("p256JDoubleIFMA8 with r = p differs")
		}
		for l := range 8 {
			for c, e := range []*elem{&want[l].x, &want[l].y, &want[l].z} {
				v := to52Mont(e)
				for i := range 5 {
					if out[c][i][l] != v[i] {
						t.Fatalf("iteration %d lane %d coordinate %d limb %d = %x, want %x", it, l, c, i, out[c][i][l], v[i])
					}
				}
			}
		}
	}
}

// BenchmarkJDoubleLanes compares one adx Jacobian doubling with 8
// independent doublings in zmm lanes (ns/dbl = time per doubling).
func BenchmarkJDoubleLanes(b *testing.B) {
	var jp jacPoint
	jp.x, jp.y, jp.z = fp.rr, fp.one, fp.rr
	b.Run("adx", func(b *testing.B) {
		if !cpu.X86HasBMI2 || !cpu.X86HasADX {
			b.Skip("no BMI2/ADX")
		}
		for b.Loop() {
			p256JDoubleADX(jac(&jp), jac(&jp), 1)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/dbl")
	})
	if !hasIFMA() {
		return
	}
	var v [3][5][8]uint64
	for c, e := range []*elem{&jp.x, &jp.y, &jp.z} {
		x := to52Mont(e)
		for i := range 5 {
			for l := range 8 {
				v[c][i][l] = x[i]
			}
		}
	}
	b.Run("ifma8", func(b *testing.B) {
		for b.Loop() {
			p256JDoubleIFMA8(&v, &v)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/8, "ns/dbl")
	})
}

// TestJDoubleNIFMA4 checks the single-point lane doubling against n
// applications of jdoubleGeneric, with r aliasing p.
func TestJDoubleNIFMA4(t *testing.T) {
	if !hasIFMA() {
		t.Skip("no AVX512F/VL/IFMA")
	}
	r := mrand.New(mrand.NewPCG(52, 5))
	im := implGeneric
	edges := edgeElems(&fp.m)
	for it := range 60 {
		p := jacPoint{randElem(r, &fp.m), randElem(r, &fp.m), randElem(r, &fp.m)}
		if it < 3*len(edges) {
			p.x, p.y, p.z = edges[it%len(edges)], edges[(it/3)%len(edges)], edges[(it*7)%len(edges)]
		}
		var in [5][4]uint64
		for c, e := range []*elem{&p.x, &p.y, &p.z} {
			v := to52Mont(e)
			for i := range 5 {
				in[i][c] = v[i]
			}
		}
		n := 1 + it%5
		want := p
		for range n {
			im.jdoubleGeneric(&want, &want)
		}
		var out [5][4]uint64
		p256JDoubleNIFMA4(&out, &in, n)
		for c, e := range []*elem{&want.x, &want.y, &want.z} {
			v := to52Mont(e)
			for i := range 5 {
				if out[i][c] != v[i] {
					t.Fatalf("iteration %d (n=%d) coordinate %d limb %d = %x, want %x", it, n, c, i, out[i][c], v[i])
				}
			}
		}
		for i := range 5 {
			if out[i][3] != 0 {
				t.Fatalf("lane 3 limb %d = %x, want 0", i, out[i][3])
			}
		}
		p256JDoubleNIFMA4(&in, &in, n)
		if in != out {
			t.Fatal("p256JDoubleNIFMA4 with r = p differs")
		}
	}
}

// BenchmarkJDoubleChain compares 100 repeated doublings of one point: adx
// (p256JDoubleADX with n = 100) and one point with each doubling's
// products in ymm lanes (p256JDoubleNIFMA4).
func BenchmarkJDoubleChain(b *testing.B) {
	var jp jacPoint
	jp.x, jp.y, jp.z = fp.rr, fp.one, fp.rr
	b.Run("adx", func(b *testing.B) {
		if !cpu.X86HasBMI2 || !cpu.X86HasADX {
			b.Skip("no BMI2/ADX")
		}
		for b.Loop() {
			p256JDoubleADX(jac(&jp), jac(&jp), 100)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/dbl")
	})
	if !hasIFMA() {
		return
	}
	var v [5][4]uint64
	for c, e := range []*elem{&jp.x, &jp.y, &jp.z} {
		x := to52Mont(e)
		for i := range 5 {
			v[i][c] = x[i]
		}
	}
	b.Run("ifma4-lanes", func(b *testing.B) {
		for b.Loop() {
			p256JDoubleNIFMA4(&v, &v, 100)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/dbl")
	})
}

// TestJAddAffineIFMA8 checks 8 lane mixed additions against
// jaddAffineGeneric, with r aliasing p.
func TestJAddAffineIFMA8(t *testing.T) {
	if !hasIFMA() {
		t.Skip("no AVX512F/VL/IFMA")
	}
	r := mrand.New(mrand.NewPCG(52, 6))
	im := implGeneric
	edges := edgeElems(&fp.m)
	for it := range 50 {
		var pin, out [3][5][8]uint64
		var qin [2][5][8]uint64
		var want [8]jacPoint
		for l := range 8 {
			p := jacPoint{randElem(r, &fp.m), randElem(r, &fp.m), randElem(r, &fp.m)}
			q := affinePoint{randElem(r, &fp.m), randElem(r, &fp.m)}
			if it < len(edges) {
				p.z, q.x = edges[it], edges[(it+l)%len(edges)]
			}
			im.jaddAffineGeneric(&want[l], &p, &q)
			for c, e := range []*elem{&p.x, &p.y, &p.z, &q.x, &q.y} {
				v := to52Mont(e)
				for i := range 5 {
					if c < 3 {
						pin[c][i][l] = v[i]
					} else {
						qin[c-3][i][l] = v[i]
					}
				}
			}
		}
		p256JAddAffineIFMA8(&out, &pin, &qin)
		p256JAddAffineIFMA8(&pin, &pin, &qin)
		if pin != out {
			t.Fatal("p256JAddAffineIFMA8 with r = p differs")
		}
		for l := range 8 {
			for c, e := range []*elem{&want[l].x, &want[l].y, &want[l].z} {
				v := to52Mont(e)
				for i := range 5 {
					if out[c][i][l] != v[i] {
						t.Fatalf("iteration %d lane %d coordinate %d limb %d = %x, want %x", it, l, c, i, out[c][i][l], v[i])
					}
				}
			}
		}
	}
}

// BenchmarkJAddAffineLanes compares one adx mixed addition with 8
// independent ones in zmm lanes (ns/add = time per addition).
func BenchmarkJAddAffineLanes(b *testing.B) {
	var jp jacPoint
	jp.x, jp.y, jp.z = fp.rr, fp.one, fp.rr
	q := affinePoint{fp.one, fp.rr}
	b.Run("adx", func(b *testing.B) {
		if !cpu.X86HasBMI2 || !cpu.X86HasADX {
			b.Skip("no BMI2/ADX")
		}
		for b.Loop() {
			p256JAddAffineADX(jac(&jp), jac(&jp), (*[2 * limbs]uint64)(unsafe.Pointer(&q)))
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), "ns/add")
	})
	if !hasIFMA() {
		return
	}
	var v [3][5][8]uint64
	var w [2][5][8]uint64
	for c, e := range []*elem{&jp.x, &jp.y, &jp.z, &q.x, &q.y} {
		x := to52Mont(e)
		for i := range 5 {
			for l := range 8 {
				if c < 3 {
					v[c][i][l] = x[i]
				} else {
					w[c-3][i][l] = x[i]
				}
			}
		}
	}
	b.Run("ifma8", func(b *testing.B) {
		for b.Loop() {
			p256JAddAffineIFMA8(&v, &v, &w)
		}
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/8, "ns/add")
	})
}
