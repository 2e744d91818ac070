package aesgcm

import (
	"crypto/subtle"
	"encoding/binary"
)

// genericKernel is the constant-time Go implementation of one AES-GCM key.
type genericKernel struct {
	aes   aesKey
	ghash ghashKey
}

func newGenericKernel(key []byte) kernel {
	g := new(genericKernel)
	g.aes.expandKey(key)
	var zero [64]byte
	g.aes.encrypt4(&zero, &zero)
	h1 := binary.BigEndian.Uint64(zero[:])
	h0 := binary.BigEndian.Uint64(zero[8:])
	g.ghash = newGHASHKey(h1, h0)
	return g
}

// counterBlocks fills b with the four counter blocks nonce || ctr, ...,
// nonce || ctr+3, the 32-bit counter wrapping modulo 2^32 (SP 800-38D 6.2
// inc32).
func counterBlocks(b *[64]byte, nonce []byte, ctr uint32) {
	for n := range aesBlocks {
		copy(b[16*n:16*n+12], nonce)
		binary.BigEndian.PutUint32(b[16*n+12:], ctr+uint32(n))
	}
}

// firstBlocks encrypts J0 = nonce || 1 and the counter blocks 2, 3, 4 into
// ks: 16 bytes of tag mask followed by 48 bytes of key stream.
func (g *genericKernel) firstBlocks(ks *[64]byte, nonce []byte) {
	counterBlocks(ks, nonce, 1)
	g.aes.encrypt4(ks, ks)
}

// xorKeyStream XORs src with the key stream that starts with the 48 bytes
// already in first and continues with counter block 5, writing to dst.
func (g *genericKernel) xorKeyStream(dst, src []byte, nonce []byte, first *[64]byte) {
	n := min(len(src), 48)
	xorBytes(dst[:n], src[:n], first[16:16+n])
	dst, src = dst[n:], src[n:]
	var ks [64]byte
	ctr := uint32(5)
	for len(src) > 0 {
		counterBlocks(&ks, nonce, ctr)
		g.aes.encrypt4(&ks, &ks)
		ctr += aesBlocks
		n := min(len(src), 64)
		xorBytes(dst[:n], src[:n], ks[:n])
		dst, src = dst[n:], src[n:]
	}
	clear(ks[:])
}

// xorBytes sets dst = a ^ b; all have the same length, and dst may be a.
func xorBytes(dst, a, b []byte) {
	for len(dst) >= 8 {
		v := binary.LittleEndian.Uint64(a) ^ binary.LittleEndian.Uint64(b)
		binary.LittleEndian.PutUint64(dst, v)
		dst, a, b = dst[8:], a[8:], b[8:]
	}
	for i := range dst {
		dst[i] = a[i] ^ b[i]
	}
}

// tag computes the GHASH of additionalData and ciphertext and writes the
// tag, masked with the first 16 bytes of first (E(K, J0)), to out.
func (g *genericKernel) tag(out *[TagSize]byte, first *[64]byte, ciphertext, additionalData []byte) {
	var y1, y0 uint64
	y1, y0 = g.ghash.update(y1, y0, additionalData)
	y1, y0 = g.ghash.update(y1, y0, ciphertext)
	y1 ^= uint64(len(additionalData)) * 8
	y0 ^= uint64(len(ciphertext)) * 8
	y1, y0 = g.ghash.mul(y1, y0)
	binary.BigEndian.PutUint64(out[:], y1^binary.BigEndian.Uint64(first[:]))
	binary.BigEndian.PutUint64(out[8:], y0^binary.BigEndian.Uint64(first[8:]))
}

// seal and open run with the processor's data-independent timing mode on,
// where it has one (arm64 DIT; elsewhere this is a plain call).

func (g *genericKernel) seal(out, nonce, plaintext, additionalData []byte) {
	subtle.WithDataIndependentTiming(func() { g.sealDIT(out, nonce, plaintext, additionalData) })
}

func (g *genericKernel) open(out, nonce, ciphertext, additionalData []byte) (ok bool) {
	subtle.WithDataIndependentTiming(func() { ok = g.openDIT(out, nonce, ciphertext, additionalData) })
	return ok
}

func (g *genericKernel) sealDIT(out, nonce, plaintext, additionalData []byte) {
	var first [64]byte
	g.firstBlocks(&first, nonce)
	ct := out[:len(plaintext)]
	g.xorKeyStream(ct, plaintext, nonce, &first)
	var t [TagSize]byte
	g.tag(&t, &first, ct, additionalData)
	copy(out[len(plaintext):], t[:])
	clear(first[:])
}

func (g *genericKernel) openDIT(out, nonce, ciphertext, additionalData []byte) bool {
	var first [64]byte
	g.firstBlocks(&first, nonce)
	ct := ciphertext[:len(ciphertext)-TagSize]
	var t [TagSize]byte
	g.tag(&t, &first, ct, additionalData)
	ok := tagsEqual(t[:], ciphertext[len(ct):])
	if ok {
		// Only authentic ciphertexts are decrypted.
		g.xorKeyStream(out, ct, nonce, &first)
	}
	clear(first[:])
	return ok
}
