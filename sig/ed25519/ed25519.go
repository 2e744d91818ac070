// Package ed25519 implements the Ed25519 signature scheme of RFC 8032
// (section 5.1), with its Ed25519ph and Ed25519ctx variants, on the
// Curve25519 field arithmetic that kx/x25519 also uses (package
// internal/edwards25519).
//
// It works with crypto/ed25519's types: keys are ed25519.PrivateKey and
// ed25519.PublicKey byte slices, options are *ed25519.Options, and
// [*PrivateKey] is a crypto.Signer that crypto/tls and crypto/x509 accept
// where they accept an ed25519.PrivateKey's signer. [Verify] and
// [VerifyWithOptions] accept and reject exactly what crypto/ed25519's do:
// public keys and R are decoded as Go decodes them (non-canonical y
// accepted for A; R compared by its canonical encoding), S must be below
// the group order, and the equation is the cofactorless [S]B = R + [k]A.
// [VerifyMany] runs independent verifications (the same result as Verify
// for each one, not a batch equation) several at a time.
//
// Signing executes in constant time with respect to the private scalar
// and the nonce: a fixed-base table scanned in full for every digit, and
// scalar arithmetic mod L without secret-dependent branches. Verification
// is variable time; everything it handles is public.
//
// Implementations are registered as "ed25519" (package dispatch selects
// among them; each call uses the one chosen at that moment):
// "avx512ifma" (radix 2^51 with VPMADD52LUQ/HUQ: Sign's fixed base with two
// accumulators in the halves of zmm registers, Verify's wNAF double-scalar
// loop with the four products of each point operation in ymm lanes, and
// VerifyMany with 8 verifications per pass in zmm lanes), "adx" (4 x 64-bit
// limbs with MULX/ADCX/ADOX; whole point operations in assembly), "arm64"
// (MUL/UMULH field arithmetic, signing under the DIT bit) and "generic"
// (5 x 51-bit limbs in Go). The field, group and inversion code is
// internal/edwards25519's, which kx/x25519 shares.
//
// NewPrivateKey checks that the public half of the key is the public key
// of its seed (crypto/ed25519 does not; signing with a mismatched public
// key would reveal the private scalar).
package ed25519

import (
	"crypto"
	"crypto/ed25519"
	cryptorand "crypto/rand"
	"crypto/sha512"
	"crypto/subtle"
	"errors"
	"io"
	"strconv"
	"sync/atomic"

	"github.com/tlscore/tlscore/internal/impl"
)

const alg = "ed25519"

const (
	// PublicKeySize is the size, in bytes, of public keys.
	PublicKeySize = ed25519.PublicKeySize
	// PrivateKeySize is the size, in bytes, of private keys (seed || public key).
	PrivateKeySize = ed25519.PrivateKeySize
	// SignatureSize is the size, in bytes, of signatures.
	SignatureSize = ed25519.SignatureSize
	// SeedSize is the size, in bytes, of private key seeds.
	SeedSize = ed25519.SeedSize
)

// implementation names one way to compute the group operations. Its
// methods switch on it rather than call through function values, so that
// their pointer arguments stay on the stack.
type implementation uint32

const (
	implGeneric implementation = iota
	implADX
	implIFMA
	implARM64
)

// baseMult writes the encoding of [k]B. Constant time.
func (im implementation) baseMult(out *[32]byte, k *scalar) {
	if im == implGeneric {
		baseMultGeneric(out, k)
		return
	}
	baseMultArch(im, out, k)
}

// verify reports whether R encodes [s]B - [k]A for the point A encoded by
// a (false if a does not decode).
func (im implementation) verify(R, a *[32]byte, k, s *scalar) bool {
	if im == implGeneric {
		return verifyGeneric(R, a, k, s)
	}
	return verifyArch(im, R, a, k, s)
}

// verifyMany sets ok[i] to the result of verify for jobs[i].
func (im implementation) verifyMany(jobs []verifyJob, ok []bool) {
	if im != implGeneric && verifyManyArch(im, jobs, ok) {
		return
	}
	for i := range jobs {
		ok[i] = im.verify(jobs[i].R, jobs[i].A, &jobs[i].k, &jobs[i].s)
	}
}

