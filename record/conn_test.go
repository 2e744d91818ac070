package record

import (
	"bytes"
	"errors"
	"io"
	"net"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/tlscore/tlscore/internal/cryptotest"
)

// connPair returns two Conns talking over loopback TCP (buffered, unlike
// net.Pipe, so that a KeyUpdate answer cannot deadlock the test) with keys k (a->b) and
// k2 (b->a).
func connPair(t *testing.T, ts testSuite) (a, b *Conn) {
	k1, k2 := newTestKeys(t, ts, 1), newTestKeys(t, ts, 2)
	s1, o1 := k1.pair(t)
	s2, o2 := k2.pair(t)
	p, q := tcpPair(t)
	return NewConn(p, o2, s1), NewConn(q, o1, s2)
}

func TestConnTransfer(t *testing.T) {
	for _, ts := range testSuites {
		t.Run(ts.name, func(t *testing.T) {
			a, b := connPair(t, ts)
			msg := payloadOf(200000, 7)
			var wg sync.WaitGroup
			wg.Add(2)
			// Both directions at once, with a reader and a writer on each
			// Conn (run with -race).
			for _, c := range [][2]*Conn{{a, b}, {b, a}} {
				go func() {
					defer wg.Done()
					w, r := c[0], c[1]
					go func() {
						for off := 0; off < len(msg); off += 30000 {
							if _, err := w.Write(msg[off:min(off+30000, len(msg))]); err != nil {
								t.Error(err)
								return
							}
						}
					}()
					got := make([]byte, len(msg))
					if _, err := io.ReadFull(r, got); err != nil {
						t.Error(err)
						return
					}
					if !bytes.Equal(got, msg) {
						t.Error("data differs")
					}
				}()
			}
			wg.Wait()
		})
	}
}

func TestConnKeyUpdate(t *testing.T) {
	for _, ts := range testSuites[:3] {
		t.Run(ts.name, func(t *testing.T) {
			a, b := connPair(t, ts)
			done := make(chan error)
			go func() {
				// b echoes; its reads handle a's KeyUpdates and answer
				// the requests (writing from the reading goroutine).
				buf := make([]byte, 100)
				for {
					n, err := b.Read(buf)
					if err != nil {
						done <- err
						return
					}
					if _, err := b.Write(buf[:n]); err != nil {
						done <- err
						return
					}
				}
			}()
			aIn, bIn := a.in.secret, b.in.secret
			for i := 0; i < 6; i++ {
				if err := a.KeyUpdate(i%2 == 0); err != nil {
					t.Fatal(err)
				}
				if _, err := a.Write([]byte{byte(i)}); err != nil {
					t.Fatal(err)
				}
				var got [1]byte
				if _, err := io.ReadFull(a, got[:]); err != nil || got[0] != byte(i) {
					t.Fatal(err)
				}
			}
			if a.in.secret == aIn || b.in.secret == bIn {
				t.Fatal("KeyUpdates not applied")
			}
			// b updated its Sealer 3 times (on request), a its Opener as many.
			if b.out.secret != a.in.secret {
				t.Fatal("a's Opener and b's Sealer disagree")
			}
			a.Close()
			if err := <-done; err != io.EOF {
				t.Fatalf("b after close_notify: %v", err)
			}
		})
	}
}

// rawPeer gives a test the other end of a Conn, with its own Sealer.
func rawPeer(t *testing.T, ts testSuite) (c *Conn, peer net.Conn, s *Sealer, peerIn *Opener) {
	k1, k2 := newTestKeys(t, ts, 1), newTestKeys(t, ts, 2)
	s1, o1 := k1.pair(t)
	s2, o2 := k2.pair(t)
	p, q := tcpPair(t)
	return NewConn(p, o1, s2), q, s1, o2
}

// expectAlert reads the alert record the Conn sends back to the peer.
func expectAlert(t *testing.T, peer net.Conn, in *Opener, want AlertDescription) {
	t.Helper()
	buf := make([]byte, MaxRecord)
	peer.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(peer, buf[:HeaderLen]); err != nil {
		t.Fatal(err)
	}
	n := int(buf[3])<<8 | int(buf[4])
	if _, err := io.ReadFull(peer, buf[HeaderLen:HeaderLen+n]); err != nil {
		t.Fatal(err)
	}
	typ, data, err := in.Open(buf[:HeaderLen+n])
	if err != nil || typ != Alert || len(data) != 2 || AlertDescription(data[1]) != want {
		t.Fatalf("peer got %v %x %v, want alert %v", typ, data, err, want)
	}
}

