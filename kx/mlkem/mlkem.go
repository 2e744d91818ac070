// Package mlkem implements the quantum-resistant key encapsulation method
// ML-KEM of NIST FIPS 203, as a drop-in for the standard library's
// crypto/mlkem: the same names, semantics and byte encodings, and the same
// use of randomness (GenerateKey draws d then z, Encapsulate draws m, 32
// bytes each from crypto/rand), so that under
// testing/cryptotest.SetGlobalRandom both packages produce the same bytes.
//
// Most applications should use ML-KEM-768 ([DecapsulationKey768],
// [EncapsulationKey768]); TLS's X25519MLKEM768 key share is built on it
// (see package kx/keyshare).
//
// Implementations are registered as "mlkem" (see package dispatch). A key
// keeps the implementation chosen when it was made or parsed. Every
// implementation executes in constant time with respect to secrets: no
// branches or memory addresses depend on the seed, the message, the
// ciphertext's validity (implicit rejection selects the key with a mask),
// or coefficients (compression multiplies by a reciprocal of q instead of
// dividing). Public data (encapsulation keys, the matrix seed) may be
// branched on.
//
// [NIST FIPS 203]: https://doi.org/10.6028/NIST.FIPS.203
package mlkem

import (
	"crypto"
	"crypto/mlkem"
	"crypto/rand"
	"errors"
)

const (
	// SharedKeySize is the size of a shared key produced by ML-KEM.
	SharedKeySize = 32
	// SeedSize is the size of a seed used to generate a decapsulation key.
	SeedSize = 64
	// CiphertextSize768 is the size of a ciphertext produced by ML-KEM-768.
	CiphertextSize768 = 1088
	// EncapsulationKeySize768 is the size of an ML-KEM-768 encapsulation key.
	EncapsulationKeySize768 = 1184
	// CiphertextSize1024 is the size of a ciphertext produced by ML-KEM-1024.
	CiphertextSize1024 = 1568
	// EncapsulationKeySize1024 is the size of an ML-KEM-1024 encapsulation key.
	EncapsulationKeySize1024 = 1568
)

var (
	errSeed       = errors.New("mlkem: invalid seed length")
	errEK         = errors.New("mlkem: invalid encapsulation key")
	errCiphertext = errors.New("mlkem: invalid ciphertext length")
)

// newKey expands dk from the seed d || z.
func newKey(dk *decapsulationKey, p *params, seed []byte) error {
	if len(seed) != SeedSize {
		return errSeed
	}
	withDIT(func() { keyGen(dk, p, chosen.Load(), (*[32]byte)(seed[:32]), (*[32]byte)(seed[32:])) })
	return nil
}

// generate draws d and z (FIPS 203 Algorithm 19) and expands dk.
func generate(dk *decapsulationKey, p *params) {
	var d, z [32]byte
	rand.Read(d[:])
	rand.Read(z[:])
	withDIT(func() { keyGen(dk, p, chosen.Load(), &d, &z) })
}

func seedBytes(dk *decapsulationKey) []byte {
	b := make([]byte, SeedSize)
	copy(b, dk.d[:])
	copy(b[32:], dk.z[:])
	return b
}

// decapsulate is ML-KEM.Decaps (FIPS 203 Algorithm 21) with the ciphertext
// length check of section 7.3.
func decapsulate(dk *decapsulationKey, ciphertext []byte) ([]byte, error) {
	if len(ciphertext) != dk.p.ctSize() {
		return nil, errCiphertext
	}
	key := make([]byte, SharedKeySize)
	withDIT(func() { dk.decapsulate((*[32]byte)(key), ciphertext) })
	return key, nil
}

// encapsulate is ML-KEM.Encaps (FIPS 203 Algorithm 20).
func encapsulate(ek *encapsulationKey) (sharedKey, ciphertext []byte) {
	var m [32]byte
	rand.Read(m[:])
	sharedKey = make([]byte, SharedKeySize)
	ciphertext = make([]byte, ek.p.ctSize())
	withDIT(func() { ek.encapsulate((*[32]byte)(sharedKey), ciphertext, &m) })
	return sharedKey, ciphertext
}

