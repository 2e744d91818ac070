package record

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/aead/aesgcm"
	chacha20poly1305pkg "github.com/tlscore/tlscore/aead/chacha20poly1305"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
	"golang.org/x/crypto/chacha20poly1305"
)

// testSuite describes one cipher suite and version under test.
type testSuite struct {
	name    string
	id      uint16
	version uint16
}

var testSuites = []testSuite{
	{"TLS13-AES128", TLS_AES_128_GCM_SHA256, VersionTLS13},
	{"TLS13-AES256", TLS_AES_256_GCM_SHA384, VersionTLS13},
	{"TLS13-CHACHA", TLS_CHACHA20_POLY1305_SHA256, VersionTLS13},
	{"TLS12-AES128", TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, VersionTLS12},
	{"TLS12-AES256", TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, VersionTLS12},
	{"TLS12-CHACHA", TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, VersionTLS12},
}

var recordSizes = []int{0, 1, 255, 256, 1350, MaxPlaintext - 1, MaxPlaintext}

// testKeys is the key material of one direction: a traffic secret for TLS
// 1.3, a key and fixed IV for TLS 1.2.
type testKeys struct {
	ts          testSuite
	secret      []byte
	key, iv     []byte
	suiteParams *suiteInfo
}

func newTestKeys(t testing.TB, ts testSuite, seed byte) testKeys {
	s, err := lookupSuite(ts.id, ts.version)
	if err != nil {
		t.Fatal(err)
	}
	k := testKeys{ts: ts, suiteParams: s}
	fill := func(n int, salt byte) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = seed*31 + salt + byte(i)*7
		}
		return b
	}
	if ts.version == VersionTLS13 {
		k.secret = fill(s.hashLen, 1)
	} else {
		k.key = fill(s.keyLen, 2)
		ivLen := 4
		if s.chacha {
			ivLen = 12
		}
		k.iv = fill(ivLen, 3)
	}
	return k
}

func (k testKeys) pair(t testing.TB) (*Sealer, *Opener) {
	t.Helper()
	var s *Sealer
	var o *Opener
	var err1, err2 error
	if k.ts.version == VersionTLS13 {
		s, err1 = NewSealer13(k.ts.id, k.secret)
		o, err2 = NewOpener13(k.ts.id, k.secret)
	} else {
		s, err1 = NewSealer12(k.ts.id, k.key, k.iv)
		o, err2 = NewOpener12(k.ts.id, k.key, k.iv)
	}
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return s, o
}

// refAEAD returns the standard library (or x/crypto) AEAD for key: the
// reference the tests build records with independently of the package.
func refAEAD(t testing.TB, chacha bool, key []byte) cipher.AEAD {
	if chacha {
		a, err := chacha20poly1305.New(key)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	b, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	a, err := cipher.NewGCM(b)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// refSeal builds a record the way the RFCs describe it, with reference
// AEADs and no code of this package except the key derivation: for TLS 1.3
// inner is the whole TLSInnerPlaintext (content, type, padding) and outerType
// the header's type; for TLS 1.2 inner is the content and outerType its type.
func refSeal(t testing.TB, k testKeys, seq uint64, outerType ContentType, inner []byte) []byte {
	t.Helper()
	s := k.suiteParams
	nonce := make([]byte, 12)
	var key []byte
	if k.ts.version == VersionTLS13 {
		var iv []byte
		key, iv = refTrafficKeys(t, s, k.secret)
		copy(nonce, iv)
	} else {
		key = k.key
		copy(nonce, k.iv)
	}
	a := refAEAD(t, s.chacha, key)
	var rec []byte
	if k.ts.version == VersionTLS13 {
		rec = []byte{byte(outerType), 3, 3, 0, 0}
		binary.BigEndian.PutUint16(rec[3:], uint16(len(inner)+16))
		for i := 0; i < 8; i++ {
			nonce[4+i] ^= byte(seq >> (56 - 8*i))
		}
		return a.Seal(rec, nonce, inner, rec)
	}
	ad := binary.BigEndian.AppendUint64(nil, seq)
	ad = append(ad, byte(outerType), 3, 3, byte(len(inner)>>8), byte(len(inner)))
	explicit := 0
	if !s.chacha {
		explicit = 8
		binary.BigEndian.PutUint64(nonce[4:], seq)
	} else {
		for i := 0; i < 8; i++ {
			nonce[4+i] ^= byte(seq >> (56 - 8*i))
		}
	}
	rec = []byte{byte(outerType), 3, 3, 0, 0}
	binary.BigEndian.PutUint16(rec[3:], uint16(explicit+len(inner)+16))
	if explicit != 0 {
		rec = append(rec, nonce[4:]...)
	}
	return a.Seal(rec, nonce, inner, ad)
}

// refTrafficKeys derives the key and IV with crypto/hkdf and an HkdfLabel
// built here from the RFC 8446 section 7.1 definition.
func refTrafficKeys(t testing.TB, s *suiteInfo, secret []byte) (key, iv []byte) {
	label := func(l string, n int) string {
		full := "tls13 " + l
		return string(append([]byte{byte(n >> 8), byte(n), byte(len(full))}, append([]byte(full), 0)...))
	}
	key, err := hkdf.Expand(s.hash, secret, label("key", s.keyLen), s.keyLen)
	if err != nil {
		t.Fatal(err)
	}
	iv, err = hkdf.Expand(s.hash, secret, label("iv", 12), 12)
	if err != nil {
		t.Fatal(err)
	}
	return key, iv
}

func payloadOf(n int, seed byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i*13) + seed
	}
	return b
}

