package rsa

import (
	"crypto"
	cryptorand "crypto/rand"
	"crypto/rsa"
	"crypto/subtle"
	"errors"
	"hash"
	"io"
	"sync"
)

// This file holds the message encodings of RFC 8017: EMSA-PKCS1-v1_5
// (Section 9.2) and EMSA-PSS with MGF1 (Sections 9.1 and B.2.1).

// Object identifiers (DER contents) of the hashes for the DigestInfo prefix.
var (
	oidMD5  = []byte{0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x02, 0x05} // 1.2.840.113549.2.5
	oidSHA1 = []byte{0x2b, 0x0e, 0x03, 0x02, 0x1a}                   // 1.3.14.3.2.26
	// oidNIST is 2.16.840.1.101.3.4.2.x (SHA-2 and SHA-3), x is appended.
	oidNIST = []byte{0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02}
	// As crypto/rsa: 1.0.10118.3.0.49, without parameters.
	oidRIPEMD160 = []byte{0x28, 0xcf, 0x06, 0x03, 0x00, 0x31}
)

// nistHashIndex maps the SHA-2 and SHA-3 hashes to the last arc of their OID.
var nistHashIndex = map[crypto.Hash]byte{
	crypto.SHA256: 1, crypto.SHA384: 2, crypto.SHA512: 3, crypto.SHA224: 4,
	crypto.SHA512_224: 5, crypto.SHA512_256: 6,
	crypto.SHA3_224: 7, crypto.SHA3_256: 8, crypto.SHA3_384: 9, crypto.SHA3_512: 10,
}

// digestInfoPrefix appends to b the DER prefix of DigestInfo for h,
// SEQUENCE { SEQUENCE { OID, NULL }, OCTET STRING digest } up to the digest,
// and reports whether h has one.
func digestInfoPrefix(b []byte, h crypto.Hash) ([]byte, bool) {
	var oid []byte
	var last byte
	null := true
	switch h {
	case crypto.MD5:
		oid = oidMD5
	case crypto.SHA1:
		oid = oidSHA1
	case crypto.RIPEMD160:
		oid, null = oidRIPEMD160, false
	default:
		x, ok := nistHashIndex[h]
		if !ok {
			return b, false
		}
		oid, last = oidNIST, x
	}
	oidLen := len(oid)
	if last != 0 {
		oidLen++
	}
	algLen := 2 + oidLen
	if null {
		algLen += 2
	}
	hLen := h.Size()
	b = append(b, 0x30, byte(2+algLen+2+hLen), 0x30, byte(algLen), 0x06, byte(oidLen))
	b = append(b, oid...)
	if last != 0 {
		b = append(b, last)
	}
	if null {
		b = append(b, 0x05, 0x00)
	}
	return append(b, 0x04, byte(hLen)), true
}

// encodePKCS1v15 writes EM = 0x00 || 0x01 || PS || 0x00 || DigestInfo into em
// (all of it). hash 0 signs digest directly; MD5SHA1 (TLS 1.0/1.1) has no
// DigestInfo.
// hashSize returns h.Size(), or 0 for a value package crypto does not know
// (where h.Size panics): the hash of a verification may come from a peer's
// signature algorithm through a caller's table.
func hashSize(h crypto.Hash) int {
	if h == 0 || h > crypto.BLAKE2b_512 {
		return 0
	}
	return h.Size()
}

func encodePKCS1v15(em []byte, h crypto.Hash, digest []byte) error {
	var prefix [32]byte
	np := 0
	if h != 0 {
		if len(digest) != hashSize(h) {
			return errors.New("rsa: input must be hashed message")
		}
		if h != crypto.MD5SHA1 {
			b, ok := digestInfoPrefix(prefix[:0], h)
			if !ok {
				return errors.New("rsa: unsupported hash function")
			}
			np = len(b)
		}
	}
	k := len(em)
	tLen := np + len(digest)
	if k < tLen+11 {
		return rsa.ErrMessageTooLong
	}
	em[0], em[1] = 0, 1
	for i := 2; i < k-tLen-1; i++ {
		em[i] = 0xff
	}
	em[k-tLen-1] = 0
	copy(em[k-tLen:], prefix[:np])
	copy(em[k-len(digest):], digest)
	return nil
}

// pssState is what EMSA-PSS needs besides the message, kept in a pool so
// that Sign and VerifyPSS do not allocate: a hash of the last kind used
// (crypto.Hash.New allocates) and the small buffers that a hash.Hash's
// methods would otherwise make escape to the heap.
type pssState struct {
	hf      crypto.Hash
	h       hash.Hash
	zeros   [8]byte
	counter [4]byte
	seed    [64]byte // H, copied out of the caller's buffer
	sum     [64]byte
	db      [maxBits / 8]byte // VerifyPSS's unmasked DB
}

var pssPool = sync.Pool{New: func() any { return new(pssState) }}

