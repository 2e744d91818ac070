package bench

import (
	"crypto/cipher"
	"strconv"
	"testing"

	xchacha "golang.org/x/crypto/chacha20poly1305"

	"github.com/tlscore/tlscore/aead/chacha20poly1305"
	"github.com/tlscore/tlscore/dispatch"
)

var chachaSizes = []int{16, 64, 256, 1350, 8192, 16384}

// chachaAEADs returns x/crypto's ChaCha20-Poly1305 and ours for each
// available implementation, keyed by sub-benchmark name.
func chachaAEADs(b *testing.B) (names []string, aeads []cipher.AEAD) {
	key := make([]byte, 32)
	ref, _ := xchacha.New(key)
	names, aeads = append(names, "xcrypto"), append(aeads, ref)
	defer dispatch.Reset(chacha20poly1305.Alg)
	for _, im := range dispatch.List(chacha20poly1305.Alg) {
		if !im.Available {
			continue
		}
		if err := dispatch.Select(chacha20poly1305.Alg, im.Name); err != nil {
			b.Fatal(err)
		}
		a, err := chacha20poly1305.New(key)
		if err != nil {
			b.Fatal(err)
		}
		names, aeads = append(names, im.Name), append(aeads, a)
	}
	return names, aeads
}

func BenchmarkChaCha20Poly1305Seal(b *testing.B) {
	names, aeads := chachaAEADs(b)
	for _, n := range chachaSizes {
		for i, a := range aeads {
			b.Run(strconv.Itoa(n)+"/"+names[i], func(b *testing.B) {
				pt := make([]byte, n)
				ad := make([]byte, 13)
				nonce := make([]byte, 12)
				buf := make([]byte, 0, n+16)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				for b.Loop() {
					buf = a.Seal(buf[:0], nonce, pt, ad)
				}
			})
		}
	}
}

func BenchmarkChaCha20Poly1305Open(b *testing.B) {
	names, aeads := chachaAEADs(b)
	for _, n := range chachaSizes {
		for i, a := range aeads {
			b.Run(strconv.Itoa(n)+"/"+names[i], func(b *testing.B) {
				pt := make([]byte, n)
				ad := make([]byte, 13)
				nonce := make([]byte, 12)
				ct := a.Seal(nil, nonce, pt, ad)
				buf := make([]byte, 0, n)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				for b.Loop() {
					var err error
					if buf, err = a.Open(buf[:0], nonce, ct, ad); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