func forSuites(t *testing.T, f func(t *testing.T, k testKeys)) {
	for _, ts := range testSuites {
		t.Run(ts.name, func(t *testing.T) { f(t, newTestKeys(t, ts, 1)) })
	}
}

func wantAlert(t *testing.T, err error, want AlertDescription) {
	t.Helper()
	var ae *AlertError
	if !errors.As(err, &ae) {
		t.Fatalf("error %v is not an *AlertError (want %v)", err, want)
	}
	if ae.Alert != want {
		t.Fatalf("alert %v (%v), want %v", ae.Alert, err, want)
	}
}

func TestSuiteConstants(t *testing.T) {
	pairs := [][2]uint16{
		{TLS_AES_128_GCM_SHA256, tls.TLS_AES_128_GCM_SHA256},
		{TLS_AES_256_GCM_SHA384, tls.TLS_AES_256_GCM_SHA384},
		{TLS_CHACHA20_POLY1305_SHA256, tls.TLS_CHACHA20_POLY1305_SHA256},
		{TLS_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_RSA_WITH_AES_128_GCM_SHA256},
		{TLS_RSA_WITH_AES_256_GCM_SHA384, tls.TLS_RSA_WITH_AES_256_GCM_SHA384},
		{TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
		{TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
		{TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256},
		{TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384},
		{TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256},
		{TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
		{VersionTLS12, tls.VersionTLS12},
		{VersionTLS13, tls.VersionTLS13},
	}
	for _, p := range pairs {
		if p[0] != p[1] {
			t.Errorf("constant %#04x, crypto/tls has %#04x", p[0], p[1])
		}
	}
	if ContentType(21) != Alert || ApplicationData != 23 || Handshake != 22 || ChangeCipherSpec != 20 {
		t.Error("content type values")
	}
}

// TestExpandLabelRFC8446 checks the HkdfLabel encoding against the structure
// and the labels as written in RFC 8446 (the text in vectors/), and the
// derivation against values from the RFC 8448 example handshake.
func TestExpandLabelRFC8446(t *testing.T) {
	rfc, err := vectors.Open("rfc/rfc8446.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(rfc)
	for _, want := range []string{
		`opaque label<7..255> = "tls13 " + Label;`,
		"uint16 length = Length;",
		"opaque context<0..255> = Context;",
		`[sender]_write_key = HKDF-Expand-Label(Secret, "key", "", key_length)`,
		`[sender]_write_iv  = HKDF-Expand-Label(Secret, "iv", "", iv_length)`,
		`"traffic upd", "", Hash.length)`,
		"additional_data = TLSCiphertext.opaque_type ||",
	} {
		if !strings.Contains(text, want) {
			t.Fatalf("RFC 8446 text does not contain %q", want)
		}
	}
	// HkdfLabel for ("key", "", 16): length 16, label "tls13 key", empty context.
	got, err := hkdfLabel("key", nil, 16)
	if err != nil {
		t.Fatal(err)
	}
	want := append([]byte{0, 16, 9}, append([]byte("tls13 key"), 0)...)
	if !bytes.Equal(got, want) {
		t.Fatalf("HkdfLabel = %x, want %x", got, want)
	}
	got, _ = hkdfLabel("traffic upd", []byte{1, 2}, 48)
	want = append([]byte{0, 48, 17}, append([]byte("tls13 traffic upd"), 2, 1, 2)...)
	if !bytes.Equal(got, want) {
		t.Fatalf("HkdfLabel = %x, want %x", got, want)
	}
	if _, err := hkdfLabel(strings.Repeat("x", 250), nil, 1); err == nil {
		t.Error("label over 255 bytes accepted")
	}

	// RFC 8448 section 3 (Simple 1-RTT Handshake): the server handshake
	// traffic secret and the write key and IV derived from it.
	s, _ := lookupSuite(TLS_AES_128_GCM_SHA256, VersionTLS13)
	secret := vectors.MustHex("b67b7d690cc16c4e75e54213cb2d37b4e9c912bcded9105d42befd59d391ad38")
	key, iv, err := trafficKeys(s, secret)
	if err != nil {
		t.Fatal(err)
	}
	if want := vectors.MustHex("3fce516009c21727d0f2e4e86ee403bc"); !bytes.Equal(key, want) {
		t.Errorf("key = %x, want %x", key, want)
	}
	if want := vectors.MustHex("5d313eb2671276ee13000b30"); !bytes.Equal(iv, want) {
		t.Errorf("iv = %x, want %x", iv, want)
	}
}

func TestRoundTrip(t *testing.T) {
	forSuites(t, testRoundTrip)
}

func testRoundTrip(t *testing.T, k testKeys) {
	s, o := k.pair(t)
	buf := make([]byte, 0, MaxRecord+256)
	seq := uint64(0)
	for _, n := range recordSizes {
		for _, typ := range []ContentType{ApplicationData, Handshake, Alert} {
			if n == 0 && typ != ApplicationData {
				continue
			}
			p := payloadOf(n, byte(typ))
			rec, err := s.Seal(buf[:0], typ, p)
			if err != nil {
				t.Fatal(err)
			}
			if len(rec) != n+s.Overhead() {
				t.Fatalf("record of %d bytes for a %d-byte payload", len(rec), n)
			}
			// Independent construction gives the same bytes.
			inner := p
			outer := typ
			if k.ts.version == VersionTLS13 {
				inner = append(append([]byte{}, p...), byte(typ))
				outer = ApplicationData
			}
			if ref := refSeal(t, k, seq, outer, inner); !bytes.Equal(ref, rec) {
				t.Fatalf("size %d type %v: record differs from the reference construction", n, typ)
			}
			gotTyp, got, err := o.Open(rec)
			if err != nil {
				t.Fatalf("size %d type %v: %v", n, typ, err)
			}
			if gotTyp != typ || !bytes.Equal(got, p) {
				t.Fatalf("size %d type %v: got type %v, payload equal %v", n, typ, gotTyp, bytes.Equal(got, p))
			}
			if n > 0 && &got[0] != &rec[s.PayloadOffset()] {
				t.Fatal("Open did not decrypt in place")
			}
			seq++
			if s.Seq() != seq || o.Seq() != seq {
				t.Fatalf("sequence numbers %d, %d, want %d", s.Seq(), o.Seq(), seq)
			}
		}
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func TestSealInPlace(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		for _, n := range recordSizes {
			s1, _ := k.pair(t)
			s2, o := k.pair(t)
			prefix := []byte("prefix")
			p := payloadOf(n, 9)

			// Copying: payload elsewhere.
			dst1 := make([]byte, len(prefix), 64+n+64)
			copy(dst1, prefix)
			rec1, err := s1.Seal(dst1, ApplicationData, p)
			if err != nil {
				t.Fatal(err)
			}
			// In place: payload where the ciphertext goes.
			buf := make([]byte, len(prefix)+s2.PayloadOffset()+n+64)
			copy(buf, prefix)
			copy(buf[len(prefix)+s2.PayloadOffset():], p)
			dst2 := buf[:len(prefix)]
			rec2, err := s2.Seal(dst2, ApplicationData, buf[len(prefix)+s2.PayloadOffset():][:n])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec1, rec2) {
				t.Fatalf("size %d: in-place record differs from the copying one", n)
			}
			if &rec2[0] != &buf[0] {
				t.Fatal("in-place Seal reallocated")
			}
			// Payload at dst[len(dst)+HeaderLen:] (the explicit nonce of TLS
			// 1.2 AES-GCM makes this a shifted overlap).
			s3, _ := k.pair(t)
			buf3 := make([]byte, len(prefix)+HeaderLen+n+64)
			copy(buf3, prefix)
			copy(buf3[len(prefix)+HeaderLen:], p)
			rec3, err := s3.Seal(buf3[:len(prefix)], ApplicationData, buf3[len(prefix)+HeaderLen:][:n])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec1, rec3) {
				t.Fatalf("size %d: record sealed from dst[len(dst)+HeaderLen:] differs", n)
			}
			// Payload overlapping the header region.
			s4, _ := k.pair(t)
			buf4 := make([]byte, len(prefix)+n+64)
			copy(buf4, prefix)
			copy(buf4[len(prefix)+1:], p)
			rec4, err := s4.Seal(buf4[:len(prefix)], ApplicationData, buf4[len(prefix)+1:][:n])
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec1, rec4) {
				t.Fatalf("size %d: record sealed from an overlapping payload differs", n)
			}
			if !bytes.Equal(rec1[:len(prefix)], prefix) {
				t.Fatal("Seal changed dst's contents")
			}
			typ, got, err := o.Open(rec1[len(prefix):])
			if err != nil || typ != ApplicationData || !bytes.Equal(got, p) {
				t.Fatalf("size %d: Open: %v", n, err)
			}
		}
	})
}

func TestPadding(t *testing.T) {
	for _, ts := range testSuites[:3] {
		t.Run(ts.name, func(t *testing.T) {
			k := newTestKeys(t, ts, 2)
			s, o := k.pair(t)
			s.SetPadding(PadToMultiple(256))
			for _, n := range recordSizes[1:] {
				p := payloadOf(n, 3)
				rec, err := s.Seal(nil, Handshake, p)
				if err != nil {
					t.Fatal(err)
				}
				inner := len(rec) - HeaderLen - tagLen
				want := (n + 1 + 255) / 256 * 256
				if want > MaxPlaintext+1 {
					want = MaxPlaintext + 1
				}
				if inner != want {
					t.Errorf("size %d: inner plaintext %d bytes, want %d", n, inner, want)
				}
				typ, got, err := o.Open(rec)
				if err != nil || typ != Handshake || !bytes.Equal(got, p) {
					t.Fatalf("size %d: %v %v", n, typ, err)
				}
			}
			// A policy asking for too much is clamped; negative means none.
			s.SetPadding(func(ContentType, int) int { return 1 << 20 })
			rec, _ := s.Seal(nil, ApplicationData, []byte("x"))
			if len(rec) != HeaderLen+MaxPlaintext+1+tagLen {
				t.Errorf("clamped record is %d bytes", len(rec))
			}
			if _, got, err := o.Open(rec); err != nil || string(got) != "x" {
				t.Fatal(err)
			}
			s.SetPadding(func(ContentType, int) int { return -5 })
			rec, _ = s.Seal(nil, ApplicationData, []byte("x"))
			if len(rec) != HeaderLen+2+tagLen {
				t.Errorf("negative padding: record is %d bytes", len(rec))
			}
			// A record padded by someone else: a zero-length application
			// data record with lots of padding is fine.
			seq := o.Seq()
			inner := make([]byte, 1000)
			inner[0] = byte(ApplicationData)
			typ, got, err := o.Open(refSeal(t, k, seq, ApplicationData, inner))
			if err != nil || typ != ApplicationData || len(got) != 0 {
				t.Fatalf("padded empty record: %v %v %d", typ, err, len(got))
			}
		})
	}
}

func TestSealErrors(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		s, _ := k.pair(t)
		dst := []byte("keep")
		out, err := s.Seal(dst, ApplicationData, make([]byte, MaxPlaintext+1))
		if err == nil || string(out) != "keep" || s.Seq() != 0 {
			t.Fatalf("oversized payload: %v", err)
		}
		for _, typ := range []ContentType{ChangeCipherSpec, 0, 24, 255} {
			if _, err := s.Seal(nil, typ, []byte{1}); err == nil {
				t.Errorf("type %v sealed", typ)
			}
		}
		for _, typ := range []ContentType{Handshake, Alert} {
			if _, err := s.Seal(nil, typ, nil); err == nil {
				t.Errorf("empty %v record sealed", typ)
			}
		}
		if s.Seq() != 0 {
			t.Error("failed Seal advanced the sequence number")
		}
	})
}

