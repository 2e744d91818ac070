// Under -race, -asan and -msan, checkptr rejects the oversized slices.
//go:build !race && !asan && !msan

package aesgcm

import (
	"strconv"
	"testing"
	"unsafe"
)

// TestLengthLimit checks the SP 800-38D limit of 2^36-32 plaintext bytes
// without touching memory: the wrapper must reject the length first.
func TestLengthLimit(t *testing.T) {
	if strconv.IntSize < 64 {
		t.Skip("lengths above 2^36 need 64-bit ints")
	}
	g := mustNew(t, testKey(16))
	var b [1]byte
	limit := uint64(maxPlaintext) // not a constant: int may be 32 bits
	huge := unsafe.Slice(&b[0], int(limit+1))
	func() {
		defer func() {
			if recover() == nil {
				t.Error("Seal accepted 2^36-31 bytes")
			}
		}()
		g.Seal(nil, make([]byte, NonceSize), huge, nil)
	}()
	hugeCT := unsafe.Slice(&b[0], int(limit+TagSize+1))
	if out, err := g.Open(nil, make([]byte, NonceSize), hugeCT, nil); err == nil || out != nil {
		t.Error("Open accepted a ciphertext above the limit")
	}
}