// DecapsulationKey768 is the secret key used to decapsulate a shared key
// from a ciphertext. It includes the expanded key and matrix.
type DecapsulationKey768 struct {
	dk decapsulationKey
}

var _ crypto.Decapsulator = (*DecapsulationKey768)(nil)

// GenerateKey768 generates a new decapsulation key, drawing random bytes
// from crypto/rand. The decapsulation key must be kept secret.
func GenerateKey768() (*DecapsulationKey768, error) {
	dk := &DecapsulationKey768{}
	generate(&dk.dk, params768)
	return dk, nil
}

// NewDecapsulationKey768 expands a decapsulation key from a 64-byte seed in
// the "d || z" form. The seed must be uniformly random.
func NewDecapsulationKey768(seed []byte) (*DecapsulationKey768, error) {
	dk := &DecapsulationKey768{}
	if err := newKey(&dk.dk, params768, seed); err != nil {
		return nil, err
	}
	return dk, nil
}

// Bytes returns the decapsulation key as a 64-byte seed in the "d || z"
// form. The decapsulation key must be kept secret.
func (dk *DecapsulationKey768) Bytes() []byte { return seedBytes(&dk.dk) }

// Decapsulate generates a shared key from a ciphertext and a decapsulation
// key. If the ciphertext has the wrong length, Decapsulate returns an
// error; any other ciphertext yields a key (implicit rejection). The shared
// key must be kept secret.
func (dk *DecapsulationKey768) Decapsulate(ciphertext []byte) (sharedKey []byte, err error) {
	return decapsulate(&dk.dk, ciphertext)
}

// EncapsulationKey returns the public encapsulation key necessary to
// produce ciphertexts.
func (dk *DecapsulationKey768) EncapsulationKey() *EncapsulationKey768 {
	dk.dk.ensureH()
	return &EncapsulationKey768{ek: dk.dk.encapsulationKey}
}

// EncapsulationKeyBytes returns the encoding of the encapsulation key, as
// dk.EncapsulationKey().Bytes() does, without making the key (what a TLS
// client sends in its key share).
func (dk *DecapsulationKey768) EncapsulationKeyBytes() []byte {
	return append([]byte(nil), dk.dk.bytes()...)
}

// Encapsulator returns the encapsulation key as a
// *crypto/mlkem.EncapsulationKey768 (built from its bytes), so that the
// key works where the standard library expects one of its own (for
// example as a crypto/hpke recipient). It implements [crypto.Decapsulator].
func (dk *DecapsulationKey768) Encapsulator() crypto.Encapsulator {
	ek, err := mlkem.NewEncapsulationKey768(dk.dk.bytes())
	if err != nil {
		panic("mlkem: internal error: crypto/mlkem rejected our encapsulation key: " + err.Error())
	}
	return ek
}

// An EncapsulationKey768 is the public key used to produce ciphertexts to
// be decapsulated by the corresponding DecapsulationKey768.
type EncapsulationKey768 struct {
	ek encapsulationKey
}

var _ crypto.Encapsulator = (*EncapsulationKey768)(nil)

// NewEncapsulationKey768 parses an encapsulation key from its encoded form.
// If the encapsulation key is not valid (wrong length, or a coefficient not
// below q), NewEncapsulationKey768 returns an error.
func NewEncapsulationKey768(encapsulationKey []byte) (*EncapsulationKey768, error) {
	ek := &EncapsulationKey768{}
	if !parseEK(&ek.ek, params768, chosen.Load(), encapsulationKey) {
		return nil, errEK
	}
	return ek, nil
}

// Bytes returns the encapsulation key as a byte slice.
func (ek *EncapsulationKey768) Bytes() []byte {
	return append([]byte(nil), ek.ek.bytes()...)
}

// Encapsulate generates a shared key and an associated ciphertext from an
// encapsulation key, drawing random bytes from crypto/rand. The shared key
// must be kept secret.
func (ek *EncapsulationKey768) Encapsulate() (sharedKey, ciphertext []byte) {
	return encapsulate(&ek.ek)
}

