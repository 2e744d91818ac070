package chacha20poly1305

import (
	"strconv"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
)

// Kernel benchmarks, to place the boundary between Go and assembly.

func BenchmarkKernels(b *testing.B) {
	for _, im := range dispatch.List(Alg) {
		if !im.Available {
			continue
		}
		k := implByName[im.Name]
		for _, n := range []int{256, 1024, 16384} {
			b.Run("chacha/"+im.Name+"/"+strconv.Itoa(n), func(b *testing.B) {
				buf := make([]byte, n)
				var st [16]uint32
				b.SetBytes(int64(n))
				for b.Loop() {
					chachaXOR(k, &st, buf, buf)
				}
			})
			b.Run("poly/"+im.Name+"/"+strconv.Itoa(n), func(b *testing.B) {
				buf := make([]byte, n)
				var p polyState
				p.setKey(make([]byte, 32))
				b.SetBytes(int64(n))
				for b.Loop() {
					polyBlocks(k, &p, buf)
				}
			})
		}
	}
}

func BenchmarkSeal(b *testing.B) {
	for _, im := range dispatch.List(Alg) {
		if !im.Available {
			continue
		}
		for _, n := range []int{16, 1350, 16384} {
			b.Run(im.Name+"/"+strconv.Itoa(n), func(b *testing.B) {
				a := &aead{im: implByName[im.Name]}
				pt, ad, nonce := make([]byte, n), make([]byte, 13), make([]byte, 12)
				buf := make([]byte, 0, n+16)
				b.SetBytes(int64(n))
				for b.Loop() {
					buf = a.Seal(buf[:0], nonce, pt, ad)
				}
			})
		}
	}
}
