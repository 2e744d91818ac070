package ecdsa

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"hash"
	"io"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/c2sp/wycheproof"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

type curveCase struct {
	name  string
	alg   string // dispatch algorithm
	curve elliptic.Curve
	hash  func() hash.Hash
	files []string // Wycheproof: DER, then P1363
}

var curves = []curveCase{
	{"P256", "p256", elliptic.P256(), sha256.New, []string{"ecdsa_secp256r1_sha256_test.json", "ecdsa_secp256r1_sha256_p1363_test.json", "ecdsa_secp256r1_sha512_test.json"}},
	{"P384", "p384", elliptic.P384(), sha512.New384, []string{"ecdsa_secp384r1_sha384_test.json", "ecdsa_secp384r1_sha384_p1363_test.json", "ecdsa_secp384r1_sha512_test.json"}},
}

func hashFor(name string) func() hash.Hash {
	switch name {
	case "SHA-256":
		return sha256.New
	case "SHA-384":
		return sha512.New384
	case "SHA-512":
		return sha512.New
	}
	return nil
}

func TestWycheproof(t *testing.T) {
	for _, c := range curves {
		t.Run(c.name, func(t *testing.T) {
			cryptotest.TestAllImplementations(t, c.alg, func(t *testing.T) {
				files := c.files
				if testing.Short() {
					files = files[:1] // DER only (qemu CI)
				}
				for _, file := range files {
					var v vectors.Wycheproof[vectors.ECDSAGroup]
					if err := vectors.LoadWycheproofNewest(wycheproof.TestVectors, file, &v); err != nil {
						t.Fatal(err)
					}
					n := 0
					for _, g := range v.TestGroups {
						std, err := ecdsa.ParseUncompressedPublicKey(c.curve, g.PublicKey.Uncompressed)
						if err != nil {
							t.Fatalf("%s: public key: %v", file, err)
						}
						pk, err := NewPublicKey(std)
						if err != nil {
							t.Fatal(err)
						}
						size := (c.curve.Params().BitSize + 7) / 8
						for _, tc := range g.Tests {
							h := hashFor(g.SHA)()
							h.Write(tc.Msg)
							digest := h.Sum(nil)
							sig := tc.Sig
							if g.Type == "EcdsaP1363Verify" {
								if len(sig) != 2*size {
									sig = []byte{0xff} // certainly invalid
								} else {
									sig = encodeSignature(sig[:size], sig[size:])
								}
							}
							got := pk.VerifyASN1(digest, sig)
							if tc.Valid() && !got || tc.Invalid() && got {
								t.Errorf("%s %v: VerifyASN1 = %v", file, tc.Case, got)
							}
							if g.Type == "EcdsaVerify" {
								if want := ecdsa.VerifyASN1(std, digest, sig); want != got && !tc.Valid() && !tc.Invalid() {
									t.Logf("%s %v: acceptable case: ours %v, crypto/ecdsa %v", file, tc.Case, got, want)
								}
							}
							n++
						}
					}
					if n != v.NumberOfTests {
						t.Errorf("%s: ran %d of %d", file, n, v.NumberOfTests)
					}
				}
			})
		})
	}
}

func TestDifferential(t *testing.T) {
	for _, c := range curves {
		t.Run(c.name, func(t *testing.T) {
			cryptotest.TestAllImplementations(t, c.alg, func(t *testing.T) {
				n := 12
				if testing.Short() {
					n = 2
				}
				for i := range n {
					std, _ := ecdsa.GenerateKey(c.curve, rand.Reader)
					sk, err := NewPrivateKey(std)
					if err != nil {
						t.Fatal(err)
					}
					pk, err := NewPublicKey(&std.PublicKey)
					if err != nil {
						t.Fatal(err)
					}
					// digests of every length around the order size
					digest := make([]byte, i%80)
					rand.Read(digest)
					sig, err := sk.Sign(rand.Reader, digest, nil)
					if err != nil {
						t.Fatal(err)
					}
					if !ecdsa.VerifyASN1(&std.PublicKey, digest, sig) {
						t.Fatalf("crypto/ecdsa rejects our signature %x", sig)
					}
					if !pk.VerifyASN1(digest, sig) || !sk.PublicKey().VerifyASN1(digest, sig) {
						t.Fatal("we reject our signature")
					}
					sig2, _ := ecdsa.SignASN1(rand.Reader, std, digest)
					if !pk.VerifyASN1(digest, sig2) {
						t.Fatalf("we reject crypto/ecdsa's signature %x", sig2)
					}
					// mutations
					for j := i % 7; j < len(sig); j += 7 {
						bad := bytes.Clone(sig)
						bad[j] ^= 1 << (j % 8)
						if got, want := pk.VerifyASN1(digest, bad), ecdsa.VerifyASN1(&std.PublicKey, digest, bad); got != want {
							t.Fatalf("mutated %x: ours %v, crypto/ecdsa %v", bad, got, want)
						}
					}
					if pk.VerifyASN1(digest, sig[:len(sig)-1]) || pk.VerifyASN1(digest, append(bytes.Clone(sig), 0)) {
						t.Fatal("accepted truncated or extended signature")
					}
					if len(digest) > 0 {
						digest[0] ^= 0x80
						if pk.VerifyASN1(digest, sig) {
							t.Fatal("accepted wrong digest")
						}
					}
				}
			})
		})
	}
}

