package fuzz

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"hash"
	"io"
	"net"
	"testing"

	xchacha "golang.org/x/crypto/chacha20poly1305"

	"github.com/tlscore/tlscore/aead/aesgcm"
	"github.com/tlscore/tlscore/aead/chacha20poly1305"
	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/record"
)

// recordSuite is one cipher suite under fuzzing, with fixed key material
// and a reference opener built from crypto/aes, crypto/cipher, x/crypto and
// crypto/hkdf, independent of package record.
type recordSuite struct {
	id       uint16
	tls13    bool
	chacha   bool
	hash     func() hash.Hash
	keyLen   int
	secret   []byte // TLS 1.3
	key, iv  []byte // TLS 1.2, or derived from secret
	explicit int
}

var recordSuites = func() []recordSuite {
	mk := func(n int, b byte) []byte { return bytes.Repeat([]byte{b}, n) }
	s := []recordSuite{
		{id: record.TLS_AES_128_GCM_SHA256, tls13: true, hash: sha256.New, keyLen: 16, secret: mk(32, 1)},
		{id: record.TLS_AES_256_GCM_SHA384, tls13: true, hash: sha512.New384, keyLen: 32, secret: mk(48, 2)},
		{id: record.TLS_CHACHA20_POLY1305_SHA256, tls13: true, chacha: true, hash: sha256.New, keyLen: 32, secret: mk(32, 3)},
		{id: record.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, keyLen: 16, key: mk(16, 4), iv: mk(4, 5), explicit: 8},
		{id: record.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, keyLen: 32, key: mk(32, 6), iv: mk(4, 7), explicit: 8},
		{id: record.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, chacha: true, keyLen: 32, key: mk(32, 8), iv: mk(12, 9)},
	}
	for i := range s {
		if s[i].tls13 {
			label := func(l string, n int) string {
				return string(append([]byte{0, byte(n), byte(6 + len(l))}, append([]byte("tls13 "+l), 0)...))
			}
			s[i].key, _ = hkdf.Expand(s[i].hash, s[i].secret, label("key", s[i].keyLen), s[i].keyLen)
			s[i].iv, _ = hkdf.Expand(s[i].hash, s[i].secret, label("iv", 12), 12)
		}
	}
	return s
}()

// eachImpl runs f once for every available implementation of the suite's
// AEAD, selected in package dispatch: the record layer's constructors read
// the choice, so the Sealers and Openers f makes use that implementation.
func (s *recordSuite) eachImpl(t testing.TB, f func(impl string)) {
	alg := aesgcm.Alg
	if s.chacha {
		alg = chacha20poly1305.Alg
	}
	defer dispatch.Reset(alg)
	for _, im := range dispatch.List(alg) {
		if !im.Available {
			continue
		}
		if err := dispatch.Select(alg, im.Name); err != nil {
			t.Fatal(err)
		}
		f(im.Name)
	}
}

func (s *recordSuite) pair(t testing.TB) (*record.Sealer, *record.Opener) {
	var se *record.Sealer
	var op *record.Opener
	var err1, err2 error
	if s.tls13 {
		se, err1 = record.NewSealer13(s.id, s.secret)
		op, err2 = record.NewOpener13(s.id, s.secret)
	} else {
		se, err1 = record.NewSealer12(s.id, s.key, s.iv)
		op, err2 = record.NewOpener12(s.id, s.key, s.iv)
	}
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return se, op
}

// refOpen opens the record with sequence number 0 the way the RFCs say,
// returning the type and the content (TLS 1.3: padding and inner type
// removed), or ok false.
func (s *recordSuite) refOpen(rec []byte) (typ record.ContentType, content []byte, ok bool) {
	if len(rec) < 5 || int(binary.BigEndian.Uint16(rec[3:])) != len(rec)-5 {
		return 0, nil, false
	}
	var a cipher.AEAD
	if s.chacha {
		a, _ = xchacha.New(s.key)
	} else {
		b, _ := aes.NewCipher(s.key)
		a, _ = cipher.NewGCM(b)
	}
	nonce := make([]byte, 12)
	copy(nonce, s.iv)
	body := rec[5:]
	var ad []byte
	if s.tls13 {
		ad = rec[:5]
	} else {
		if len(body) < s.explicit+16 {
			return 0, nil, false
		}
		if s.explicit != 0 {
			copy(nonce[4:], body[:8])
			body = body[8:]
		}
		ad = make([]byte, 13)
		ad[8] = rec[0]
		copy(ad[9:11], rec[1:3])
		binary.BigEndian.PutUint16(ad[11:], uint16(len(body)-16))
	}
	pt, err := a.Open(nil, nonce, body, ad)
	if err != nil {
		return 0, nil, false
	}
	typ = record.ContentType(rec[0])
	if s.tls13 {
		i := len(pt) - 1
		for i >= 0 && pt[i] == 0 {
			i--
		}
		if i < 0 {
			return 0, nil, false
		}
		typ, pt = record.ContentType(pt[i]), pt[:i]
	}
	return typ, pt, true
}

