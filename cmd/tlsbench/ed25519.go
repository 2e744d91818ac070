package main

import (
	"crypto"
	"crypto/ed25519"
	"errors"

	bh "github.com/tlscore/tlscore/internal/benchharness"
	tlsed25519 "github.com/tlscore/tlscore/sig/ed25519"
)

// Ed25519 rows: sign and verify of a CertificateVerify-sized message, and
// verifications through VerifyMany, 64 per call, reported per signature.
// The OpenSSL reference (with -tags openssl) signs and verifies one
// message at a time with EVP_DigestSign/EVP_DigestVerify.

// ed25519Msg is the signed message: a TLS 1.3 CertificateVerify's content
// (64 spaces, a context string, a zero byte and a SHA-256 transcript hash).
var ed25519Msg = pattern(64+34+32, 40)

// verifyManyLanes is how many signatures the verify-many rows pass per call.
const verifyManyLanes = 64

func ed25519Seed(i int) []byte { return pattern(32, byte(50+i)) }

func ed25519Key(i int) ed25519.PrivateKey { return ed25519.NewKeyFromSeed(ed25519Seed(i)) }

func ed25519Ops() []bh.Op {
	std := ed25519Key(0)
	pub := std.Public().(ed25519.PublicKey)
	stdSig := ed25519.Sign(std, ed25519Msg)
	errVerify := errors.New("ed25519: verify failed")
	var pubs []ed25519.PublicKey
	var msgs, sigs [][]byte
	for i := range verifyManyLanes {
		k := ed25519Key(i)
		pubs = append(pubs, k.Public().(ed25519.PublicKey))
		msgs = append(msgs, ed25519Msg)
		sigs = append(sigs, ed25519.Sign(k, ed25519Msg))
	}
	return []bh.Op{
		pkOp("Ed25519", "sign", "ed25519", "Sign of a 130-byte message (pure Ed25519) with a key made by NewPrivateKey", false,
			loop(func() (func() error, error) {
				k, err := tlsed25519.NewPrivateKey(std)
				if err != nil {
					return nil, err
				}
				return func() error { _, err := k.Sign(nil, ed25519Msg, crypto.Hash(0)); return err }, nil
			}),
			loop(func() (func() error, error) {
				return func() error { _, err := std.Sign(nil, ed25519Msg, crypto.Hash(0)); return err }, nil
			}), "crypto/ed25519 PrivateKey.Sign", opensslEd25519(ed25519Seed(0), ed25519Msg, false)),
		pkOp("Ed25519", "verify", "ed25519", "Verify of a 130-byte message's signature", false,
			loop(func() (func() error, error) {
				return func() error {
					if !tlsed25519.Verify(pub, ed25519Msg, stdSig) {
						return errVerify
					}
					return nil
				}, nil
			}),
			loop(func() (func() error, error) {
				return func() error {
					if !ed25519.Verify(pub, ed25519Msg, stdSig) {
						return errVerify
					}
					return nil
				}, nil
			}), "crypto/ed25519 Verify", opensslEd25519(ed25519Seed(0), ed25519Msg, true)),
		pkOp("Ed25519", "verify-many", "ed25519", "signatures by 64 keys verified 64 at a time with VerifyMany, per signature (references: Verify one at a time)", false,
			func(int) (func(int), error) {
				for _, ok := range tlsed25519.VerifyMany(pubs, msgs, sigs) {
					if !ok {
						return nil, errVerify
					}
				}
				return func(n int) {
					for n > 0 {
						k := min(n, verifyManyLanes)
						tlsed25519.VerifyMany(pubs[:k], msgs[:k], sigs[:k])
						n -= k
					}
				}, nil
			},
			loop(func() (func() error, error) {
				i := 0
				return func() error {
					i = (i + 1) % verifyManyLanes
					if !ed25519.Verify(pubs[i], msgs[i], sigs[i]) {
						return errVerify
					}
					return nil
				}, nil
			}), "crypto/ed25519 Verify", opensslEd25519(ed25519Seed(0), ed25519Msg, true)),
	}
}
