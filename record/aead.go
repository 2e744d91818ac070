package record

import (
	"crypto/cipher"

	"github.com/tlscore/tlscore/aead/aesgcm"
	"github.com/tlscore/tlscore/aead/chacha20poly1305"
)

// The AEADs come from package aead/, each with the implementation package
// dispatch chooses when the key is set (a Sealer or Opener keeps it until
// Update). These two functions are the only place the record layer
// constructs them.

func newAESGCM(key []byte) (cipher.AEAD, error) { return aesgcm.New(key) }

func newChaCha20Poly1305(key []byte) (cipher.AEAD, error) { return chacha20poly1305.New(key) }
