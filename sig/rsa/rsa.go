// Package rsa implements RSA signatures (RSASSA-PKCS1-v1_5 and RSASSA-PSS,
// RFC 8017) for keys from crypto/rsa and crypto/x509, behind crypto.Signer.
//
// The private-key operation is two modular exponentiations, mod p and mod q,
// recombined with the Chinese remainder theorem (Garner's formula). It runs in
// constant time for the secret values (primes, exponents, intermediate
// results), leaking only the sizes of the key and its primes, and every
// signature is checked with the public exponent before it is returned, as
// crypto/rsa does, so that a computation fault cannot leak a prime.
//
// Implementations (package dispatch, algorithm "rsa"): "avx512ifma" (52-bit
// limbs with VPMADD52LUQ/HUQ on 256-bit vectors), "adx" (MULX/ADCX/ADOX),
// "arm64" (MUL/UMULH) and "generic" (pure Go). The amd64 assembly is
// specialized for keys of 2048, 3072 and 4096 bits (primes of 1024, 1536 and
// 2048 bits, or 16, 24 and 32 words); other key sizes crypto/rsa accepts (1024
// to 16384 bits) fall back to the generic Go kernels for moduli of other word
// counts. The arm64 kernel takes any length.
package rsa

import (
	"crypto"
	"crypto/rsa"
	_ "crypto/sha1" // for crypto.Hash.New
	_ "crypto/sha256"
	_ "crypto/sha512"
	"crypto/subtle"
	"errors"
	"io"
	"math/big"
	"math/bits"
	"strconv"
	"sync"

	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

// alg is the name this package registers with package dispatch.
const alg = "rsa"

// The implementations' names, as package dispatch lists them.
const (
	implAVX512IFMA = "avx512ifma"
	implADX        = "adx"
	implARM64      = "arm64"
	implGeneric    = "generic"
)

func init() {
	// The CPU requirements are stated here only: the kernels trust that the
	// registry hands out an implementation only where it can run.
	// "avx512ifma" also needs ADX: it uses the "adx" kernels for the sizes
	// without IFMA kernels and for the public operations.
	impl.Register(alg,
		impl.Impl{Name: implAVX512IFMA, Arch: "amd64", Features: []cpu.Feature{cpu.AVX512F, cpu.AVX512VL, cpu.AVX512IFMA, cpu.BMI2, cpu.ADX},
			Desc: "52-bit limbs, VPMADD52LUQ/HUQ on ymm, both CRT halves interleaved (2048/3072/4096-bit keys)"},
		impl.Impl{Name: implADX, Arch: "amd64", Features: []cpu.Feature{cpu.BMI2, cpu.ADX},
			Desc: "Montgomery multiplication and squaring with MULX/ADCX/ADOX (1024/1536/2048-bit primes; 3072/4096-bit public moduli)"},
		impl.Impl{Name: implARM64, Arch: "arm64",
			Desc: "Montgomery multiplication with MUL/UMULH (any modulus length)"},
		impl.Impl{Name: implGeneric, Desc: "portable Go, 64-bit words, constant time"},
	)
}

const (
	minBits = 1024
	maxBits = 16384
)

// PublicKey is an RSA public key prepared for verification. It is safe for
// concurrent use.
type PublicKey struct {
	pub      rsa.PublicKey
	n        *modulus
	size     int // bytes
	mul, sqr mulFunc
	// expFast, when not nil, replaces expPublicVarTime (out, x: len(n.n) words).
	expFast func(out, x []uint64, e uint64)
	scratch sync.Pool // of *pubScratch
}

type pubScratch struct{ t []uint64 }

// PrivateKey is an RSA private key prepared for signing. It implements
// crypto.Signer and is safe for concurrent use.
type PrivateKey struct {
	pub    PublicKey
	p, q   *modulus
	dp, dq []uint64 // CRT exponents, announced lengths of p and q
	// qinvR is q^-1 * R_p mod p (Montgomery form).
	qinvR []uint64
	// rpowP, rpowQ hold R^1..R^c mod p (and q), for reduceGeneric of an
	// n-sized (and q-sized) number.
	rpowP, rpowQ []uint64

	pmul, psqr, qmul, qsqr mulFunc
	// exp2, when not nil, replaces the two expWindow calls (it computes both
	// halves together) and reports false if it cannot handle this key.
	exp2 func(k *PrivateKey, mp, mq, cp, cq []uint64, s *scratch)

	impl    string
	ifma    *ifmaKey  // "avx512ifma" constants (amd64 only)
	scratch sync.Pool // of *scratch
}

type scratch struct {
	c, m   []uint64 // n-sized input and result
	cp, cq []uint64
	mp, mq []uint64
	t      []uint64 // product h*q, kp+kq words
	exp    []uint64 // expWindow scratch (the larger prime's size)
	pub    []uint64 // verification scratch (3 kn words)
	em     []byte   // encoded message
	extra  any      // implementation-specific
}

// DefaultMaxPublicKeyBits is the largest modulus, in bits, that
// [NewPublicKey] accepts: crypto/tls's limit for peers' keys since
// CVE-2023-29409, which bounds the work one verification can cost (a
// 16384-bit verification costs about four times an 8192-bit one).
// [NewPublicKeyWithOptions] raises it for callers who opt in.
const DefaultMaxPublicKeyBits = 8192

// PublicKeyOptions configures [NewPublicKeyWithOptions].
type PublicKeyOptions struct {
	// MaxBits is the largest modulus accepted, in bits. Zero means
	// DefaultMaxPublicKeyBits; it cannot raise the limit above 16384 bits,
	// the largest key crypto/rsa accepts.
	MaxBits int
}

// NewPublicKey checks k as crypto/rsa does (modulus odd and of at least 1024
// bits; exponent odd, at least 3 and below 2^31), refuses moduli above
// DefaultMaxPublicKeyBits (8192 bits, as crypto/tls does for a peer's key),
// and returns k prepared for verification. It is safe to call on a key
// received from a peer: every bad key is an error.
func NewPublicKey(k *rsa.PublicKey) (*PublicKey, error) {
	return NewPublicKeyWithOptions(k, nil)
}

// NewPublicKeyWithOptions is NewPublicKey with the size limit of opts (nil
// means the defaults), for callers that must verify with larger keys, up to
// 16384 bits.
func NewPublicKeyWithOptions(k *rsa.PublicKey, opts *PublicKeyOptions) (*PublicKey, error) {
	limit := DefaultMaxPublicKeyBits
	if opts != nil && opts.MaxBits != 0 {
		limit = min(opts.MaxBits, maxBits)
	}
	if err := checkPublicKey(k); err != nil {
		return nil, err
	}
	if k.N.BitLen() > limit {
		return nil, errors.New("rsa: public key of " + strconv.Itoa(k.N.BitLen()) +
			" bits is above the limit of " + strconv.Itoa(limit) + " (see PublicKeyOptions)")
	}
	pk := &PublicKey{pub: rsa.PublicKey{N: new(big.Int).Set(k.N), E: k.E}}
	pk.init(impl.Chosen(alg))
	return pk, nil
}

func (pk *PublicKey) init(impl string) {
	pk.n = newModulusVarTime(pk.pub.N)
	pk.size = (pk.n.bits + 7) / 8
	pk.mul, pk.sqr = kernels(impl, len(pk.n.n))
	pk.expFast = publicExpFunc(impl, pk.n, pk.pub.N)
	k := len(pk.n.n)
	pk.scratch.New = func() any { return &pubScratch{t: make([]uint64, 3*k)} }
}

func checkPublicKey(k *rsa.PublicKey) error {
	if k == nil || k.N == nil {
		return errors.New("rsa: missing public modulus")
	}
	if k.N.Sign() <= 0 || k.N.Bit(0) == 0 {
		return errors.New("rsa: public modulus is even")
	}
	if b := k.N.BitLen(); b < minBits {
		return errors.New("rsa: keys smaller than 1024 bits are insecure")
	} else if b > maxBits {
		return errors.New("rsa: keys larger than 16384 bits are not supported")
	}
	if k.E < 2 {
		return errors.New("rsa: public exponent too small or negative")
	}
	if k.E&1 == 0 {
		return errors.New("rsa: public exponent is even")
	}
	if k.E > 1<<31-1 {
		return errors.New("rsa: public exponent too large")
	}
	return nil
}

// Size returns the length of the modulus (and of signatures) in bytes.
func (pk *PublicKey) Size() int { return pk.size }

// NewPrivateKey validates k as crypto/rsa does (PrivateKey.Validate, and the
// exponent rules of NewPublicKey; moduli of 1024 to 16384 bits: the 8192-bit
// limit of NewPublicKey is for peers' keys, not one's own), requires exactly two primes, and
// precomputes what signing needs: the Montgomery constants for p and q and the
// CRT values. It does not modify k.
func NewPrivateKey(k *rsa.PrivateKey) (*PrivateKey, error) {
	if k == nil {
		return nil, errors.New("rsa: nil private key")
	}
	if err := checkPublicKey(&k.PublicKey); err != nil {
		return nil, err
	}
	if len(k.Primes) != 2 {
		return nil, errors.New("rsa: only keys with two primes are supported")
	}
	if err := k.Validate(); err != nil {
		return nil, err
	}
	dp, dq, qinv := k.Precomputed.Dp, k.Precomputed.Dq, k.Precomputed.Qinv
	if dp == nil || dq == nil || qinv == nil {
		c := *k
		c.Precomputed = rsa.PrecomputedValues{}
		c.Precompute()
		dp, dq, qinv = c.Precomputed.Dp, c.Precomputed.Dq, c.Precomputed.Qinv
		if dp == nil || dq == nil || qinv == nil {
			return nil, errors.New("rsa: cannot compute the CRT values")
		}
	}
	p, q := k.Primes[0], k.Primes[1]
	if dp.Sign() < 0 || dq.Sign() < 0 || qinv.Sign() < 0 ||
		dp.BitLen() > p.BitLen() || dq.BitLen() > q.BitLen() || qinv.BitLen() > p.BitLen() {
		return nil, errors.New("rsa: invalid CRT values")
	}
	impl := impl.Chosen(alg)
	sk := &PrivateKey{impl: impl}
	sk.pub.pub = rsa.PublicKey{N: new(big.Int).Set(k.N), E: k.E}
	sk.pub.init(impl)

	sk.p = newModulus(p.Bytes(), p.BitLen())
	sk.q = newModulus(q.Bytes(), q.BitLen())
	kp, kq, kn := len(sk.p.n), len(sk.q.n), len(sk.pub.n.n)
	sk.dp = make([]uint64, kp)
	sk.dq = make([]uint64, kq)
	bytesToWords(sk.dp, dp.FillBytes(make([]byte, kp*8)))
	bytesToWords(sk.dq, dq.FillBytes(make([]byte, kq*8)))
	sk.pmul, sk.psqr = kernels(impl, kp)
	sk.qmul, sk.qsqr = kernels(impl, kq)

	qi := make([]uint64, kp)
	bytesToWords(qi, qinv.FillBytes(make([]byte, kp*8)))
	if subVV(make([]uint64, kp), qi, sk.p.n) != 1 || isZeroVarTime(qi) { // qinv < p; leaks only validity
		return nil, errors.New("rsa: invalid CRT coefficient")
	}
	sk.qinvR = make([]uint64, kp)
	montMulGeneric(sk.qinvR, qi, sk.p.rr, sk.p)
	clear(qi)

	sk.rpowP = rpowers(sk.p, (kn+kp-1)/kp)
	sk.rpowQ = rpowers(sk.q, max((kn+kq-1)/kq, (kq+kp-1)/kp))
	// q-sized numbers reduced mod p need powers of R_p too.
	if c := (kq + kp - 1) / kp; c > (kn+kp-1)/kp {
		sk.rpowP = rpowers(sk.p, c)
	}
	sk.exp2 = exp2Func(impl, kp, kq, sk)

	kmax := max(kp, kq)
	sk.scratch.New = func() any {
		s := &scratch{
			c: make([]uint64, kn), m: make([]uint64, kn),
			cp: make([]uint64, kp), cq: make([]uint64, kq),
			mp: make([]uint64, kp), mq: make([]uint64, kq),
			t:   make([]uint64, kp+kq),
			exp: make([]uint64, expScratchWords(kmax)),
			pub: make([]uint64, 3*kn),
			em:  make([]byte, sk.pub.size),
		}
		newScratchExtra(sk, s)
		return s
	}
	return sk, nil
}

func isZeroVarTime(x []uint64) bool {
	for _, w := range x {
		if w != 0 {
			return false
		}
	}
	return true
}

// rpowers returns R^1..R^c mod m, each len(m.n) words.
func rpowers(m *modulus, c int) []uint64 {
	k := len(m.n)
	r := make([]uint64, (c+1)*k)
	// R mod m = R^2 * R^-1 ... computed as montMul(rr, 1).
	one := make([]uint64, k)
	one[0] = 1
	montMulGeneric(r[:k], m.rr, one, m)
	for i := 1; i < c; i++ {
		montMulGeneric(r[i*k:(i+1)*k], r[(i-1)*k:i*k], m.rr, m)
	}
	return r[:c*k]
}

// Public returns the public key, a *rsa.PublicKey.
func (sk *PrivateKey) Public() crypto.PublicKey {
	return &rsa.PublicKey{N: new(big.Int).Set(sk.pub.pub.N), E: sk.pub.pub.E}
}

// PublicKey returns the public key prepared for verification.
func (sk *PrivateKey) PublicKey() *PublicKey { return &sk.pub }

// Size returns the length of signatures in bytes.
func (sk *PrivateKey) Size() int { return sk.pub.size }

// Implementation returns the name of the implementation the key uses.
func (sk *PrivateKey) Implementation() string { return sk.impl }

// Sign signs digest, implementing crypto.Signer. If opts is a *rsa.PSSOptions
// it produces an RSASSA-PSS signature with opts.Hash (salt length as in
// crypto/rsa: rsa.PSSSaltLengthAuto for the largest salt,
// rsa.PSSSaltLengthEqualsHash, or an explicit length), reading the salt from
// rand, or from crypto/rand.Reader if rand is nil. Otherwise it produces a deterministic RSASSA-PKCS1-v1_5 signature with
// opts.HashFunc(), or of the raw digest if that is zero, and rand is unused.
func (sk *PrivateKey) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	s := sk.scratch.Get().(*scratch)
	defer sk.scratch.Put(s)
	em := s.em
	clear(em)
	if pss, ok := opts.(*rsa.PSSOptions); ok {
		if err := sk.encodePSS(em, rand, digest, pss); err != nil {
			return nil, err
		}
	} else {
		if opts == nil {
			return nil, errors.New("rsa: nil SignerOpts")
		}
		if err := encodePKCS1v15(em, opts.HashFunc(), digest); err != nil {
			return nil, err
		}
	}
	sig := make([]byte, sk.pub.size)
	var err error
	withDIT(func() { err = sk.decrypt(sig, em, s) })
	if err != nil {
		return nil, err
	}
	return sig, nil
}