func TestOpenLimits(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		_, o := k.pair(t)
		maxBody := MaxCiphertext13
		if k.ts.version == VersionTLS12 {
			maxBody = MaxCiphertext12
		}
		// Over the ciphertext limit: record_overflow, whatever follows.
		rec := make([]byte, HeaderLen+maxBody+1)
		rec[0], rec[1], rec[2] = 23, 3, 3
		binary.BigEndian.PutUint16(rec[3:], uint16(maxBody+1))
		_, _, err := o.Open(rec)
		wantAlert(t, err, AlertRecordOverflow)
		_, _, err = o.Open(rec[:HeaderLen])
		wantAlert(t, err, AlertRecordOverflow)

		// Plaintext over the limit, authentic: record_overflow.
		n := MaxPlaintext + 1
		if k.ts.version == VersionTLS13 {
			n = MaxPlaintext + 2
		}
		inner := payloadOf(n, 1)
		inner[len(inner)-1] = byte(ApplicationData)
		_, _, err = o.Open(refSeal(t, k, 0, ApplicationData, inner))
		wantAlert(t, err, AlertRecordOverflow)

		// Largest allowed plaintext.
		inner = inner[:n-1]
		inner[len(inner)-1] = byte(ApplicationData)
		typ, got, err := o.Open(refSeal(t, k, 0, ApplicationData, inner))
		if err != nil || typ != ApplicationData || len(got) != len(inner)-btoi(k.ts.version == VersionTLS13) {
			t.Fatalf("largest record: %v", err)
		}
	})
}

