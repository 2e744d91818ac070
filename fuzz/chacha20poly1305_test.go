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

// fuzzChaCha compares every available implementation with x/crypto (see
// checkAEAD); the key and nonce are derived from the input whatever its
// length, and shape stretches the additional data and misaligns buffers.
func fuzzChaCha(f *testing.F, ns int, mk, ref func([]byte) (cipher.AEAD, error)) {
	f.Add(make([]byte, 32), make([]byte, ns), []byte("hello"), []byte("ad"), uint16(0), uint32(0))
	f.Add(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, ns), make([]byte, 1350), make([]byte, 13), uint16(700), uint32(1<<8))
	f.Add(bytes.Repeat([]byte{3}, 32), bytes.Repeat([]byte{4}, ns), make([]byte, 4200), []byte{}, uint16(4100), uint32(20<<2|3<<8))
	f.Add(bytes.Repeat([]byte{5}, 32), bytes.Repeat([]byte{0xff}, ns), make([]byte, 257), make([]byte, 300), uint16(9), uint32(63<<2|15<<8))
	f.Add([]byte{7}, []byte{}, make([]byte, 511), make([]byte, 255), uint16(3), uint32(1<<2|7<<8))
	f.Fuzz(func(t *testing.T, keyIn, nonceIn, pt, adIn []byte, flip uint16, shape uint32) {
		sh := decodeShape(shape, adIn)
		key := derive(keyIn, chacha20poly1305.KeySize)
		nonce := derive(nonceIn, ns)
		ad := stretch(adIn, sh.adLen)
		want, err := ref(key)
		if err != nil {
			t.Fatal(err)
		}
		wct := want.Seal(nil, nonce, pt, ad)
		names, aeads := chachaImpls(t, mk, key)
		for i, a := range aeads {
			checkAEAD(t, names[i], a, want, nonce, pt, ad, wct, flip, sh.offset)
		}
	})
}

func FuzzChaCha20Poly1305(f *testing.F) {
	fuzzChaCha(f, chacha20poly1305.NonceSize, chacha20poly1305.New, xchacha.New)
}

func FuzzXChaCha20Poly1305(f *testing.F) {
	fuzzChaCha(f, chacha20poly1305.NonceSizeX, chacha20poly1305.NewX, xchacha.NewX)
}
