// Package ecdsa implements ECDSA on P-256 and P-384 (FIPS 186-5 6.4) with
// ASN.1 DER signatures, interoperable with crypto/ecdsa: keys are made from
// *ecdsa.PrivateKey and *ecdsa.PublicKey, and [PrivateKey] is a
// crypto.Signer that crypto/tls can use through tls.Certificate.PrivateKey.
//
// The arithmetic is internal/nistec/p256 and internal/nistec/p384, whose
// implementation (package dispatch algorithms "p256" and "p384") is chosen
// once when a key is created.
//
// Nonces are hedged, as crypto/ecdsa's are: the deterministic derivation of
// RFC 6979 section 3.2 (HMAC_DRBG with SHA-256 for P-256, SHA-384 for P-384)
// with fresh random bytes mixed into its seed (as in
// draft-irtf-cfrg-det-sigs-with-noise), so a broken random source does not
// leak the key and a fault attack on the deterministic path is harder.
package ecdsa

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"errors"
	"hash"
	"io"

	"github.com/tlscore/tlscore/internal/nistec/p256"
	"github.com/tlscore/tlscore/internal/nistec/p384"
)

const maxSize = p384.ScalarSize

var (
	errCurve   = errors.New("ecdsa: unsupported curve (want P-256 or P-384)")
	errPrivate = errors.New("ecdsa: invalid private key")
	errPublic  = errors.New("ecdsa: invalid public key")
)

// PublicKey is an ECDSA public key on P-256 or P-384. It is immutable and
// safe for concurrent use.
type PublicKey struct {
	std  *ecdsa.PublicKey
	size int // ScalarSize of the curve: 32 or 48
	i256 p256.Impl
	q256 p256.PublicPoint
	i384 p384.Impl
	q384 p384.PublicPoint
}

// PrivateKey is an ECDSA private key on P-256 or P-384. It implements
// crypto.Signer, is immutable and safe for concurrent use.
type PrivateKey struct {
	pub      PublicKey
	std      *ecdsa.PrivateKey
	d        [maxSize]byte // big-endian, size bytes used
	hash     func() hash.Hash
	hashSize int
}

// NewPublicKey checks k (its curve must be P-256 or P-384, its point on the
// curve and not the identity) and returns it as a *PublicKey.
func NewPublicKey(k *ecdsa.PublicKey) (*PublicKey, error) {
	pk := new(PublicKey)
	if err := pk.init(k); err != nil {
		return nil, err
	}
	return pk, nil
}

func (pk *PublicKey) init(k *ecdsa.PublicKey) error {
	// k.Bytes panics on nil coordinates, which a caller's zero-value key
	// has; reading them is the only way to check.
	//lint:ignore SA1019 the deprecated fields are what a nil check needs.
	if k == nil || k.Curve == nil || k.X == nil || k.Y == nil {
		return errPublic
	}
	b, err := k.Bytes()
	if err != nil {
		return errPublic
	}
	pk.std = k
	switch k.Curve {
	case elliptic.P256():
		pk.size = p256.ScalarSize
		pk.i256 = p256.Chosen()
		if pk.i256.SetPoint(&pk.q256, b) != nil {
			return errPublic
		}
	case elliptic.P384():
		pk.size = p384.ScalarSize
		pk.i384 = p384.Chosen()
		if pk.i384.SetPoint(&pk.q384, b) != nil {
			return errPublic
		}
	default:
		return errCurve
	}
	return nil
}