// TestOpenMalformed checks every truncation and every single-bit flip of
// records of several sizes: each gives its alert, no plaintext, and leaves
// the Opener able to open the genuine record.
func TestOpenMalformed(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		sizes := []int{0, 1, 64}
		if !testing.Short() {
			sizes = append(sizes, 300)
		}
		for _, n := range sizes {
			s, o := k.pair(t)
			good, err := s.Seal(nil, ApplicationData, payloadOf(n, 5))
			if err != nil {
				t.Fatal(err)
			}
			buf := make([]byte, len(good))
			for cut := 0; cut < len(good); cut++ {
				copy(buf, good)
				typ, got, err := o.Open(buf[:cut])
				if cut < HeaderLen {
					wantAlert(t, err, AlertDecodeError)
				} else {
					wantAlert(t, err, AlertDecodeError)
				}
				if got != nil || typ != 0 {
					t.Fatal("plaintext returned for a truncated record")
				}
			}
			// Consistent headers on short bodies.
			for body := 0; body < len(good)-HeaderLen; body++ {
				copy(buf, good)
				binary.BigEndian.PutUint16(buf[3:], uint16(body))
				_, got, err := o.Open(buf[:HeaderLen+body])
				wantAlert(t, err, AlertBadRecordMAC)
				if got != nil {
					t.Fatal("plaintext returned")
				}
			}
			for bit := 0; bit < 8*len(good); bit++ {
				copy(buf, good)
				buf[bit/8] ^= 1 << (bit % 8)
				typ, got, err := o.Open(buf)
				if err == nil || got != nil || typ != 0 {
					t.Fatalf("bit %d flipped: accepted (%v)", bit, err)
				}
				var want AlertDescription
				switch {
				case bit < 8:
					want = AlertBadRecordMAC // TLS 1.2: type in AD
					if k.ts.version == VersionTLS13 || !(buf[0] == 21 || buf[0] == 22) {
						want = AlertUnexpectedMessage
					}
				case bit < 24:
					want = AlertBadRecordMAC // TLS 1.3: version in AD
					if k.ts.version == VersionTLS12 {
						want = AlertProtocolVersion
					}
				case bit < 40:
					want = AlertDecodeError
					if int(binary.BigEndian.Uint16(buf[3:])) > MaxCiphertext12 ||
						(k.ts.version == VersionTLS13 && int(binary.BigEndian.Uint16(buf[3:])) > MaxCiphertext13) {
						want = AlertRecordOverflow
					}
				default:
					want = AlertBadRecordMAC
				}
				wantAlert(t, err, want)
				// The failed in-place open left no plaintext: the body is
				// either untouched ciphertext or zeros.
				if n >= 64 && bytes.Contains(buf, payloadOf(n, 5)[:32]) {
					t.Fatal("plaintext left in the buffer")
				}
			}
			copy(buf, good)
			if typ, got, err := o.Open(buf); err != nil || typ != ApplicationData || !bytes.Equal(got, payloadOf(n, 5)) {
				t.Fatalf("genuine record after forgeries: %v", err)
			}
		}
	})
}