// hash returns a reset hash of kind hf.
func (st *pssState) hash(hf crypto.Hash) hash.Hash {
	if st.h == nil || st.hf != hf {
		st.h, st.hf = hf.New(), hf
	}
	st.h.Reset()
	return st.h
}

// mgf1XOR XORs MGF1(seed, len(out)) with hash h into out. seed is at most
// 64 bytes (the largest hash).
func (st *pssState) mgf1XOR(out []byte, h hash.Hash, seed []byte) {
	st.counter = [4]byte{}
	sd := st.seed[:copy(st.seed[:], seed)]
	for done := 0; done < len(out); {
		h.Reset()
		h.Write(sd)
		h.Write(st.counter[:])
		d := h.Sum(st.sum[:0])
		done += subtle.XORBytes(out[done:], out[done:], d)
		for i := 3; i >= 0; i-- {
			st.counter[i]++
			if st.counter[i] != 0 {
				break
			}
		}
	}
}

// encodePSS writes EMSA-PSS-ENCODE(digest, emBits = bits(n) - 1) into em, the
// size of the modulus (with a leading zero byte when emBits is a multiple of 8).
func (sk *PrivateKey) encodePSS(em []byte, rand io.Reader, digest []byte, opts *rsa.PSSOptions) error {
	hf := opts.Hash
	if hf == 0 || !hf.Available() {
		return errors.New("rsa: PSSOptions.Hash is missing or unavailable")
	}
	hLen := hf.Size()
	if len(digest) != hLen {
		return errors.New("rsa: input must be hashed with given hash")
	}
	emBits := sk.pub.n.bits - 1
	emLen := (emBits + 7) / 8
	em = em[len(em)-emLen:]
	sLen := opts.SaltLength
	switch sLen {
	case rsa.PSSSaltLengthAuto:
		sLen = emLen - hLen - 2
		if sLen < 0 {
			return rsa.ErrMessageTooLong
		}
	case rsa.PSSSaltLengthEqualsHash:
		sLen = hLen
	default:
		if sLen <= 0 {
			return errors.New("rsa: invalid PSS salt length")
		}
	}
	if emLen < hLen+sLen+2 {
		return rsa.ErrMessageTooLong
	}
	// em = maskedDB (emLen-hLen-1) || H (hLen) || 0xbc; DB = PS || 0x01 || salt.
	dbLen := emLen - hLen - 1
	db, hv := em[:dbLen], em[dbLen:emLen-1]
	salt := db[dbLen-sLen:]
	if rand == nil {
		rand = cryptorand.Reader
	}
	if _, err := io.ReadFull(rand, salt); err != nil {
		return err
	}
	db[dbLen-sLen-1] = 0x01
	st := pssPool.Get().(*pssState)
	defer pssPool.Put(st)
	h := st.hash(hf)
	h.Write(st.zeros[:])
	h.Write(digest)
	h.Write(salt)
	copy(hv, h.Sum(st.sum[:0]))
	st.mgf1XOR(db, h, hv)
	db[0] &= 0xff >> (8*emLen - emBits)
	em[emLen-1] = 0xbc
	return nil
}

// verifyPSS checks that the modulus-sized em is EMSA-PSS-ENCODE(digest, emBits)
// with salt length sLen (rsa.PSSSaltLengthAuto to detect it).
func verifyPSS(em []byte, emBits int, hf crypto.Hash, digest []byte, sLen int) error {
	hLen := hf.Size()
	if len(digest) != hLen {
		return rsa.ErrVerification
	}
	emLen := (emBits + 7) / 8
	if len(em) > emLen {
		// The leading byte must be zero.
		if em[0] != 0 {
			return rsa.ErrVerification
		}
		em = em[1:]
	}
	if emLen < hLen+sLen+2 || emLen < hLen+2 {
		return rsa.ErrVerification
	}
	if em[emLen-1] != 0xbc {
		return rsa.ErrVerification
	}
	dbLen := emLen - hLen - 1
	st := pssPool.Get().(*pssState)
	defer pssPool.Put(st)
	db := st.db[:dbLen]
	copy(db, em[:dbLen])
	hv := em[dbLen : emLen-1]
	topMask := byte(0xff >> (8*emLen - emBits))
	if db[0]&^topMask != 0 {
		return rsa.ErrVerification
	}
	h := st.hash(hf)
	st.mgf1XOR(db, h, hv)
	db[0] &= topMask
	// DB = PS (zeros) || 0x01 || salt
	i := 0
	for i < dbLen && db[i] == 0 {
		i++
	}
	if i == dbLen || db[i] != 0x01 {
		return rsa.ErrVerification
	}
	if sLen != rsa.PSSSaltLengthAuto && dbLen-i-1 != sLen {
		return rsa.ErrVerification
	}
	salt := db[i+1:]
	h.Reset()
	h.Write(st.zeros[:])
	h.Write(digest)
	h.Write(salt)
	if subtle.ConstantTimeCompare(h.Sum(st.sum[:0]), hv) != 1 {
		return rsa.ErrVerification
	}
	return nil
}
