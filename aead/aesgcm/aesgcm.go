// Package aesgcm implements AES-GCM (NIST SP 800-38D) with 12-byte nonces and
// 16-byte tags, as a crypto/cipher.AEAD.
//
// Several implementations are registered with package dispatch under the
// algorithm name "aes-gcm", fastest first:
//
//	vaes-avx512  amd64: VAES and VPCLMULQDQ on 512-bit registers
//	vaes-avx2    amd64: VAES and VPCLMULQDQ on 256-bit registers
//	aesni        amd64: AES-NI and PCLMULQDQ on 128-bit registers
//	arm64        arm64: ARMv8 AES and PMULL
//	generic      portable Go, constant time: bitsliced AES, GHASH by
//	             multiplications without tables
//
// [New] picks one when it is called (see [dispatch.Chosen]) and the AEAD keeps
// it for its life. [GCM.Implementation] tells which one it got.
package aesgcm

import (
	"crypto/cipher"
	"crypto/subtle"
	"errors"
	"strconv"

	"github.com/tlscore/tlscore/internal/alias"
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

const (
	// NonceSize is the only nonce length this package accepts.
	NonceSize = 12
	// TagSize is the length of the authentication tag appended by Seal.
	TagSize = 16
	// maxPlaintext is the SP 800-38D 5.2.1.1 limit for 96-bit IVs:
	// 2^32-2 blocks of 16 bytes. The 32-bit block counter starts at 2 for
	// the first plaintext block (1 encrypts the tag).
	maxPlaintext = (1<<32 - 2) * 16
	blockSize    = 16
)

// Alg is the name this package registers with package dispatch.
const Alg = "aes-gcm"

// The implementations' names, as package dispatch lists them.
const (
	implVAESAVX512 = "vaes-avx512"
	implVAESAVX2   = "vaes-avx2"
	implAESNI      = "aesni"
	implARM64      = "arm64"
	implGeneric    = "generic"
)

func init() {
	zmm := ""
	if cpu.Machine.AvoidZMM {
		zmm = "512-bit code lowers this CPU's clock"
	}
	impl.Register(Alg,
		impl.Impl{
			Name: implVAESAVX512,
			Arch: "amd64",
			// aesni and pclmulqdq: the amd64 key setup and single-block
			// code use the 128-bit instructions.
			Features: []cpu.Feature{cpu.AVX512F, cpu.AVX512BW, cpu.AVX512VL, cpu.VAES, cpu.VPCLMULQDQ, cpu.AESNI, cpu.PCLMULQDQ},
			Desc:     "VAES and VPCLMULQDQ on zmm, 16 blocks per iteration, stitched CTR and GHASH",
			NotAuto:  zmm,
		},
		impl.Impl{
			Name:     implVAESAVX2,
			Arch:     "amd64",
			Features: []cpu.Feature{cpu.AVX2, cpu.VAES, cpu.VPCLMULQDQ, cpu.AESNI, cpu.PCLMULQDQ},
			Desc:     "VAES and VPCLMULQDQ on ymm",
		},
		impl.Impl{
			Name:     implAESNI,
			Arch:     "amd64",
			Features: []cpu.Feature{cpu.AESNI, cpu.PCLMULQDQ, cpu.SSSE3, cpu.AVX},
			Desc:     "AES-NI and PCLMULQDQ on xmm, 8 blocks per iteration",
		},
		impl.Impl{
			Name:     implARM64,
			Arch:     "arm64",
			Features: []cpu.Feature{cpu.ARM64AES, cpu.PMULL},
			Desc:     "ARMv8 AES and PMULL",
		},
		impl.Impl{
			Name: implGeneric,
			Desc: "constant-time Go: bitsliced AES, GHASH by integer multiplication",
		},
	)
}

// kernel is one implementation of AES-GCM for one key. The wrapper has done
// every check: len(nonce)==12, len(out)==len(plaintext)+16 for seal (out may
// alias plaintext exactly), len(out)==len(ciphertext)-16 for open (out may
// alias ciphertext exactly), lengths within limits.
type kernel interface {
	// seal writes the ciphertext and the 16-byte tag to out.
	seal(out, nonce, plaintext, additionalData []byte)
	// open decrypts into out and reports whether the tag was valid
	// (compared in constant time). It may write out before verifying; the
	// wrapper zeroes out when it returns false.
	open(out, nonce, ciphertext, additionalData []byte) bool
}

// newAsmKernel returns the assembly kernel called name for key, or nil if
// this build has no such implementation. It is defined per architecture:
// aesgcm_amd64.go, aesgcm_arm64.go and aesgcm_noasm.go (the complement,
// which returns nil).
//
// func newAsmKernel(name string, key []byte) kernel

// GCM is AES-GCM with one key, made by [New]. It is safe for concurrent use.
// The zero value is not usable.
type GCM struct {
	k    kernel
	impl string
}

var _ cipher.AEAD = (*GCM)(nil)

// New returns AES-GCM with the given key, which must be 16, 24 or 32 bytes
// long (AES-128, AES-192, AES-256). The AEAD uses 12-byte nonces and 16-byte
// tags. The concrete type of the result is *[GCM].
func New(key []byte) (cipher.AEAD, error) {
	g, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	return g, nil
}

func newGCM(key []byte) (*GCM, error) {
	switch len(key) {
	case 16, 24, 32:
	default:
		return nil, errors.New("aesgcm: invalid key size " + strconv.Itoa(len(key)))
	}
	name := impl.Chosen(Alg)
	var k kernel
	if name != implGeneric {
		k = newAsmKernel(name, key)
	}
	if k == nil {
		name = implGeneric
		k = newGenericKernel(key)
	}
	return &GCM{k: k, impl: name}, nil
}

// Implementation returns the name of the implementation g uses, as
// registered with package dispatch ("vaes-avx512", ..., "generic").
func (g *GCM) Implementation() string { return g.impl }

// NonceSize returns 12.
func (g *GCM) NonceSize() int { return NonceSize }

// Overhead returns 16, the tag length.
func (g *GCM) Overhead() int { return TagSize }

var errOpen = errors.New("aesgcm: message authentication failed")

// Seal encrypts and authenticates plaintext, authenticates additionalData,
// appends the ciphertext and the tag to dst and returns the updated slice.
// The nonce must be 12 bytes long and unique for each message under a key.
//
// To reuse plaintext's storage for the output, use plaintext[:0] as dst;
// otherwise the remaining capacity of dst must not overlap plaintext. The
// output must not overlap additionalData. Seal panics on a wrong nonce
// length, an overlap, or a plaintext above 2^36-32 bytes (SP 800-38D), as
// package aead/chacha20poly1305 does for its own limit.
func (g *GCM) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
	if len(nonce) != NonceSize {
		panic("aesgcm: incorrect nonce length given to GCM")
	}
	if uint64(len(plaintext)) > maxPlaintext {
		panic("aesgcm: message too large for GCM")
	}
	ret, out := alias.SliceForAppend(dst, len(plaintext)+TagSize)
	if alias.InexactOverlap(out, plaintext) {
		panic("aesgcm: invalid buffer overlap of output and input")
	}
	if alias.AnyOverlap(out, additionalData) {
		panic("aesgcm: invalid buffer overlap of output and additional data")
	}
	g.k.seal(out, nonce, plaintext, additionalData)
	return ret
}