func TestOpenContentTypes(t *testing.T) {
	for _, ts := range testSuites {
		t.Run(ts.name, func(t *testing.T) {
			k := newTestKeys(t, ts, 3)
			tls13 := ts.version == VersionTLS13
			type tc struct {
				outer ContentType
				inner []byte
				want  AlertDescription // 255: accepted
			}
			var cases []tc
			if tls13 {
				cases = []tc{
					{ApplicationData, nil, AlertUnexpectedMessage},                           // zero-length inner plaintext
					{ApplicationData, make([]byte, 100), AlertUnexpectedMessage},             // all padding
					{ApplicationData, []byte{1, 2, 20}, AlertUnexpectedMessage},              // inner change_cipher_spec
					{ApplicationData, []byte{1, 2, 24, 0, 0}, AlertUnexpectedMessage},        // unknown inner type
					{ApplicationData, []byte{byte(Handshake), 0, 0}, AlertUnexpectedMessage}, // empty handshake
					{ApplicationData, []byte{byte(Alert)}, AlertUnexpectedMessage},           // empty alert
					{Handshake, []byte{1, byte(ApplicationData)}, AlertUnexpectedMessage},    // wrong outer type
					{Alert, []byte{1, byte(ApplicationData)}, AlertUnexpectedMessage},
					{ChangeCipherSpec, []byte{1, byte(ApplicationData)}, AlertUnexpectedMessage},
					{ApplicationData, []byte{byte(ApplicationData)}, 255},
					{ApplicationData, []byte{7, byte(Alert), 0, 0, 0}, 255},
				}
			} else {
				cases = []tc{
					{ChangeCipherSpec, []byte{1}, AlertUnexpectedMessage},
					{24, []byte{1}, AlertUnexpectedMessage},
					{Handshake, nil, AlertUnexpectedMessage},
					{Alert, nil, AlertUnexpectedMessage},
					{ApplicationData, nil, 255},
					{Alert, []byte{1, 0}, 255},
				}
			}
			for i, c := range cases {
				_, o := k.pair(t)
				typ, got, err := o.Open(refSeal(t, k, 0, c.outer, c.inner))
				if c.want == 255 {
					if err != nil {
						t.Errorf("case %d: %v", i, err)
					}
					continue
				}
				if got != nil || typ != 0 {
					t.Errorf("case %d: payload returned with error", i)
				}
				wantAlert(t, err, c.want)
			}
			// TLS 1.2: another version number.
			if !tls13 {
				_, o := k.pair(t)
				rec := refSeal(t, k, 0, ApplicationData, []byte("x"))
				rec[2] = 1
				_, _, err := o.Open(rec)
				wantAlert(t, err, AlertProtocolVersion)
			}
		})
	}
}

