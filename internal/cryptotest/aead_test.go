package cryptotest

import (
	"crypto/aes"
	"crypto/cipher"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"
)

// The conformance tests must pass on the references they are modelled on.

func stdGCM() (cipher.AEAD, error) {
	b, err := aes.NewCipher(make([]byte, 16))
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(b)
}

func TestAEADOnStdlibGCM(t *testing.T) { TestAEAD(t, stdGCM) }

func TestAEADOnXChaCha(t *testing.T) {
	TestAEAD(t, func() (cipher.AEAD, error) { return chacha20poly1305.NewX(make([]byte, 32)) })
}

func TestCompareAEAD(t *testing.T) {
	a, _ := stdGCM()
	b, _ := stdGCM()
	CompareAEAD(t, a, b)
}
