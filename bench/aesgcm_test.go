package bench

import (
	"crypto/aes"
	"crypto/cipher"
	"strconv"
	"testing"

	"github.com/tlscore/tlscore/aead/aesgcm"
	"github.com/tlscore/tlscore/dispatch"
)

var aesgcmSizes = []int{16, 64, 256, 1350, 8192, 16384}

// aesgcmAEADs returns crypto/cipher's AES-GCM ("stdlib") and ours for each
// available implementation, for a key of keyLen bytes, keyed by
// sub-benchmark name. An implementation whose kernel is not in this build
// (New fell back to another) is left out.
func aesgcmAEADs(b *testing.B, keyLen int) (names []string, aeads []cipher.AEAD) {
	key := make([]byte, keyLen)
	blk, _ := aes.NewCipher(key)
	ref, _ := cipher.NewGCM(blk)
	names, aeads = append(names, "stdlib"), append(aeads, ref)
	defer dispatch.Reset(aesgcm.Alg)
	for _, im := range dispatch.List(aesgcm.Alg) {
		if !im.Available {
			continue
		}
		if err := dispatch.Select(aesgcm.Alg, im.Name); err != nil {
			b.Fatal(err)
		}
		a, err := aesgcm.New(key)
		if err != nil {
			b.Fatal(err)
		}
		if a.(*aesgcm.GCM).Implementation() != im.Name {
			continue
		}
		names, aeads = append(names, im.Name), append(aeads, a)
	}
	return names, aeads
}

func benchAESGCM(b *testing.B, keyLen int, open bool) {
	names, aeads := aesgcmAEADs(b, keyLen)
	for _, n := range aesgcmSizes {
		for i, a := range aeads {
			b.Run("size="+strconv.Itoa(n)+"/impl="+names[i], func(b *testing.B) {
				pt := make([]byte, n)
				ad := make([]byte, 13)
				nonce := make([]byte, 12)
				ct := a.Seal(nil, nonce, pt, ad)
				buf := make([]byte, 0, n+16)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				if open {
					for b.Loop() {
						var err error
						if buf, err = a.Open(buf[:0], nonce, ct, ad); err != nil {
							b.Fatal(err)
						}
					}
					return
				}
				for b.Loop() {
					buf = a.Seal(buf[:0], nonce, pt, ad)
				}
			})
		}
	}
}

func BenchmarkAESGCM128Seal(b *testing.B) { benchAESGCM(b, 16, false) }
func BenchmarkAESGCM128Open(b *testing.B) { benchAESGCM(b, 16, true) }
func BenchmarkAESGCM256Seal(b *testing.B) { benchAESGCM(b, 32, false) }
func BenchmarkAESGCM256Open(b *testing.B) { benchAESGCM(b, 32, true) }