// FuzzRecordOpen feeds arbitrary bytes, and valid records with bytes
// changed, to Opener.Open for every suite. Open must not panic, must return
// an *AlertError on failure, and may succeed only on a record the reference
// opener (RFC construction over the standard library's AEADs) also
// authenticates, with the same type and payload.
func FuzzRecordOpen(f *testing.F) {
	for i := range recordSuites {
		s := &recordSuites[i]
		se, _ := s.pair(f)
		rec, _ := se.Seal(nil, record.ApplicationData, []byte("hello"))
		f.Add(uint8(i), rec, uint16(0), byte(0))
		f.Add(uint8(i), rec, uint16(7), byte(1))
		f.Add(uint8(i), rec[:len(rec)-1], uint16(0), byte(0))
	}
	f.Add(uint8(0), []byte{23, 3, 3, 0xff, 0xff}, uint16(0), byte(0))
	f.Fuzz(func(t *testing.T, which uint8, data []byte, pos uint16, x byte) {
		s := &recordSuites[int(which)%len(recordSuites)]
		s.eachImpl(t, func(impl string) { fuzzRecordOpen(t, s, impl, data, pos, x) })
	})
}

func fuzzRecordOpen(t *testing.T, s *recordSuite, impl string, data []byte, pos uint16, x byte) {
	check := func(rec []byte) {
		_, o := s.pair(t)
		wantTyp, want, valid := s.refOpen(rec)
		in := append([]byte{}, rec...)
		typ, got, err := o.Open(in)
		if err != nil {
			var ae *record.AlertError
			if !errors.As(err, &ae) || ae.Remote {
				t.Fatalf("Open error %v is not a local *AlertError", err)
			}
			if got != nil || typ != 0 {
				t.Fatal("Open returned a payload with an error")
			}
			return
		}
		if !valid {
			t.Fatalf("%s: Open accepted a record the reference rejects: %x", impl, rec)
		}
		if typ != wantTyp || !bytes.Equal(got, want) {
			t.Fatalf("%s: Open gave %v %x, reference %v %x", impl, typ, got, wantTyp, want)
		}
	}
	// Arbitrary bytes.
	check(data)
	// A valid record carrying data, with one byte changed.
	se, _ := s.pair(t)
	if len(data) > record.MaxPlaintext {
		data = data[:record.MaxPlaintext]
	}
	rec, err := se.Seal(nil, record.ApplicationData, data)
	if err != nil {
		t.Fatal(err)
	}
	check(rec)
	if x != 0 {
		rec[int(pos)%len(rec)] ^= x
		check(rec)
	}
}

// FuzzRecordRoundTrip seals a payload of any type, size and padding and
// opens it, in place and copying, and checks the record against the
// reference opener.
func FuzzRecordRoundTrip(f *testing.F) {
	f.Add(uint8(0), []byte("hello"), uint8(23), uint16(0), uint8(0))
	f.Add(uint8(2), make([]byte, 1350), uint8(22), uint16(100), uint8(5))
	f.Add(uint8(4), []byte{}, uint8(21), uint16(0), uint8(0))
	f.Fuzz(func(t *testing.T, which uint8, payload []byte, typ uint8, pad uint16, prefix uint8) {
		s := &recordSuites[int(which)%len(recordSuites)]
		s.eachImpl(t, func(impl string) { fuzzRecordRoundTrip(t, s, impl, payload, typ, pad, prefix) })
	})
}

func fuzzRecordRoundTrip(t *testing.T, s *recordSuite, impl string, payload []byte, typ uint8, pad uint16, prefix uint8) {
	se, op := s.pair(t)
	se2, _ := s.pair(t)
	ct := record.ContentType(typ)
	se.SetPadding(func(record.ContentType, int) int { return int(pad) })
	se2.SetPadding(func(record.ContentType, int) int { return int(pad) })
	dst := bytes.Repeat([]byte{0xee}, int(prefix))
	rec, err := se.Seal(dst, ct, payload)
	valid := len(payload) <= record.MaxPlaintext &&
		(ct == record.ApplicationData || ((ct == record.Handshake || ct == record.Alert) && len(payload) > 0))
	if err != nil {
		if valid {
			t.Fatalf("Seal: %v", err)
		}
		if !bytes.Equal(rec, dst) {
			t.Fatal("failed Seal changed dst")
		}
		return
	}
	if !valid {
		t.Fatal("Seal accepted an invalid record")
	}
	// In place: the payload where its ciphertext goes.
	buf := make([]byte, len(rec)+64)
	copy(buf, dst)
	copy(buf[len(dst)+se2.PayloadOffset():], payload)
	rec2, err := se2.Seal(buf[:len(dst)], ct, buf[len(dst)+se2.PayloadOffset():][:len(payload)])
	if err != nil || !bytes.Equal(rec, rec2) {
		t.Fatalf("in-place Seal differs: %v", err)
	}
	body := rec[len(dst):]
	wantTyp, want, ok := s.refOpen(body)
	if !ok || wantTyp != ct || !bytes.Equal(want, payload) {
		t.Fatal("reference cannot open the record")
	}
	gotTyp, got, err := op.Open(body)
	if err != nil || gotTyp != ct || !bytes.Equal(got, payload) {
		t.Fatalf("%s: Open: %v", impl, err)
	}
}

