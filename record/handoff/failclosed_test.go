package handoff

import (
	"bytes"
	"crypto/tls"
	"errors"
	"io"
	"net"
	"testing"
	"time"

	"github.com/tlscore/tlscore/record"
)

// rawPeer is a crypto/tls server whose handshake is done and whose socket
// the test then writes to directly, with a Sealer for the server's
// direction at the sequence number crypto/tls left it at (no session
// tickets: 0 in TLS 1.3, 1 after the Finished in TLS 1.2). The client is a
// handed-off Conn.
type rawPeer struct {
	client *Conn
	sock   net.Conn
	out    *record.Sealer
}

func newRawPeer(t *testing.T, suite uint16) *rawPeer {
	t.Helper()
	scfg := serverConfigFor(t, suite)
	scfg.SessionTicketsDisabled = true
	p := pair(t, pairOpts{server: sideCrypto, client: sideHandoff, scfg: scfg, ccfg: clientConfigFor(t, suite)})
	secrets := p.klog.secrets(t)
	r := &rawPeer{client: p.client.(*Conn), sock: p.server.(*tls.Conn).NetConn()}
	var err error
	if _, ok := suites13[suite]; ok {
		r.out, err = record.NewSealer13(suite, secrets["SERVER_TRAFFIC_SECRET_0"])
	} else {
		in, _ := p.tap.streams()
		sr, _ := helloRandom(wireRecords(t, in), typeServerHello)
		var cr [32]byte
		copy(cr[:], secrets["random"])
		_, sk, _, siv := keys12(suites12[suite], secrets["CLIENT_RANDOM"], cr, sr)
		r.out, err = record.NewSealer12(suite, sk, siv)
		r.out.SetSeq(1)
	}
	if err != nil {
		t.Fatal(err)
	}
	r.client.SetReadDeadline(time.Now().Add(10 * time.Second))
	return r
}

