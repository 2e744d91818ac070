package record

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// Interoperability with crypto/tls: a crypto/tls client and server do the
// handshake over loopback TCP, the client logs its secrets (KeyLogWriter),
// then a record.Conn takes over one side's socket and talks to the other
// side's tls.Conn.

var (
	testCertOnce sync.Once
	testCert     tls.Certificate
	testKeyDER   []byte
)

func certificate(t testing.TB) tls.Certificate {
	testCertOnce.Do(func() {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "record test"},
			DNSNames:     []string{"localhost"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(24 * time.Hour),
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			panic(err)
		}
		testCert = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
		testKeyDER, err = x509.MarshalECPrivateKey(key)
		if err != nil {
			panic(err)
		}
	})
	return testCert
}

// tcpPair returns the two ends of a loopback TCP connection.
func tcpPair(t testing.TB) (net.Conn, net.Conn) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	ch := make(chan net.Conn, 1)
	go func() {
		c, err := l.Accept()
		if err != nil {
			ch <- nil
			return
		}
		ch <- c
	}()
	a, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	b := <-ch
	if b == nil {
		t.Fatal("accept failed")
	}
	t.Cleanup(func() { a.Close(); b.Close() })
	return a, b
}

// keyLog parses NSS key log lines: label -> secret.
func keyLog(t testing.TB, log string) map[string][]byte {
	m := map[string][]byte{}
	for _, line := range strings.Split(log, "\n") {
		f := strings.Fields(line)
		if len(f) != 3 {
			continue
		}
		b, err := hex.DecodeString(f[2])
		if err != nil {
			t.Fatal(err)
		}
		m[f[0]] = b
		if f[0] == "CLIENT_RANDOM" {
			cr, _ := hex.DecodeString(f[1])
			m["client_random"] = cr
		}
	}
	return m
}

// safeBuffer is a bytes.Buffer for a KeyLogWriter.
type safeBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *safeBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *safeBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// recordingConn keeps a copy of the first bytes read from a connection.
type recordingConn struct {
	net.Conn
	mu   sync.Mutex
	read []byte
}

func (r *recordingConn) Read(b []byte) (int, error) {
	n, err := r.Conn.Read(b)
	r.mu.Lock()
	if len(r.read) < 4096 {
		r.read = append(r.read, b[:n]...)
	}
	r.mu.Unlock()
	return n, err
}

// prf12 is the TLS 1.2 PRF (RFC 5246 section 5), P_hash with crypto/hmac,
// for deriving the key block in the tests.
func prf12(h func() hash.Hash, secret []byte, label string, seed []byte, n int) []byte {
	ls := append([]byte(label), seed...)
	var out []byte
	a := ls
	for len(out) < n {
		m := hmac.New(h, secret)
		m.Write(a)
		a = m.Sum(nil)
		m = hmac.New(h, secret)
		m.Write(a)
		m.Write(ls)
		out = m.Sum(out)
	}
	return out[:n]
}

// tls12Keys derives the TLS 1.2 key block (RFC 5246 section 6.3) from the
// master secret in the key log and the hello randoms (the ServerHello is the
// first thing the server sent, as read through rc) and returns our Opener
// and Sealer, at sequence number 1: the Finished messages were record 0 in
// each direction.
func tls12Keys(t *testing.T, suite uint16, secrets map[string][]byte, rc *recordingConn, oursIsClient bool) (*Opener, *Sealer) {
	t.Helper()
	ms, cr := secrets["CLIENT_RANDOM"], secrets["client_random"]
	if ms == nil {
		t.Fatal("no master secret in the key log")
	}
	// Record header (5), handshake header (4), version (2), random.
	rc.mu.Lock()
	sh := rc.read
	rc.mu.Unlock()
	if len(sh) < 43 || sh[0] != 22 || sh[5] != 2 {
		t.Fatal("ServerHello not found")
	}
	sr := sh[11:43]
	info, err := lookupSuite(suite, VersionTLS12)
	if err != nil {
		t.Fatal(err)
	}
	h := sha256.New
	if strings.HasSuffix(tls.CipherSuiteName(suite), "SHA384") {
		h = sha512.New384
	}
	ivLen := 4
	if info.chacha {
		ivLen = 12
	}
	kb := prf12(h, ms, "key expansion", append(append([]byte{}, sr...), cr...), 2*info.keyLen+2*ivLen)
	ck, sk := kb[:info.keyLen], kb[info.keyLen:2*info.keyLen]
	civ, siv := kb[2*info.keyLen:2*info.keyLen+ivLen], kb[2*info.keyLen+ivLen:]
	if !oursIsClient {
		ck, sk, civ, siv = sk, ck, siv, civ
	}
	in, err := NewOpener12(suite, sk, siv)
	if err != nil {
		t.Fatal(err)
	}
	out, err := NewSealer12(suite, ck, civ)
	if err != nil {
		t.Fatal(err)
	}
	in.SetSeq(1)
	out.SetSeq(1)
	return in, out
}

