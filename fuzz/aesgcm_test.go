package fuzz

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"testing"

	"github.com/tlscore/tlscore/aead/aesgcm"
	"github.com/tlscore/tlscore/dispatch"
)

// aesgcmImpls returns one AEAD per available AES-GCM implementation for key,
// with the name of the implementation it really uses.
func aesgcmImpls(t *testing.T, key []byte) (names []string, aeads []cipher.AEAD) {
	defer dispatch.Reset(aesgcm.Alg)
	for _, im := range dispatch.List(aesgcm.Alg) {
		if !im.Available {
			continue
		}
		if err := dispatch.Select(aesgcm.Alg, im.Name); err != nil {
			t.Fatal(err)
		}
		a, err := aesgcm.New(key)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, a.(*aesgcm.GCM).Implementation())
		aeads = append(aeads, a)
	}
	return names, aeads
}

// FuzzAESGCM compares every available AES-GCM implementation with
// crypto/cipher: the same Seal output (appended and in place), Open round
// trips, and Open rejecting a flipped bit of the ciphertext, tag, additional
// data or nonce without releasing plaintext.
func FuzzAESGCM(f *testing.F) {
	f.Add(make([]byte, 16), make([]byte, 12), []byte("hello"), []byte("ad"), uint16(0))
	f.Add(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 12), make([]byte, 1350), make([]byte, 13), uint16(700))
	f.Add(bytes.Repeat([]byte{3}, 24), bytes.Repeat([]byte{4}, 12), make([]byte, 4200), []byte{}, uint16(4100))
	f.Add(bytes.Repeat([]byte{5}, 16), bytes.Repeat([]byte{0xff}, 12), make([]byte, 257), make([]byte, 300), uint16(9))
	f.Fuzz(func(t *testing.T, key, nonce, pt, ad []byte, flip uint16) {
		if (len(key) != 16 && len(key) != 24 && len(key) != 32) || len(nonce) != aesgcm.NonceSize {
			return
		}
		b, err := aes.NewCipher(key)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := cipher.NewGCM(b)
		if err != nil {
			t.Fatal(err)
		}
		wct := ref.Seal(nil, nonce, pt, ad)
		names, aeads := aesgcmImpls(t, key)
		for i, a := range aeads {
			ct := a.Seal(nil, nonce, pt, ad)
			if !bytes.Equal(ct, wct) {
				t.Fatalf("%s: Seal differs from crypto/cipher", names[i])
			}
			got, err := a.Open(nil, nonce, ct, ad)
			if err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("%s: round trip failed: %v", names[i], err)
			}
			buf := append(bytes.Clone(pt), make([]byte, aesgcm.TagSize)...)
			if ct2 := a.Seal(buf[:0], nonce, buf[:len(pt)], ad); !bytes.Equal(ct2, wct) {
				t.Fatalf("%s: in-place Seal differs", names[i])
			}
			if got, err := a.Open(buf[:0], nonce, buf, ad); err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("%s: in-place Open failed: %v", names[i], err)
			}

			bad := bytes.Clone(ct)
			bit := int(flip) % (8 * len(bad))
			bad[bit/8] ^= 1 << (bit % 8)
			dst := bytes.Repeat([]byte{0xaa}, len(pt))
			if out, err := a.Open(dst[:0], nonce, bad, ad); err == nil || out != nil {
				t.Fatalf("%s: Open accepted a flipped bit %d", names[i], bit)
			}
			if !bytes.Equal(dst, make([]byte, len(pt))) {
				t.Fatalf("%s: failed Open left plaintext in dst", names[i])
			}
			if len(ad) > 0 {
				bad := bytes.Clone(ad)
				bad[int(flip)%len(bad)] ^= 0x80
				if _, err := a.Open(nil, nonce, ct, bad); err == nil {
					t.Fatalf("%s: Open accepted changed additional data", names[i])
				}
			}
			// The fuzzer's plaintext as a forged ciphertext: both must agree.
			w, werr := ref.Open(nil, nonce, pt, ad)
			if g, gerr := a.Open(nil, nonce, pt, ad); (gerr == nil) != (werr == nil) || !bytes.Equal(g, w) {
				t.Fatalf("%s: Open of arbitrary input disagrees with crypto/cipher: %v vs %v", names[i], gerr, werr)
			}
			badNonce := bytes.Clone(nonce)
			badNonce[int(flip)%len(badNonce)] ^= 1
			if _, err := a.Open(nil, badNonce, ct, ad); err == nil {
				t.Fatalf("%s: Open accepted a changed nonce", names[i])
			}
		}
	})
}