// NewPrivateKey checks k (curve P-256 or P-384, 0 < D < n, and the public
// key matching D) and returns it as a *PrivateKey. k must not be modified
// afterwards.
func NewPrivateKey(k *ecdsa.PrivateKey) (*PrivateKey, error) {
	if k == nil {
		return nil, errPrivate
	}
	sk := &PrivateKey{std: k}
	if err := sk.pub.init(&k.PublicKey); err != nil {
		return nil, err
	}
	d, err := k.Bytes()
	if err != nil || len(d) != sk.pub.size {
		return nil, errPrivate
	}
	copy(sk.d[:], d)
	var got []byte
	switch sk.pub.size {
	case p256.ScalarSize:
		if !p256.ScalarValid(d) {
			return nil, errPrivate
		}
		var pub [p256.PointSize]byte
		sk.pub.i256.ScalarBaseMult(&pub, d)
		got = pub[:]
		sk.hash, sk.hashSize = sha256.New, sha256.Size
	case p384.ScalarSize:
		if !p384.ScalarValid(d) {
			return nil, errPrivate
		}
		var pub [p384.PointSize]byte
		sk.pub.i384.ScalarBaseMult(&pub, d)
		got = pub[:]
		sk.hash, sk.hashSize = sha512.New384, sha512.Size384
	}
	want, _ := k.PublicKey.Bytes()
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return nil, errPrivate
	}
	return sk, nil
}

// Public returns the public key, a *crypto/ecdsa.PublicKey.
func (sk *PrivateKey) Public() crypto.PublicKey { return &sk.std.PublicKey }

// PublicKey returns the public key as a *PublicKey.
func (sk *PrivateKey) PublicKey() *PublicKey { return &sk.pub }

// Sign signs digest (the output of the hash named by opts, which is
// otherwise unused and may be nil) and returns the ASN.1 DER signature
// SEQUENCE { r INTEGER, s INTEGER }, like crypto/ecdsa.PrivateKey.Sign.
// Digests longer than the curve's order are truncated (FIPS 186-5 6.4.1).
// rand supplies the hedging entropy; nil means crypto/rand.Reader.
func (sk *PrivateKey) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	var sig [2 * maxSize]byte
	if err := sk.sign(&sig, rand, digest); err != nil {
		return nil, err
	}
	n := sk.pub.size
	return encodeSignature(sig[:n], sig[n:2*n]), nil
}

func (sk *PrivateKey) sign(sig *[2 * maxSize]byte, rnd io.Reader, digest []byte) error {
	if rnd == nil {
		rnd = rand.Reader
	}
	n := sk.pub.size
	// The entropy, reduced digest and candidates live in g, which the hash
	// calls move to the heap anyway: one allocation instead of four.
	g := new(drbg)
	entropy, e, k := g.entropy[:n], g.e[:n], g.cand[:n]
	if _, err := io.ReadFull(rnd, entropy); err != nil {
		return err
	}
	d := sk.d[:n]
	switch n {
	case p256.ScalarSize:
		p256.ReduceDigest(e, digest)
	case p384.ScalarSize:
		p384.ReduceDigest(e, digest)
	}
	newDRBG(g, sk.hash, sk.hashSize, d, entropy, e)
	for first := true; ; first = false {
		if !first {
			g.reject()
		}
		g.generate(k[:n])
		switch n {
		case p256.ScalarSize:
			if !p256.ScalarValid(k[:n]) {
				continue
			}
			if sk.pub.i256.Sign((*[2 * p256.ScalarSize]byte)(sig[:]), d, k[:n], digest) {
				return nil
			}
		case p384.ScalarSize:
			if !p384.ScalarValid(k[:n]) {
				continue
			}
			if sk.pub.i384.Sign(sig, d, k[:n], digest) {
				return nil
			}
		}
	}
}

// VerifyASN1 reports whether sig, an ASN.1 DER signature, is a valid
// signature of digest by pk. Encodings that are not strict DER (long-form
// lengths, non-minimal or negative integers, trailing data) are rejected.
func (pk *PublicKey) VerifyASN1(digest, sig []byte) bool {
	var r, s [maxSize]byte
	n := pk.size
	if !parseSignature(r[:n], s[:n], sig) {
		return false
	}
	switch n {
	case p256.ScalarSize:
		return pk.i256.Verify(&pk.q256, digest, r[:n], s[:n])
	case p384.ScalarSize:
		return pk.i384.Verify(&pk.q384, digest, r[:n], s[:n])
	}
	return false
}