type session struct {
	ours    *Conn
	peer    *tls.Conn
	ourConn net.Conn
	suite   uint16
	version uint16
}

// handshake runs a crypto/tls handshake with the given client settings and
// returns the secrets and both sides.
func cryptoTLSSession(t *testing.T, version uint16, clientSuites []uint16, oursIsClient bool) *session {
	t.Helper()
	cRaw, sRaw := tcpPair(t)
	var klog safeBuffer
	rc := &recordingConn{Conn: cRaw}
	ccfg := &tls.Config{
		InsecureSkipVerify: true,
		KeyLogWriter:       &klog,
		MinVersion:         tls.VersionTLS12,
		MaxVersion:         version,
		CipherSuites:       clientSuites,
	}
	scfg := &tls.Config{
		Certificates:           []tls.Certificate{certificate(t)},
		SessionTicketsDisabled: true,
		MinVersion:             tls.VersionTLS12,
	}
	client := tls.Client(rc, ccfg)
	server := tls.Server(sRaw, scfg)
	errc := make(chan error, 1)
	go func() { errc <- server.Handshake() }()
	if err := client.Handshake(); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	st := client.ConnectionState()
	if st.Version != version {
		t.Fatalf("negotiated version %x", st.Version)
	}
	secrets := keyLog(t, klog.String())
	s := &session{suite: st.CipherSuite, version: version}

	var in *Opener
	var out *Sealer
	var err error
	if version == tls.VersionTLS13 {
		cts, sts := secrets["CLIENT_TRAFFIC_SECRET_0"], secrets["SERVER_TRAFFIC_SECRET_0"]
		if cts == nil || sts == nil {
			t.Fatal("no traffic secrets in the key log")
		}
		if !oursIsClient {
			cts, sts = sts, cts
		}
		if in, err = NewOpener13(s.suite, sts); err != nil {
			t.Fatal(err)
		}
		if out, err = NewSealer13(s.suite, cts); err != nil {
			t.Fatal(err)
		}
	} else {
		in, out = tls12Keys(t, s.suite, secrets, rc, oursIsClient)
	}
	if oursIsClient {
		s.ourConn, s.peer = cRaw, server
	} else {
		s.ourConn, s.peer = sRaw, client
	}
	s.ours = NewConn(s.ourConn, in, out)
	return s
}

