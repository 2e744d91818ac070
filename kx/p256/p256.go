// Package p256 implements ECDH on NIST P-256 (SEC 1 3.3.1, as TLS 1.3's
// secp256r1 key share, RFC 8446 4.2.8.2): 32-byte big-endian private
// scalars, 65-byte uncompressed public points, 32-byte shared secrets (the
// x coordinate), compatible with crypto/ecdh.P256().
//
// The arithmetic is internal/nistec/p256; its implementation (package
// dispatch algorithm "p256") is the one chosen at the time of each call,
// read from an atomic value that the registry (internal/impl.OnChange) keeps current (no lock).
package p256

import (
	"crypto/ecdh"
	"crypto/rand"
	"errors"
	"io"

	"github.com/tlscore/tlscore/internal/nistec/p256"
)

const (
	PrivateKeySize   = p256.ScalarSize // 32
	PublicKeySize    = p256.PointSize  // 65
	SharedSecretSize = p256.ScalarSize // 32
)

var (
	errPrivate = errors.New("p256: invalid private key")
	errPublic  = errors.New("p256: invalid public key")
)

// GenerateKey returns a new private key, drawn uniformly from [1, n-1] with
// bytes from rand (crypto/rand.Reader if nil), and its public key.
func GenerateKey(rnd io.Reader) (priv, pub []byte, err error) {
	if rnd == nil {
		rnd = rand.Reader
	}
	priv = make([]byte, PrivateKeySize)
	for {
		if _, err := io.ReadFull(rnd, priv); err != nil {
			return nil, nil, err
		}
		if p256.ScalarValid(priv) {
			break
		}
	}
	var out [PublicKeySize]byte
	p256.Chosen().ScalarBaseMult(&out, priv)
	return priv, out[:], nil
}

// PublicKey returns the uncompressed public key of priv, which must be
// 32 bytes encoding an integer in [1, n-1].
func PublicKey(priv []byte) ([]byte, error) {
	if !p256.ScalarValid(priv) {
		return nil, errPrivate
	}
	var out [PublicKeySize]byte
	p256.Chosen().ScalarBaseMult(&out, priv)
	return out[:], nil
}

// ECDH returns the shared secret, the x coordinate of priv·peerPublic. It
// returns an error if priv is invalid or peerPublic is not an uncompressed
// point on the curve (wrong length or prefix, a coordinate >= p, off the
// curve; the identity has no such encoding). It runs in constant time in
// priv.
func ECDH(priv, peerPublic []byte) ([]byte, error) {
	if !p256.ScalarValid(priv) {
		return nil, errPrivate
	}
	im := p256.Chosen()
	var q p256.PublicPoint
	if err := im.SetPoint(&q, peerPublic); err != nil {
		return nil, errPublic
	}
	var out [SharedSecretSize]byte
	if err := im.ECDH(&out, priv, &q); err != nil {
		return nil, errPublic
	}
	return out[:], nil
}

// PrivateKeyFromECDH returns the bytes of k, a crypto/ecdh P-256 key.
func PrivateKeyFromECDH(k *ecdh.PrivateKey) ([]byte, error) {
	if k == nil || k.Curve() != ecdh.P256() {
		return nil, errPrivate
	}
	return k.Bytes(), nil
}

// PrivateKeyToECDH returns priv as a crypto/ecdh P-256 key.
func PrivateKeyToECDH(priv []byte) (*ecdh.PrivateKey, error) {
	return ecdh.P256().NewPrivateKey(priv)
}

// PublicKeyFromECDH returns the uncompressed encoding of k, a crypto/ecdh
// P-256 public key.
func PublicKeyFromECDH(k *ecdh.PublicKey) ([]byte, error) {
	if k == nil || k.Curve() != ecdh.P256() {
		return nil, errPublic
	}
	return k.Bytes(), nil
}

// PublicKeyToECDH returns pub as a crypto/ecdh P-256 public key.
func PublicKeyToECDH(pub []byte) (*ecdh.PublicKey, error) {
	return ecdh.P256().NewPublicKey(pub)
}
