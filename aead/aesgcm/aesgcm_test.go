package aesgcm

import (
	"crypto/aes"
	"crypto/cipher"
	"testing"

	"github.com/tlscore/tlscore/internal/cryptotest"
)

func stdGCM(t testing.TB, key []byte) cipher.AEAD {
	b, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	a, err := cipher.NewGCM(b)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func testKey(n int) []byte {
	k := make([]byte, n)
	for i := range k {
		k[i] = byte(i*7 + 1)
	}
	return k
}

func TestAEAD(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		for _, n := range []int{16, 24, 32} {
			cryptotest.TestAEAD(t, func() (cipher.AEAD, error) { return New(testKey(n)) })
		}
	})
}