// exchange sends msg from ours to peer and back, concurrently.
func exchange(t *testing.T, ours *Conn, peer io.ReadWriter, msg []byte) {
	t.Helper()
	errc := make(chan error, 2)
	go func() {
		got := make([]byte, len(msg))
		if _, err := io.ReadFull(peer, got); err != nil {
			errc <- fmt.Errorf("peer read: %w", err)
			return
		}
		if !bytes.Equal(got, msg) {
			errc <- errors.New("peer read different data")
			return
		}
		_, err := peer.Write(msg)
		errc <- err
	}()
	go func() {
		_, err := ours.Write(msg)
		errc <- err
	}()
	for range 2 {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
	got := make([]byte, len(msg))
	if _, err := io.ReadFull(ours, got); err != nil {
		t.Fatalf("our read: %v", err)
	}
	if !bytes.Equal(got, msg) {
		t.Fatal("we read different data")
	}
}

func TestInteropCryptoTLS(t *testing.T) {
	type mode struct {
		name         string
		version      uint16
		clientSuites []uint16
		want         uint16
	}
	modes := []mode{
		{"TLS13-AES128", tls.VersionTLS13, nil, TLS_AES_128_GCM_SHA256},
		// A client that lists a TLS 1.2 ChaCha20 suite first makes the
		// crypto/tls server prefer TLS_CHACHA20_POLY1305_SHA256. crypto/tls
		// offers no way to negotiate TLS_AES_256_GCM_SHA384 between two of
		// its endpoints; that suite is tested against OpenSSL.
		{"TLS13-CHACHA", tls.VersionTLS13, []uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}, TLS_CHACHA20_POLY1305_SHA256},
		{"TLS12-AES128", tls.VersionTLS12, []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256}, TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
		{"TLS12-AES256", tls.VersionTLS12, []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384}, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
		{"TLS12-CHACHA", tls.VersionTLS12, []uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
	}
	for _, m := range modes {
		for _, oursIsClient := range []bool{true, false} {
			side := "ours-server"
			if oursIsClient {
				side = "ours-client"
			}
			t.Run(m.name+"/"+side, func(t *testing.T) {
				s := cryptoTLSSession(t, m.version, m.clientSuites, oursIsClient)
				if s.suite != m.want {
					t.Fatalf("negotiated %s", tls.CipherSuiteName(s.suite))
				}
				exchange(t, s.ours, s.peer, []byte("hello"))
				exchange(t, s.ours, s.peer, payloadOf(100000, 1))
				s.ours.SetMaxPayload(1000)
				exchange(t, s.ours, s.peer, payloadOf(5000, 2))
				if m.version == tls.VersionTLS13 {
					// Our KeyUpdate with update_requested: crypto/tls
					// accepts it and answers with its own, which our
					// Opener follows.
					before := s.ours.in.secret
					for i := 0; i < 3; i++ {
						if err := s.ours.KeyUpdate(i%2 == 0); err != nil {
							t.Fatal(err)
						}
						exchange(t, s.ours, s.peer, payloadOf(20000, byte(i)))
					}
					if s.ours.in.secret == before {
						t.Fatal("crypto/tls's KeyUpdate did not update our Opener")
					}
					// Updating the Sealer past the usage limit sends a
					// KeyUpdate by itself.
					lowered := *s.ours.out.suite
					lowered.limit = s.ours.out.Seq()
					s.ours.out.suite = &lowered
					exchange(t, s.ours, s.peer, []byte("after automatic KeyUpdate"))
					if s.ours.out.Seq() != 1 {
						t.Fatalf("Sealer sequence %d after the automatic KeyUpdate", s.ours.out.Seq())
					}
				} else if err := s.ours.KeyUpdate(false); err == nil {
					t.Fatal("TLS 1.2 KeyUpdate succeeded")
				}
				// close_notify both ways.
				errc := make(chan error, 1)
				go func() {
					_, err := s.peer.Read(make([]byte, 1))
					if err != io.EOF {
						errc <- fmt.Errorf("peer read after our close_notify: %v", err)
						return
					}
					errc <- s.peer.Close()
				}()
				if err := s.ours.CloseWrite(); err != nil {
					t.Fatal(err)
				}
				if _, err := s.ours.Write([]byte("x")); err == nil {
					t.Fatal("Write after CloseWrite succeeded")
				}
				if err := <-errc; err != nil {
					t.Fatal(err)
				}
				if _, err := s.ours.Read(make([]byte, 1)); err != io.EOF {
					t.Fatalf("our read after the peer's close_notify: %v", err)
				}
			})
		}
	}
}

// TestInteropCryptoTLSAlert checks that a fatal alert from crypto/tls (it
// receives a forged record) ends our reading with a remote error naming it.
func TestInteropCryptoTLSAlert(t *testing.T) {
	s := cryptoTLSSession(t, tls.VersionTLS13, nil, true)
	rec, err := s.ours.out.Seal(nil, ApplicationData, []byte("forged"))
	if err != nil {
		t.Fatal(err)
	}
	rec[len(rec)-1] ^= 1
	if _, err := s.ourConn.Write(rec); err != nil {
		t.Fatal(err)
	}
	go s.peer.Read(make([]byte, 10))
	_, err = bufio.NewReader(s.ours).ReadByte()
	var ae *AlertError
	if !errors.As(err, &ae) || !ae.Remote || ae.Alert != AlertBadRecordMAC {
		t.Fatalf("got %v, want remote bad_record_mac", err)
	}
}