func TestOutOfOrder(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		s, o := k.pair(t)
		var recs [][]byte
		for i := 0; i < 4; i++ {
			r, _ := s.Seal(nil, ApplicationData, []byte{byte(i)})
			recs = append(recs, r)
		}
		cp := func(b []byte) []byte { return append([]byte{}, b...) }
		// Skipping, reordering and replaying all fail authentication.
		_, _, err := o.Open(cp(recs[1]))
		wantAlert(t, err, AlertBadRecordMAC)
		if _, got, err := o.Open(cp(recs[0])); err != nil || got[0] != 0 {
			t.Fatal(err)
		}
		_, _, err = o.Open(cp(recs[0]))
		wantAlert(t, err, AlertBadRecordMAC)
		_, _, err = o.Open(cp(recs[2]))
		wantAlert(t, err, AlertBadRecordMAC)
		for i := 1; i < 4; i++ {
			if _, got, err := o.Open(cp(recs[i])); err != nil || got[0] != byte(i) {
				t.Fatal(err)
			}
		}
	})
}

func TestKeyUpdate(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		s, o := k.pair(t)
		if k.ts.version == VersionTLS12 {
			if s.Update() == nil || o.Update() == nil {
				t.Fatal("TLS 1.2 Update succeeded")
			}
			return
		}
		secret := k.secret
		for gen := 0; gen < 4; gen++ {
			for i := 0; i < 3; i++ {
				rec, _ := s.Seal(nil, ApplicationData, []byte("gen"))
				// The record is what the next traffic secret gives.
				kk := k
				kk.secret = secret
				if ref := refSeal(t, kk, uint64(i), ApplicationData, []byte("gen\x17")); !bytes.Equal(ref, rec) {
					t.Fatalf("generation %d record %d differs from the reference", gen, i)
				}
				if _, _, err := o.Open(rec); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.Update(); err != nil {
				t.Fatal(err)
			}
			if s.Seq() != 0 {
				t.Fatal("Update did not reset the sequence number")
			}
			// Not yet updated: fails.
			rec, _ := s.Seal(nil, ApplicationData, []byte("x"))
			o2 := *o
			_, _, err := o2.Open(append([]byte{}, rec...))
			wantAlert(t, err, AlertBadRecordMAC)
			if err := o.Update(); err != nil {
				t.Fatal(err)
			}
			if _, got, err := o.Open(rec); err != nil || string(got) != "x" {
				t.Fatal(err)
			}
			// RFC 8446 section 7.2, with crypto/hkdf and the label spelled out.
			label := fmt.Sprintf("\x00%c\x11tls13 traffic upd\x00", byte(len(secret)))
			secret, _ = hkdf.Expand(k.suiteParams.hash, secret, label, len(secret))
			// Now sequence 1 in this generation; rewind the reference.
			s2, _ := NewSealer13(k.ts.id, secret)
			s2.SetSeq(1)
			r1, _ := s.Seal(nil, ApplicationData, []byte("y"))
			r2, _ := s2.Seal(nil, ApplicationData, []byte("y"))
			if !bytes.Equal(r1, r2) {
				t.Fatal("updated secret is not HKDF-Expand-Label(secret, \"traffic upd\")")
			}
			if _, _, err := o.Open(r1); err != nil {
				t.Fatal(err)
			}
			s.SetSeq(0)
			o.SetSeq(0)
		}
	})
}