// encodeSignature returns the DER SEQUENCE of the big-endian integers r, s.
func encodeSignature(r, s []byte) []byte {
	r, s = trimZeros(r), trimZeros(s)
	lr, ls := intLen(r), intLen(s)
	out := make([]byte, 0, 2+2+lr+2+ls)
	out = append(out, 0x30, byte(2+lr+2+ls)) // < 128 for both curves
	out = appendInt(out, r, lr)
	return appendInt(out, s, ls)
}

func trimZeros(b []byte) []byte {
	for len(b) > 1 && b[0] == 0 {
		b = b[1:]
	}
	return b
}

func intLen(b []byte) int {
	if b[0]&0x80 != 0 {
		return len(b) + 1
	}
	return len(b)
}

func appendInt(out, b []byte, l int) []byte {
	out = append(out, 0x02, byte(l))
	if l > len(b) {
		out = append(out, 0)
	}
	return append(out, b...)
}

// parseSignature decodes a strict DER signature into the fixed-size
// big-endian r and s, reporting whether it is well formed and fits.
func parseSignature(r, s, sig []byte) bool {
	if len(sig) < 2 || sig[0] != 0x30 || sig[1] >= 0x80 || int(sig[1]) != len(sig)-2 {
		return false
	}
	rest, ok := parseInt(r, sig[2:])
	if !ok {
		return false
	}
	rest, ok = parseInt(s, rest)
	return ok && len(rest) == 0
}

func parseInt(out, b []byte) ([]byte, bool) {
	if len(b) < 2 || b[0] != 0x02 || b[1] >= 0x80 {
		return nil, false
	}
	l := int(b[1])
	if l == 0 || len(b) < 2+l {
		return nil, false
	}
	v, rest := b[2:2+l], b[2+l:]
	if v[0]&0x80 != 0 { // negative
		return nil, false
	}
	if len(v) > 1 && v[0] == 0 {
		if v[1]&0x80 == 0 { // not minimal
			return nil, false
		}
		v = v[1:]
	}
	if len(v) > len(out) {
		return nil, false
	}
	clear(out)
	copy(out[len(out)-len(v):], v)
	return rest, true
}

// drbg is HMAC_DRBG as RFC 6979 section 3.2 uses it, with the random
// entropy appended to the private key in the seed. One HMAC instance is
// kept per key K (hmac.New runs once per K, Reset in between).
type drbg struct {
	h    func() hash.Hash
	mac  hash.Hash // keyed with K
	size int
	k, v [64]byte
	sep  [1]byte

	// The signer's buffers, kept here to share one allocation.
	entropy, e, cand [maxSize]byte
}

func (g *drbg) setKey() { g.mac = hmac.New(g.h, g.k[:g.size]) }

// macV sets V = HMAC_K(V).
func (g *drbg) macV() {
	g.mac.Reset()
	g.mac.Write(g.v[:g.size])
	g.mac.Sum(g.v[:0])
}

// rekey sets K = HMAC_K(V || sep || data...) and then V = HMAC_K(V).
func (g *drbg) rekey(sep byte, data ...[]byte) {
	g.mac.Reset()
	g.mac.Write(g.v[:g.size])
	g.sep[0] = sep
	g.mac.Write(g.sep[:])
	for _, d := range data {
		g.mac.Write(d)
	}
	g.mac.Sum(g.k[:0])
	g.setKey()
	g.macV()
}

func newDRBG(g *drbg, h func() hash.Hash, size int, d, entropy, e []byte) {
	g.h = h
	g.size = size
	for i := range g.v[:g.size] {
		g.v[i] = 1
	}
	clear(g.k[:])
	g.setKey()
	g.rekey(0, d, entropy, e) // RFC 6979 3.2 steps d, e
	g.rekey(1, d, entropy, e) // steps f, g
}

// generate fills out with the next candidate (RFC 6979 3.2 step h; qlen is
// a multiple of 8 for our curves).
func (g *drbg) generate(out []byte) {
	t := out[:0]
	for len(t) < len(out) {
		g.macV()
		t = append(t, g.v[:min(g.size, len(out)-len(t))]...)
	}
}

// reject moves on after an unusable candidate (step h.3).
func (g *drbg) reject() { g.rekey(0) }
