package handoff

import (
	"bytes"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
)

// spyConn is the net.Conn crypto/tls runs its handshake on. While the
// handshake runs, each Read returns at most the rest of the current TLS
// record (its header first, then its body), so crypto/tls never holds a
// byte past the record it asked for: when the handshake ends, everything
// after the last handshake record is either still in the kernel or in the
// spy's own read buffer (one read from the connection may bring several
// records), which the record layer reads first (leftover). It keeps a copy
// of every record crypto/tls read and wrote,
// which the hand-off scans to find the randoms and to count the records
// protected under the application traffic keys. It also receives the
// connection's secrets, through the KeyLogWriter of the connection's own
// tls.Config.
//
// After the handshake it passes reads and writes straight through (a
// connection that stays on crypto/tls), or is not used any more (a
// connection handed off).
type spyConn struct {
	net.Conn

	passthrough atomic.Bool

	// Reads and writes happen on crypto/tls's handshake goroutine, but a
	// Close racing with it may read the state: each side has its own lock.
	rmu sync.Mutex
	rd  recorder
	// rbuf[r0:r1] holds bytes read from the connection that crypto/tls has
	// not taken; rerr is an error that came with bytes, returned once they
	// are taken. buffered is set while rbuf holds bytes.
	rbuf     []byte
	r0, r1   int
	rerr     error
	buffered atomic.Bool
	wmu      sync.Mutex
	wr       recorder

	kmu     sync.Mutex
	secrets map[string]keyLogEntry
	kerr    error // a key log line that did not parse, or a label seen twice with different values
	// session is the session crypto/tls resumed (server: the ticket it
	// decrypted; client: the last session the cache gave it), for the
	// TLS 1.2 master secret, which crypto/tls does not log on resumption.
	session *tls.SessionState
}

// setSession records a session crypto/tls may resume.
func (s *spyConn) setSession(ss *tls.SessionState) {
	s.kmu.Lock()
	s.session = ss
	s.kmu.Unlock()
}

// takeSession returns the session recorded, and forgets it.
func (s *spyConn) takeSession() *tls.SessionState {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	ss := s.session
	s.session = nil
	return ss
}

// sessionMaster returns the TLS 1.2 master secret of a session, from its
// encoding (SessionState.Bytes: version, type, cipher_suite, created_at,
// secret<1..255>, ...; crypto/tls's ticket.go), checking the version and
// suite.
func sessionMaster(ss *tls.SessionState, suite uint16) ([]byte, bool) {
	if ss == nil {
		return nil, false
	}
	b, err := ss.Bytes()
	if err != nil {
		return nil, false
	}
	defer clear(b)
	if len(b) < 14 || b[0] != 3 || b[1] != 3 || b[3] != byte(suite>>8) || b[4] != byte(suite) {
		return nil, false
	}
	n := int(b[13])
	if n != 48 || len(b) < 14+n {
		return nil, false
	}
	return bytes.Clone(b[14 : 14+n]), true
}

// sessionCache is a per-connection wrapper of a client's
// ClientSessionCache: it tells the hand-off which session crypto/tls took
// from the cache.
type sessionCache struct {
	inner tls.ClientSessionCache
	spy   *spyConn
}

func (c *sessionCache) Get(key string) (*tls.ClientSessionState, bool) {
	cs, ok := c.inner.Get(key)
	if ok && cs != nil {
		if _, ss, err := cs.ResumptionState(); err == nil {
			c.spy.setSession(ss)
		}
	}
	return cs, ok
}

func (c *sessionCache) Put(key string, cs *tls.ClientSessionState) { c.inner.Put(key, cs) }

// keyLogEntry is one secret crypto/tls logged.
type keyLogEntry struct {
	clientRandom [32]byte
	secret       []byte
}

// maxRecorded bounds the bytes recorded per direction. crypto/tls accepts
// handshake messages up to 256 KiB (a certificate chain) split in records;
// past the bound the hand-off refuses the connection.
const maxRecorded = 1 << 20

