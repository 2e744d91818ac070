// Package handoff lets crypto/tls run the TLS handshake and tlscore's record
// layer (package record) carry the records after it, behind the same API
// as crypto/tls: Server, Client, Dial, Listen, NewListener, and a *Conn
// with the methods of a *tls.Conn.
//
// crypto/tls keeps everything the handshake does: certificate checks,
// ALPN, session resumption on the server, post-quantum key exchange, client
// certificates, the configuration's callbacks. When the handshake is done
// the connection is handed off: the records after it are sealed and opened
// by package record (AES-GCM and ChaCha20-Poly1305 from package aead/).
// TLS 1.3 with any of its three suites and TLS 1.2 with an AEAD suite
// (AES-GCM, ChaCha20-Poly1305) are handed off; a connection that negotiates
// anything else (a TLS 1.2 CBC suite, TLS 1.0, or one that accepted
// Encrypted Client Hello) stays on crypto/tls's own Conn, behind the same
// API, and [Conn.HandedOff] reports false. A resumed TLS 1.2 session, whose
// master secret crypto/tls does not log, is handed off with the master
// secret of the session crypto/tls resumed (the server sees it pass through
// UnwrapSession, the client through its ClientSessionCache), or stays on
// crypto/tls where that is not possible (a config returned by the caller's
// GetConfigForClient without UnwrapSession).
//
// # How the hand-off works
//
// crypto/tls runs on a wrapper of the connection that returns at most the
// rest of the current record from each Read, so crypto/tls never reads past
// the last record of the handshake: what follows (in the kernel, or in the
// wrapper's read buffer) is the record layer's to read. The wrapper keeps a
// copy of every record crypto/tls read and wrote during the handshake.
//
// The traffic secrets come from crypto/tls itself, through the
// KeyLogWriter of a per-connection clone of the caller's tls.Config
// (chained to the caller's own KeyLogWriter, if it has one). TLS 1.2 keys
// are derived from the master secret (logged, or for a resumed session the
// session's) and both randoms (read from the recorded ClientHello and
// ServerHello) with the TLS 1.2 PRF.
//
// Sequence numbers are never assumed: the hand-off opens the recorded
// records that were protected under the application traffic keys (a TLS
// 1.3 server's NewSessionTicket messages, the TLS 1.2 Finished messages)
// and continues each direction after the last of them. If anything does not
// add up (a record that should open does not, an unexpected message, a
// stream that does not end at a record boundary, a secret missing or logged
// twice with two values), the connection is closed and the handshake
// returns an error: a key and sequence number crypto/tls used is never used
// again. (Only a resumed TLS 1.2 session whose Finished messages do not open
// under the session's master secret stays on crypto/tls instead: that
// secret did not come from crypto/tls's key log, and nothing was sealed
// with it.)
//
// # After the hand-off
//
// Application data, TLS 1.3 KeyUpdate in both directions ([Conn.KeyUpdate];
// a peer's KeyUpdate is answered as RFC 8446 requires), close_notify
// (Read returns io.EOF) and alerts (errors that match both
// *record.AlertError and tls.AlertError with errors.As) work as on a
// *tls.Conn. A handed-off client reads and drops the NewSessionTicket
// messages a TLS 1.3 server sends after the handshake: it does not resume
// TLS 1.3 sessions (TLS 1.2 tickets, which arrive within the handshake, are
// stored in the ClientSessionCache by crypto/tls as usual). A server resumes
// sessions as crypto/tls does, within the handshake. TLS 1.2 renegotiation
// is refused with a no_renegotiation alert, and TLS 1.3 post-handshake
// messages other than KeyUpdate (and NewSessionTicket to a client) end the
// connection with unexpected_message.
//
// # Secrets
//
// The secrets never leave the process (unless the caller's own
// KeyLogWriter takes them) and are erased when the connection closes: the
// traffic secrets, IVs and nonces the record layer holds, and every copy the
// hand-off made. crypto/tls's own copies (and the expanded AEAD keys) offer
// no way to erase them; they are released with the Conn.
//
// # Session tickets
//
// The server side installs its own GetConfigForClient on a clone of the
// caller's tls.Config, made once per configuration. Tickets are sealed and
// opened with the caller's configuration's keys (through WrapSession and
// UnwrapSession calling its EncryptTicket and DecryptTicket, unless the
// caller set those hooks), so sessions resume across connections served by
// the hand-off and by crypto/tls with the same configuration.
package handoff

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/tlscore/tlscore/record"
)

