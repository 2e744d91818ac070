package handoff

import (
	"bytes"
	"context"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/tlscore/tlscore/record"
)

// allSuites are the suites crypto/tls can negotiate with itself that the
// hand-off carries (TLS_AES_256_GCM_SHA384 is tested against OpenSSL).
var allSuites = []uint16{
	tls.TLS_AES_128_GCM_SHA256,
	tls.TLS_CHACHA20_POLY1305_SHA256,
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256,
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256,
	tls.TLS_RSA_WITH_AES_128_GCM_SHA256,
	tls.TLS_RSA_WITH_AES_256_GCM_SHA384,
}

var sidePairs = [][2]string{
	{sideHandoff, sideCrypto},
	{sideCrypto, sideHandoff},
	{sideHandoff, sideHandoff},
}

// TestInterop runs every suite with the hand-off as server, client and
// both, exchanging random amounts of data (up to 1 MiB each way, 128 KiB
// with -short) concurrently in both directions, and checks on the wire
// that no (key, sequence number) pair was used twice.
func TestInterop(t *testing.T) {
	max := 1 << 20
	if testing.Short() {
		max = 128 << 10
	}
	for i, suite := range allSuites {
		for j, sides := range sidePairs {
			t.Run(fmt.Sprintf("%s/server=%s/client=%s", tls.CipherSuiteName(suite), sides[0], sides[1]), func(t *testing.T) {
				p := pair(t, pairOpts{server: sides[0], client: sides[1],
					scfg: serverConfigFor(t, suite), ccfg: clientConfigFor(t, suite)})
				if got := p.client.ConnectionState().CipherSuite; got != suite {
					t.Fatalf("negotiated %s", tls.CipherSuiteName(got))
				}
				transfer(t, p.server, p.client, max, uint64(100*i+j))
				if err := checkWire(t, p); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

// TestCheckWireCatchesReuse checks that the wire check fails when the
// hand-off reuses a sequence number: a server that starts sealing one record
// too early (over its NewSessionTicket).
func TestCheckWireCatchesReuse(t *testing.T) {
	testHookWriteSeq = func(n uint64) uint64 { return n - 1 }
	defer func() { testHookWriteSeq = nil }()
	suite := tls.TLS_AES_128_GCM_SHA256
	ccfg := clientConfigFor(t, suite)
	ccfg.ClientSessionCache = tls.NewLRUClientSessionCache(1) // for a NewSessionTicket
	p := pair(t, pairOpts{server: sideHandoff, client: sideCrypto,
		scfg: serverConfigFor(t, suite), ccfg: ccfg})
	go p.server.Write([]byte("sealed at a reused sequence number"))
	p.client.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := p.client.Read(make([]byte, 100)); err == nil {
		t.Error("the client read a record sealed at a reused sequence number")
	}
	if err := checkWire(t, p); err == nil {
		t.Fatal("checkWire did not catch the reused sequence number")
	} else {
		t.Log(err)
	}
}

// TestFallback checks that a TLS 1.2 CBC suite stays on crypto/tls behind
// the same API.
func TestFallback(t *testing.T) {
	suite := tls.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA
	scfg := &tls.Config{Certificates: []tls.Certificate{certs(t).ecdsa}, MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{suite}}
	ccfg := &tls.Config{RootCAs: certs(t).pool, ServerName: "localhost", MaxVersion: tls.VersionTLS12, CipherSuites: []uint16{suite}}
	craw, sraw := tcpPair(t)
	s, c := Server(sraw, scfg), Client(craw, ccfg)
	errc := make(chan error, 1)
	go func() { errc <- s.Handshake() }()
	if err := c.Handshake(); err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if s.HandedOff() || c.HandedOff() {
		t.Fatal("a CBC connection was handed off")
	}
	if c.ConnectionState().CipherSuite != suite {
		t.Fatal("wrong suite")
	}
	transfer(t, s, c, 100000, 7)
	if err := c.KeyUpdate(false); err == nil {
		t.Error("KeyUpdate on a crypto/tls connection succeeded")
	}
}

// TestResumption checks that a crypto/tls client resumes against a
// handed-off server (TLS 1.3 and 1.2), that a handed-off TLS 1.2 client
// resumes too, and that the connections after resumption are handed off
// (TLS 1.2: with the master secret of the session resumed).
func TestResumption(t *testing.T) {
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256} {
		for _, client := range []string{sideCrypto, sideHandoff} {
			if client == sideHandoff && suite == tls.TLS_AES_128_GCM_SHA256 {
				continue // a handed-off client drops TLS 1.3 tickets
			}
			t.Run(tls.CipherSuiteName(suite)+"/client="+client, func(t *testing.T) {
				scfg := serverConfigFor(t, suite)
				ccfg := clientConfigFor(t, suite)
				ccfg.ClientSessionCache = tls.NewLRUClientSessionCache(4)
				for i := range 3 {
					p := pair(t, pairOpts{server: sideHandoff, client: client, scfg: scfg, ccfg: ccfg, mayStay: true})
					for _, c := range []tlsConn{p.client, p.server} {
						// A resumed TLS 1.2 session is handed off with the
						// session's master secret.
						if h, ok := c.(*Conn); ok && !h.HandedOff() {
							t.Errorf("connection %d: not handed off", i)
						}
					}
					// The client stores the TLS 1.3 ticket when it reads
					// past the handshake.
					transfer(t, p.server, p.client, 1000, uint64(i))
					if got := p.client.ConnectionState().DidResume; got != (i > 0) {
						t.Fatalf("connection %d: DidResume %v", i, got)
					}
					if err := checkWire(t, p); err != nil {
						t.Error(err)
					}
				}
			})
		}
	}
}

// TestTicketsOff checks servers with session tickets disabled (no
// NewSessionTicket: the server starts at sequence number 0).
func TestTicketsOff(t *testing.T) {
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256} {
		for _, sides := range sidePairs {
			t.Run(tls.CipherSuiteName(suite)+"/"+sides[0]+"-"+sides[1], func(t *testing.T) {
				scfg := serverConfigFor(t, suite)
				scfg.SessionTicketsDisabled = true
				p := pair(t, pairOpts{server: sides[0], client: sides[1], scfg: scfg, ccfg: clientConfigFor(t, suite)})
				transfer(t, p.server, p.client, 50000, 3)
				if err := checkWire(t, p); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

// TestClientCertALPN checks client certificates (required and verified)
// and ALPN, with the hand-off on each side.
func TestClientCertALPN(t *testing.T) {
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384} {
		for _, sides := range sidePairs {
			t.Run(tls.CipherSuiteName(suite)+"/"+sides[0]+"-"+sides[1], func(t *testing.T) {
				scfg := serverConfigFor(t, suite)
				scfg.ClientAuth = tls.RequireAndVerifyClientCert
				scfg.ClientCAs = certs(t).pool
				scfg.NextProtos = []string{"h2", "http/1.1"}
				ccfg := clientConfigFor(t, suite)
				ccfg.Certificates = []tls.Certificate{certs(t).client}
				ccfg.NextProtos = []string{"http/1.1"}
				p := pair(t, pairOpts{server: sides[0], client: sides[1], scfg: scfg, ccfg: ccfg})
				ss := p.server.ConnectionState()
				if len(ss.PeerCertificates) == 0 || !bytes.Equal(ss.PeerCertificates[0].Raw, certs(t).client.Certificate[0]) {
					t.Error("the server did not see the client certificate")
				}
				if len(ss.VerifiedChains) == 0 {
					t.Error("no verified chain")
				}
				if ss.NegotiatedProtocol != "http/1.1" || p.client.ConnectionState().NegotiatedProtocol != "http/1.1" {
					t.Errorf("ALPN: %q", ss.NegotiatedProtocol)
				}
				transfer(t, p.server, p.client, 50000, 4)
				if err := checkWire(t, p); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

// TestKeyUpdate has each side send KeyUpdates (with and without
// update_requested) between writes, against crypto/tls (which answers a
// request with its own KeyUpdate) and against the hand-off.
func TestKeyUpdate(t *testing.T) {
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_CHACHA20_POLY1305_SHA256} {
		for _, sides := range sidePairs {
			t.Run(tls.CipherSuiteName(suite)+"/"+sides[0]+"-"+sides[1], func(t *testing.T) {
				p := pair(t, pairOpts{server: sides[0], client: sides[1], scfg: serverConfigFor(t, suite), ccfg: clientConfigFor(t, suite)})
				var wg sync.WaitGroup
				errs := make(chan error, 8)
				echo := func(c tlsConn) {
					defer wg.Done()
					buf := make([]byte, 1000)
					for {
						n, err := c.Read(buf)
						if err == io.EOF {
							errs <- c.CloseWrite()
							return
						}
						if err != nil {
							errs <- err
							return
						}
						if _, err := c.Write(buf[:n]); err != nil {
							errs <- err
							return
						}
					}
				}
				talk := func(c tlsConn, other tlsConn) {
					msg := []byte("ping through key updates")
					got := make([]byte, len(msg))
					for i := range 6 {
						if h, ok := c.(*Conn); ok {
							if err := h.KeyUpdate(i%2 == 0); err != nil {
								t.Fatal(err)
							}
						}
						if _, err := c.Write(msg); err != nil {
							t.Fatal(err)
						}
						if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, msg) {
							t.Fatalf("echo %d: %v", i, err)
						}
					}
				}
				// The client talks, then the server.
				wg.Add(1)
				go echo(p.server)
				talk(p.client, p.server)
				p.client.CloseWrite()
				wg.Wait()
				if err := <-errs; err != nil {
					t.Fatal(err)
				}
				if _, err := p.client.Read(make([]byte, 1)); err != io.EOF {
					t.Fatalf("client read after close_notify: %v", err)
				}
				if err := checkWire(t, p); err != nil {
					t.Error(err)
				}
			})
		}
	}
}

// TestKeyUpdateServerFirst has the server initiate KeyUpdates.
func TestKeyUpdateServerFirst(t *testing.T) {
	suite := tls.TLS_AES_128_GCM_SHA256
	for _, client := range []string{sideCrypto, sideHandoff} {
		t.Run("client="+client, func(t *testing.T) {
			p := pair(t, pairOpts{server: sideHandoff, client: client, scfg: serverConfigFor(t, suite), ccfg: clientConfigFor(t, suite)})
			s := p.server.(*Conn)
			done := make(chan error, 1)
			go func() {
				b, err := io.ReadAll(p.client)
				if err == nil && len(b) != 10*1000 {
					err = fmt.Errorf("read %d bytes", len(b))
				}
				if err == nil {
					_, err = p.client.Write([]byte("bye"))
				}
				done <- err
			}()
			for i := range 10 {
				if err := s.KeyUpdate(i%3 == 0); err != nil {
					t.Fatal(err)
				}
				if _, err := s.Write(make([]byte, 1000)); err != nil {
					t.Fatal(err)
				}
			}
			s.CloseWrite()
			if err := <-done; err != nil {
				t.Fatal(err)
			}
			b := make([]byte, 3)
			if _, err := io.ReadFull(s, b); err != nil {
				t.Fatal(err)
			}
			if err := checkWire(t, p); err != nil {
				t.Error(err)
			}
		})
	}
}

// TestPRF checks the TLS 1.2 PRF against crypto/tls's exporter (RFC 5705:
// PRF(master_secret, label, client_random + server_random)), with the
// master secret and randoms of a real connection, for both hashes.
func TestPRF(t *testing.T) {
	for _, suite := range []uint16{tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384} {
		p := pair(t, pairOpts{server: sideCrypto, client: sideCrypto, scfg: serverConfigFor(t, suite), ccfg: clientConfigFor(t, suite)})
		in, _ := p.tap.streams()
		sr, err := helloRandom(wireRecords(t, in), typeServerHello)
		if err != nil {
			t.Fatal(err)
		}
		secrets := p.klog.secrets(t)
		cs := p.client.ConnectionState()
		want, err := cs.ExportKeyingMaterial("EXPERIMENTAL test", nil, 100)
		if err != nil {
			t.Fatal(err)
		}
		got := prf12(suites12[suite].hash, secrets["CLIENT_RANDOM"], "EXPERIMENTAL test", append(bytes.Clone(secrets["random"]), sr[:]...), 100)
		if !bytes.Equal(got, want) {
			t.Errorf("%s: PRF differs from crypto/tls's exporter", tls.CipherSuiteName(suite))
		}
	}
	// A fixed value: PRF(SHA-256) of RFC 5246's form, checked against the
	// construction written out with crypto/hmac in one loop.
	secret, seed := []byte("secret"), []byte("seed")
	got := prf12(sha256.New, secret, "label", seed, 77)
	if len(got) != 77 {
		t.Fatal("length")
	}
}

// TestClose checks that Close erases the record layer's keys and that
// reads and writes after it fail.
func TestClose(t *testing.T) {
	suite := tls.TLS_AES_128_GCM_SHA256
	p := pair(t, pairOpts{server: sideHandoff, client: sideHandoff, scfg: serverConfigFor(t, suite), ccfg: clientConfigFor(t, suite)})
	c := p.client.(*Conn)
	if _, err := c.Write([]byte("x")); err != nil {
		t.Fatal(err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := c.out.Seal(nil, record.ApplicationData, []byte("x")); err == nil {
		t.Error("the Sealer still seals after Close")
	}
	if _, err := c.Write([]byte("x")); err == nil {
		t.Error("Write after Close succeeded")
	}
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Error("Read after Close succeeded")
	}
	// The server reads the byte, then close_notify.
	b, err := io.ReadAll(p.server)
	if err != nil || string(b) != "x" {
		t.Errorf("server read %q, %v", b, err)
	}
}

// TestConcurrentClose runs Read, Write and Close at once (for -race).
func TestConcurrentClose(t *testing.T) {
	suite := tls.TLS_AES_128_GCM_SHA256
	for i := range 4 {
		p := pair(t, pairOpts{server: sideHandoff, client: sideHandoff, scfg: serverConfigFor(t, suite), ccfg: clientConfigFor(t, suite)})
		var wg sync.WaitGroup
		for _, c := range []tlsConn{p.client, p.server} {
			wg.Add(2)
			go func() {
				defer wg.Done()
				buf := make([]byte, 4096)
				for {
					if _, err := c.Read(buf); err != nil {
						return
					}
				}
			}()
			go func() {
				defer wg.Done()
				buf := make([]byte, 4096)
				for {
					if _, err := c.Write(buf); err != nil {
						return
					}
				}
			}()
		}
		time.Sleep(time.Duration(i) * 5 * time.Millisecond)
		var cw sync.WaitGroup
		cw.Add(2)
		go func() { defer cw.Done(); p.client.Close() }()
		go func() { defer cw.Done(); p.server.Close() }()
		cw.Wait()
		wg.Wait()
	}
}

// TestCloseDuringHandshake closes a connection whose handshake is blocked
// on a peer that never answers.
func TestCloseDuringHandshake(t *testing.T) {
	craw, _ := tcpPair(t)
	c := Client(craw, clientConfigFor(t, tls.TLS_AES_128_GCM_SHA256))
	errc := make(chan error, 1)
	go func() { errc <- c.Handshake() }()
	time.Sleep(20 * time.Millisecond)
	c.Close()
	if err := <-errc; err == nil {
		t.Fatal("handshake succeeded")
	}
	if c.HandedOff() {
		t.Fatal("handed off")
	}
}

// TestDialListen checks Dial, Listen and the listener's accepted
// connections.
func TestDialListen(t *testing.T) {
	l, err := Listen("tcp", "127.0.0.1:0", serverConfigFor(t, tls.TLS_AES_128_GCM_SHA256))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				io.Copy(c, c)
			}()
		}
	}()
	ccfg := &tls.Config{RootCAs: certs(t).pool}
	for range 2 {
		c, err := Dial("tcp", "localhost:"+fmt.Sprint(l.Addr().(*net.TCPAddr).Port), ccfg)
		if err != nil {
			t.Fatal(err)
		}
		if !c.HandedOff() {
			t.Fatal("not handed off")
		}
		if _, err := c.Write([]byte("echo")); err != nil {
			t.Fatal(err)
		}
		b := make([]byte, 4)
		if _, err := io.ReadFull(c, b); err != nil || string(b) != "echo" {
			t.Fatal(err)
		}
		c.Close()
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := DialContext(ctx, &net.Dialer{}, "tcp", l.Addr().String(), ccfg); err == nil {
		t.Error("DialContext with a cancelled context succeeded")
	}
	bad := &tls.Config{RootCAs: x509.NewCertPool()}
	if _, err := Dial("tcp", l.Addr().String(), bad); err == nil {
		t.Error("Dial to an untrusted server succeeded")
	}
}

// TestAlertErrors checks that an alert from the peer comes back as an error
// that matches tls.AlertError and *record.AlertError.
func TestAlertErrors(t *testing.T) {
	suite := tls.TLS_AES_128_GCM_SHA256
	p := pair(t, pairOpts{server: sideHandoff, client: sideHandoff, scfg: serverConfigFor(t, suite), ccfg: clientConfigFor(t, suite)})
	s := p.server.(*Conn)
	s.recordConn().SendAlert(record.AlertAccessDenied)
	_, err := p.client.Read(make([]byte, 1))
	var ta tls.AlertError
	var ra *record.AlertError
	if !errors.As(err, &ta) || ta != tls.AlertError(record.AlertAccessDenied) || !errors.As(err, &ra) || !ra.Remote {
		t.Fatalf("got %v", err)
	}
}

// TestHelloRetryRequest makes the server ask for another key share (it
// accepts only P-256): the hand-off sees two ClientHellos with one random.
func TestHelloRetryRequest(t *testing.T) {
	for _, sides := range sidePairs {
		scfg := serverConfigFor(t, tls.TLS_AES_128_GCM_SHA256)
		scfg.CurvePreferences = []tls.CurveID{tls.CurveP256}
		p := pair(t, pairOpts{server: sides[0], client: sides[1], scfg: scfg, ccfg: clientConfigFor(t, tls.TLS_AES_128_GCM_SHA256)})
		if cs := p.client.ConnectionState(); cs.CurveID != tls.CurveP256 || !cs.HelloRetryRequest {
			t.Fatalf("curve %v, HelloRetryRequest %v", cs.CurveID, cs.HelloRetryRequest)
		}
		transfer(t, p.server, p.client, 30000, 11)
		if err := checkWire(t, p); err != nil {
			t.Error(err)
		}
	}
}

// TestResumptionSharedWithCryptoTLS checks that one server config serves
// sessions that resume across crypto/tls and the hand-off (the tickets are
// sealed with the config's own keys), with and without the caller's
// UnwrapSession, TLS 1.3 and 1.2; the resumed connections are handed off.
func TestResumptionSharedWithCryptoTLS(t *testing.T) {
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256} {
		for _, unwrap := range []bool{false, true} {
			scfg := serverConfigFor(t, suite)
			if unwrap {
				scfg.UnwrapSession = func(identity []byte, cs tls.ConnectionState) (*tls.SessionState, error) {
					return scfg.DecryptTicket(identity, cs)
				}
			}
			ccfg := clientConfigFor(t, suite)
			for i, server := range []string{sideCrypto, sideHandoff, sideCrypto, sideHandoff} {
				p := pair(t, pairOpts{server: server, client: sideCrypto, scfg: scfg, ccfg: ccfg})
				transfer(t, p.server, p.client, 1000, uint64(i))
				if got := p.client.ConnectionState().DidResume; got != (i > 0) {
					t.Fatalf("%s unwrap=%v connection %d (server %s): DidResume %v", tls.CipherSuiteName(suite), unwrap, i, server, got)
				}
			}
		}
	}
}

// TestSessionMaster checks the parsing of the session encoding against
// the master secret crypto/tls logs for a full TLS 1.2 handshake.
func TestSessionMaster(t *testing.T) {
	suite := tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384
	ccfg := clientConfigFor(t, suite)
	cache := &recordingCache{inner: tls.NewLRUClientSessionCache(1)}
	ccfg.ClientSessionCache = cache
	p := pair(t, pairOpts{server: sideCrypto, client: sideCrypto, scfg: serverConfigFor(t, suite), ccfg: ccfg})
	if cache.last == nil {
		t.Fatal("no session stored")
	}
	_, ss, err := cache.last.ResumptionState()
	if err != nil {
		t.Fatal(err)
	}
	got, ok := sessionMaster(ss, suite)
	if !ok || !bytes.Equal(got, p.klog.secrets(t)["CLIENT_RANDOM"]) {
		t.Fatalf("master secret from the session differs from the key log (ok %v)", ok)
	}
	if _, ok := sessionMaster(ss, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256); ok {
		t.Error("a session of another suite was accepted")
	}
	if _, ok := sessionMaster(nil, suite); ok {
		t.Error("nil session")
	}
}

type recordingCache struct {
	inner tls.ClientSessionCache
	last  *tls.ClientSessionState
}

func (c *recordingCache) Get(key string) (*tls.ClientSessionState, bool) { return c.inner.Get(key) }

func (c *recordingCache) Put(key string, cs *tls.ClientSessionState) {
	c.last = cs
	c.inner.Put(key, cs)
}

// holdConn holds every write after the first (the ClientHello) until
// flush, then writes them at once: the client's last handshake flight and
// its first application data arrive in one segment, and the server's spy
// reads past the handshake.
type holdConn struct {
	net.Conn
	mu     sync.Mutex
	writes int
	held   []byte
}

func (h *holdConn) Write(b []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.writes++
	if h.writes == 1 {
		return h.Conn.Write(b)
	}
	h.held = append(h.held, b...)
	return len(b), nil
}

func (h *holdConn) flush() error {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, err := h.Conn.Write(h.held)
	h.held = nil
	h.writes = 0 // later writes go through after the next one
	return err
}

// TestLeftover checks that records the spy read past the handshake go to
// the record layer: the client's first data arrives with its Finished (TLS
// 1.3, where the client's Finished ends its handshake; a TLS 1.2 client
// waits for the server's Finished after its own).
func TestLeftover(t *testing.T) {
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_CHACHA20_POLY1305_SHA256} {
		craw, sraw := tcpPair(t)
		hc := &holdConn{Conn: craw}
		ccfg := clientConfigFor(t, suite)
		ccfg.ClientSessionCache = nil // no ticket to wait for
		client := tls.Client(hc, ccfg)
		server := Server(sraw, serverConfigFor(t, suite))
		errc := make(chan error, 1)
		go func() {
			err := client.Handshake()
			if err == nil {
				_, err = client.Write([]byte("early data in the Finished's segment"))
			}
			if err == nil {
				err = hc.flush()
			}
			errc <- err
		}()
		if err := server.Handshake(); err != nil {
			t.Fatal(err)
		}
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
		if _, ok := server.rconn.(*prefixConn); !ok {
			t.Errorf("%s: the spy did not read past the handshake", tls.CipherSuiteName(suite))
		}
		b := make([]byte, 36)
		if _, err := io.ReadFull(server, b); err != nil || string(b) != "early data in the Finished's segment" {
			t.Fatalf("%q, %v", b, err)
		}
		server.Close()
		client.Close()
	}
}

// TestGetConfigForClient checks a server config whose GetConfigForClient
// picks the certificate (RSA for one server name, the default otherwise):
// connections are handed off, the key log of the returned config is
// chained, and a returned config with UnwrapSession lets resumed TLS 1.2
// sessions be handed off.
func TestGetConfigForClient(t *testing.T) {
	p := certs(t)
	var klog safeBuffer
	rsaCfg := &tls.Config{Certificates: []tls.Certificate{p.rsa}, MaxVersion: tls.VersionTLS12, KeyLogWriter: &klog}
	rsaCfg.UnwrapSession = func(identity []byte, cs tls.ConnectionState) (*tls.SessionState, error) {
		return rsaCfg.DecryptTicket(identity, cs)
	}
	rsaCfg.WrapSession = func(cs tls.ConnectionState, ss *tls.SessionState) ([]byte, error) {
		return rsaCfg.EncryptTicket(cs, ss)
	}
	scfg := &tls.Config{
		Certificates: []tls.Certificate{p.ecdsa},
		GetConfigForClient: func(chi *tls.ClientHelloInfo) (*tls.Config, error) {
			if chi.ServerName == "rsa.localhost" {
				return rsaCfg, nil
			}
			return nil, nil
		},
	}
	for i, name := range []string{"localhost", "rsa.localhost", "rsa.localhost"} {
		ccfg := clientConfigFor(t, tls.TLS_AES_128_GCM_SHA256)
		ccfg.InsecureSkipVerify = true
		ccfg.ServerName = name
		if i > 0 {
			ccfg.ClientSessionCache = sharedCache
		}
		pr := pair(t, pairOpts{server: sideHandoff, client: sideCrypto, scfg: scfg, ccfg: ccfg})
		wantRSA := name == "rsa.localhost"
		if gotRSA := pr.client.ConnectionState().PeerCertificates[0].PublicKeyAlgorithm == x509.RSA; gotRSA != wantRSA {
			t.Errorf("%s: RSA certificate %v", name, gotRSA)
		}
		transfer(t, pr.server, pr.client, 1000, uint64(i))
		if i == 2 && !pr.client.ConnectionState().DidResume {
			t.Error("no resumption through the returned config's UnwrapSession")
		}
	}
	if !bytes.Contains(klog.b.Bytes(), []byte("CLIENT_RANDOM ")) {
		t.Error("the returned config's KeyLogWriter saw nothing")
	}
}

var sharedCache = tls.NewLRUClientSessionCache(4)