// verifyJob is one verification of VerifyMany, past the checks and the
// hash.
type verifyJob struct {
	R, A *[32]byte
	k, s scalar
}

var chosen atomic.Uint32

func init() {
	impl.Register(alg, archImpls()...)
	impl.OnChange(alg, func(name string) {
		im, ok := lookup(name)
		if !ok {
			panic("ed25519: internal error: no code for implementation " + name)
		}
		chosen.Store(uint32(im))
	})
}

func current() implementation { return implementation(chosen.Load()) }

func lookup(name string) (implementation, bool) {
	if name == implNameGeneric {
		return implGeneric, true
	}
	return archLookup(name)
}

// PrivateKey is an Ed25519 private key with what signing needs
// precomputed (the secret scalar and the nonce prefix). It is a
// crypto.Signer. It is immutable; the zero value is not usable.
type PrivateKey struct {
	seed   [32]byte
	pub    [32]byte
	sR     scalar // s * 2^256 mod L: the secret scalar in Montgomery form
	prefix [32]byte
}

// NewPrivateKey returns the key whose crypto/ed25519 encoding (seed ||
// public key) is k. It returns an error if k is not 64 bytes long, or if
// its public half is not the public key of its seed (signing with a wrong
// public key would reveal the private scalar).
func NewPrivateKey(k ed25519.PrivateKey) (*PrivateKey, error) {
	if l := len(k); l != PrivateKeySize {
		return nil, errors.New("ed25519: bad private key length: " + strconv.Itoa(l))
	}
	p := newKeyFromSeed((*[32]byte)(k[:32]))
	if subtle.ConstantTimeCompare(p.pub[:], k[32:]) != 1 {
		return nil, errors.New("ed25519: bad private key: the public key does not match the seed")
	}
	return p, nil
}

// NewKeyFromSeed returns the private key of a 32-byte RFC 8032 seed. It
// panics if seed is not 32 bytes long, as crypto/ed25519.NewKeyFromSeed.
func NewKeyFromSeed(seed []byte) *PrivateKey {
	if l := len(seed); l != SeedSize {
		panic("ed25519: bad seed length: " + strconv.Itoa(l))
	}
	return newKeyFromSeed((*[32]byte)(seed))
}

// GenerateKey returns a new key from 32 bytes of rand (crypto/rand.Reader
// if rand is nil).
func GenerateKey(rand io.Reader) (*PrivateKey, error) {
	if rand == nil {
		rand = cryptorand.Reader
	}
	var seed [32]byte
	if _, err := io.ReadFull(rand, seed[:]); err != nil {
		return nil, err
	}
	return newKeyFromSeed(&seed), nil
}

func newKeyFromSeed(seed *[32]byte) *PrivateKey {
	h := sha512.Sum512(seed[:])
	// RFC 8032 section 5.1.5: clamp the low half, the high half is the prefix.
	h[0] &= 248
	h[31] &= 127
	h[31] |= 64
	p := &PrivateKey{seed: *seed}
	copy(p.prefix[:], h[32:])
	s := words(h[:32])
	montMul((*[4]uint64)(&p.sR), &s, (*[4]uint64)(&scR2)) // s R mod L
	var sRed scalar
	one := [4]uint64{1}
	montMul((*[4]uint64)(&sRed), (*[4]uint64)(&p.sR), &one)
	current().baseMult(&p.pub, &sRed)
	return p
}

// Public returns the public key, an ed25519.PublicKey.
func (k *PrivateKey) Public() crypto.PublicKey {
	return ed25519.PublicKey(append([]byte(nil), k.pub[:]...))
}

// PublicKey returns a copy of the public key.
func (k *PrivateKey) PublicKey() ed25519.PublicKey {
	return ed25519.PublicKey(append([]byte(nil), k.pub[:]...))
}

// Seed returns a copy of the 32-byte seed.
func (k *PrivateKey) Seed() []byte { return append([]byte(nil), k.seed[:]...) }

// Bytes returns the key in crypto/ed25519's encoding (seed || public key).
func (k *PrivateKey) Bytes() ed25519.PrivateKey {
	b := make([]byte, 0, PrivateKeySize)
	b = append(b, k.seed[:]...)
	return append(b, k.pub[:]...)
}