// Conn is a TLS connection: crypto/tls runs its handshake, and, for the
// versions and suites package record supports, tlscore's record layer
// carries the records after it. It implements net.Conn. One goroutine may
// read while another writes, and Close may be called from any goroutine.
type Conn struct {
	raw      net.Conn
	spy      *spyConn
	tc       *tls.Conn
	isClient bool

	hsMu   sync.Mutex
	hsDone atomic.Bool // set after hsErr, state, rc, in, out
	hsErr  error
	state  tls.ConnectionState
	in     *record.Opener // nil if the connection stays on tc
	out    *record.Sealer
	rconn  net.Conn // what the record layer reads: raw, after what the spy read past the handshake
	rcOnce sync.Once
	rc     *record.Conn // made by recordConn on first use
	closed atomic.Bool

	rmu     sync.Mutex
	pend    []byte // application data of the last record not yet returned
	useless int    // records in a row without application data
	ms      msgScanner
	rerr    error

	wmu sync.Mutex
}

// maxUseless bounds the records in a row without application data (dropped
// NewSessionTickets, empty records) that Read accepts.
const maxUseless = 64

// Server returns a new TLS server side connection using conn as the
// underlying transport, like tls.Server. The configuration must be non-nil
// and must include at least one certificate or set GetCertificate (or
// GetConfigForClient). config must not be modified after the call.
func Server(conn net.Conn, config *tls.Config) *Conn {
	return newServer(conn, serverConfig(config))
}

func newServer(conn net.Conn, cfg *tls.Config) *Conn {
	spy := newSpyConn(conn)
	return &Conn{raw: conn, spy: spy, tc: tls.Server(spy, cfg)}
}

// Client returns a new TLS client side connection using conn as the
// underlying transport, like tls.Client. The config cannot be nil: users
// must set either ServerName or InsecureSkipVerify in the config.
func Client(conn net.Conn, config *tls.Config) *Conn {
	if config == nil {
		panic("handoff: Client with a nil config")
	}
	spy := newSpyConn(conn)
	cfg := config.Clone()
	cfg.KeyLogWriter = spy.keyLogWriter(config.KeyLogWriter)
	if config.ClientSessionCache != nil {
		cfg.ClientSessionCache = &sessionCache{inner: config.ClientSessionCache, spy: spy}
	}
	return &Conn{raw: conn, spy: spy, tc: tls.Client(spy, cfg), isClient: true}
}

// Dial connects to the given network address and then initiates a TLS
// handshake, returning the resulting connection, like tls.Dial. If
// config.ServerName is empty, it is taken from addr.
func Dial(network, addr string, config *tls.Config) (*Conn, error) {
	return DialContext(context.Background(), &net.Dialer{}, network, addr, config)
}

// DialContext is Dial with a context and a dialer. The context bounds the
// connection and the handshake.
func DialContext(ctx context.Context, d *net.Dialer, network, addr string, config *tls.Config) (*Conn, error) {
	if config == nil {
		config = &tls.Config{}
	}
	if config.ServerName == "" {
		host, _, err := net.SplitHostPort(addr)
		if err != nil {
			host = addr
		}
		config = config.Clone()
		config.ServerName = host
	}
	raw, err := d.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	c := Client(raw, config)
	if err := c.HandshakeContext(ctx); err != nil {
		raw.Close()
		return nil, err
	}
	return c, nil
}

// Handshake runs the handshake if it has not run yet, and hands the
// connection off. Read and Write call it; most uses need not.
func (c *Conn) Handshake() error { return c.HandshakeContext(context.Background()) }

// HandshakeContext runs the handshake like Handshake; the context bounds
// it, as for tls.Conn.HandshakeContext.
func (c *Conn) HandshakeContext(ctx context.Context) error {
	if c.hsDone.Load() {
		return c.hsErr
	}
	c.hsMu.Lock()
	defer c.hsMu.Unlock()
	if c.hsDone.Load() {
		return c.hsErr
	}
	err := c.tc.HandshakeContext(ctx)
	if err == nil {
		err = c.handoff()
	} else {
		// Drop the recorded records and erase the secrets logged so far
		// (a handshake that failed after its key schedule started).
		c.spy.stop()
		secrets, _ := c.spy.takeSecrets()
		wipeSecrets(secrets)
	}
	if err == nil && c.closed.Load() {
		err = net.ErrClosed
	}
	c.hsErr = err
	c.hsDone.Store(true)
	return err
}

