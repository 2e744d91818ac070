package main

import (
	"crypto"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"embed"
	"encoding/pem"
	"errors"
	"fmt"
	"sync"

	bh "github.com/tlscore/tlscore/internal/benchharness"
)

// pkOp is a public-key operation reported in ops/s.
func pkOp(family, verb, alg, desc string, full bool, ours bh.Setup, ref bh.Setup, refDesc string, ossl bh.Setup) bh.Op {
	return bh.Op{
		Family: family, Verb: verb, Alg: alg, Unit: bh.Ops, Full: full, Desc: desc, Ours: ours,
		Refs: refs(
			bh.Ref{Source: bh.SourceGo, Desc: refDesc, Setup: ref},
			bh.Ref{Source: bh.SourceOpenSSL, Desc: "EVP_PKEY", Setup: ossl},
		),
	}
}

// loop turns a setup of one operation into a bh.Setup.
func loop(mk func() (func() error, error)) bh.Setup {
	return func(int) (func(int), error) {
		f, err := mk()
		if err != nil {
			return nil, err
		}
		if err := f(); err != nil { // fail in setup, not in the timed loop
			return nil, err
		}
		return opsFunc(f), nil
	}
}

// x25519Scalar and x25519Peer are fixed inputs: a scalar, and the public
// key of another.
var (
	x25519Scalar = pattern(32, 11)
	x25519Peer   = sync.OnceValue(func() []byte {
		k, err := ecdh.X25519().NewPrivateKey(pattern(32, 12))
		if err != nil {
			panic(err)
		}
		return k.PublicKey().Bytes()
	})
)

func kxOps() []bh.Op {
	return []bh.Op{
		pkOp("X25519", "shared", "x25519", "X25519(scalar, peer point): one shared secret", false,
			oursX25519Shared,
			loop(func() (func() error, error) {
				k, err := ecdh.X25519().NewPrivateKey(x25519Scalar)
				if err != nil {
					return nil, err
				}
				peer, err := ecdh.X25519().NewPublicKey(x25519Peer())
				if err != nil {
					return nil, err
				}
				return func() error { _, err := k.ECDH(peer); return err }, nil
			}), "crypto/ecdh X25519 PrivateKey.ECDH",
			opensslX25519(x25519Scalar, x25519Peer, false)),
		pkOp("X25519", "keygen", "x25519", "public key of a given scalar (fixed-base scalar multiplication)", false,
			oursX25519Base,
			loop(func() (func() error, error) {
				return func() error {
					k, err := ecdh.X25519().NewPrivateKey(x25519Scalar)
					if err == nil {
						_ = k.PublicKey()
					}
					return err
				}, nil
			}), "crypto/ecdh X25519 NewPrivateKey",
			opensslX25519(x25519Scalar, x25519Peer, true)),
		pkOp("X25519", "shared-batch", "x25519", "shared secrets computed 16 at a time with X25519Batch (references: one at a time); "+
			"note that X25519Batch under the automatic choice's name runs the package's own batch choice (the IFMA ladder where available)", false,
			oursX25519Batch,
			loop(func() (func() error, error) {
				k, err := ecdh.X25519().NewPrivateKey(x25519Scalar)
				if err != nil {
					return nil, err
				}
				peer, err := ecdh.X25519().NewPublicKey(x25519Peer())
				if err != nil {
					return nil, err
				}
				return func() error { _, err := k.ECDH(peer); return err }, nil
			}), "crypto/ecdh X25519 PrivateKey.ECDH",
			opensslX25519(x25519Scalar, x25519Peer, false)),
		pkOp("P-256", "ecdh", "p256", "ECDH shared secret with a peer's uncompressed point", false,
			oursP256ECDH,
			loop(func() (func() error, error) {
				k, peer := p256Keys()
				pub, err := ecdh.P256().NewPublicKey(peer.PublicKey().Bytes())
				if err != nil {
					return nil, err
				}
				return func() error { _, err := k.ECDH(pub); return err }, nil
			}), "crypto/ecdh P256 PrivateKey.ECDH",
			opensslECDH()),
		pkOp("P-256", "keygen", "p256", "a random key pair (scalar from crypto/rand, public point)", false,
			oursP256Keygen,
			loop(func() (func() error, error) {
				return func() error {
					k, err := ecdh.P256().GenerateKey(rand.Reader)
					if err == nil {
						_ = k.PublicKey()
					}
					return err
				}, nil
			}), "crypto/ecdh P256 GenerateKey",
			opensslECKeygen()),
	}
}

// p256Keys returns two fixed P-256 key pairs made once per process.
var p256Keys = sync.OnceValues(func() (*ecdh.PrivateKey, *ecdh.PrivateKey) {
	a, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	b, err := ecdh.P256().GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	return a, b
})

// digest is the SHA-256 digest every signature row signs.
var digest = func() []byte { d := sha256.Sum256([]byte("tlsbench")); return d[:] }()