// DecapsulationKey1024 is the secret key used to decapsulate a shared key
// from a ciphertext. It includes the expanded key and matrix.
type DecapsulationKey1024 struct {
	dk decapsulationKey
}

var _ crypto.Decapsulator = (*DecapsulationKey1024)(nil)

// GenerateKey1024 generates a new decapsulation key, drawing random bytes
// from crypto/rand. The decapsulation key must be kept secret.
func GenerateKey1024() (*DecapsulationKey1024, error) {
	dk := &DecapsulationKey1024{}
	generate(&dk.dk, params1024)
	return dk, nil
}

// NewDecapsulationKey1024 expands a decapsulation key from a 64-byte seed
// in the "d || z" form. The seed must be uniformly random.
func NewDecapsulationKey1024(seed []byte) (*DecapsulationKey1024, error) {
	dk := &DecapsulationKey1024{}
	if err := newKey(&dk.dk, params1024, seed); err != nil {
		return nil, err
	}
	return dk, nil
}

// Bytes returns the decapsulation key as a 64-byte seed in the "d || z"
// form. The decapsulation key must be kept secret.
func (dk *DecapsulationKey1024) Bytes() []byte { return seedBytes(&dk.dk) }

// Decapsulate generates a shared key from a ciphertext and a decapsulation
// key. If the ciphertext has the wrong length, Decapsulate returns an
// error; any other ciphertext yields a key (implicit rejection). The shared
// key must be kept secret.
func (dk *DecapsulationKey1024) Decapsulate(ciphertext []byte) (sharedKey []byte, err error) {
	return decapsulate(&dk.dk, ciphertext)
}

// EncapsulationKey returns the public encapsulation key necessary to
// produce ciphertexts.
func (dk *DecapsulationKey1024) EncapsulationKey() *EncapsulationKey1024 {
	dk.dk.ensureH()
	return &EncapsulationKey1024{ek: dk.dk.encapsulationKey}
}

// EncapsulationKeyBytes returns the encoding of the encapsulation key, as
// dk.EncapsulationKey().Bytes() does, without making the key (what a TLS
// client sends in its key share).
func (dk *DecapsulationKey1024) EncapsulationKeyBytes() []byte {
	return append([]byte(nil), dk.dk.bytes()...)
}

// Encapsulator returns the encapsulation key as a
// *crypto/mlkem.EncapsulationKey1024 (built from its bytes), so that the
// key works where the standard library expects one of its own (for
// example as a crypto/hpke recipient). It implements [crypto.Decapsulator].
func (dk *DecapsulationKey1024) Encapsulator() crypto.Encapsulator {
	ek, err := mlkem.NewEncapsulationKey1024(dk.dk.bytes())
	if err != nil {
		panic("mlkem: internal error: crypto/mlkem rejected our encapsulation key: " + err.Error())
	}
	return ek
}

// An EncapsulationKey1024 is the public key used to produce ciphertexts to
// be decapsulated by the corresponding DecapsulationKey1024.
type EncapsulationKey1024 struct {
	ek encapsulationKey
}

var _ crypto.Encapsulator = (*EncapsulationKey1024)(nil)

// NewEncapsulationKey1024 parses an encapsulation key from its encoded
// form. If the encapsulation key is not valid (wrong length, or a
// coefficient not below q), NewEncapsulationKey1024 returns an error.
func NewEncapsulationKey1024(encapsulationKey []byte) (*EncapsulationKey1024, error) {
	ek := &EncapsulationKey1024{}
	if !parseEK(&ek.ek, params1024, chosen.Load(), encapsulationKey) {
		return nil, errEK
	}
	return ek, nil
}

// Bytes returns the encapsulation key as a byte slice.
func (ek *EncapsulationKey1024) Bytes() []byte {
	return append([]byte(nil), ek.ek.bytes()...)
}

// Encapsulate generates a shared key and an associated ciphertext from an
// encapsulation key, drawing random bytes from crypto/rand. The shared key
// must be kept secret.
func (ek *EncapsulationKey1024) Encapsulate() (sharedKey, ciphertext []byte) {
	return encapsulate(&ek.ek)
}