// handoff takes the connection over from crypto/tls after a successful
// handshake, or leaves it there (for what package record does not carry).
func (c *Conn) handoff() error {
	cs := c.tc.ConnectionState()
	c.state = cs
	rd, wr, aligned := c.spy.stop()
	secrets, kerr := c.spy.takeSecrets()
	defer wipeSecrets(secrets)
	session := c.spy.takeSession()

	_, ok12 := suites12[cs.CipherSuite]
	_, ok13 := suites13[cs.CipherSuite]
	resumed12 := false
	switch {
	case cs.ECHAccepted:
		// The key log names the inner ClientHello's random, which the
		// wrapper did not see: stay on crypto/tls.
		return nil
	case cs.Version == tls.VersionTLS12 && ok12 && cs.DidResume && secrets["CLIENT_RANDOM"].secret == nil:
		// crypto/tls does not log the master secret of a resumed TLS 1.2
		// session: take it from the session it resumed, or stay on
		// crypto/tls.
		master, ok := sessionMaster(session, cs.CipherSuite)
		if !ok || kerr != nil {
			return nil
		}
		cr, err := c.clientRandom(rd, wr)
		if err != nil {
			clear(master)
			return nil
		}
		secrets["CLIENT_RANDOM"] = keyLogEntry{clientRandom: cr, secret: master}
		resumed12 = true
	case cs.Version == tls.VersionTLS13 && ok13, cs.Version == tls.VersionTLS12 && ok12:
	default:
		return nil
	}
	var in *record.Opener
	var out *record.Sealer
	err := kerr
	if err == nil && (!aligned || rd.over || wr.over) {
		err = errMismatch
	}
	if err == nil {
		if cs.Version == tls.VersionTLS13 {
			in, out, err = c.keys13(cs.CipherSuite, secrets, rd, wr)
		} else {
			in, out, err = c.keys12(cs.CipherSuite, secrets, rd, wr)
		}
	}
	if err != nil && resumed12 && aligned && !rd.over && !wr.over {
		// The master secret came from the session, not from crypto/tls's
		// key log: if the Finished messages do not open under it, nothing
		// has been sealed with it and crypto/tls carries on.
		return nil
	}
	if err != nil {
		// Fail closed: nothing more goes on this connection, from us or
		// from crypto/tls.
		c.raw.Close()
		return err
	}
	c.in, c.out = in, out
	c.rconn = c.raw
	if left, lerr := c.spy.takeLeftover(); len(left) > 0 || lerr != nil {
		c.rconn = &prefixConn{Conn: c.raw, pre: left, err: lerr}
	}
	return nil
}

// clientRandom returns the ClientHello's random, from the recorded stream
// of the side that sent it.
func (c *Conn) clientRandom(rd, wr *recorder) ([32]byte, error) {
	if c.isClient {
		return helloRandom(wr.recs, typeClientHello)
	}
	return helloRandom(rd.recs, typeClientHello)
}

func (c *Conn) keys13(suite uint16, secrets map[string]keyLogEntry, rd, wr *recorder) (*record.Opener, *record.Sealer, error) {
	cr, err := c.clientRandom(rd, wr)
	if err != nil {
		return nil, nil, err
	}
	client, ok1 := secrets["CLIENT_TRAFFIC_SECRET_0"]
	server, ok2 := secrets["SERVER_TRAFFIC_SECRET_0"]
	hashLen := suites13[suite]
	if !ok1 || !ok2 || client.clientRandom != cr || server.clientRandom != cr ||
		len(client.secret) != hashLen || len(server.secret) != hashLen {
		return nil, nil, errMismatch
	}
	readSecret, writeSecret := server.secret, client.secret
	if !c.isClient {
		readSecret, writeSecret = writeSecret, readSecret
	}
	// The records crypto/tls read are opened with the Opener the
	// connection goes on with: it ends up after the last of them.
	in, err := record.NewOpener13(suite, readSecret)
	if err != nil {
		return nil, nil, err
	}
	if _, err := open13(in, rd.recs); err != nil {
		in.Erase()
		return nil, nil, err
	}
	nw, err := count13(suite, writeSecret, wr.recs)
	if err != nil {
		in.Erase()
		return nil, nil, err
	}
	out, err := record.NewSealer13(suite, writeSecret)
	if err != nil {
		in.Erase()
		return nil, nil, err
	}
	out.SetSeq(writeSeq(nw))
	return in, out, nil
}