func TestConnAlerts(t *testing.T) {
	for _, ts := range []testSuite{testSuites[0], testSuites[3]} {
		t.Run(ts.name, func(t *testing.T) {
			tls12 := ts.version == VersionTLS12
			type step struct {
				name   string
				send   func(s *Sealer) []byte
				want   error // io.EOF, or an *AlertError
				answer AlertDescription
			}
			seal := func(s *Sealer, typ ContentType, p []byte) []byte {
				r, err := s.Seal(nil, typ, p)
				if err != nil {
					t.Fatal(err)
				}
				return r
			}
			cases := []step{
				{"close_notify", func(s *Sealer) []byte { return seal(s, Alert, []byte{1, 0}) }, io.EOF, 255},
				{"fatal", func(s *Sealer) []byte { return seal(s, Alert, []byte{2, 40}) }, &AlertError{Alert: AlertHandshakeFailure, Remote: true}, 255},
				{"long alert", func(s *Sealer) []byte { return seal(s, Alert, []byte{2, 40, 0}) }, &AlertError{Alert: AlertDecodeError}, AlertDecodeError},
				{"forged", func(s *Sealer) []byte { r := seal(s, ApplicationData, []byte("x")); r[7] ^= 1; return r }, &AlertError{Alert: AlertBadRecordMAC}, AlertBadRecordMAC},
				{"overflow", func(s *Sealer) []byte { return []byte{23, 3, 3, 0xff, 0xff} }, &AlertError{Alert: AlertRecordOverflow}, AlertRecordOverflow},
				{"user_canceled then close", func(s *Sealer) []byte {
					return append(seal(s, Alert, []byte{1, 90}), seal(s, Alert, []byte{1, 0})...)
				}, io.EOF, 255},
				{"fatal user_canceled", func(s *Sealer) []byte { return seal(s, Alert, []byte{2, 90}) }, &AlertError{Alert: AlertUserCanceled, Remote: true}, 255},
				{"bad level", func(s *Sealer) []byte { return seal(s, Alert, []byte{3, 0}) }, &AlertError{Alert: AlertUnexpectedMessage}, AlertUnexpectedMessage},
			}
			if tls12 {
				cases = append(cases, step{"warning skipped", func(s *Sealer) []byte {
					return append(seal(s, Alert, []byte{1, 100}), seal(s, Alert, []byte{1, 0})...)
				}, io.EOF, 255})
			} else {
				cases = append(cases,
					step{"TLS 1.3 warning is fatal", func(s *Sealer) []byte { return seal(s, Alert, []byte{1, 100}) }, &AlertError{Alert: AlertNoRenegotiation, Remote: true}, 255},
					step{"KeyUpdate not last", func(s *Sealer) []byte { return seal(s, Handshake, []byte{24, 0, 0, 1, 0, 4}) }, &AlertError{Alert: AlertUnexpectedMessage}, AlertUnexpectedMessage},
					step{"KeyUpdate bad value", func(s *Sealer) []byte { return seal(s, Handshake, []byte{24, 0, 0, 1, 2}) }, &AlertError{Alert: AlertIllegalParameter}, AlertIllegalParameter},
					step{"KeyUpdate bad length", func(s *Sealer) []byte { return seal(s, Handshake, []byte{24, 0, 0, 2, 0, 0}) }, &AlertError{Alert: AlertDecodeError}, AlertDecodeError},
				)
			}
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) {
					conn, peer, s, peerIn := rawPeer(t, ts)
					go peer.Write(c.send(s))
					_, err := conn.Read(make([]byte, 10))
					var we, ge *AlertError
					switch {
					case c.want == io.EOF:
						if err != io.EOF {
							t.Fatalf("got %v, want EOF", err)
						}
					case errors.As(c.want, &we) && errors.As(err, &ge):
						if we.Alert != ge.Alert || we.Remote != ge.Remote {
							t.Fatalf("got %v, want %v remote=%v", err, we.Alert, we.Remote)
						}
					default:
						t.Fatalf("got %v", err)
					}
					if c.answer != 255 {
						expectAlert(t, peer, peerIn, c.answer)
						if _, err := conn.Write([]byte("x")); err == nil {
							t.Fatal("Write after a fatal alert succeeded")
						}
					}
					// The error is sticky.
					if _, err2 := conn.Read(make([]byte, 1)); err2 == nil || err2.Error() != err.Error() {
						t.Fatalf("second read: %v", err2)
					}
				})
			}
		})
	}
}