func newSpyConn(c net.Conn) *spyConn {
	return &spyConn{Conn: c, secrets: make(map[string]keyLogEntry)}
}

// spyReadSize is the spy's read buffer: a ClientHello with a post-quantum
// key share, or a server's flight with a certificate or two, in one read.
const spyReadSize = 8 << 10

// Read returns at most the rest of the current record while the handshake
// runs; after it, what is left in the buffer and then the connection.
func (s *spyConn) Read(b []byte) (int, error) {
	if s.passthrough.Load() && !s.buffered.Load() {
		return s.Conn.Read(b)
	}
	s.rmu.Lock()
	defer s.rmu.Unlock()
	if len(b) == 0 {
		return 0, nil
	}
	if s.r0 == s.r1 {
		if err := s.rerr; err != nil {
			s.rerr = nil
			return 0, err
		}
		if s.passthrough.Load() {
			s.buffered.Store(false)
			return s.Conn.Read(b)
		}
		if s.rbuf == nil {
			s.rbuf = make([]byte, spyReadSize)
		}
		n, err := s.Conn.Read(s.rbuf)
		if n == 0 {
			return 0, err
		}
		s.r0, s.r1, s.rerr = 0, n, err
		s.buffered.Store(true)
	}
	k := min(len(b), s.r1-s.r0)
	if !s.passthrough.Load() {
		k = min(k, s.rd.want())
		s.rd.feed(s.rbuf[s.r0 : s.r0+k])
	}
	copy(b, s.rbuf[s.r0:s.r0+k])
	s.r0 += k
	return k, nil
}

// takeLeftover returns what the spy read past the handshake (and an error
// that came with it), for the record layer to read first; the spy keeps
// nothing.
func (s *spyConn) takeLeftover() ([]byte, error) {
	s.rmu.Lock()
	defer s.rmu.Unlock()
	left, err := bytes.Clone(s.rbuf[s.r0:s.r1]), s.rerr
	s.rbuf, s.r0, s.r1, s.rerr = nil, 0, 0, nil
	s.buffered.Store(false)
	return left, err
}

// prefixConn is a connection whose first reads return pre (then err, if
// any), and then read the connection: the record layer's connection after
// a hand-off whose spy had read past the handshake.
type prefixConn struct {
	net.Conn
	pre []byte
	err error
}

func (c *prefixConn) Read(b []byte) (int, error) {
	if len(c.pre) > 0 {
		n := copy(b, c.pre)
		c.pre = c.pre[n:]
		return n, nil
	}
	if err := c.err; err != nil {
		c.err = nil
		return 0, err
	}
	return c.Conn.Read(b)
}

// CloseWrite shuts down writing on the connection, if it can.
func (c *prefixConn) CloseWrite() error {
	if cw, ok := c.Conn.(interface{ CloseWrite() error }); ok {
		return cw.CloseWrite()
	}
	return nil
}

// Write records the records crypto/tls writes and writes them.
func (s *spyConn) Write(b []byte) (int, error) {
	if s.passthrough.Load() {
		return s.Conn.Write(b)
	}
	s.wmu.Lock()
	s.wr.feed(b)
	s.wmu.Unlock()
	return s.Conn.Write(b)
}

// stop ends recording: reads and writes pass through from now on. It
// returns what was recorded in each direction, and whether both streams
// end at a record boundary.
func (s *spyConn) stop() (read, written *recorder, aligned bool) {
	s.rmu.Lock()
	s.wmu.Lock()
	s.passthrough.Store(true)
	rd, wr := s.rd, s.wr
	s.rd, s.wr = recorder{}, recorder{}
	s.wmu.Unlock()
	s.rmu.Unlock()
	return &rd, &wr, rd.aligned() && wr.aligned()
}

// A rec is one record as it was on the wire, header included.
type rec []byte

func (r rec) typ() byte { return r[0] }

func (r rec) body() []byte { return r[5:] }