func TestSequenceLimits(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		s, o := k.pair(t)
		if s.NeedsUpdate() {
			t.Fatal("NeedsUpdate on a fresh key")
		}
		s.SetSeq(aesGCMRecordLimit - 1)
		if s.NeedsUpdate() {
			t.Fatal("NeedsUpdate before the limit")
		}
		s.SetSeq(aesGCMRecordLimit)
		chacha := k.suiteParams.chacha
		if s.NeedsUpdate() == chacha {
			t.Fatalf("NeedsUpdate at 2^24.5 records = %v for chacha=%v", s.NeedsUpdate(), chacha)
		}
		// The sequence number's own limit, for every suite: lift the
		// AES-GCM key limit (TestKeyLimit) to reach it.
		noLimit := *s.suite
		noLimit.limit = math.MaxUint64
		s.suite = &noLimit
		s.SetSeq(math.MaxUint64 - 1)
		o.SetSeq(math.MaxUint64 - 1)
		for i := 0; i < 2; i++ {
			rec, err := s.Seal(nil, ApplicationData, []byte{byte(i)})
			if err != nil {
				t.Fatalf("record %d: %v", i, err)
			}
			if _, got, err := o.Open(rec); err != nil || got[0] != byte(i) {
				t.Fatal(err)
			}
		}
		if !s.NeedsUpdate() {
			t.Fatal("NeedsUpdate false with the sequence number exhausted")
		}
		if s.Seq() != math.MaxUint64 {
			t.Fatalf("seq %d", s.Seq())
		}
		dst := []byte("x")
		out, err := s.Seal(dst, ApplicationData, []byte{2})
		wantAlert(t, err, AlertInternalError)
		if string(out) != "x" {
			t.Fatal("Seal changed dst after exhaustion")
		}
		_, _, err = o.Open(refSeal(t, k, 0, ApplicationData, []byte{2, 23}))
		wantAlert(t, err, AlertInternalError)
		if k.ts.version == VersionTLS13 {
			// A KeyUpdate starts over.
			s.Update()
			o.Update()
			rec, err := s.Seal(nil, ApplicationData, []byte{3})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := o.Open(rec); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestConstructorErrors(t *testing.T) {
	if _, err := NewSealer13(TLS_AES_128_GCM_SHA256, make([]byte, 48)); err == nil {
		t.Error("48-byte secret for a SHA-256 suite accepted")
	}
	if _, err := NewOpener13(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, make([]byte, 32)); err == nil {
		t.Error("TLS 1.2 suite accepted by NewOpener13")
	}
	if _, err := NewSealer12(TLS_AES_128_GCM_SHA256, make([]byte, 16), make([]byte, 4)); err == nil {
		t.Error("TLS 1.3 suite accepted by NewSealer12")
	}
	if _, err := NewSealer12(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, make([]byte, 32), make([]byte, 4)); err == nil {
		t.Error("wrong key length accepted")
	}
	if _, err := NewOpener12(TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, make([]byte, 16), make([]byte, 12)); err == nil {
		t.Error("12-byte fixed IV accepted for AES-GCM")
	}
	if _, err := NewOpener12(TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, make([]byte, 32), make([]byte, 4)); err == nil {
		t.Error("4-byte fixed IV accepted for ChaCha20-Poly1305")
	}
	if _, err := NewSealer13(0x1304, make([]byte, 32)); err == nil {
		t.Error("TLS_AES_128_CCM_SHA256 accepted")
	}
}

func TestAlertStrings(t *testing.T) {
	if AlertBadRecordMAC.String() != "bad_record_mac" || AlertDescription(200).String() != "alert(200)" {
		t.Error("alert names")
	}
	e := &AlertError{Alert: AlertDecodeError, Reason: "x"}
	if !strings.Contains(e.Error(), "decode_error") {
		t.Error(e.Error())
	}
	if ApplicationData.String() != "application_data" || ContentType(99).String() != "content_type(99)" {
		t.Error("content type names")
	}
}

func TestAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	forSuites(t, func(t *testing.T, k testKeys) {
		s, o := k.pair(t)
		s.SetPadding(PadToMultiple(32))
		p := payloadOf(1350, 1)
		buf := make([]byte, 0, MaxRecord)
		allocs := testing.AllocsPerRun(100, func() {
			rec, err := s.Seal(buf, ApplicationData, p)
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := o.Open(rec); err != nil {
				t.Fatal(err)
			}
		})
		// The record layer adds nothing to what the AEAD itself allocates
		// (x/crypto's ChaCha20-Poly1305 allocates under purego).
		aeadAllocs := testing.AllocsPerRun(100, func() {
			ct := s.aead.Seal(buf[:0], s.nonce[:], p, p[:13])
			if _, err := s.aead.Open(ct[:0], s.nonce[:], ct, p[:13]); err != nil {
				t.Fatal(err)
			}
		})
		if aeadAllocs != 0 {
			t.Logf("the AEAD itself allocates %v times per Seal+Open", aeadAllocs)
		}
		if allocs > aeadAllocs {
			t.Errorf("Seal+Open: %v allocations per record", allocs)
		}
		bad := make([]byte, 0, MaxRecord)
		allocs = testing.AllocsPerRun(100, func() {
			rec, _ := s.Seal(bad, ApplicationData, p)
			rec[len(rec)-1] ^= 1
			if _, _, err := o.Open(rec); err == nil {
				t.Fatal("forgery accepted")
			}
			o.SetSeq(s.Seq())
		})
		if allocs > aeadAllocs {
			t.Errorf("failed Open: %v allocations per record", allocs)
		}
	})
}

// TestEveryAEADImplementation runs the record tests with each implementation
// of each AEAD (package dispatch) selected in turn.
func TestEveryAEADImplementation(t *testing.T) {
	for _, alg := range []string{aesgcm.Alg, chacha20poly1305pkg.Alg} {
		t.Run(alg, func(t *testing.T) {
			cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
				TestRoundTrip(t)
				TestOpenMalformed(t)
				TestKeyUpdate(t)
				TestOpenLimits(t)
			})
		})
	}
}

