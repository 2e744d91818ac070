package handoffhttp

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	mrand "math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tlscore/tlscore/record/handoff"
)

type testCerts struct {
	pool           *x509.CertPool
	cert           tls.Certificate
	caFile         string
	certFile, keyF string
}

var notHandedOff atomic.Int32

var (
	certsOnce sync.Once
	certsVal  testCerts
	certsDir  string
)

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "handoffhttp")
	if err != nil {
		panic(err)
	}
	certsDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// certs returns a CA and a localhost certificate it signed, also as PEM
// files (for curl and ServeTLS).
func certs(t testing.TB) *testCerts {
	certsOnce.Do(func() {
		caKey, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		caTmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "handoffhttp test CA"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
			IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
		}
		caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
		if err != nil {
			panic(err)
		}
		ca, _ := x509.ParseCertificate(caDER)
		key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "localhost"},
			DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		if err != nil {
			panic(err)
		}
		keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
		c := &certsVal
		c.pool = x509.NewCertPool()
		c.pool.AddCert(ca)
		c.cert = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
		c.caFile = filepath.Join(certsDir, "ca.pem")
		c.certFile = filepath.Join(certsDir, "cert.pem")
		c.keyF = filepath.Join(certsDir, "key.pem")
		write := func(name, typ string, b []byte) {
			if err := os.WriteFile(name, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: b}), 0o600); err != nil {
				panic(err)
			}
		}
		write(c.caFile, "CERTIFICATE", caDER)
		write(c.certFile, "CERTIFICATE", der)
		write(c.keyF, "PRIVATE KEY", keyDER)
	})
	return &certsVal
}

// handler reports what the request saw of TLS and echoes a digest of the
// body.
func handler(w http.ResponseWriter, r *http.Request) {
	if r.TLS == nil {
		http.Error(w, "no r.TLS", 500)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), 500)
		return
	}
	sum := sha256.Sum256(body)
	fmt.Fprintf(w, "proto=%s tls=%x alpn=%s suite=%s len=%d sha256=%s\n", r.Proto, r.TLS.Version,
		r.TLS.NegotiatedProtocol, tls.CipherSuiteName(r.TLS.CipherSuite), len(body), hex.EncodeToString(sum[:]))
}

// startServer serves handler with Serve on a loopback port.
func startServer(t *testing.T, tlsConfig *tls.Config) (addr string, srv *http.Server, done chan error) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv = &http.Server{Handler: http.HandlerFunc(handler), TLSConfig: tlsConfig, ReadHeaderTimeout: 10 * time.Second,
		// Every HTTP/1.1 connection srv sees has been handed off.
		ConnState: func(c net.Conn, st http.ConnState) {
			if h, ok := c.(*handoff.Conn); st == http.StateNew && (!ok || !h.HandedOff()) {
				notHandedOff.Add(1)
			}
		}}
	done = make(chan error, 1)
	go func() { done <- Serve(srv, l) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(ctx)
	})
	return l.Addr().String(), srv, done
}

func fetch(t *testing.T, rt http.RoundTripper, url string, body []byte) string {
	t.Helper()
	req, err := http.NewRequest("POST", url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{Transport: rt, Timeout: 30 * time.Second}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, b)
	}
	return string(b)
}

func wantReply(t *testing.T, got, proto string, body []byte) {
	t.Helper()
	sum := sha256.Sum256(body)
	want := fmt.Sprintf("len=%d sha256=%x", len(body), sum)
	if !strings.HasPrefix(got, "proto="+proto+" ") || !strings.Contains(got, want) {
		t.Fatalf("reply %q, want %s and %s", got, proto, want)
	}
}

func randomBody(seed uint64, max int) []byte {
	r := mrand.New(mrand.NewPCG(seed, 3))
	b := make([]byte, r.IntN(max+1))
	for i := range b {
		b[i] = byte(r.Uint32())
	}
	return b
}

func TestGoClients(t *testing.T) {
	c := certs(t)
	addr, srv, done := startServer(t, &tls.Config{Certificates: []tls.Certificate{c.cert}})
	url := "https://" + addr + "/"
	ccfg := &tls.Config{RootCAs: c.pool}
	clients := []struct {
		name, proto string
		rt          http.RoundTripper
	}{
		{"handoff-h1", "HTTP/1.1", NewTransport(ccfg)},
		{"handoff-alpn", "HTTP/2.0", NewClientTransport(ccfg)},
		{"handoff-h2", "HTTP/2.0", NewHTTP2Transport(ccfg)},
		{"crypto-tls-h2", "HTTP/2.0", &http.Transport{TLSClientConfig: ccfg.Clone(), ForceAttemptHTTP2: true}},
		{"crypto-tls-h1", "HTTP/1.1", &http.Transport{TLSClientConfig: ccfg.Clone(), TLSNextProto: map[string]func(string, *tls.Conn) http.RoundTripper{}}},
	}
	for i, cl := range clients {
		t.Run(cl.name, func(t *testing.T) {
			for j := range 4 {
				body := randomBody(uint64(10*i+j), 1<<20)
				wantReply(t, fetch(t, cl.rt, url, body), cl.proto, body)
			}
			// Concurrent requests on the same transport.
			var wg sync.WaitGroup
			for j := range 4 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					body := randomBody(uint64(100+10*i+j), 100000)
					wantReply(t, fetch(t, cl.rt, url, body), cl.proto, body)
				}()
			}
			wg.Wait()
			// Connections dialed but not used are "new" to the server,
			// which Shutdown waits 5 s for: close them.
			cl.rt.(interface{ CloseIdleConnections() }).CloseIdleConnections()
		})
	}
	if n := notHandedOff.Load(); n != 0 {
		t.Errorf("%d HTTP/1.1 connections not handed off", n)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := srv.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := <-done; !errors.Is(err, http.ErrServerClosed) {
		t.Fatalf("Serve returned %v", err)
	}
}

