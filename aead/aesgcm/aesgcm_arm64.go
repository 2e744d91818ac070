//go:build arm64 && gc && !purego

package aesgcm

import (
	"crypto/subtle"
	"encoding/binary"
)

// The "arm64" kernel: AES-CTR with AESE/AESMC and GHASH with PMULL, in
// aesgcm_arm64.s. CTR and GHASH are separate passes (not stitched); the
// assembly handles whole blocks only and this file does the partial last
// blocks, the length block and the tag. Key expansion is the constant-time Go
// code of the generic kernel.

// encryptBlockAsm encrypts one block with the nr-round key schedule rk
// (round keys in FIPS 197 byte order). dst and src may be the same.
// Reference: encryptBlockGeneric.
//
//go:noescape
func encryptBlockAsm(nr int, rk *[240]byte, dst, src *[16]byte)

// ctrAsm XORs src, whose length is a multiple of 16, with the AES-CTR key
// stream starting at counter block iv (inc32 counter in iv[12:16]) and writes
// the result to dst, which may be src. Reference: ctrGeneric.
//
//go:noescape
func ctrAsm(nr int, rk *[240]byte, iv *[16]byte, dst, src []byte)

// ghashAsm absorbs data, whose length is a multiple of 16, into the GHASH
// state y with the key table ht (see ghashTable). Reference: ghashGeneric.
//
//go:noescape
func ghashAsm(ht *[24]uint64, y *[16]byte, data []byte)

type arm64Kernel struct {
	rk [240]byte
	nr int
	ht [24]uint64
}

// newAsmKernel returns the arm64 assembly kernel called name for key, or nil.
func newAsmKernel(name string, key []byte) kernel {
	if name != implARM64 {
		return nil
	}
	k := new(arm64Kernel)
	k.nr = roundKeyBytes(&k.rk, key)
	var h [16]byte
	encryptBlockAsm(k.nr, &k.rk, &h, &h)
	k.ht = ghashTable(&h)
	clear(h[:])
	return k
}

// ghash absorbs data into y, zero-padding a partial last block.
func (k *arm64Kernel) ghash(y *[16]byte, data []byte) {
	full := len(data) &^ (blockSize - 1)
	if full > 0 {
		ghashAsm(&k.ht, y, data[:full])
	}
	if full < len(data) {
		var b [16]byte
		copy(b[:], data[full:])
		ghashAsm(&k.ht, y, b[:])
	}
}

// ctr XORs src with the key stream from counter 2 on, into dst.
func (k *arm64Kernel) ctr(dst, src, nonce []byte) {
	var iv [16]byte
	copy(iv[:], nonce)
	binary.BigEndian.PutUint32(iv[12:], 2)
	full := len(src) &^ (blockSize - 1)
	if full > 0 {
		ctrAsm(k.nr, &k.rk, &iv, dst[:full], src[:full])
	}
	if full < len(src) {
		binary.BigEndian.PutUint32(iv[12:], 2+uint32(full/blockSize))
		var b [16]byte
		copy(b[:], src[full:])
		ctrAsm(k.nr, &k.rk, &iv, b[:], b[:])
		copy(dst[full:], b[:])
		clear(b[:])
	}
}

// tag writes the tag of ciphertext and additionalData to out.
func (k *arm64Kernel) tag(out *[TagSize]byte, nonce, ciphertext, additionalData []byte) {
	var y, lens, j0 [16]byte
	k.ghash(&y, additionalData)
	k.ghash(&y, ciphertext)
	binary.BigEndian.PutUint64(lens[:], uint64(len(additionalData))*8)
	binary.BigEndian.PutUint64(lens[8:], uint64(len(ciphertext))*8)
	ghashAsm(&k.ht, &y, lens[:])
	copy(j0[:], nonce)
	j0[15] = 1
	encryptBlockAsm(k.nr, &k.rk, &j0, &j0)
	for i := range out {
		out[i] = y[i] ^ j0[i]
	}
}

// seal and open run with the processor's data-independent timing mode (DIT)
// on, where the CPU has it, like Go's own arm64 crypto.

func (k *arm64Kernel) seal(out, nonce, plaintext, additionalData []byte) {
	subtle.WithDataIndependentTiming(func() { k.sealDIT(out, nonce, plaintext, additionalData) })
}