// recordFuzzConn is a net.Conn reading from a fixed input and discarding
// what is written (alerts).
type recordFuzzConn struct {
	net.Conn
	r io.Reader
}

func (c *recordFuzzConn) Read(b []byte) (int, error)  { return c.r.Read(b) }
func (c *recordFuzzConn) Write(b []byte) (int, error) { return len(b), nil }
func (c *recordFuzzConn) Close() error                { return nil }

// FuzzRecordConn feeds a stream to Conn.ReadRecord: valid records of the
// fuzzer's choosing (alerts, KeyUpdates, handshake and application data),
// with one byte changed if x is not zero, followed by arbitrary bytes. It
// must not panic or hang, every application data it returns must be what
// was sealed, and none may come after the changed byte.
func FuzzRecordConn(f *testing.F) {
	f.Add(uint8(0), []byte("\x17hello\x16\x18\x00\x00\x01\x01\x17after"), []byte{23, 3, 3, 0, 1, 0}, uint16(0), byte(0))
	f.Add(uint8(3), []byte("\x15\x01\x00"), []byte{}, uint16(0), byte(0))
	f.Add(uint8(1), []byte("\x15\x02\x28\x17x"), []byte{21}, uint16(0), byte(0))
	f.Add(uint8(2), []byte("\x17a\x17b\x17c"), []byte{}, uint16(30), byte(4))
	f.Fuzz(func(t *testing.T, which uint8, script, tail []byte, pos uint16, x byte) {
		s := &recordSuites[int(which)%len(recordSuites)]
		s.eachImpl(t, func(impl string) { fuzzRecordConn(t, s, impl, script, tail, pos, x) })
	})
}

func fuzzRecordConn(t *testing.T, s *recordSuite, impl string, script, tail []byte, pos uint16, x byte) {
	se, op := s.pair(t)
	// script is a sequence of records: a type byte (0x14..0x18, 0x18
	// standing for a KeyUpdate message) and the payload up to the
	// next such byte.
	var stream []byte
	var sent [][]byte
	var ends []int // where each sent application data record ends
	for len(script) > 0 {
		typ := record.ContentType(script[0])
		i := 1
		for i < len(script) && (script[i] < 0x14 || script[i] > 0x18) {
			i++
		}
		p := script[1:i]
		script = script[i:]
		if typ == 0x18 { // a KeyUpdate message; the sealer follows
			var err error
			stream, err = se.Seal(stream, record.Handshake, []byte{24, 0, 0, 1, byte(len(p) % 2)})
			if err == nil && s.tls13 {
				se.Update()
			}
			continue
		}
		var err error
		stream, err = se.Seal(stream, typ, p)
		if err == nil && typ == record.ApplicationData {
			sent = append(sent, append([]byte{}, p...))
			ends = append(ends, len(stream))
		}
	}
	changed := len(stream) // no change
	if x != 0 && len(stream) > 0 {
		changed = int(pos) % len(stream)
		stream[changed] ^= x
	}
	stream = append(stream, tail...)
	c := record.NewConn(&recordFuzzConn{r: bytes.NewReader(stream)}, op, mustSealer(t, s))
	got := 0
	for i := 0; i < 1000; i++ {
		typ, data, err := c.ReadRecord()
		if err != nil {
			return
		}
		if typ == record.ApplicationData {
			if got >= len(sent) || !bytes.Equal(data, sent[got]) {
				t.Fatalf("%s: record %d: application data not what was sealed", impl, got)
			}
			if ends[got] > changed {
				t.Fatalf("%s: record %d returned although byte %d was changed", impl, got, changed)
			}
			got++
		}
	}
	t.Fatalf("%s: ReadRecord did not end", impl)
}

func mustSealer(t *testing.T, s *recordSuite) *record.Sealer {
	se, _ := s.pair(t)
	return se
}