// Signing with a deterministic (broken) random source must still give
// different nonces for different digests, and the same signature for the
// same inputs (the derivation is deterministic given rand).
func TestHedgedNonce(t *testing.T) {
	std, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	sk, _ := NewPrivateKey(std)
	zero := bytes.NewReader(make([]byte, 1000))
	d1 := sha256.Sum256([]byte("a"))
	d2 := sha256.Sum256([]byte("b"))
	s1, _ := sk.Sign(zero, d1[:], crypto.SHA256)
	s1b, _ := sk.Sign(zero, d1[:], crypto.SHA256)
	s2, _ := sk.Sign(zero, d2[:], crypto.SHA256)
	if !bytes.Equal(s1, s1b) {
		t.Error("not deterministic for a fixed random source")
	}
	if bytes.Equal(s1[:36], s2[:36]) {
		t.Error("same r for different digests")
	}
	s3, _ := sk.Sign(nil, d1[:], crypto.SHA256)
	s4, _ := sk.Sign(nil, d1[:], crypto.SHA256)
	if bytes.Equal(s3, s4) {
		t.Error("same signature twice with crypto/rand")
	}
	if _, err := sk.Sign(bytes.NewReader(nil), d1[:], crypto.SHA256); err == nil {
		t.Error("no error from an empty random source")
	}
}

func TestBadKeys(t *testing.T) {
	std, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	other, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	bad := *std
	bad.PublicKey = other.PublicKey
	if _, err := NewPrivateKey(&bad); err == nil {
		t.Error("accepted mismatched public key")
	}
	k224, _ := ecdsa.GenerateKey(elliptic.P224(), rand.Reader)
	if _, err := NewPrivateKey(k224); err == nil {
		t.Error("accepted P-224")
	}
	// A caller may still build a key from raw coordinates.
	//lint:ignore SA1019 the deprecated fields are the input under test
	if _, err := NewPublicKey(&ecdsa.PublicKey{Curve: elliptic.P256(), X: big.NewInt(1), Y: big.NewInt(1)}); err == nil {
		t.Error("accepted off-curve point")
	}
	if _, err := NewPrivateKey(nil); err == nil {
		t.Error("accepted nil")
	}
}

func TestVerifyAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	for _, c := range curves {
		std, _ := ecdsa.GenerateKey(c.curve, rand.Reader)
		pk, _ := NewPublicKey(&std.PublicKey)
		digest := make([]byte, 32)
		sig, _ := ecdsa.SignASN1(rand.Reader, std, digest)
		if a := testing.AllocsPerRun(10, func() { pk.VerifyASN1(digest, sig) }); a != 0 {
			t.Errorf("%s: VerifyASN1 allocates %v times", c.name, a)
		}
	}
}

// TestTLSHandshake runs a TLS 1.3 handshake over net.Pipe whose server
// signs CertificateVerify with our key through tls.Certificate.PrivateKey.
func TestTLSHandshake(t *testing.T) {
	for _, c := range curves {
		t.Run(c.name, func(t *testing.T) {
			cryptotest.TestAllImplementations(t, c.alg, func(t *testing.T) {
				std, _ := ecdsa.GenerateKey(c.curve, rand.Reader)
				tmpl := &x509.Certificate{
					SerialNumber: big.NewInt(1),
					Subject:      pkix.Name{CommonName: "tlscore.test"},
					DNSNames:     []string{"tlscore.test"},
					NotBefore:    time.Now().Add(-time.Hour),
					NotAfter:     time.Now().Add(time.Hour),
					KeyUsage:     x509.KeyUsageDigitalSignature,
					ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
				}
				sk, err := NewPrivateKey(std)
				if err != nil {
					t.Fatal(err)
				}
				// The certificate is signed by our key too (self-signed).
				der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, sk.Public(), sk)
				if err != nil {
					t.Fatal(err)
				}
				leaf, _ := x509.ParseCertificate(der)
				pool := x509.NewCertPool()
				pool.AddCert(leaf)
				signs := 0
				// Once through a wrapper that counts the signatures, once
				// with our *PrivateKey itself as tls.Certificate.PrivateKey.
				tlsHandshake(t, der, pool, countingSigner{sk, &signs})
				if signs != 1 {
					t.Fatalf("our key signed %d times", signs)
				}
				tlsHandshake(t, der, pool, sk)
			})
		})
	}
}

// tlsHandshake runs a TLS 1.3 handshake over net.Pipe whose server has the
// certificate der and the private key priv, and checks that data flows.
func tlsHandshake(t *testing.T, der []byte, pool *x509.CertPool, priv crypto.Signer) {
	t.Helper()
	srvCfg := &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: priv}},
	}
	cliCfg := &tls.Config{MinVersion: tls.VersionTLS13, RootCAs: pool, ServerName: "tlscore.test"}
	cc, sc := net.Pipe()
	defer cc.Close()
	defer sc.Close()
	errc := make(chan error, 1)
	go func() {
		s := tls.Server(sc, srvCfg)
		err := s.HandshakeContext(context.Background())
		if err == nil {
			_, err = s.Write([]byte("hello"))
		}
		errc <- err
	}()
	cl := tls.Client(cc, cliCfg)
	if err := cl.Handshake(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 5)
	if _, err := cl.Read(buf); err != nil || string(buf) != "hello" {
		t.Fatal(err, string(buf))
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
}

type countingSigner struct {
	*PrivateKey
	n *int
}

func (s countingSigner) Sign(r io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	*s.n++
	return s.PrivateKey.Sign(r, digest, opts)
}