func (c *Conn) keys12(suite uint16, secrets map[string]keyLogEntry, rd, wr *recorder) (*record.Opener, *record.Sealer, error) {
	s := suites12[suite]
	cr, err := c.clientRandom(rd, wr)
	if err != nil {
		return nil, nil, err
	}
	serverStream := rd
	if !c.isClient {
		serverStream = wr
	}
	sr, err := helloRandom(serverStream.recs, typeServerHello)
	if err != nil {
		return nil, nil, err
	}
	master, ok := secrets["CLIENT_RANDOM"]
	if !ok || master.clientRandom != cr || len(master.secret) != 48 {
		return nil, nil, errMismatch
	}
	ck, sk, civ, siv := keys12(s, master.secret, cr, sr)
	defer clear(ck[:cap(ck)]) // the key block
	rk, riv, wk, wiv := sk, siv, ck, civ
	if !c.isClient {
		rk, riv, wk, wiv = wk, wiv, rk, riv
	}
	in, err := record.NewOpener12(suite, rk, riv)
	if err != nil {
		return nil, nil, err
	}
	if _, err := open12(in, rd.recs, false); err != nil {
		in.Erase()
		return nil, nil, err
	}
	nw, err := count12(suite, wk, wiv, wr.recs, s.gcm)
	if err != nil {
		in.Erase()
		return nil, nil, err
	}
	out, err := record.NewSealer12(suite, wk, wiv)
	if err != nil {
		in.Erase()
		return nil, nil, err
	}
	out.SetSeq(writeSeq(nw))
	return in, out, nil
}

// testHookWriteSeq, set by a test, changes the write sequence number the
// hand-off starts at, to check that the tests catch a reused one.
var testHookWriteSeq func(n uint64) uint64

func writeSeq(n uint64) uint64 {
	if testHookWriteSeq != nil && n > 0 {
		return testHookWriteSeq(n)
	}
	return n
}

// HandedOff reports whether tlscore's record layer carries the
// connection's records (after a successful handshake), rather than
// crypto/tls.
func (c *Conn) HandedOff() bool { return c.hsDone.Load() && c.in != nil }

// recordConn returns the record.Conn of a handed-off connection, made on
// first use: its buffers (about 100 KiB) are allocated when data first
// flows, as crypto/tls allocates its own, not during the handshake.
func (c *Conn) recordConn() *record.Conn {
	c.rcOnce.Do(func() { c.rc = record.NewConn(c.rconn, c.in, c.out) })
	return c.rc
}

// ConnectionState returns basic TLS details about the connection, as
// crypto/tls reported them at the end of the handshake.
func (c *Conn) ConnectionState() tls.ConnectionState {
	if !c.hsDone.Load() {
		return c.tc.ConnectionState()
	}
	return c.state
}

// Read reads application data, running the handshake first if needed.
func (c *Conn) Read(b []byte) (int, error) {
	if err := c.Handshake(); err != nil {
		return 0, err
	}
	if c.in == nil {
		return c.tc.Read(b)
	}
	rc := c.recordConn()
	c.rmu.Lock()
	defer c.rmu.Unlock()
	if len(b) == 0 {
		return 0, nil
	}
	for len(c.pend) == 0 {
		if c.rerr != nil {
			return 0, c.rerr
		}
		typ, data, err := rc.ReadRecord()
		if err != nil {
			return 0, wrapErr(err)
		}
		switch typ {
		case record.ApplicationData:
			if len(data) > 0 {
				c.pend = data
				c.useless = 0
				continue
			}
		case record.Handshake:
			if err := c.postHandshake(data); err != nil {
				return 0, err
			}
		}
		if c.useless++; c.useless > maxUseless {
			return 0, c.fail(record.AlertUnexpectedMessage, "too many records without application data")
		}
	}
	n := copy(b, c.pend)
	c.pend = c.pend[n:]
	return n, nil
}

// postHandshake handles handshake messages after the handshake (TLS 1.3
// KeyUpdates are handled by record.Conn): a TLS 1.3 client drops
// NewSessionTickets; renegotiation is refused; anything else is
// unexpected.
func (c *Conn) postHandshake(data []byte) error {
	return c.ms.scan(data, func(typ byte) error {
		switch {
		case c.state.Version == tls.VersionTLS13 && c.isClient && typ == typeNewSessionTicket:
			return nil
		case c.state.Version == tls.VersionTLS12 && c.isClient && typ == typeHelloRequest,
			c.state.Version == tls.VersionTLS12 && !c.isClient && typ == typeClientHello:
			return c.fail(record.AlertNoRenegotiation, "renegotiation refused")
		}
		return c.fail(record.AlertUnexpectedMessage, "unexpected post-handshake message")
	})
}