func (k *arm64Kernel) open(out, nonce, ciphertext, additionalData []byte) (ok bool) {
	subtle.WithDataIndependentTiming(func() { ok = k.openDIT(out, nonce, ciphertext, additionalData) })
	return ok
}

func (k *arm64Kernel) sealDIT(out, nonce, plaintext, additionalData []byte) {
	if len(plaintext) <= smallText && len(additionalData) <= smallAD {
		k.sealSmall(out, nonce, plaintext, additionalData)
		return
	}
	ct := out[:len(plaintext)]
	k.ctr(ct, plaintext, nonce)
	var t [TagSize]byte
	k.tag(&t, nonce, ct, additionalData)
	copy(out[len(plaintext):], t[:])
}

func (k *arm64Kernel) openDIT(out, nonce, ciphertext, additionalData []byte) bool {
	if len(ciphertext)-TagSize <= smallText && len(additionalData) <= smallAD {
		return k.openSmall(out, nonce, ciphertext, additionalData)
	}
	ct := ciphertext[:len(ciphertext)-TagSize]
	var t [TagSize]byte
	k.tag(&t, nonce, ct, additionalData)
	if !tagsEqual(t[:], ciphertext[len(ct):]) {
		return false
	}
	k.ctr(out, ct, nonce)
	return true
}

// Small messages (TLS records and QUIC packets of a few dozen bytes) take a
// path with two assembly calls instead of up to eight: one ctrAsm from
// counter 1 gives E(K, J0) and the key stream together, and one ghashAsm
// hashes the additional data, the ciphertext and the lengths block laid out,
// zero-padded, in one stack buffer.
const (
	smallText = 128
	smallAD   = 64
)

func pad16(n int) int { return (n + blockSize - 1) &^ (blockSize - 1) }

// ghashSmall returns the GHASH of additionalData and ciphertext, which are at
// most smallAD and smallText bytes long.
func (k *arm64Kernel) ghashSmall(ciphertext, additionalData []byte) (y [16]byte) {
	var b [smallAD + smallText + 16]byte
	copy(b[:], additionalData)
	n := pad16(len(additionalData))
	copy(b[n:], ciphertext)
	n += pad16(len(ciphertext))
	binary.BigEndian.PutUint64(b[n:], uint64(len(additionalData))*8)
	binary.BigEndian.PutUint64(b[n+8:], uint64(len(ciphertext))*8)
	ghashAsm(&k.ht, &y, b[:n+16])
	return y
}

// ctrSmall sets ks[:16] to E(K, J0) and XORs ks[16:16+pad16(n)] with the
// key stream from counter 2 on.
func (k *arm64Kernel) ctrSmall(ks *[16 + smallText]byte, nonce []byte, n int) {
	var iv [16]byte
	copy(iv[:], nonce)
	iv[15] = 1
	m := 16 + pad16(n)
	ctrAsm(k.nr, &k.rk, &iv, ks[:m], ks[:m])
}

func (k *arm64Kernel) sealSmall(out, nonce, plaintext, additionalData []byte) {
	var ks [16 + smallText]byte
	copy(ks[16:], plaintext)
	k.ctrSmall(&ks, nonce, len(plaintext))
	ct := ks[16 : 16+len(plaintext)]
	y := k.ghashSmall(ct, additionalData)
	copy(out, ct)
	for i := range TagSize {
		out[len(plaintext)+i] = y[i] ^ ks[i]
	}
	clear(ks[:])
}

func (k *arm64Kernel) openSmall(out, nonce, ciphertext, additionalData []byte) bool {
	ct := ciphertext[:len(ciphertext)-TagSize]
	y := k.ghashSmall(ct, additionalData)
	// Decrypt into the stack buffer; out gets the plaintext only if the
	// tag is valid.
	var ks [16 + smallText]byte
	copy(ks[16:], ct)
	k.ctrSmall(&ks, nonce, len(ct))
	for i := range TagSize {
		y[i] ^= ks[i]
	}
	ok := tagsEqual(y[:], ciphertext[len(ct):])
	if ok {
		copy(out, ks[16:16+len(ct)])
	}
	clear(ks[:])
	return ok
}
