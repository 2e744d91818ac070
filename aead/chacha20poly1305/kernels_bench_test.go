package chacha20poly1305

import (
	"crypto/cipher"
	"strconv"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"

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

func BenchmarkSeal(b *testing.B) { benchmarkAEAD(b, false) }

func BenchmarkOpen(b *testing.B) { benchmarkAEAD(b, true) }

// benchmarkAEAD measures every available implementation and x/crypto,
// named size=N/impl=NAME so that benchstat -col /impl compares them.
func benchmarkAEAD(b *testing.B, open bool) {
	names := []string{"xcrypto"}
	for _, im := range dispatch.List(Alg) {
		if im.Available {
			names = append(names, im.Name)
		}
	}
	for _, n := range []int{16, 64, 256, 512, 1350, 8192, 16384} {
		for _, name := range names {
			b.Run("size="+strconv.Itoa(n)+"/impl="+name, func(b *testing.B) {
				var a cipher.AEAD = &aead{im: implByName[name]}
				if name == "xcrypto" {
					a, _ = chacha20poly1305.New(make([]byte, 32))
				}
				pt, ad, nonce := make([]byte, n), make([]byte, 13), make([]byte, 12)
				ct := a.Seal(nil, nonce, pt, ad)
				buf := make([]byte, 0, n+16)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				for b.Loop() {
					if open {
						buf, _ = a.Open(buf[:0], nonce, ct, ad)
					} else {
						buf = a.Seal(buf[:0], nonce, pt, ad)
					}
				}
			})
		}
	}
}
