package aesgcm_test

import (
	"bytes"
	"fmt"

	"github.com/tlscore/tlscore/aead/aesgcm"
)

func ExampleNew() {
	key := bytes.Repeat([]byte{0x42}, 16) // use a random key
	aead, err := aesgcm.New(key)
	if err != nil {
		panic(err)
	}
	nonce := make([]byte, aesgcm.NonceSize) // never reuse a nonce with a key
	sealed := aead.Seal(nil, nonce, []byte("hello, world"), []byte("header"))
	opened, err := aead.Open(nil, nonce, sealed, []byte("header"))
	if err != nil {
		panic(err)
	}
	fmt.Printf("%d bytes sealed, opened %q\n", len(sealed), opened)
	// Output: 28 bytes sealed, opened "hello, world"
}