func (r *rawPeer) send(t *testing.T, typ record.ContentType, payload []byte) []byte {
	t.Helper()
	rec, err := r.out.Seal(nil, typ, payload)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.sock.Write(rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

// wantAlert reads from the client and wants an error naming alert a
// (detected locally unless remote).
func wantAlert(t *testing.T, c *Conn, a record.AlertDescription) {
	t.Helper()
	n, err := c.Read(make([]byte, 100))
	var ae *record.AlertError
	if n != 0 || !errors.As(err, &ae) || ae.Alert != a {
		t.Fatalf("read %d bytes, %v; want alert %v", n, err, a)
	}
	// The error stays.
	if _, err2 := c.Read(make([]byte, 1)); err2 == nil {
		t.Fatal("a read after the error succeeded")
	}
}

var failSuites = []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}

func TestFailClosed(t *testing.T) {
	for _, suite := range failSuites {
		t.Run(tls.CipherSuiteName(suite), func(t *testing.T) {
			t.Run("good", func(t *testing.T) {
				r := newRawPeer(t, suite)
				r.send(t, record.ApplicationData, []byte("hello"))
				b := make([]byte, 5)
				if _, err := io.ReadFull(r.client, b); err != nil || string(b) != "hello" {
					t.Fatalf("%q %v", b, err)
				}
			})
			t.Run("garbage", func(t *testing.T) {
				r := newRawPeer(t, suite)
				r.sock.Write(bytes.Repeat([]byte{0x17, 0x03, 0x03, 0x00, 0x40}, 20))
				wantAlert(t, r.client, record.AlertBadRecordMAC)
			})
			t.Run("not a record", func(t *testing.T) {
				r := newRawPeer(t, suite)
				r.sock.Write([]byte("GET / HTTP/1.1\r\n\r\n"))
				r.sock.Close()
				n, err := r.client.Read(make([]byte, 100))
				if n != 0 || err == nil {
					t.Fatalf("read %d, %v", n, err)
				}
			})
			t.Run("forged", func(t *testing.T) {
				r := newRawPeer(t, suite)
				rec, _ := r.out.Seal(nil, record.ApplicationData, []byte("forged"))
				rec[len(rec)-1] ^= 1
				r.sock.Write(rec)
				wantAlert(t, r.client, record.AlertBadRecordMAC)
			})
			t.Run("replayed", func(t *testing.T) {
				r := newRawPeer(t, suite)
				rec := r.send(t, record.ApplicationData, []byte("once"))
				b := make([]byte, 4)
				if _, err := io.ReadFull(r.client, b); err != nil {
					t.Fatal(err)
				}
				r.sock.Write(rec)
				wantAlert(t, r.client, record.AlertBadRecordMAC)
			})
			t.Run("truncated", func(t *testing.T) {
				r := newRawPeer(t, suite)
				rec, _ := r.out.Seal(nil, record.ApplicationData, []byte("truncated record"))
				r.sock.Write(rec[:len(rec)-3])
				r.sock.Close()
				n, err := r.client.Read(make([]byte, 100))
				if n != 0 || err != io.ErrUnexpectedEOF {
					t.Fatalf("read %d, %v; want io.ErrUnexpectedEOF", n, err)
				}
			})
			t.Run("eof without close_notify", func(t *testing.T) {
				r := newRawPeer(t, suite)
				r.sock.Close()
				if _, err := r.client.Read(make([]byte, 100)); err != io.ErrUnexpectedEOF {
					t.Fatalf("%v; want io.ErrUnexpectedEOF", err)
				}
			})
			t.Run("record after close_notify", func(t *testing.T) {
				r := newRawPeer(t, suite)
				r.send(t, record.Alert, []byte{1, 0})
				r.send(t, record.ApplicationData, []byte("after close_notify"))
				for range 2 {
					if n, err := r.client.Read(make([]byte, 100)); n != 0 || err != io.EOF {
						t.Fatalf("read %d, %v; want io.EOF", n, err)
					}
				}
			})
			t.Run("fatal alert", func(t *testing.T) {
				r := newRawPeer(t, suite)
				r.send(t, record.Alert, []byte{2, byte(record.AlertInternalError)})
				_, err := r.client.Read(make([]byte, 100))
				var ta tls.AlertError
				if !errors.As(err, &ta) || ta != tls.AlertError(record.AlertInternalError) {
					t.Fatalf("%v", err)
				}
			})
			if _, ok := suites13[suite]; ok {
				t.Run("tickets dropped", func(t *testing.T) {
					r := newRawPeer(t, suite)
					nst := []byte{typeNewSessionTicket, 0, 0, 5, 1, 2, 3, 4, 5}
					r.send(t, record.Handshake, append(bytes.Clone(nst), nst...))
					// One split across two records.
					r.send(t, record.Handshake, nst[:3])
					r.send(t, record.Handshake, nst[3:])
					r.send(t, record.ApplicationData, []byte("data"))
					b := make([]byte, 4)
					if _, err := io.ReadFull(r.client, b); err != nil || string(b) != "data" {
						t.Fatalf("%q %v", b, err)
					}
				})
				t.Run("too many tickets", func(t *testing.T) {
					r := newRawPeer(t, suite)
					go func() {
						for range maxUseless + 1 {
							rec, _ := r.out.Seal(nil, record.Handshake, []byte{typeNewSessionTicket, 0, 0, 1, 0})
							r.sock.Write(rec)
						}
					}()
					wantAlert(t, r.client, record.AlertUnexpectedMessage)
				})
				t.Run("certificate request", func(t *testing.T) {
					r := newRawPeer(t, suite)
					r.send(t, record.Handshake, []byte{13, 0, 0, 3, 0, 0, 0})
					wantAlert(t, r.client, record.AlertUnexpectedMessage)
				})
			} else {
				t.Run("renegotiation", func(t *testing.T) {
					r := newRawPeer(t, suite)
					r.send(t, record.Handshake, []byte{typeHelloRequest, 0, 0, 0})
					wantAlert(t, r.client, record.AlertNoRenegotiation)
				})
			}
		})
	}
}

// TestServerRejectsPostHandshake checks that a handed-off server refuses
// handshake messages from the client: renegotiation (TLS 1.2) and anything
// but KeyUpdate (TLS 1.3).
func TestServerRejectsPostHandshake(t *testing.T) {
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256} {
		p := pair(t, pairOpts{server: sideHandoff, client: sideHandoff, scfg: serverConfigFor(t, suite), ccfg: clientConfigFor(t, suite)})
		c, s := p.client.(*Conn), p.server.(*Conn)
		msg, want := []byte{typeNewSessionTicket, 0, 0, 1, 0}, record.AlertUnexpectedMessage
		if _, ok := suites13[suite]; !ok {
			msg, want = []byte{typeClientHello, 0, 0, 1, 0}, record.AlertNoRenegotiation
		}
		if err := c.recordConn().WriteRecord(record.Handshake, msg); err != nil {
			t.Fatal(err)
		}
		wantAlert(t, s, want)
	}
}

