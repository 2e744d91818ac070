package handoff

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math/big"
	mrand "math/rand/v2"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tlscore/tlscore/record"
)

// Test certificates: a CA, and ECDSA P-256 and RSA-2048 leaves for
// "localhost" signed by it (the RSA one for the ECDHE_RSA and RSA suites),
// plus a client certificate.
type testPKI struct {
	pool        *x509.CertPool
	ecdsa, rsa  tls.Certificate
	client      tls.Certificate
	ecdsaKeyDER []byte // PKCS #8
	rsaKeyDER   []byte
	caDER       []byte
}

var (
	pkiOnce sync.Once
	pki     testPKI
)

func certs(t testing.TB) *testPKI {
	pkiOnce.Do(func() {
		caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		must(err)
		caTmpl := &x509.Certificate{
			SerialNumber:          big.NewInt(1),
			Subject:               pkix.Name{CommonName: "handoff test CA"},
			NotBefore:             time.Now().Add(-time.Hour),
			NotAfter:              time.Now().Add(24 * time.Hour),
			IsCA:                  true,
			BasicConstraintsValid: true,
			KeyUsage:              x509.KeyUsageCertSign,
		}
		caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
		must(err)
		ca, err := x509.ParseCertificate(caDER)
		must(err)
		pki.caDER = caDER
		pki.pool = x509.NewCertPool()
		pki.pool.AddCert(ca)
		leaf := func(serial int64, pub, priv any, client bool) tls.Certificate {
			tmpl := &x509.Certificate{
				SerialNumber: big.NewInt(serial),
				Subject:      pkix.Name{CommonName: "localhost"},
				DNSNames:     []string{"localhost"},
				IPAddresses:  []net.IP{net.IPv4(127, 0, 0, 1)},
				NotBefore:    time.Now().Add(-time.Hour),
				NotAfter:     time.Now().Add(24 * time.Hour),
				KeyUsage:     x509.KeyUsageDigitalSignature | x509.KeyUsageKeyEncipherment,
				ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
			}
			if client {
				tmpl.ExtKeyUsage = []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth}
			}
			der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, pub, caKey)
			must(err)
			return tls.Certificate{Certificate: [][]byte{der, caDER}, PrivateKey: priv}
		}
		ek, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		must(err)
		pki.ecdsa = leaf(2, &ek.PublicKey, ek, false)
		pki.ecdsaKeyDER, err = x509.MarshalPKCS8PrivateKey(ek)
		must(err)
		rk, err := rsa.GenerateKey(rand.Reader, 2048)
		must(err)
		pki.rsa = leaf(3, &rk.PublicKey, rk, false)
		pki.rsaKeyDER, err = x509.MarshalPKCS8PrivateKey(rk)
		must(err)
		ck, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		must(err)
		pki.client = leaf(4, &ck.PublicKey, ck, true)
	})
	return &pki
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}

// tcpPair returns the two ends of a loopback TCP connection.
func tcpPair(t testing.TB) (client, server net.Conn) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ch := make(chan net.Conn, 1)
	go func() {
		c, _ := l.Accept()
		ch <- c
	}()
	client, err = net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	server = <-ch
	if server == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { client.Close(); server.Close() })
	return client, server
}

// tapConn records every byte that goes through a connection, both ways.
type tapConn struct {
	net.Conn
	mu      sync.Mutex
	in, out bytes.Buffer
}

func (c *tapConn) Read(b []byte) (int, error) {
	n, err := c.Conn.Read(b)
	c.mu.Lock()
	c.in.Write(b[:n])
	c.mu.Unlock()
	return n, err
}

func (c *tapConn) Write(b []byte) (int, error) {
	c.mu.Lock()
	c.out.Write(b)
	c.mu.Unlock()
	return c.Conn.Write(b)
}

func (c *tapConn) CloseWrite() error { return c.Conn.(*net.TCPConn).CloseWrite() }

func (c *tapConn) streams() (in, out []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Clone(c.in.Bytes()), bytes.Clone(c.out.Bytes())
}

// safeBuffer is a KeyLogWriter for tests.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) secrets(t testing.TB) map[string][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := map[string][]byte{}
	for _, line := range strings.Split(s.b.String(), "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		b, err := hex.DecodeString(f[2])
		if err != nil {
			t.Fatal(err)
		}
		m[f[0]] = b
		cr, _ := hex.DecodeString(f[1])
		m["random"] = cr
	}
	return m
}

// tlsConn is what *tls.Conn and *Conn have in common.
type tlsConn interface {
	net.Conn
	Handshake() error
	CloseWrite() error
	ConnectionState() tls.ConnectionState
}

const (
	sideHandoff = "handoff"
	sideCrypto  = "crypto/tls"
)