// Equal reports whether x is a *PrivateKey or an ed25519.PrivateKey with
// the same value.
func (k *PrivateKey) Equal(x crypto.PrivateKey) bool {
	switch x := x.(type) {
	case *PrivateKey:
		return subtle.ConstantTimeCompare(k.seed[:], x.seed[:])&subtle.ConstantTimeCompare(k.pub[:], x.pub[:]) == 1
	case ed25519.PrivateKey:
		return subtle.ConstantTimeCompare(k.Bytes(), x) == 1
	}
	return false
}

// Domain separation prefixes (RFC 8032 section 2, dom2).
const (
	domPrefixPh  = "SigEd25519 no Ed25519 collisions\x01"
	domPrefixCtx = "SigEd25519 no Ed25519 collisions\x00"
)

// Sign signs message with k. rand is ignored (Ed25519 is deterministic).
// opts selects the variant as crypto/ed25519's PrivateKey.Sign does:
// crypto.Hash(0) (or nil) for pure Ed25519, which signs message itself;
// an *ed25519.Options with Hash crypto.SHA512 for Ed25519ph, whose message
// is a 64-byte SHA-512 digest; an *ed25519.Options with Hash 0 and a
// non-empty Context for Ed25519ctx. Contexts are at most 255 bytes.
func (k *PrivateKey) Sign(rand io.Reader, message []byte, opts crypto.SignerOpts) ([]byte, error) {
	var hash crypto.Hash
	context := ""
	if opts != nil {
		hash = opts.HashFunc()
		if o, ok := opts.(*ed25519.Options); ok {
			context = o.Context
		}
	}
	sig := make([]byte, SignatureSize)
	switch {
	case hash == crypto.SHA512:
		if l := len(message); l != sha512.Size {
			return nil, errors.New("ed25519: bad Ed25519ph message hash length: " + strconv.Itoa(l))
		}
		if l := len(context); l > 255 {
			return nil, errors.New("ed25519: bad Ed25519ph context length: " + strconv.Itoa(l))
		}
		k.sign((*[64]byte)(sig), message, domPrefixPh, context)
	case hash == crypto.Hash(0) && context != "":
		if l := len(context); l > 255 {
			return nil, errors.New("ed25519: bad Ed25519ctx context length: " + strconv.Itoa(l))
		}
		k.sign((*[64]byte)(sig), message, domPrefixCtx, context)
	case hash == crypto.Hash(0):
		k.sign((*[64]byte)(sig), message, "", "")
	default:
		return nil, errors.New("ed25519: expected opts.HashFunc() zero (unhashed message, for standard Ed25519) or SHA-512 (for Ed25519ph)")
	}
	return sig, nil
}

// sign writes the RFC 8032 section 5.1.6 signature of message.
func (k *PrivateKey) sign(sig *[64]byte, message []byte, domPrefix, context string) {
	im := current()
	var digest [64]byte
	mh := sha512.New()
	if domPrefix != "" {
		mh.Write([]byte(domPrefix))
		mh.Write([]byte{byte(len(context))})
		mh.Write([]byte(context))
	}
	mh.Write(k.prefix[:])
	mh.Write(message)
	mh.Sum(digest[:0])
	var r scalar
	r.setUniform(&digest)

	var R [32]byte
	im.baseMult(&R, &r)

	mh.Reset()
	if domPrefix != "" {
		mh.Write([]byte(domPrefix))
		mh.Write([]byte{byte(len(context))})
		mh.Write([]byte(context))
	}
	mh.Write(R[:])
	mh.Write(k.pub[:])
	mh.Write(message)
	mh.Sum(digest[:0])
	var h scalar
	h.setUniform(&digest)

	// S = r + h s: montMul(h, s R) = h s.
	var S scalar
	montMul((*[4]uint64)(&S), (*[4]uint64)(&h), (*[4]uint64)(&k.sR))
	scAdd(&S, &S, &r)
	copy(sig[:32], R[:])
	S.bytes((*[32]byte)(sig[32:]))
}

// Verify reports whether sig is a valid pure Ed25519 signature of message
// by pub, accepting and rejecting exactly what crypto/ed25519.Verify does.
// A public key that is not 32 bytes long is rejected (crypto/ed25519.Verify
// panics on it; a key from a peer must not crash the caller).
func Verify(pub ed25519.PublicKey, message, sig []byte) bool {
	if len(pub) != PublicKeySize {
		return false
	}
	var j verifyJob
	if !prepare(&j, pub, message, sig, "", "") {
		return false
	}
	return current().verify(j.R, j.A, &j.k, &j.s)
}

