package record_test

import (
	"fmt"

	"github.com/tlscore/tlscore/record"
)

// Sealing a record in place: the payload is written where its ciphertext
// goes, so Seal encrypts it without a copy; Open decrypts in place too.
func Example() {
	secret := make([]byte, 32) // the TLS 1.3 traffic secret from the handshake
	s, err := record.NewSealer13(record.TLS_AES_128_GCM_SHA256, secret)
	if err != nil {
		panic(err)
	}
	o, err := record.NewOpener13(record.TLS_AES_128_GCM_SHA256, secret)
	if err != nil {
		panic(err)
	}

	buf := make([]byte, record.MaxRecord)
	n := copy(buf[s.PayloadOffset():], "hello, record layer")
	rec, err := s.Seal(buf[:0], record.ApplicationData, buf[s.PayloadOffset():][:n])
	if err != nil {
		panic(err)
	}
	fmt.Println("record bytes:", len(rec))

	typ, payload, err := o.Open(rec)
	if err != nil {
		panic(err)
	}
	fmt.Printf("%v %q\n", typ, payload)

	// A record changed in transit is rejected with the alert to send.
	rec, _ = s.Seal(buf[:0], record.ApplicationData, []byte("again"))
	rec[len(rec)-1] ^= 1
	_, _, err = o.Open(rec)
	fmt.Println(err)
	// Output:
	// record bytes: 41
	// application_data "hello, record layer"
	// record: record authentication failed (alert bad_record_mac)
}