// pairOpts describes a connection for pair.
type pairOpts struct {
	server, client string // sideHandoff or sideCrypto
	scfg, ccfg     *tls.Config
	mayStay        bool // a hand-off side may stay on crypto/tls
}

type testPair struct {
	client, server tlsConn
	tap            *tapConn // the client's socket
	klog           *safeBuffer
}

// pair connects a client and a server of the given kinds over loopback TCP
// and runs the handshake. The client's KeyLogWriter (chained by the
// hand-off) logs the secrets for the wire checks; the client's socket is
// tapped.
func pair(t testing.TB, o pairOpts) *testPair {
	t.Helper()
	craw, sraw := tcpPair(t)
	p := &testPair{tap: &tapConn{Conn: craw}, klog: &safeBuffer{}}
	ccfg := o.ccfg.Clone()
	ccfg.KeyLogWriter = p.klog
	if o.client == sideHandoff {
		p.client = Client(p.tap, ccfg)
	} else {
		p.client = tls.Client(p.tap, ccfg)
	}
	if o.server == sideHandoff {
		p.server = Server(sraw, o.scfg)
	} else {
		p.server = tls.Server(sraw, o.scfg)
	}
	t.Cleanup(func() { p.client.Close(); p.server.Close() })
	errc := make(chan error, 1)
	go func() { errc <- p.server.Handshake() }()
	if err := p.client.Handshake(); err != nil {
		t.Fatalf("client handshake: %v", err)
	}
	if err := <-errc; err != nil {
		t.Fatalf("server handshake: %v", err)
	}
	for _, c := range []tlsConn{p.client, p.server} {
		if h, ok := c.(*Conn); ok && !h.HandedOff() && !o.mayStay {
			t.Fatalf("not handed off: %s", tls.CipherSuiteName(c.ConnectionState().CipherSuite))
		}
	}
	return p
}

func serverConfigFor(t testing.TB, suite uint16) *tls.Config {
	p := certs(t)
	cert := p.ecdsa
	name := tls.CipherSuiteName(suite)
	if strings.Contains(name, "_RSA_") {
		cert = p.rsa
	}
	cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	if _, ok := suites13[suite]; !ok {
		cfg.MaxVersion = tls.VersionTLS12
		cfg.CipherSuites = []uint16{suite}
	}
	return cfg
}

func clientConfigFor(t testing.TB, suite uint16) *tls.Config {
	cfg := &tls.Config{RootCAs: certs(t).pool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	// With a session cache crypto/tls clients offer resumption, and servers
	// send NewSessionTickets (which a hand-off server must count and a
	// hand-off client drops).
	cfg.ClientSessionCache = tls.NewLRUClientSessionCache(1)
	switch suite {
	case tls.TLS_AES_128_GCM_SHA256:
	case tls.TLS_CHACHA20_POLY1305_SHA256:
		// A client that lists a ChaCha20 suite first makes a crypto/tls
		// server choose TLS_CHACHA20_POLY1305_SHA256 (crypto/tls offers no
		// way to negotiate TLS_AES_256_GCM_SHA384 between its own
		// endpoints: that suite is tested against OpenSSL).
		cfg.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}
	default:
		cfg.MaxVersion = tls.VersionTLS12
		cfg.CipherSuites = []uint16{suite}
	}
	return cfg
}