func TestConnReadRecord(t *testing.T) {
	conn, peer, s, _ := rawPeer(t, testSuites[0])
	var stream []byte
	for _, r := range []struct {
		typ ContentType
		p   string
	}{{ApplicationData, ""}, {Handshake, "\x04\x00\x00\x01x"}, {ApplicationData, "data"}} {
		stream, _ = s.Seal(stream, r.typ, []byte(r.p))
	}
	go func() {
		// Byte by byte: the Conn reassembles records.
		for i := range stream {
			peer.Write(stream[i : i+1])
		}
	}()
	for _, want := range []struct {
		typ ContentType
		p   string
	}{{ApplicationData, ""}, {Handshake, "\x04\x00\x00\x01x"}, {ApplicationData, "data"}} {
		typ, p, err := conn.ReadRecord()
		if err != nil || typ != want.typ || string(p) != want.p {
			t.Fatalf("got %v %q %v, want %v %q", typ, p, err, want.typ, want.p)
		}
	}
	peer.Close()
	if _, _, err := conn.ReadRecord(); err != io.ErrUnexpectedEOF {
		t.Fatalf("EOF without close_notify: %v", err)
	}
}

func TestConnTooManyEmptyRecords(t *testing.T) {
	conn, peer, s, _ := rawPeer(t, testSuites[0])
	go func() {
		for i := 0; i < maxUseless+2; i++ {
			r, _ := s.Seal(nil, ApplicationData, nil)
			if _, err := peer.Write(r); err != nil {
				return
			}
		}
	}()
	go io.Copy(io.Discard, peer)
	_, err := conn.Read(make([]byte, 1))
	wantAlert(t, err, AlertUnexpectedMessage)
}

func TestConnReadTimeout(t *testing.T) {
	conn, peer, s, _ := rawPeer(t, testSuites[0])
	rec, _ := s.Seal(nil, ApplicationData, []byte("late"))
	go peer.Write(rec[:7])
	conn.SetReadDeadline(time.Now().Add(50 * time.Millisecond))
	_, err := conn.Read(make([]byte, 10))
	if !errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("got %v, want a timeout", err)
	}
	// Not sticky: the rest of the record completes the read.
	conn.SetReadDeadline(time.Time{})
	go peer.Write(rec[7:])
	buf := make([]byte, 10)
	n, err := conn.Read(buf)
	if err != nil || string(buf[:n]) != "late" {
		t.Fatalf("after timeout: %q %v", buf[:n], err)
	}
}

// memConn is a net.Conn that writes into a buffer it reads back, without
// allocating, for allocation tests.
type memConn struct {
	net.Conn
	buf  []byte
	r, w int
}

func (m *memConn) Write(b []byte) (int, error) {
	if m.r == m.w {
		m.r, m.w = 0, 0
	}
	if len(m.buf)-m.w < len(b) {
		return 0, errors.New("memConn full")
	}
	m.w += copy(m.buf[m.w:], b)
	return len(b), nil
}

func (m *memConn) Read(b []byte) (int, error) {
	if m.r == m.w {
		return 0, io.EOF
	}
	n := copy(b, m.buf[m.r:m.w])
	m.r += n
	return n, nil
}

func TestConnAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	for _, ts := range testSuites {
		t.Run(ts.name, func(t *testing.T) {
			k := newTestKeys(t, ts, 1)
			s, o := k.pair(t)
			m := &memConn{buf: make([]byte, 1<<20)}
			c := NewConn(m, o, s)
			for _, n := range []int{64, 1350, MaxPlaintext, 3 * MaxPlaintext} {
				p := payloadOf(n, 1)
				allocs := testing.AllocsPerRun(50, func() {
					if _, err := c.Write(p); err != nil {
						t.Fatal(err)
					}
					for got := 0; got < n; {
						_, data, err := c.ReadRecord()
						if err != nil {
							t.Fatal(err)
						}
						got += len(data)
					}
				})
				if allocs != 0 {
					t.Errorf("%d bytes: %v allocations per Write+ReadRecord", n, allocs)
				}
			}
		})
	}
}

// TestConnCloseUnblocksWrite: Close while a Write is blocked on a peer that
// does not read ends the Write instead of waiting for it.
func TestConnCloseUnblocksWrite(t *testing.T) {
	k1, k2 := newTestKeys(t, testSuites[0], 1), newTestKeys(t, testSuites[0], 2)
	s1, _ := k1.pair(t)
	_, o2 := k2.pair(t)
	p, q := net.Pipe() // synchronous: the Write blocks
	defer q.Close()
	c := NewConn(p, o2, s1)
	errc := make(chan error, 1)
	go func() {
		_, err := c.Write([]byte("blocked"))
		errc <- err
	}()
	time.Sleep(20 * time.Millisecond)
	c.Close()
	select {
	case err := <-errc:
		if err == nil {
			t.Fatal("blocked Write succeeded")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not end the blocked Write")
	}
}

// TestConnUselessReset: KeyUpdates spread over a long connection do not
// add up to the limit on records without application data.
func TestConnUselessReset(t *testing.T) {
	conn, peer, s, _ := rawPeer(t, testSuites[0])
	go func() {
		var stream []byte
		for i := 0; i < 3*maxUseless; i++ {
			stream, _ = s.Seal(stream, Handshake, []byte{24, 0, 0, 1, 0})
			s.Update()
			stream, _ = s.Seal(stream, ApplicationData, []byte{byte(i)})
		}
		peer.Write(stream)
	}()
	for i := 0; i < 3*maxUseless; i++ {
		typ, data, err := conn.ReadRecord()
		if err != nil || typ != ApplicationData || data[0] != byte(i) {
			t.Fatalf("record %d: %v", i, err)
		}
	}
}

func TestConnWriteRecordAndMixedReads(t *testing.T) {
	a, b := connPair(t, testSuites[0])
	if err := a.WriteRecord(Handshake, []byte{4, 0, 0, 1, 9}); err != nil {
		t.Fatal(err)
	}
	if err := a.WriteRecord(ApplicationData, []byte("0123456789")); err != nil {
		t.Fatal(err)
	}
	if err := a.WriteRecord(Handshake, nil); err == nil {
		t.Fatal("empty handshake record sent")
	}
	if err := a.WriteRecord(Alert, []byte{1, 0}); err == nil {
		t.Fatal("WriteRecord sent an alert")
	}
	if err := a.WriteRecord(ApplicationData, make([]byte, MaxPlaintext+1)); err == nil {
		t.Fatal("oversized record sent")
	}
	if _, err := a.Write([]byte("next")); err != nil {
		t.Fatalf("Conn unusable after a refused record: %v", err)
	}
	typ, data, err := b.ReadRecord()
	if err != nil || typ != Handshake || !bytes.Equal(data, []byte{4, 0, 0, 1, 9}) {
		t.Fatalf("got %v %x %v", typ, data, err)
	}
	// Read part of a record, then ReadRecord gets the rest first.
	buf := make([]byte, 4)
	if n, err := b.Read(buf); err != nil || string(buf[:n]) != "0123" {
		t.Fatalf("Read: %q %v", buf[:n], err)
	}
	typ, data, err = b.ReadRecord()
	if err != nil || typ != ApplicationData || string(data) != "456789" {
		t.Fatalf("ReadRecord after a partial Read: %v %q %v", typ, data, err)
	}
	typ, data, err = b.ReadRecord()
	if err != nil || string(data) != "next" {
		t.Fatalf("got %v %q %v", typ, data, err)
	}
}

// TestConnKeyUpdateAmongMessages: a KeyUpdate that ends a record after
// other post-handshake messages, or after a message that spans records, is
// found and applied; the other messages reach ReadRecord.
func TestConnKeyUpdateAmongMessages(t *testing.T) {
	conn, peer, s, peerIn := rawPeer(t, testSuites[0])
	nst := append([]byte{4, 0, 0, 6}, "ticket"...)
	big := append([]byte{4, 0, 0, 10}, "0123456789"...)
	var stream []byte
	// [NewSessionTicket, KeyUpdate(update_requested)] in one record.
	stream, _ = s.Seal(stream, Handshake, append(append([]byte{}, nst...), 24, 0, 0, 1, 1))
	s.Update()
	stream, _ = s.Seal(stream, ApplicationData, []byte("one"))
	// A message split over two records, the second ending with a KeyUpdate.
	stream, _ = s.Seal(stream, Handshake, big[:7])
	stream, _ = s.Seal(stream, Handshake, append(append([]byte{}, big[7:]...), 24, 0, 0, 1, 0))
	s.Update()
	stream, _ = s.Seal(stream, ApplicationData, []byte("two"))
	go peer.Write(stream)

	want := []struct {
		typ ContentType
		p   string
	}{{Handshake, string(nst)}, {ApplicationData, "one"}, {Handshake, string(big[:7])}, {Handshake, string(big[7:])}, {ApplicationData, "two"}}
	for i, w := range want {
		typ, data, err := conn.ReadRecord()
		if err != nil || typ != w.typ || string(data) != w.p {
			t.Fatalf("record %d: got %v %q %v, want %v %q", i, typ, data, err, w.typ, w.p)
		}
	}
	// The update_requested was answered: our KeyUpdate came out under the
	// old key.
	buf := make([]byte, 64)
	peer.SetReadDeadline(time.Now().Add(5 * time.Second))
	n, err := io.ReadAtLeast(peer, buf, HeaderLen+5+1+tagLen)
	if err != nil {
		t.Fatal(err)
	}
	typ, data, err := peerIn.Open(buf[:n])
	if err != nil || typ != Handshake || !bytes.Equal(data, []byte{24, 0, 0, 1, 0}) {
		t.Fatalf("answer: %v %x %v", typ, data, err)
	}
}

func TestConnKeyUpdateSplit(t *testing.T) {
	conn, peer, s, _ := rawPeer(t, testSuites[0])
	var stream []byte
	stream, _ = s.Seal(stream, Handshake, []byte{4, 0, 0, 1, 'x', 24, 0})
	stream, _ = s.Seal(stream, Handshake, []byte{0, 1, 0})
	go peer.Write(stream)
	go io.Copy(io.Discard, peer)
	if _, _, err := conn.ReadRecord(); err != nil {
		t.Fatal(err)
	}
	_, _, err := conn.ReadRecord()
	wantAlert(t, err, AlertUnexpectedMessage)
}

// TestConnTruncatedStream: a stream cut anywhere without close_notify ends
// with io.ErrUnexpectedEOF after the whole records before the cut.
func TestConnTruncatedStream(t *testing.T) {
	k := newTestKeys(t, testSuites[3], 1)
	s, _ := k.pair(t)
	var stream []byte
	var ends []int
	for i := 0; i < 3; i++ {
		stream, _ = s.Seal(stream, ApplicationData, payloadOf(100*i+1, byte(i)))
		ends = append(ends, len(stream))
	}
	for cut := 0; cut <= len(stream); cut++ {
		_, o := k.pair(t)
		c := NewConn(&memConn{buf: append([]byte{}, stream[:cut]...), w: cut}, o, mustSealer(t, k))
		whole := 0
		for whole < len(ends) && ends[whole] <= cut {
			whole++
		}
		for i := 0; i < whole; i++ {
			if _, data, err := c.ReadRecord(); err != nil || !bytes.Equal(data, payloadOf(100*i+1, byte(i))) {
				t.Fatalf("cut %d record %d: %v", cut, i, err)
			}
		}
		if _, _, err := c.ReadRecord(); err != io.ErrUnexpectedEOF {
			t.Fatalf("cut %d: %v, want io.ErrUnexpectedEOF", cut, err)
		}
	}
}

func mustSealer(t *testing.T, k testKeys) *Sealer {
	s, _ := k.pair(t)
	return s
}