var errInvalid = errors.New("ed25519: invalid signature")

// VerifyWithOptions checks the signature sig of message by pub with the
// variant opts selects (see [PrivateKey.Sign]) and returns nil if it is
// valid, as crypto/ed25519.VerifyWithOptions. A public key that is not 32
// bytes long is an error (crypto/ed25519 panics).
func VerifyWithOptions(pub ed25519.PublicKey, message, sig []byte, opts *ed25519.Options) error {
	if l := len(pub); l != PublicKeySize {
		return errors.New("ed25519: bad public key length: " + strconv.Itoa(l))
	}
	var domPrefix string
	switch {
	case opts.Hash == crypto.SHA512:
		if l := len(message); l != sha512.Size {
			return errors.New("ed25519: bad Ed25519ph message hash length: " + strconv.Itoa(l))
		}
		if l := len(opts.Context); l > 255 {
			return errors.New("ed25519: bad Ed25519ph context length: " + strconv.Itoa(l))
		}
		domPrefix = domPrefixPh
	case opts.Hash == crypto.Hash(0) && opts.Context != "":
		if l := len(opts.Context); l > 255 {
			return errors.New("ed25519: bad Ed25519ctx context length: " + strconv.Itoa(l))
		}
		domPrefix = domPrefixCtx
	case opts.Hash == crypto.Hash(0):
	default:
		return errors.New("ed25519: expected opts.Hash zero (unhashed message, for standard Ed25519) or SHA-512 (for Ed25519ph)")
	}
	if l := len(sig); l != SignatureSize {
		return errors.New("ed25519: bad signature length: " + strconv.Itoa(l))
	}
	var j verifyJob
	if !prepare(&j, pub, message, sig, domPrefix, opts.Context) || !current().verify(j.R, j.A, &j.k, &j.s) {
		return errInvalid
	}
	return nil
}

// prepare checks the length of sig and the range of S, and computes the
// challenge k = SHA-512(dom || R || A || M) mod L. It returns false for a
// signature that cannot be valid.
func prepare(j *verifyJob, pub ed25519.PublicKey, message, sig []byte, domPrefix, context string) bool {
	if len(sig) != SignatureSize || sig[63]&224 != 0 {
		return false
	}
	if !j.s.setCanonical(sig[32:]) {
		return false
	}
	j.R = (*[32]byte)(sig[:32])
	j.A = (*[32]byte)(pub)
	h := sha512.New()
	if domPrefix != "" {
		h.Write([]byte(domPrefix))
		h.Write([]byte{byte(len(context))})
		h.Write([]byte(context))
	}
	h.Write(sig[:32])
	h.Write(pub)
	h.Write(message)
	var digest [64]byte
	h.Sum(digest[:0])
	j.k.setUniform(&digest)
	return true
}

// VerifyMany returns ok with ok[i] = Verify(pubs[i], messages[i], sigs[i])
// for every i: independent verifications, not a batch equation, so a
// crafted signature gets exactly Verify's result. Implementations that
// have SIMD lanes run several verifications at once (8 per pass with
// "avx512ifma"). It panics if the slices have different lengths (a caller
// mistake); a public key that is not 32 bytes long is rejected, as in Verify.
func VerifyMany(pubs []ed25519.PublicKey, messages, sigs [][]byte) []bool {
	if len(messages) != len(pubs) || len(sigs) != len(pubs) {
		panic("ed25519: VerifyMany slices have different lengths")
	}
	ok := make([]bool, len(pubs))
	jobs := make([]verifyJob, 0, len(pubs))
	idx := make([]int, 0, len(pubs))
	for i, pub := range pubs {
		if len(pub) != PublicKeySize {
			continue // rejected, as Verify rejects it
		}
		var j verifyJob
		if prepare(&j, pub, messages[i], sigs[i], "", "") {
			jobs = append(jobs, j)
			idx = append(idx, i)
		}
	}
	res := make([]bool, len(jobs))
	current().verifyMany(jobs, res)
	for n, i := range idx {
		ok[i] = res[n]
	}
	return ok
}
