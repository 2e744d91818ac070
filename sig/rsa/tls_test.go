package rsa

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"io"
	"math/big"
	"net"
	"testing"
	"time"

	"github.com/tlscore/tlscore/internal/cryptotest"
)

// TestTLSHandshake runs crypto/tls handshakes whose server signs with our
// *PrivateKey: TLS 1.3 (RSASSA-PSS) and TLS 1.2 with an ECDHE_RSA suite
// with PKCS #1 v1.5 and with PSS (chosen through
// tls.Certificate.SupportedSignatureAlgorithms).
func TestTLSHandshake(t *testing.T) {
	cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
		std := testKey(t, 2048)
		sk, err := NewPrivateKey(std)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "tlscore.test"},
			DNSNames:     []string{"tlscore.test"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(time.Hour),
			KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
			ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			IsCA:         true, BasicConstraintsValid: true,
		}
		// The self-signed certificate is signed by our key too.
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, sk.Public(), sk)
		if err != nil {
			t.Fatal(err)
		}
		leaf, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		pool := x509.NewCertPool()
		pool.AddCert(leaf)
		cert := tls.Certificate{Certificate: [][]byte{der}, PrivateKey: sk}

		for _, tc := range []struct {
			name    string
			version uint16
			schemes []tls.SignatureScheme
			wantPSS bool
			direct  bool // our *PrivateKey itself, not the recording wrapper
		}{
			{"TLS13", tls.VersionTLS13, nil, true, false},
			{"TLS13-direct", tls.VersionTLS13, nil, true, true},
			{"TLS12-direct", tls.VersionTLS12, nil, false, true},
			{"TLS12-PKCS1v15-SHA256", tls.VersionTLS12, []tls.SignatureScheme{tls.PKCS1WithSHA256}, false, false},
			{"TLS12-PKCS1v15-SHA512", tls.VersionTLS12, []tls.SignatureScheme{tls.PKCS1WithSHA512}, false, false},
			{"TLS12-PSS", tls.VersionTLS12, []tls.SignatureScheme{tls.PSSWithSHA384}, true, false},
		} {
			t.Run(tc.name, func(t *testing.T) {
				scfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tc.version, MaxVersion: tc.version,
					CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}}
				ccfg := &tls.Config{RootCAs: pool, ServerName: "tlscore.test", MinVersion: tc.version, MaxVersion: tc.version,
					CipherSuites: []uint16{tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256}}
				rec := &recordingSigner{sk: sk}
				c := cert
				c.PrivateKey = rec
				if tc.direct {
					c.PrivateKey = sk
				}
				c.SupportedSignatureAlgorithms = tc.schemes
				scfg.Certificates = []tls.Certificate{c}
				c1, c2 := net.Pipe()
				defer c1.Close()
				defer c2.Close()
				srv := tls.Server(c1, scfg)
				cli := tls.Client(c2, ccfg)
				errc := make(chan error, 1)
				go func() {
					err := srv.Handshake()
					if err == nil {
						buf := make([]byte, 5)
						_, err = srv.Read(buf)
						if err == nil {
							_, err = srv.Write(buf)
						}
					}
					errc <- err
				}()
				if err := cli.Handshake(); err != nil {
					t.Fatal(err)
				}
				if _, err := cli.Write([]byte("hello")); err != nil {
					t.Fatal(err)
				}
				buf := make([]byte, 5)
				if _, err := cli.Read(buf); err != nil || string(buf) != "hello" {
					t.Fatalf("echo: %q %v", buf, err)
				}
				if err := <-errc; err != nil {
					t.Fatal(err)
				}
				if v := cli.ConnectionState().Version; v != tc.version {
					t.Fatalf("version %x", v)
				}
				if !tc.direct && (rec.pss != tc.wantPSS || rec.n == 0) {
					t.Fatalf("server signed %d times, PSS %v, want PSS %v", rec.n, rec.pss, tc.wantPSS)
				}
			})
		}
	})
}

// recordingSigner forwards to a *PrivateKey and records the kind of signature.
type recordingSigner struct {
	sk  *PrivateKey
	n   int
	pss bool
}

func (r *recordingSigner) Public() crypto.PublicKey { return r.sk.Public() }

func (r *recordingSigner) Sign(rand io.Reader, digest []byte, opts crypto.SignerOpts) ([]byte, error) {
	_, r.pss = opts.(*rsa.PSSOptions)
	r.n++
	return r.sk.Sign(rand, digest, opts)
}