func TestRecordSizeLimit(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		tls13 := k.ts.version == VersionTLS13
		s, o := k.pair(t)
		if s.MaxPayload() != MaxPlaintext {
			t.Fatalf("MaxPayload %d", s.MaxPayload())
		}
		s.SetRecordSizeLimit(100)
		o.SetRecordSizeLimit(100)
		maxPayload := 100 - btoi(tls13)
		if s.MaxPayload() != maxPayload {
			t.Fatalf("MaxPayload %d under a limit of 100", s.MaxPayload())
		}
		if _, err := s.Seal(nil, ApplicationData, make([]byte, maxPayload+1)); err == nil {
			t.Fatal("payload over the record size limit sealed")
		}
		s.SetPadding(func(ContentType, int) int { return 1000 })
		rec, err := s.Seal(nil, ApplicationData, make([]byte, 10))
		if err != nil {
			t.Fatal(err)
		}
		if tls13 && len(rec) != HeaderLen+100+tagLen {
			t.Fatalf("padding not clamped to the limit: %d-byte record", len(rec))
		}
		if _, _, err := o.Open(rec); err != nil {
			t.Fatal(err)
		}
		// The peer ignoring our limit: record_overflow, before decrypting.
		seq := o.Seq()
		inner := make([]byte, 101)
		inner[100] = byte(ApplicationData) // TLS 1.3 inner type; TLS 1.2: content
		_, _, err = o.Open(refSeal(t, k, seq, ApplicationData, inner))
		wantAlert(t, err, AlertRecordOverflow)
		_, _, err = o.Open(refSeal(t, k, seq, ApplicationData, inner[1:]))
		if err != nil {
			t.Fatalf("record at the limit: %v", err)
		}
		// Limits above the protocol's mean the protocol's.
		s.SetRecordSizeLimit(1 << 20)
		if s.MaxPayload() != MaxPlaintext {
			t.Fatalf("MaxPayload %d", s.MaxPayload())
		}
		// Below 64 (RFC 8449 section 4): illegal_parameter, no panic, and
		// the limit in force stays.
		for _, n := range []int{63, 0, -1, math.MinInt} {
			wantAlert(t, s.SetRecordSizeLimit(n), AlertIllegalParameter)
			wantAlert(t, o.SetRecordSizeLimit(n), AlertIllegalParameter)
		}
		if s.MaxPayload() != MaxPlaintext {
			t.Fatalf("MaxPayload %d after a refused limit", s.MaxPayload())
		}
		if err := s.SetRecordSizeLimit(64); err != nil {
			t.Fatal(err)
		}
	})
}

// TestKeyLimit checks that an AES-GCM key stops sealing application data
// after 2^24.5 records (RFC 8446 section 5.5) in TLS 1.2 as well as TLS 1.3,
// with room for one last handshake or alert record (the TLS 1.3 KeyUpdate,
// the TLS 1.2 close_notify), and that ChaCha20-Poly1305 has no such limit.
func TestKeyLimit(t *testing.T) {
	forSuites(t, func(t *testing.T, k testKeys) {
		s, o := k.pair(t)
		chacha := k.suiteParams.chacha
		s.SetSeq(aesGCMRecordLimit - 1)
		o.SetSeq(aesGCMRecordLimit - 1)
		rec, err := s.Seal(nil, ApplicationData, []byte("last"))
		if err != nil {
			t.Fatalf("the last record before the limit: %v", err)
		}
		if _, _, err := o.Open(rec); err != nil {
			t.Fatal(err)
		}
		if !s.NeedsUpdate() && !chacha {
			t.Fatal("NeedsUpdate false at the limit")
		}
		dst := []byte("x")
		out, err := s.Seal(dst, ApplicationData, []byte("over"))
		if chacha {
			if err != nil {
				t.Fatalf("ChaCha20-Poly1305 record past 2^24.5: %v", err)
			}
			return
		}
		wantAlert(t, err, AlertInternalError)
		if string(out) != "x" {
			t.Fatal("Seal changed dst at the key limit")
		}
		last := Handshake // the KeyUpdate
		if k.ts.version == VersionTLS12 {
			last = Alert // close_notify
		}
		rec, err = s.Seal(nil, last, []byte{1, 0})
		if err != nil {
			t.Fatalf("the one %v record allowed at the limit: %v", last, err)
		}
		if _, _, err := o.Open(rec); err != nil {
			t.Fatal(err)
		}
		for _, typ := range []ContentType{Handshake, Alert, ApplicationData} {
			_, err = s.Seal(nil, typ, []byte{1, 0})
			wantAlert(t, err, AlertInternalError)
		}
		if k.ts.version == VersionTLS13 {
			if err := s.Update(); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Seal(nil, ApplicationData, []byte("new key")); err != nil {
				t.Fatalf("after Update: %v", err)
			}
		}
	})
}

func TestConnRecordSizeLimit(t *testing.T) {
	k := newTestKeys(t, testSuites[0], 1)
	s, o := k.pair(t)
	s.SetRecordSizeLimit(1000)
	o.SetRecordSizeLimit(1000)
	m := &memConn{buf: make([]byte, 1<<20)}
	c := NewConn(m, o, s)
	msg := payloadOf(5000, 3)
	if _, err := c.Write(msg); err != nil {
		t.Fatal(err)
	}
	var got []byte
	for len(got) < len(msg) {
		_, data, err := c.ReadRecord()
		if err != nil {
			t.Fatal(err)
		}
		if len(data) > 999 {
			t.Fatalf("%d-byte record under a limit of 1000", len(data))
		}
		got = append(got, data...)
	}
	if !bytes.Equal(got, msg) {
		t.Fatal("data differs")
	}
}