// A recorder splits one direction of the stream into records and keeps a
// copy of each.
type recorder struct {
	hdr    [5]byte
	hdrN   int
	remain int // body bytes of the current record still to come
	cur    []byte
	recs   []rec
	total  int
	over   bool // more than maxRecorded bytes: the copies are incomplete
}

// want returns how many bytes a read may ask for: the rest of the header or
// the rest of the body of the current record.
func (r *recorder) want() int {
	if r.hdrN < 5 {
		return 5 - r.hdrN
	}
	return r.remain
}

// aligned reports whether the stream ends between two records.
func (r *recorder) aligned() bool { return r.hdrN == 0 && r.remain == 0 }

// feed records p, the next bytes of the stream.
func (r *recorder) feed(p []byte) {
	for len(p) > 0 {
		if r.hdrN < 5 {
			k := copy(r.hdr[r.hdrN:], p)
			r.hdrN += k
			p = p[k:]
			if r.hdrN < 5 {
				return
			}
			r.remain = int(r.hdr[3])<<8 | int(r.hdr[4])
			r.total += 5 + r.remain
			if r.total > maxRecorded {
				r.over = true
			}
			if !r.over {
				r.cur = make([]byte, 5, 5+r.remain)
				copy(r.cur, r.hdr[:])
			}
		} else {
			k := min(r.remain, len(p))
			if !r.over {
				r.cur = append(r.cur, p[:k]...)
			}
			r.remain -= k
			p = p[k:]
		}
		if r.hdrN == 5 && r.remain == 0 {
			if !r.over {
				r.recs = append(r.recs, rec(r.cur))
			}
			r.cur = nil
			r.hdrN = 0
		}
	}
}

// keyLogWriter returns the KeyLogWriter of this connection's tls.Config: it
// keeps the secrets and passes each line on to next, the caller's own
// KeyLogWriter, if any.
func (s *spyConn) keyLogWriter(next io.Writer) io.Writer {
	return &keyLog{s: s, next: next}
}

type keyLog struct {
	s    *spyConn
	next io.Writer
}

var errKeyLog = errors.New("handoff: crypto/tls logged a key log line that does not parse, or two values for one secret")

// Write takes one line in the NSS key log format
// (label SP client_random_hex SP secret_hex LF), as crypto/tls writes them.
func (k *keyLog) Write(line []byte) (int, error) {
	k.s.record(line)
	if k.next != nil {
		return k.next.Write(line)
	}
	return len(line), nil
}

func (s *spyConn) record(line []byte) {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	if s.secrets == nil {
		return // taken: the handshake is over
	}
	fields := bytes.Fields(line)
	var e keyLogEntry
	if len(fields) != 3 || hex.DecodedLen(len(fields[1])) != 32 || hex.DecodedLen(len(fields[2])) > 64 {
		s.kerr = errKeyLog
		return
	}
	if _, err := hex.Decode(e.clientRandom[:], fields[1]); err != nil {
		s.kerr = errKeyLog
		return
	}
	e.secret = make([]byte, hex.DecodedLen(len(fields[2])))
	if _, err := hex.Decode(e.secret, fields[2]); err != nil {
		s.kerr = errKeyLog
		return
	}
	label := string(fields[0])
	if old, ok := s.secrets[label]; ok {
		if old.clientRandom != e.clientRandom || !bytes.Equal(old.secret, e.secret) {
			s.kerr = errKeyLog
		}
		clear(e.secret)
		return
	}
	s.secrets[label] = e
}

// takeSecrets returns the secrets logged so far and forgets them.
func (s *spyConn) takeSecrets() (map[string]keyLogEntry, error) {
	s.kmu.Lock()
	defer s.kmu.Unlock()
	m, err := s.secrets, s.kerr
	s.secrets = nil
	return m, err
}

// wipeSecrets zeroes secrets the hand-off did not use.
func wipeSecrets(m map[string]keyLogEntry) {
	for _, e := range m {
		clear(e.secret)
	}
}