// fail ends reading with an error of ours and sends its alert.
func (c *Conn) fail(a record.AlertDescription, reason string) error {
	c.rerr = wrapErr(&record.AlertError{Alert: a, Reason: "handoff: " + reason})
	c.recordConn().SendAlert(a)
	return c.rerr
}

// alertError is how errors carrying an alert are returned: errors.As finds
// both the *record.AlertError and the tls.AlertError.
type alertError struct{ e *record.AlertError }

func (a alertError) Error() string { return a.e.Error() }

func (a alertError) Unwrap() []error { return []error{a.e, tls.AlertError(a.e.Alert)} }

func wrapErr(err error) error {
	if err == nil {
		return nil // before errors.As, whose target escapes
	}
	var ae *record.AlertError
	if errors.As(err, &ae) {
		return alertError{ae}
	}
	return err
}

// Write writes application data, running the handshake first if needed.
func (c *Conn) Write(b []byte) (int, error) {
	if err := c.Handshake(); err != nil {
		return 0, err
	}
	if c.in == nil {
		return c.tc.Write(b)
	}
	rc := c.recordConn()
	c.wmu.Lock()
	defer c.wmu.Unlock()
	n, err := rc.Write(b)
	return n, wrapErr(err)
}

// KeyUpdate sends a TLS 1.3 KeyUpdate and moves to the next write key; with
// requestPeer the peer is asked to update its own. It returns an error for a
// connection that is not handed off or not TLS 1.3.
func (c *Conn) KeyUpdate(requestPeer bool) error {
	if err := c.Handshake(); err != nil {
		return err
	}
	if c.in == nil {
		return errors.New("handoff: KeyUpdate on a connection that crypto/tls carries")
	}
	rc := c.recordConn()
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return wrapErr(rc.KeyUpdate(requestPeer))
}

// CloseWrite sends close_notify and shuts down writing on the underlying
// connection (if it is a TCP connection); reading goes on.
func (c *Conn) CloseWrite() error {
	if !c.hsDone.Load() || c.hsErr != nil {
		return errors.New("handoff: CloseWrite before the handshake completed")
	}
	if c.in == nil {
		return c.tc.CloseWrite()
	}
	rc := c.recordConn()
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return wrapErr(rc.CloseWrite())
}

// Close sends close_notify (unless a Write is blocked) and closes the
// connection. A handshake, Read or Write in progress returns. The record
// layer's secrets are erased once they have.
func (c *Conn) Close() error {
	if !c.closed.CompareAndSwap(false, true) {
		return net.ErrClosed
	}
	var err error
	if c.hsDone.Load() && c.in != nil {
		err = c.recordConn().Close()
	} else {
		err = c.tc.Close()
		c.raw.Close() // if the hand-off happened after the check above
	}
	// Wait for a running handshake, Read and Write to return (closing the
	// connection ends them), then erase.
	c.hsMu.Lock()
	c.rmu.Lock()
	c.wmu.Lock()
	if c.in != nil {
		c.in.Erase()
		c.out.Erase()
	}
	c.pend = nil
	c.wmu.Unlock()
	c.rmu.Unlock()
	c.hsMu.Unlock()
	return err
}

// NetConn returns the underlying connection. Reading or writing it
// directly corrupts the TLS session.
func (c *Conn) NetConn() net.Conn { return c.raw }

// LocalAddr returns the local network address.
func (c *Conn) LocalAddr() net.Addr { return c.raw.LocalAddr() }

// RemoteAddr returns the remote network address.
func (c *Conn) RemoteAddr() net.Addr { return c.raw.RemoteAddr() }

// SetDeadline sets the read and write deadlines of the connection. A Write
// that times out may have sent part of a record: the Conn can then no
// longer write.
func (c *Conn) SetDeadline(t time.Time) error { return c.raw.SetDeadline(t) }

// SetReadDeadline sets the read deadline of the connection.
func (c *Conn) SetReadDeadline(t time.Time) error { return c.raw.SetReadDeadline(t) }

// SetWriteDeadline sets the write deadline of the connection.
func (c *Conn) SetWriteDeadline(t time.Time) error { return c.raw.SetWriteDeadline(t) }