//go:embed keys/*.pem
var keyFiles embed.FS

// rsaKey returns the committed benchmark key of the given size (keys/rsaN.pem,
// made with rsa.GenerateKey for tlsbench; it protects nothing).
func rsaKey(bits int) (*rsa.PrivateKey, error) {
	b, err := keyFiles.ReadFile(fmt.Sprintf("keys/rsa%d.pem", bits))
	if err != nil {
		return nil, err
	}
	blk, _ := pem.Decode(b)
	if blk == nil {
		return nil, errors.New("bad PEM")
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, err
	}
	rk, ok := k.(*rsa.PrivateKey)
	if !ok {
		return nil, errors.New("not an RSA key")
	}
	return rk, nil
}

var pssOpts = &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}

func sigOps() []bh.Op {
	var ops []bh.Op
	for _, c := range []struct {
		family, alg string
		curve       elliptic.Curve
		hash        crypto.Hash
	}{
		{"ECDSA-P256", "p256", elliptic.P256(), crypto.SHA256},
		{"ECDSA-P384", "p384", elliptic.P384(), crypto.SHA384},
	} {
		key := sync.OnceValue(func() *ecdsa.PrivateKey {
			k, err := ecdsa.GenerateKey(c.curve, rand.Reader)
			if err != nil {
				panic(err)
			}
			return k
		})
		h := c.hash.New()
		h.Write([]byte("tlsbench"))
		dgst := h.Sum(nil)
		der := func() ([]byte, error) { return x509.MarshalPKCS8PrivateKey(key()) }
		ops = append(ops,
			pkOp(c.family, "sign", c.alg, fmt.Sprintf("Sign of a %v digest, ASN.1 signature (randomized nonce)", c.hash), false,
				oursECDSASign(key, dgst, c.hash),
				loop(func() (func() error, error) {
					k := key()
					return func() error { _, err := k.Sign(rand.Reader, dgst, c.hash); return err }, nil
				}), "crypto/ecdsa PrivateKey.Sign",
				opensslSign(der, dgst, 0)),
			pkOp(c.family, "verify", c.alg, fmt.Sprintf("VerifyASN1 of a %v digest", c.hash), false,
				oursECDSAVerify(key, dgst, c.hash),
				loop(func() (func() error, error) {
					k := key()
					sig, err := k.Sign(rand.Reader, dgst, c.hash)
					if err != nil {
						return nil, err
					}
					return func() error {
						if !ecdsa.VerifyASN1(&k.PublicKey, dgst, sig) {
							return errors.New("ecdsa: verify failed")
						}
						return nil
					}, nil
				}), "crypto/ecdsa VerifyASN1",
				opensslVerify(der, dgst, 0)),
		)
	}
	for _, bits := range []int{2048, 3072, 4096} {
		family := fmt.Sprintf("RSA-%d", bits)
		full := bits != 2048
		for _, pss := range []bool{false, true} {
			pad, padding := "pkcs1v15", 1
			if pss {
				pad, padding = "pss", 2
			}
			ops = append(ops,
				pkOp(family, "sign-"+pad, "rsa", "Sign of a SHA-256 digest with the private key (CRT)", full,
					oursRSASign(bits, pss),
					loop(func() (func() error, error) {
						k, err := rsaKey(bits)
						if err != nil {
							return nil, err
						}
						return func() error { _, err := k.Sign(rand.Reader, digest, signOpts(pss)); return err }, nil
					}), "crypto/rsa PrivateKey.Sign",
					opensslSign(rsaDER(bits), digest, padding)),
				pkOp(family, "verify-"+pad, "rsa", "Verify of a SHA-256 digest's signature (e = 65537)", full,
					oursRSAVerify(bits, pss),
					loop(func() (func() error, error) {
						k, err := rsaKey(bits)
						if err != nil {
							return nil, err
						}
						sig, err := k.Sign(rand.Reader, digest, signOpts(pss))
						if err != nil {
							return nil, err
						}
						if pss {
							return func() error { return rsa.VerifyPSS(&k.PublicKey, crypto.SHA256, digest, sig, pssOpts) }, nil
						}
						return func() error { return rsa.VerifyPKCS1v15(&k.PublicKey, crypto.SHA256, digest, sig) }, nil
					}), "crypto/rsa VerifyPKCS1v15 / VerifyPSS",
					opensslVerify(rsaDER(bits), digest, padding)),
			)
		}
	}
	return ops
}

func signOpts(pss bool) crypto.SignerOpts {
	if pss {
		return pssOpts
	}
	return crypto.SHA256
}

func rsaDER(bits int) func() ([]byte, error) {
	return func() ([]byte, error) {
		k, err := rsaKey(bits)
		if err != nil {
			return nil, err
		}
		return x509.MarshalPKCS8PrivateKey(k)
	}
}