var errFault = errors.New("rsa: internal error: signature does not verify (computation fault)")

// decrypt sets out = em^d mod n, checking the result with e.
func (sk *PrivateKey) decrypt(out, em []byte, s *scratch) error {
	n := sk.pub.n
	bytesToWords(s.c, em)
	if cmpGeqVarTime(s.c, n.n) { // em is public (it is what the signature opens to)
		return errors.New("rsa: internal error: message representative out of range")
	}
	reduceGeneric(s.cp, s.c, sk.p, sk.rpowP, sk.pmul, s.exp)
	reduceGeneric(s.cq, s.c, sk.q, sk.rpowQ, sk.qmul, s.exp)
	if sk.exp2 != nil {
		sk.exp2(sk, s.mp, s.mq, s.cp, s.cq, s)
	} else {
		expWindow(s.mp, s.cp, sk.dp, sk.p.bits, sk.p, sk.pmul, sk.psqr, s.exp)
		expWindow(s.mq, s.cq, sk.dq, sk.q.bits, sk.q, sk.qmul, sk.qsqr, s.exp)
	}
	sk.crt(s.m, s)
	// Fault defence: s^e must give back the message.
	sk.pub.expPublic(s.pub[:len(n.n)], s.m, s.pub[len(n.n):])
	ok := equalWords(s.pub[:len(n.n)], s.c)
	wordsToBytes(out, s.m)
	clear(s.cp)
	clear(s.cq)
	clear(s.mp)
	clear(s.mq)
	clear(s.m)
	clear(s.t)
	if ok != 1 {
		clear(out)
		return errFault
	}
	return nil
}

