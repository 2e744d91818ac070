package fuzz

import (
	"bytes"
	"crypto/cipher"
	"testing"

	xchacha "golang.org/x/crypto/chacha20poly1305"

	"github.com/tlscore/tlscore/aead/chacha20poly1305"
	"github.com/tlscore/tlscore/dispatch"
)

// chachaImpls returns one AEAD per available implementation, made by mk,
// with the "generic" one first.
func chachaImpls(t *testing.T, mk func([]byte) (cipher.AEAD, error), key []byte) (names []string, aeads []cipher.AEAD) {
	defer dispatch.Reset(chacha20poly1305.Alg)
	list := dispatch.List(chacha20poly1305.Alg)
	for i := len(list) - 1; i >= 0; i-- {
		im := list[i]
		if !im.Available {
			continue
		}
		if err := dispatch.Select(chacha20poly1305.Alg, im.Name); err != nil {
			t.Fatal(err)
		}
		a, err := mk(key)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, im.Name)
		aeads = append(aeads, a)
	}
	return names, aeads
}

func fuzzChaCha(f *testing.F, ns int, mk, ref func([]byte) (cipher.AEAD, error)) {
	f.Add(make([]byte, 32), make([]byte, ns), []byte("hello"), []byte("ad"), uint16(0))
	f.Add(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, ns), make([]byte, 1350), make([]byte, 13), uint16(700))
	f.Add(bytes.Repeat([]byte{3}, 32), bytes.Repeat([]byte{4}, ns), make([]byte, 4200), []byte{}, uint16(4100))
	f.Fuzz(func(t *testing.T, key, nonce, pt, ad []byte, flip uint16) {
		if len(key) != 32 || len(nonce) != ns {
			return
		}
		want, err := ref(key)
		if err != nil {
			t.Fatal(err)
		}
		wct := want.Seal(nil, nonce, pt, ad)
		names, aeads := chachaImpls(t, mk, key)
		for i, a := range aeads {
			ct := a.Seal(nil, nonce, pt, ad)
			if !bytes.Equal(ct, wct) {
				t.Fatalf("%s: Seal differs from x/crypto (and from generic)", names[i])
			}
			got, err := a.Open(nil, nonce, ct, ad)
			if err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("%s: round trip failed: %v", names[i], err)
			}
			// In place.
			buf := append(append([]byte{}, pt...), make([]byte, 16)...)
			ct2 := a.Seal(buf[:0], nonce, buf[:len(pt)], ad)
			if !bytes.Equal(ct2, wct) {
				t.Fatalf("%s: in-place Seal differs", names[i])
			}
			// Tamper: flip one bit of the ciphertext or tag.
			bad := append([]byte{}, ct...)
			bit := int(flip) % (8 * len(bad))
			bad[bit/8] ^= 1 << (bit % 8)
			if out, err := a.Open(nil, nonce, bad, ad); err == nil || out != nil {
				t.Fatalf("%s: Open accepted a flipped bit %d", names[i], bit)
			}
			if len(ad) > 0 {
				bad := append([]byte{}, ad...)
				bad[int(flip)%len(bad)] ^= 0x80
				if _, err := a.Open(nil, nonce, ct, bad); err == nil {
					t.Fatalf("%s: Open accepted changed additional data", names[i])
				}
			}
		}
	})
}

func FuzzChaCha20Poly1305(f *testing.F) {
	fuzzChaCha(f, chacha20poly1305.NonceSize, chacha20poly1305.New, xchacha.New)
}

func FuzzXChaCha20Poly1305(f *testing.F) {
	fuzzChaCha(f, chacha20poly1305.NonceSizeX, chacha20poly1305.NewX, xchacha.NewX)
}