// Open authenticates additionalData and ciphertext (which ends with the tag),
// decrypts ciphertext, appends the plaintext to dst and returns the updated
// slice. The nonce must be 12 bytes long.
//
// To reuse ciphertext's storage for the output, use ciphertext[:0] as dst;
// otherwise the remaining capacity of dst must not overlap ciphertext.
//
// If the message is not authentic, or the ciphertext is shorter than the tag
// or longer than the limit (it is peer input), Open returns nil and an
// error, and overwrites with zeros the part of dst's capacity it would have
// filled. It panics on a wrong nonce length or an overlap, as Seal does.
func (g *GCM) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	if len(nonce) != NonceSize {
		panic("aesgcm: incorrect nonce length given to GCM")
	}
	if len(ciphertext) < TagSize {
		return nil, errOpen
	}
	if uint64(len(ciphertext)) > maxPlaintext+TagSize {
		return nil, errOpen
	}
	ret, out := alias.SliceForAppend(dst, len(ciphertext)-TagSize)
	if alias.InexactOverlap(out, ciphertext) {
		panic("aesgcm: invalid buffer overlap of output and input")
	}
	if alias.AnyOverlap(out, additionalData) {
		panic("aesgcm: invalid buffer overlap of output and additional data")
	}
	if !g.k.open(out, nonce, ciphertext, additionalData) {
		clear(out)
		return nil, errOpen
	}
	return ret, nil
}

// tagsEqual compares two 16-byte tags in constant time.
func tagsEqual(a, b []byte) bool { return subtle.ConstantTimeCompare(a, b) == 1 }