// crt sets m = mq + q * ((mp - mq) * qinv mod p) (Garner), in constant time.
func (sk *PrivateKey) crt(m []uint64, s *scratch) {
	p := sk.p
	kp, kq := len(sk.p.n), len(sk.q.n)
	h := s.exp[2*kp : 3*kp]
	// h = mq mod p
	reduceGeneric(h, s.mq, p, sk.rpowP, sk.pmul, s.exp)
	modSub(h, s.mp, h, p.n)
	sk.pmul(h, h, sk.qinvR, p) // (mp-mq) * qinv
	mulVV(s.t, h, sk.q.n)
	clear(h)
	var c uint64
	c = addVV(s.t[:kq], s.t[:kq], s.mq)
	for i := kq; i < len(s.t); i++ {
		s.t[i], c = bits.Add64(s.t[i], 0, c)
	}
	clear(m)
	copy(m, s.t[:min(len(m), len(s.t))])
}

// equalWords returns 1 if x == y (same length) and 0 otherwise, in constant
// time.
func equalWords(x, y []uint64) int {
	var acc uint64
	for i := range x {
		acc |= x[i] ^ y[i]
	}
	return int(isZero(acc))
}

// VerifyPKCS1v15 verifies an RSASSA-PKCS1-v1_5 signature of digest, which is
// the hash of the message with hash (or the raw message if hash is zero). It
// returns rsa.ErrVerification if the signature is invalid. It does not run in
// constant time: its inputs are public.
func (pk *PublicKey) VerifyPKCS1v15(hash crypto.Hash, digest, sig []byte) error {
	if hash != 0 && len(digest) != hashSize(hash) {
		return errors.New("rsa: input must be hashed message")
	}
	var emBuf, wantBuf [maxBits / 8]byte
	em, want := emBuf[:pk.size], wantBuf[:pk.size]
	if err := pk.encrypt(em, sig); err != nil {
		return err
	}
	if err := encodePKCS1v15(want, hash, digest); err != nil {
		return rsa.ErrVerification
	}
	if subtle.ConstantTimeCompare(em, want) != 1 {
		return rsa.ErrVerification
	}
	return nil
}