// TestCount checks the sequence number counting on records made up for it:
// it must fail closed whenever the records do not add up.
func TestCount(t *testing.T) {
	suite := tls.TLS_AES_128_GCM_SHA256
	app := bytes.Repeat([]byte{7}, 32)
	hs := bytes.Repeat([]byte{9}, 32)
	seal := func(secret []byte, seq uint64, typ record.ContentType, payload []byte) rec {
		s, err := record.NewSealer13(suite, secret)
		if err != nil {
			t.Fatal(err)
		}
		s.SetSeq(seq)
		r, err := s.Seal(nil, typ, payload)
		if err != nil {
			t.Fatal(err)
		}
		return rec(r)
	}
	nst := []byte{typeNewSessionTicket, 0, 0, 1, 0}
	plain := rec{recHandshake, 3, 3, 0, 1, 0}
	cases := []struct {
		name string
		recs []rec
		n    uint64
		ok   bool
	}{
		{"none", []rec{plain, seal(hs, 0, record.Handshake, nst)}, 0, true},
		{"two tickets", []rec{plain, seal(hs, 0, record.Handshake, nst), seal(app, 0, record.Handshake, nst), seal(app, 1, record.Handshake, nst)}, 2, true},
		{"gap", []rec{seal(app, 0, record.Handshake, nst), seal(app, 2, record.Handshake, nst)}, 0, false},
		{"repeat", []rec{seal(app, 0, record.Handshake, nst), seal(app, 0, record.Handshake, nst)}, 0, false},
		{"handshake key after", []rec{seal(app, 0, record.Handshake, nst), seal(hs, 1, record.Handshake, nst)}, 0, false},
		{"application data", []rec{seal(app, 0, record.ApplicationData, []byte("x"))}, 0, false},
		{"other message", []rec{seal(app, 0, record.Handshake, []byte{typeFinished, 0, 0, 1, 0})}, 0, false},
		{"partial message", []rec{seal(app, 0, record.Handshake, nst[:3])}, 0, false},
		{"plaintext after", []rec{seal(app, 0, record.Handshake, nst), plain}, 0, false},
		{"starts late", []rec{seal(app, 1, record.Handshake, nst)}, 0, true},
	}
	for _, c := range cases {
		n, err := count13(suite, app, c.recs)
		if (err == nil) != c.ok || n != c.n {
			t.Errorf("%s: got %d, %v", c.name, n, err)
		}
	}
	// "starts late" is a record that does not open at 0: it is taken for a
	// handshake record, and the Sealer starts at 0 under a key whose record
	// 1 crypto/tls used; that cannot happen with crypto/tls's records (they
	// start at 0), and a peer cannot make crypto/tls write it.

	// TLS 1.2.
	suite12 := tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256
	key, iv := bytes.Repeat([]byte{1}, 16), []byte{1, 2, 3, 4}
	seal12 := func(seq uint64, typ record.ContentType, payload []byte) rec {
		s, err := record.NewSealer12(suite12, key, iv)
		if err != nil {
			t.Fatal(err)
		}
		s.SetSeq(seq)
		r, err := s.Seal(nil, typ, payload)
		if err != nil {
			t.Fatal(err)
		}
		return rec(r)
	}
	ccs := rec{recChangeCipherSpec, 3, 3, 0, 1, 1}
	fin := []byte{typeFinished, 0, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}
	bad := seal12(0, record.Handshake, fin)
	binaryPut := func(r rec, v byte) rec { r = bytes.Clone(r); r[12] = v; return r }
	cases12 := []struct {
		name string
		recs []rec
		ok   bool
	}{
		{"finished", []rec{plain, ccs, seal12(0, record.Handshake, fin)}, true},
		{"no ccs", []rec{plain, seal12(0, record.Handshake, fin)}, false},
		{"two", []rec{ccs, seal12(0, record.Handshake, fin), seal12(1, record.Handshake, fin)}, false},
		{"data", []rec{ccs, seal12(0, record.ApplicationData, []byte("x"))}, false},
		{"not finished", []rec{ccs, seal12(0, record.Handshake, nst)}, false},
		{"wrong seq", []rec{ccs, seal12(1, record.Handshake, fin)}, false},
		{"explicit nonce not seq", []rec{ccs, binaryPut(bad, 5)}, false},
	}
	for _, c := range cases12 {
		n, err := count12(suite12, key, iv, c.recs, true)
		if (err == nil) != c.ok || (c.ok && n != 1) {
			t.Errorf("TLS 1.2 %s: got %d, %v", c.name, n, err)
		}
	}
}

// TestRecorder checks that the wrapper splits streams into records
// whatever the chunking, and never lets a read go past a record.
func TestRecorder(t *testing.T) {
	var stream []byte
	var want []rec
	for i, n := range []int{0, 1, 100, 5, 16384, 3} {
		r := append([]byte{byte(20 + i%4), 3, 3, byte(n >> 8), byte(n)}, bytes.Repeat([]byte{byte(i)}, n)...)
		stream = append(stream, r...)
		want = append(want, rec(r))
	}
	for _, chunk := range []int{1, 2, 5, 7, 1000, 1 << 20} {
		var r recorder
		s := stream
		for len(s) > 0 {
			w := r.want()
			k := min(chunk, w, len(s))
			if w == 0 {
				// A zero-length body completes with its header.
				t.Fatal("want 0 between records")
			}
			r.feed(s[:k])
			s = s[k:]
		}
		if !r.aligned() || len(r.recs) != len(want) {
			t.Fatalf("chunk %d: %d records, aligned %v", chunk, len(r.recs), r.aligned())
		}
		for i := range want {
			if !bytes.Equal(r.recs[i], want[i]) {
				t.Fatalf("chunk %d: record %d differs", chunk, i)
			}
		}
	}
}

// TestFeedAfterMax checks that recording stops at maxRecorded (and the
// hand-off then refuses the connection).
func TestFeedAfterMax(t *testing.T) {
	var r recorder
	rec := append([]byte{23, 3, 3, 0x40, 0}, make([]byte, 0x4000)...)
	for r.total <= maxRecorded {
		r.feed(rec)
	}
	if !r.over || !r.aligned() {
		t.Fatal("recording did not stop")
	}
}
