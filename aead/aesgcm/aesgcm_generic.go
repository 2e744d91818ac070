package aesgcm

import (
	"crypto/aes"
	"crypto/cipher"
)

// TEMPORARY: until the constant-time bitsliced implementation lands, the
// generic kernel forwards to crypto/cipher so the package builds and the
// contract with the assembly kernels can be used.
type genericKernel struct{ a cipher.AEAD }

func newGenericKernel(key []byte) kernel {
	b, err := aes.NewCipher(key)
	if err != nil {
		panic("aesgcm: internal error: " + err.Error())
	}
	a, err := cipher.NewGCM(b)
	if err != nil {
		panic("aesgcm: internal error: " + err.Error())
	}
	return &genericKernel{a}
}

func (g *genericKernel) seal(out, nonce, plaintext, additionalData []byte) {
	g.a.Seal(out[:0], nonce, plaintext, additionalData)
}

func (g *genericKernel) open(out, nonce, ciphertext, additionalData []byte) bool {
	_, err := g.a.Open(out[:0], nonce, ciphertext, additionalData)
	return err == nil
}