// transfer sends random data of random sizes (up to max bytes) both ways at
// once, in writes of random sizes, ends each direction with CloseWrite, and
// checks what each side read.
func transfer(t testing.TB, a, b tlsConn, max int, seed uint64) {
	t.Helper()
	rng := mrand.New(mrand.NewPCG(seed, 1))
	na, nb := rng.IntN(max+1), rng.IntN(max+1)
	da, db := make([]byte, na), make([]byte, nb)
	for i := range da {
		da[i] = byte(rng.Uint32())
	}
	for i := range db {
		db[i] = byte(rng.Uint32())
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	send := func(c tlsConn, data []byte, seed uint64) {
		defer wg.Done()
		r := mrand.New(mrand.NewPCG(seed, 2))
		for len(data) > 0 {
			k := min(len(data), 1+r.IntN(40000))
			if _, err := c.Write(data[:k]); err != nil {
				errs <- fmt.Errorf("write: %w", err)
				return
			}
			data = data[k:]
		}
		if err := c.CloseWrite(); err != nil {
			errs <- fmt.Errorf("CloseWrite: %w", err)
		}
	}
	recv := func(c tlsConn, want []byte) {
		defer wg.Done()
		got, err := io.ReadAll(c)
		if err != nil {
			errs <- fmt.Errorf("read: %w", err)
			return
		}
		if !bytes.Equal(got, want) {
			errs <- fmt.Errorf("read %d bytes, want %d (or different data)", len(got), len(want))
		}
	}
	wg.Add(4)
	go send(a, da, seed+1)
	go send(b, db, seed+2)
	go recv(a, db)
	go recv(b, da)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

// wireRecords splits a stream into records.
func wireRecords(t testing.TB, b []byte) []rec {
	t.Helper()
	var out []rec
	for len(b) > 0 {
		if len(b) < 5 {
			t.Fatalf("stream ends in a record header")
		}
		n := 5 + int(binary.BigEndian.Uint16(b[3:]))
		if len(b) < n {
			t.Fatalf("stream ends in a record")
		}
		out = append(out, rec(bytes.Clone(b[:n])))
		b = b[n:]
	}
	return out
}

// checkWire opens, as a passive observer with the secrets, every record
// each side sent under the application traffic keys, in order, and records
// every (key, sequence number) pair: each must open at the next sequence
// number of its key (a record sealed under a pair already used would not),
// and no pair (nor a TLS 1.2 AES-GCM explicit nonce) may repeat. It
// returns an error rather than failing, so that a test can check that it
// catches reuse.
func checkWire(t testing.TB, p *testPair) error {
	in, out := p.tap.streams()
	st := p.client.ConnectionState()
	secrets := p.klog.secrets(t)
	c2s, s2c := wireRecords(t, out), wireRecords(t, in)
	if st.Version == tls.VersionTLS13 {
		if err := checkWire13(st.CipherSuite, secrets["CLIENT_TRAFFIC_SECRET_0"], c2s); err != nil {
			return fmt.Errorf("client to server: %w", err)
		}
		if err := checkWire13(st.CipherSuite, secrets["SERVER_TRAFFIC_SECRET_0"], s2c); err != nil {
			return fmt.Errorf("server to client: %w", err)
		}
		return nil
	}
	if secrets["CLIENT_RANDOM"] == nil && st.DidResume {
		return nil // crypto/tls on both sides (and it logs no secret)
	}
	var cr, sr [32]byte
	copy(cr[:], secrets["random"])
	sr, err := helloRandom(s2c, typeServerHello)
	if err != nil {
		return err
	}
	s := suites12[st.CipherSuite]
	ck, sk, civ, siv := keys12(s, secrets["CLIENT_RANDOM"], cr, sr)
	if err := checkWire12(st.CipherSuite, ck, civ, c2s); err != nil {
		return fmt.Errorf("client to server: %w", err)
	}
	if err := checkWire12(st.CipherSuite, sk, siv, s2c); err != nil {
		return fmt.Errorf("server to client: %w", err)
	}
	return nil
}

type keySeq struct {
	gen int
	seq uint64
}

func checkWire13(suite uint16, secret []byte, recs []rec) error {
	o, err := record.NewOpener13(suite, secret)
	if err != nil {
		return err
	}
	seen := map[keySeq]bool{}
	gen := 0
	started := false
	for i, r := range recs {
		if r.typ() != recApplicationData {
			if started {
				return fmt.Errorf("record %d: plaintext record of type %d after the handshake", i, r.typ())
			}
			continue
		}
		ks := keySeq{gen, o.Seq()}
		typ, data, err := o.Open(bytes.Clone(r))
		if err != nil {
			if !started {
				continue // a handshake record
			}
			return fmt.Errorf("record %d does not open at sequence number %d of key %d", i, ks.seq, gen)
		}
		started = true
		if seen[ks] {
			return fmt.Errorf("(key %d, seq %d) used twice", ks.gen, ks.seq)
		}
		seen[ks] = true
		if n := len(data); typ == record.Handshake && n >= 5 && bytes.Equal(data[n-5:n-1], []byte{24, 0, 0, 1}) {
			if err := o.Update(); err != nil {
				return err
			}
			gen++
		}
	}
	return nil
}

func checkWire12(suite uint16, key, iv []byte, recs []rec) error {
	o, err := record.NewOpener12(suite, key, iv)
	if err != nil {
		return err
	}
	explicit := map[uint64]bool{}
	gcm := suites12[suite].gcm
	ccs := false
	for i, r := range recs {
		if !ccs {
			ccs = r.typ() == recChangeCipherSpec
			continue
		}
		seq := o.Seq()
		if _, _, err := o.Open(bytes.Clone(r)); err != nil {
			return fmt.Errorf("record %d does not open at sequence number %d", i, seq)
		}
		if gcm {
			e := binary.BigEndian.Uint64(r[5:])
			if explicit[e] {
				return fmt.Errorf("record %d repeats explicit nonce %d", i, e)
			}
			explicit[e] = true
		}
	}
	if !ccs {
		return fmt.Errorf("no ChangeCipherSpec")
	}
	return nil
}