// VerifyPSS verifies an RSASSA-PSS signature of digest, the hash of the
// message with hash. opts may be nil (salt length auto-detected); opts.Hash is
// ignored, as in crypto/rsa. It returns rsa.ErrVerification if the signature is
// invalid.
func (pk *PublicKey) VerifyPSS(hash crypto.Hash, digest, sig []byte, opts *rsa.PSSOptions) error {
	saltLen := rsa.PSSSaltLengthAuto
	if opts != nil {
		saltLen = opts.SaltLength
	}
	if !hash.Available() {
		return errors.New("rsa: hash function unavailable")
	}
	switch {
	case saltLen == rsa.PSSSaltLengthEqualsHash:
		saltLen = hash.Size()
	case saltLen < rsa.PSSSaltLengthEqualsHash:
		return errors.New("rsa: invalid PSS salt length")
	}
	var emBuf [maxBits / 8]byte
	em := emBuf[:pk.size]
	if err := pk.encrypt(em, sig); err != nil {
		return err
	}
	return verifyPSS(em, pk.n.bits-1, hash, digest, saltLen)
}

// encrypt sets em = sig^e mod n, checking that sig has the right length and is
// below n.
func (pk *PublicKey) encrypt(em, sig []byte) error {
	if len(sig) != pk.size {
		return rsa.ErrVerification
	}
	k := len(pk.n.n)
	s := pk.scratch.Get().(*pubScratch)
	defer pk.scratch.Put(s)
	x := s.t[:k]
	bytesToWords(x, sig)
	if cmpGeqVarTime(x, pk.n.n) {
		return rsa.ErrVerification
	}
	pk.expPublic(x, x, s.t[k:3*k])
	wordsToBytes(em, x)
	return nil
}

// expPublic sets out = x^e mod n (variable time); tmp has 2 len(n) words.
func (pk *PublicKey) expPublic(out, x, tmp []uint64) {
	if pk.expFast != nil {
		pk.expFast(out, x, uint64(pk.pub.E))
		return
	}
	expPublicVarTime(out, x, uint64(pk.pub.E), pk.n, pk.mul, pk.sqr, tmp)
}
