package record

import (
	"crypto/cipher"

	"github.com/tlscore/tlscore/aead/aesgcm"
	"golang.org/x/crypto/chacha20poly1305"
)

// The AEADs come from package aead/ (dispatched implementations). These two
// functions are the only place the record layer constructs them.

func newAESGCM(key []byte) (cipher.AEAD, error) { return aesgcm.New(key) }

// TEMPORARY: aead/chacha20poly1305 is not on main yet; switch to it when it is.
func newChaCha20Poly1305(key []byte) (cipher.AEAD, error) { return chacha20poly1305.New(key) }