func TestServeTLS(t *testing.T) {
	c := certs(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(handler)}
	go ServeTLS(srv, l, c.certFile, c.keyF)
	defer srv.Close()
	body := []byte("ServeTLS")
	wantReply(t, fetch(t, NewHTTP2Transport(&tls.Config{RootCAs: c.pool}), "https://"+l.Addr().String()+"/", body), "HTTP/2.0", body)
}

// TestCurl fetches from the server with curl over HTTP/1.1 and HTTP/2. CI
// installs curl (TLSCORE_CI=1 makes a missing curl a failure).
func TestCurl(t *testing.T) {
	curl, err := exec.LookPath("curl")
	if err != nil {
		if os.Getenv("TLSCORE_CI") != "" {
			t.Fatal("curl is missing in CI")
		}
		t.Skip("no curl command")
	}
	c := certs(t)
	addr, _, _ := startServer(t, &tls.Config{Certificates: []tls.Certificate{c.cert}})
	_, port, _ := net.SplitHostPort(addr)
	url := "https://localhost:" + port + "/"
	bodyFile := filepath.Join(t.TempDir(), "body")
	for i, mode := range []struct{ flag, proto, tls string }{
		{"--http1.1", "HTTP/1.1", "--tlsv1.3"},
		{"--http2", "HTTP/2.0", "--tlsv1.3"},
		{"--http1.1", "HTTP/1.1", "--tls-max"},
		{"--http2", "HTTP/2.0", "--tls-max"},
	} {
		t.Run(mode.flag+mode.tls, func(t *testing.T) {
			body := randomBody(uint64(i), 1<<20)
			if err := os.WriteFile(bodyFile, body, 0o600); err != nil {
				t.Fatal(err)
			}
			args := []string{"-sS", "--fail", mode.flag, "--cacert", c.caFile, "--data-binary", "@" + bodyFile,
				"--resolve", "localhost:" + port + ":127.0.0.1", "--max-time", "30"}
			if mode.tls == "--tls-max" {
				args = append(args, "--tls-max", "1.2")
			} else {
				args = append(args, mode.tls)
			}
			out, err := exec.Command(curl, append(args, url)...).CombinedOutput()
			if err != nil {
				t.Fatalf("curl: %v\n%s", err, out)
			}
			wantReply(t, string(out), mode.proto, body)
			wantTLS := "tls=304"
			if mode.tls == "--tls-max" {
				wantTLS = "tls=303"
			}
			if !strings.Contains(string(out), wantTLS) {
				t.Fatalf("reply %q, want %s", out, wantTLS)
			}
		})
	}
}

// TestHandlersSeeTLS checks r.TLS over both protocols with a client
// certificate and that the handed-off connection's state is complete.
func TestHandlersSeeTLS(t *testing.T) {
	c := certs(t)
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	seen := make(chan *tls.ConnectionState, 2)
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { seen <- r.TLS }),
		// The client presents the server's leaf (any certificate will do
		// to check that handlers see it).
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{c.cert}, ClientAuth: tls.RequireAnyClientCert},
	}
	go Serve(srv, l)
	defer srv.Close()
	ccfg := &tls.Config{RootCAs: c.pool, Certificates: []tls.Certificate{c.cert}}
	for _, rt := range []http.RoundTripper{NewTransport(ccfg), NewHTTP2Transport(ccfg)} {
		fetch(t, rt, "https://"+l.Addr().String()+"/", nil)
		st := <-seen
		if st == nil || !st.HandshakeComplete || len(st.PeerCertificates) != 1 {
			t.Fatalf("r.TLS = %+v", st)
		}
	}
}

// TestClientTransportH1 checks that the ALPN-choosing Transport speaks
// HTTP/1.1 to a server that does not offer h2.
func TestClientTransportH1(t *testing.T) {
	c := certs(t)
	addr, _, _ := startServer(t, &tls.Config{Certificates: []tls.Certificate{c.cert}, NextProtos: []string{"http/1.1"}})
	rt := NewClientTransport(&tls.Config{RootCAs: c.pool})
	defer rt.CloseIdleConnections()
	for i := range 3 {
		body := randomBody(uint64(200+i), 50000)
		wantReply(t, fetch(t, rt, "https://"+addr+"/", body), "HTTP/1.1", body)
		rt.mu.Lock()
		left := len(rt.stash[addr])
		rt.mu.Unlock()
		if left != 0 {
			t.Fatalf("%d first connections left unused", left)
		}
	}
}
