package main

import (
	"crypto/cipher"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/crypto/chacha20poly1305"

	bh "github.com/tlscore/tlscore/internal/benchharness"
	"github.com/tlscore/tlscore/record"
)

// The record rows time one whole TLS 1.3 application-data record: tlscore's
// record.Sealer and record.Opener with the AEAD dispatch picks by itself
// (the AEAD rows compare every implementation), against the same per-record
// work done the way crypto/tls does it over Go's AEADs (crypto/tls keeps its
// record layer unexported): header, nonce = IV xor sequence number, inner
// content type, Seal with the header as additional data; Open checks the
// header, opens in place and strips the type.
//
// Open rows copy the record into the receive buffer before each Open (as a
// read from the network does; Open decrypts in place) and rewind the
// sequence number, so that the same record can be opened again.

func recordOps() []bh.Op {
	var out []bh.Op
	for _, s := range []struct {
		family  string
		alg     string
		suite   uint16
		secret  int
		full    bool
		ref     aeadFunc
		refAEAD string
	}{
		{"Record-AES-128-GCM", "aes-gcm", tls.TLS_AES_128_GCM_SHA256, 32, false, stdAESGCM, "crypto/cipher GCM"},
		{"Record-AES-256-GCM", "aes-gcm", tls.TLS_AES_256_GCM_SHA384, 48, true, stdAESGCM, "crypto/cipher GCM"},
		{"Record-ChaCha20-Poly1305", "chacha20-poly1305", tls.TLS_CHACHA20_POLY1305_SHA256, 32, false, chacha20poly1305.New, "x/crypto chacha20poly1305"},
	} {
		keyLen := 16
		if s.suite != tls.TLS_AES_128_GCM_SHA256 {
			keyLen = 32
		}
		for _, seal := range []bool{true, false} {
			verb, desc := "seal", "record.Sealer.Seal of one TLS 1.3 application-data record (payload copied in, header, type, nonce, AEAD)"
			if !seal {
				verb, desc = "open", "copy of the record into the receive buffer, then record.Opener.Open (in place, type and padding removed)"
			}
			out = append(out, bh.Op{
				Family: s.family, Verb: verb, Alg: s.alg, AutoOnly: true, Unit: bh.Bytes, MaxSize: record.MaxPlaintext,
				Full: s.full, Desc: desc, Ours: recordSetup(s.suite, s.secret, seal),
				Refs: []bh.Ref{{Source: bh.SourceGo, Desc: "crypto/tls's per-record work over " + s.refAEAD, Setup: goRecordSetup(keyLen, s.ref, seal)}},
			})
		}
	}
	return out
}

func recordSetup(suite uint16, secretLen int, seal bool) bh.Setup {
	return func(size int) (func(int), error) {
		secret := pattern(secretLen, 5)
		payload := pattern(size, 3)
		s, err := record.NewSealer13(suite, secret)
		if err != nil {
			return nil, err
		}
		buf := make([]byte, 0, size+s.Overhead())
		if seal {
			return func(n int) {
				var err error
				for range n {
					if buf, err = s.Seal(buf[:0], record.ApplicationData, payload); err != nil {
						panic(err)
					}
				}
			}, nil
		}
		rec, err := s.Seal(nil, record.ApplicationData, payload)
		if err != nil {
			return nil, err
		}
		o, err := record.NewOpener13(suite, secret)
		if err != nil {
			return nil, err
		}
		buf = buf[:len(rec)]
		open := func() error {
			copy(buf, rec)
			o.SetSeq(0)
			typ, p, err := o.Open(buf)
			if err == nil && (typ != record.ApplicationData || len(p) != size) {
				err = errors.New("record: opened the wrong record")
			}
			return err
		}
		if err := open(); err != nil {
			return nil, err
		}
		return opsFunc(open), nil
	}
}

// goRecord is the TLS 1.3 record protection crypto/tls performs, over a Go
// AEAD (RFC 8446 section 5.2 and 5.3).
type goRecord struct {
	aead  cipher.AEAD
	iv    [12]byte
	nonce [12]byte
	seq   uint64
}

func (r *goRecord) setNonce() {
	r.nonce = r.iv
	var s [8]byte
	binary.BigEndian.PutUint64(s[:], r.seq)
	for i, b := range s {
		r.nonce[4+i] ^= b
	}
}

// seal appends a record carrying payload to buf[:0].
func (r *goRecord) seal(buf, payload []byte) []byte {
	n := len(payload) + 1 + r.aead.Overhead()
	buf = append(buf[:0], 23, 3, 3, byte(n>>8), byte(n))
	buf = append(buf, payload...)
	buf = append(buf, 23)
	r.setNonce()
	buf = r.aead.Seal(buf[:5], r.nonce[:], buf[5:], buf[:5])
	r.seq++
	return buf
}

// open opens rec in place and returns its type and payload.
func (r *goRecord) open(rec []byte) (byte, []byte, error) {
	if len(rec) < 5 || rec[0] != 23 || int(binary.BigEndian.Uint16(rec[3:])) != len(rec)-5 {
		return 0, nil, errors.New("bad record header")
	}
	r.setNonce()
	pt, err := r.aead.Open(rec[5:5], r.nonce[:], rec[5:], rec[:5])
	if err != nil {
		return 0, nil, err
	}
	r.seq++
	i := len(pt) - 1
	for i >= 0 && pt[i] == 0 {
		i--
	}
	if i < 0 {
		return 0, nil, errors.New("no content type")
	}
	return pt[i], pt[:i], nil
}

func goRecordSetup(keyLen int, mk aeadFunc, seal bool) bh.Setup {
	return func(size int) (func(int), error) {
		a, err := mk(pattern(keyLen, 5))
		if err != nil {
			return nil, err
		}
		r := &goRecord{aead: a, iv: [12]byte(pattern(12, 6))}
		payload := pattern(size, 3)
		buf := make([]byte, 0, size+5+1+a.Overhead())
		if seal {
			return func(n int) {
				for range n {
					buf = r.seal(buf, payload)
				}
			}, nil
		}
		rec := r.seal(nil, payload)
		buf = buf[:len(rec)]
		open := func() error {
			copy(buf, rec)
			r.seq = 0
			typ, p, err := r.open(buf)
			if err == nil && (typ != 23 || len(p) != size) {
				err = fmt.Errorf("opened the wrong record")
			}
			return err
		}
		if err := open(); err != nil {
			return nil, err
		}
		return opsFunc(open), nil
	}
}
