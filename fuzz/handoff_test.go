package fuzz

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/hex"
	"errors"
	"io"
	"math/big"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tlscore/tlscore/record"
	"github.com/tlscore/tlscore/record/handoff"
)

var (
	handoffCertOnce sync.Once
	handoffCert     tls.Certificate
)

func handoffCertificate() tls.Certificate {
	handoffCertOnce.Do(func() {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		if err != nil {
			panic(err)
		}
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "fuzz"},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour)}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
		if err != nil {
			panic(err)
		}
		handoffCert = tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}
	})
	return handoffCert
}

// handoffKeyLog collects a crypto/tls peer's secrets.
type handoffKeyLog struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (k *handoffKeyLog) Write(line []byte) (int, error) {
	f := strings.Fields(string(line))
	if len(f) == 3 {
		b, _ := hex.DecodeString(f[2])
		k.mu.Lock()
		if k.m == nil {
			k.m = map[string][]byte{}
		}
		k.m[f[0]] = b
		k.mu.Unlock()
	}
	return len(line), nil
}

// FuzzHandoffHandshake: a handed-off client whose server sends arbitrary
// bytes (the fuzz input), cut into arbitrary reads. The handshake must fail
// with an error, never panic, and the connection must not be handed off.
func FuzzHandoffHandshake(f *testing.F) {
	f.Add([]byte{22, 3, 3, 0, 4, 2, 0, 0, 0}, uint8(3))
	f.Add([]byte("HTTP/1.1 400 Bad Request\r\n\r\n"), uint8(1))
	f.Add(bytes.Repeat([]byte{23, 3, 3, 0, 0}, 10), uint8(200))
	f.Fuzz(func(t *testing.T, in []byte, chunk uint8) {
		c, s := net.Pipe()
		defer s.Close()
		go func() {
			io.Copy(io.Discard, io.LimitReader(s, 1<<16)) // the ClientHello
		}()
		go func() {
			b := in
			k := 1 + int(chunk)
			for len(b) > 0 {
				n := min(k, len(b))
				if _, err := s.Write(b[:n]); err != nil {
					return
				}
				b = b[n:]
			}
			s.Close()
		}()
		hc := handoff.Client(c, &tls.Config{InsecureSkipVerify: true})
		defer hc.Close()
		c.SetDeadline(time.Now().Add(5 * time.Second))
		if err := hc.Handshake(); err == nil {
			t.Fatal("a handshake with a fuzzed server succeeded")
		}
		if hc.HandedOff() {
			t.Fatal("handed off after a failed handshake")
		}
	})
}

// handoffMaxUseless is record/handoff's bound on records in a row without
// application data (maxUseless there and in package record).
const handoffMaxUseless = 64

// FuzzHandoffRecords: after a real TLS 1.3 handshake between a handed-off
// client and a crypto/tls server, the server's side sends records made from
// the fuzz input: raw bytes, then records sealed properly (so that the
// post-handshake message handling, alerts and KeyUpdate are reached) with
// fuzzed content types and payloads. Reading must never panic, and what
// Read returns must be the payload of an application_data record that was
// sealed properly.
func FuzzHandoffRecords(f *testing.F) {
	f.Add([]byte{}, []byte{23, 'h', 'i', 22, 4, 0, 0, 1, 0, 23, 'x'})
	f.Add([]byte{23, 3, 3, 0, 1, 0}, []byte{})
	f.Add([]byte{}, []byte{22, 24, 0, 0, 1, 1, 23, 'a', 21, 1, 0})
	f.Add([]byte{}, []byte{22, 13, 0, 0, 0, 21, 2, 80})
	f.Fuzz(func(t *testing.T, raw, sealed []byte) {
		if len(raw)+len(sealed) > 1<<14 {
			return
		}
		craw, sraw := net.Pipe()
		defer craw.Close()
		defer sraw.Close()
		var klog handoffKeyLog
		server := tls.Server(sraw, &tls.Config{Certificates: []tls.Certificate{handoffCertificate()},
			KeyLogWriter: &klog, SessionTicketsDisabled: true})
		client := handoff.Client(craw, &tls.Config{InsecureSkipVerify: true})
		defer client.Close()
		errc := make(chan error, 1)
		go func() { errc <- server.Handshake() }()
		if err := client.Handshake(); err != nil {
			t.Fatal(err)
		}
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
		if !client.HandedOff() {
			t.Fatal("not handed off")
		}
		st := server.ConnectionState()
		out, err := record.NewSealer13(st.CipherSuite, klog.m["SERVER_TRAFFIC_SECRET_0"])
		if err != nil {
			t.Fatal(err)
		}
		// sealed is a sequence of (type, payload) items: a type byte, then
		// the payload up to the next byte below 32 that names a type.
		var stream []byte
		var appData []byte // the application data sealed before anything else
		clean := len(raw) == 0
		empty := 0 // empty application data records in a row
		for len(sealed) > 0 {
			typ := record.ContentType(sealed[0]%3 + 21) // alert, handshake, application_data
			j := 1
			for j < len(sealed) && sealed[j] >= 32 {
				j++
			}
			if typ == record.Handshake || typ == record.Alert {
				// Handshake and alert payloads are binary: take up to 8
				// bytes whatever they are.
				j = min(len(sealed), 1+8)
			}
			payload := sealed[1:j]
			sealed = sealed[j:]
			rec, err := out.Seal(nil, typ, payload)
			if err != nil {
				continue // empty alert or handshake: not sealable
			}
			if typ == record.ApplicationData && len(payload) == 0 {
				// More than 64 records in a row without application data
				// end the read with an error (handoff's and record's
				// maxUseless, as crypto/tls bounds them): from there on
				// only a prefix can be expected.
				if empty++; empty > handoffMaxUseless {
					clean = false
				}
			} else {
				empty = 0
			}
			if typ == record.ApplicationData && clean {
				appData = append(appData, payload...)
			} else {
				clean = false
			}
			stream = append(stream, rec...)
		}
		go func() {
			sraw.Write(raw)
			sraw.Write(stream)
			sraw.Close()
		}()
		go io.Copy(io.Discard, sraw) // alerts and KeyUpdates the client sends
		craw.SetDeadline(time.Now().Add(5 * time.Second))
		got, err := io.ReadAll(client)
		if ne := (net.Error)(nil); errors.As(err, &ne) && ne.Timeout() {
			t.Fatal("Read timed out")
		}
		if clean && !bytes.Equal(got, appData) {
			t.Fatalf("read %q, sealed %q", got, appData)
		}
		if !clean && !bytes.HasPrefix(got, appData) {
			t.Fatalf("read %q, which does not start with the data sealed first %q", got, appData)
		}
	})
}
