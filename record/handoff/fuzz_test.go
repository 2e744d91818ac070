package handoff

import (
	"bytes"
	"crypto/tls"
	"encoding/binary"
	"testing"

	"github.com/tlscore/tlscore/record"
)

// FuzzRecordScan feeds arbitrary streams, cut into arbitrary chunks, to the
// wrapper's record scanner and the hand-off's parsers: the records must
// come out as a straightforward split of the stream says, no read may ask
// past the current record, and the hello parser and the sequence counting
// must return (an error, for what does not add up) without panicking. Every
// record is also tried as a TLS 1.3 record under a fixed secret and as a
// TLS 1.2 record after a ChangeCipherSpec.
func FuzzRecordScan(f *testing.F) {
	f.Add([]byte{22, 3, 3, 0, 4, 1, 0, 0, 0, 23, 3, 3, 0, 0}, []byte{1, 2, 3})
	f.Add([]byte{20, 3, 3, 0, 1, 1, 23, 3, 3, 0, 20, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}, []byte{5})
	// A real sealed NewSessionTicket and Finished.
	secret := bytes.Repeat([]byte{7}, 32)
	s13, _ := record.NewSealer13(tls.TLS_AES_128_GCM_SHA256, secret)
	nst, _ := s13.Seal(nil, record.Handshake, []byte{typeNewSessionTicket, 0, 0, 1, 0})
	f.Add(nst, []byte{0})
	key, iv := bytes.Repeat([]byte{1}, 16), []byte{1, 2, 3, 4}
	s12, _ := record.NewSealer12(tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, key, iv)
	fin, _ := s12.Seal(nil, record.Handshake, []byte{typeFinished, 0, 0, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
	f.Add(append([]byte{20, 3, 3, 0, 1, 1}, fin...), []byte{3, 9})
	f.Fuzz(func(t *testing.T, stream, chunks []byte) {
		// The reference split.
		var want []rec
		rest := stream
		for len(rest) >= 5 {
			n := 5 + int(binary.BigEndian.Uint16(rest[3:]))
			if len(rest) < n {
				break
			}
			want = append(want, rec(rest[:n]))
			rest = rest[n:]
		}
		var r recorder
		s := stream
		for i := 0; len(s) > 0; i++ {
			c := 1
			if len(chunks) > 0 {
				c = 1 + int(chunks[i%len(chunks)])*int(chunks[i%len(chunks)])
			}
			w := r.want()
			if w <= 0 {
				t.Fatal("want() is not positive")
			}
			k := min(c, w, len(s))
			r.feed(s[:k])
			s = s[k:]
		}
		if len(r.recs) != len(want) {
			t.Fatalf("%d records, want %d", len(r.recs), len(want))
		}
		for i := range want {
			if !bytes.Equal(r.recs[i], want[i]) {
				t.Fatalf("record %d differs", i)
			}
		}
		if r.aligned() != (len(rest) == 0) {
			t.Fatalf("aligned %v with %d bytes left over", r.aligned(), len(rest))
		}
		helloRandom(r.recs, typeClientHello)
		helloRandom(r.recs, typeServerHello)
		if n, err := count13(tls.TLS_AES_128_GCM_SHA256, secret, r.recs); err == nil && n > uint64(len(r.recs)) {
			t.Fatal("count13 counted more records than there are")
		}
		if n, err := count12(tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, key, iv, r.recs, true); err == nil && n != 1 {
			t.Fatal("count12 succeeded with a count other than 1")
		}
		var ms msgScanner
		ms.scan(stream, func(byte) error { return nil })
	})
}
