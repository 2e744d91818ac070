package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rand"
	"errors"

	tlsecdsa "github.com/tlscore/tlscore/sig/ecdsa"
	tlsrsa "github.com/tlscore/tlscore/sig/rsa"

	"github.com/tlscore/tlscore/kx/p256"
	"github.com/tlscore/tlscore/kx/x25519"

	bh "github.com/tlscore/tlscore/internal/benchharness"
)

// tlscore's public-key operations, each through the package's own API the
// way a TLS stack calls it. The harness selects the implementation in
// dispatch before the setup and keeps it selected while the row runs.

var oursX25519Shared = loop(func() (func() error, error) {
	var dst [32]byte
	scalar, peer := (*[32]byte)(x25519Scalar), (*[32]byte)(x25519Peer())
	return func() error { return x25519.ECDH(&dst, scalar, peer) }, nil
})

var oursX25519Base = loop(func() (func() error, error) {
	var dst [32]byte
	scalar := (*[32]byte)(x25519Scalar)
	return func() error { x25519.ScalarBaseMultTo(&dst, scalar); return nil }, nil
})

// batchLanes is how many X25519s the batch rows compute per call.
const batchLanes = 16

// oursX25519Batch performs n shared secrets through X25519Batch, 16 at a
// time (the last call takes what is left).
var oursX25519Batch bh.Setup = func(int) (func(int), error) {
	dst := make([][32]byte, batchLanes)
	scalars := make([][32]byte, batchLanes)
	points := make([][32]byte, batchLanes)
	for i := range scalars {
		copy(scalars[i][:], pattern(32, byte(20+i)))
		points[i] = [32]byte(x25519Peer())
	}
	if err := x25519.X25519Batch(dst, scalars, points); err != nil {
		return nil, err
	}
	return func(n int) {
		for n > 0 {
			k := min(n, batchLanes)
			if err := x25519.X25519Batch(dst[:k], scalars[:k], points[:k]); err != nil {
				panic(err)
			}
			n -= k
		}
	}, nil
}

var oursP256ECDH = loop(func() (func() error, error) {
	a, b := p256Keys()
	priv, peer := a.Bytes(), b.PublicKey().Bytes()
	return func() error { _, err := p256.ECDH(priv, peer); return err }, nil
})

var oursP256Keygen = loop(func() (func() error, error) {
	return func() error { _, _, err := p256.GenerateKey(rand.Reader); return err }, nil
})

func oursECDSASign(key func() *ecdsa.PrivateKey, dgst []byte, h crypto.Hash) bh.Setup {
	return loop(func() (func() error, error) {
		k, err := tlsecdsa.NewPrivateKey(key())
		if err != nil {
			return nil, err
		}
		return func() error { _, err := k.Sign(rand.Reader, dgst, h); return err }, nil
	})
}

func oursECDSAVerify(key func() *ecdsa.PrivateKey, dgst []byte, h crypto.Hash) bh.Setup {
	return loop(func() (func() error, error) {
		k, err := tlsecdsa.NewPrivateKey(key())
		if err != nil {
			return nil, err
		}
		sig, err := k.Sign(rand.Reader, dgst, h)
		if err != nil {
			return nil, err
		}
		pub := k.PublicKey()
		return func() error {
			if !pub.VerifyASN1(dgst, sig) {
				return errors.New("ecdsa: verify failed")
			}
			return nil
		}, nil
	})
}

func oursRSASign(bits int, pss bool) bh.Setup {
	return loop(func() (func() error, error) {
		std, err := rsaKey(bits)
		if err != nil {
			return nil, err
		}
		k, err := tlsrsa.NewPrivateKey(std)
		if err != nil {
			return nil, err
		}
		return func() error { _, err := k.Sign(rand.Reader, digest, signOpts(pss)); return err }, nil
	})
}

func oursRSAVerify(bits int, pss bool) bh.Setup {
	return loop(func() (func() error, error) {
		std, err := rsaKey(bits)
		if err != nil {
			return nil, err
		}
		k, err := tlsrsa.NewPrivateKey(std)
		if err != nil {
			return nil, err
		}
		sig, err := k.Sign(rand.Reader, digest, signOpts(pss))
		if err != nil {
			return nil, err
		}
		pub := k.PublicKey()
		if pss {
			return func() error { return pub.VerifyPSS(crypto.SHA256, digest, sig, pssOpts) }, nil
		}
		return func() error { return pub.VerifyPKCS1v15(crypto.SHA256, digest, sig) }, nil
	})
}
