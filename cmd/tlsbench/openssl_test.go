//go:build openssl && cgo

package main

import (
	"bytes"
	"crypto/cipher"
	"strings"
	"testing"

	"golang.org/x/crypto/chacha20poly1305"
)

// TestOpenSSLAEAD checks that the OpenSSL rows compute what the Go
// references compute, so that they time the same work.
func TestOpenSSLAEAD(t *testing.T) {
	if !strings.HasPrefix(opensslVersion(), "OpenSSL") {
		t.Errorf("opensslVersion() = %q", opensslVersion())
	}
	for _, tc := range []struct {
		name string
		key  int
		mk   func([]byte) (cipher.AEAD, error)
	}{
		{"aes-128-gcm", 16, stdAESGCM},
		{"aes-256-gcm", 32, stdAESGCM},
		{"chacha20-poly1305", 32, chacha20poly1305.New},
	} {
		for _, size := range []int{0, 1, 16, 1350, 16384} {
			key, nonce, msg := pattern(tc.key, 1), pattern(12, 2), pattern(size, 3)
			got, err := opensslAEADSeal(tc.name, key, nonce, additionalData, msg)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			a, err := tc.mk(key)
			if err != nil {
				t.Fatal(err)
			}
			if want := a.Seal(nil, nonce, msg, additionalData); !bytes.Equal(got, want) {
				t.Errorf("%s, %d bytes: OpenSSL and Go disagree", tc.name, size)
			}
		}
	}
}
