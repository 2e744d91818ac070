package main

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"net"
	"sync"
	"sync/atomic"
	"time"

	bh "github.com/tlscore/tlscore/internal/benchharness"
	"github.com/tlscore/tlscore/record/handoff"
	tlsecdsa "github.com/tlscore/tlscore/sig/ecdsa"
	tlsrsa "github.com/tlscore/tlscore/sig/rsa"
)

// The tls rows run whole connections: crypto/tls (with its own keys and
// record layer) against record/handoff (crypto/tls's handshake with
// tlscore's signer as the certificate's private key, tlscore's record
// layer after it).
//
// Handshake rows time the server side of full TLS 1.3 handshakes (no
// resumption, no session ticket: the client has no cache) over loopback
// TCP, accept included: the server runs on the measuring thread, the
// crypto/tls client on another goroutine, so the thread clock counts the
// server's work only (its system calls included). The listener of a row is
// left open until the process exits.
//
// Bulk rows time a server's Write of one message after the handshake, on a
// connection whose writes then go nowhere: the record layer's sealing and
// framing per byte, without the kernel's copy (the same for both).

func tlsOps() []bh.Op {
	var out []bh.Op
	for _, k := range []struct {
		family, alg string
		key         func() (crypto.Signer, error)
		ours        func(crypto.Signer) (crypto.Signer, error)
	}{
		{"TLS13-ECDSA-P256", "p256", ecdsaBenchKey, func(k crypto.Signer) (crypto.Signer, error) {
			return tlsecdsa.NewPrivateKey(k.(*ecdsa.PrivateKey))
		}},
		{"TLS13-RSA-2048", "rsa", func() (crypto.Signer, error) { return rsaKey(2048) }, func(k crypto.Signer) (crypto.Signer, error) {
			return tlsrsa.NewPrivateKey(k.(*rsa.PrivateKey))
		}},
	} {
		ref := []bh.Ref{{Source: bh.SourceGo, Desc: "crypto/tls server with the crypto/ecdsa or crypto/rsa key", Setup: handshakeSetup(k.key, nil, false)}}
		out = append(out, bh.Op{
			Family: k.family, Verb: "handshake-server", Alg: k.alg, AutoOnly: true, Unit: bh.Ops,
			Desc: "accept and a full TLS 1.3 handshake, server side (crypto/tls client on another goroutine, loopback TCP, no ticket): hand-off with tlscore's signer",
			Ours: handshakeSetup(k.key, k.ours, true),
			Refs: ref,
		}, bh.Op{
			Family: k.family, Verb: "handshake-server-stdkey", Unit: bh.Ops,
			Desc: "the same handshake, hand-off with crypto/tls's own key (crypto/ecdsa, crypto/rsa): what the hand-off itself costs",
			Ours: handshakeSetup(k.key, nil, true),
			Refs: ref,
		})
	}
	for _, s := range []struct {
		family, alg string
		suite       uint16
	}{
		{"TLS13-AES-128-GCM", "aes-gcm", tls.TLS_AES_128_GCM_SHA256},
		{"TLS13-ChaCha20-Poly1305", "chacha20-poly1305", tls.TLS_CHACHA20_POLY1305_SHA256},
	} {
		out = append(out, bh.Op{
			Family: s.family, Verb: "conn-write", Alg: s.alg, AutoOnly: true, Unit: bh.Bytes,
			Desc: "a server's Conn.Write of one message after the handshake (records sealed and framed; the socket discards them)",
			Ours: bulkSetup(s.suite, true),
			Refs: []bh.Ref{{Source: bh.SourceGo, Desc: "crypto/tls Conn.Write", Setup: bulkSetup(s.suite, false)}},
		}, bh.Op{
			Family: s.family, Verb: "conn-read", Alg: s.alg, AutoOnly: true, Unit: bh.Bytes,
			Desc: "a server's Conn.Reads (16 KiB buffer) of one message a handed-off client wrote on another goroutine, loopback TCP (system calls included)",
			Ours: readSetup(s.suite, true),
			Refs: []bh.Ref{{Source: bh.SourceGo, Desc: "crypto/tls Conn.Read", Setup: readSetup(s.suite, false)}},
		})
	}
	return out
}

var ecdsaBenchKey = sync.OnceValues(func() (crypto.Signer, error) {
	return ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
})

// selfSigned returns a certificate for key, signed by itself.
func selfSigned(key crypto.Signer) ([]byte, error) {
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "tlsbench"}, DNSNames: []string{"tlsbench"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
	}
	return x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
}

func handshakeSetup(key func() (crypto.Signer, error), ours func(crypto.Signer) (crypto.Signer, error), handedOff bool) bh.Setup {
	return func(int) (func(int), error) {
		k, err := key()
		if err != nil {
			return nil, err
		}
		der, err := selfSigned(k)
		if err != nil {
			return nil, err
		}
		var signer crypto.Signer = k
		if ours != nil {
			if signer, err = ours(k); err != nil {
				return nil, err
			}
		}
		scfg := &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: signer}}, MinVersion: tls.VersionTLS13}
		ccfg := &tls.Config{InsecureSkipVerify: true, MinVersion: tls.VersionTLS13}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		addr := l.Addr().String()
		one := func() error {
			errc := make(chan error, 1)
			go func() {
				c, err := net.Dial("tcp", addr)
				if err != nil {
					errc <- err
					return
				}
				defer c.Close()
				errc <- tls.Client(c, ccfg).Handshake()
			}()
			s, err := l.Accept()
			if err != nil {
				return err
			}
			defer s.Close()
			if handedOff {
				h := handoff.Server(s, scfg)
				if err = h.Handshake(); err == nil && !h.HandedOff() {
					err = errors.New("not handed off")
				}
			} else {
				err = tls.Server(s, scfg).Handshake()
			}
			if cerr := <-errc; err == nil {
				err = cerr
			}
			return err
		}
		if err := one(); err != nil {
			return nil, err
		}
		return func(n int) {
			for range n {
				if err := one(); err != nil {
					panic(err)
				}
			}
		}, nil
	}
}

// sinkConn is one end of a net.Pipe whose writes go nowhere once sink is
// set.
type sinkConn struct {
	net.Conn
	sink atomic.Bool
}

func (c *sinkConn) Write(b []byte) (int, error) {
	if c.sink.Load() {
		return len(b), nil
	}
	return c.Conn.Write(b)
}

func bulkSetup(suite uint16, handedOff bool) bh.Setup {
	return func(size int) (func(int), error) {
		k, err := ecdsaBenchKey()
		if err != nil {
			return nil, err
		}
		der, err := selfSigned(k)
		if err != nil {
			return nil, err
		}
		scfg := &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: k}}}
		ccfg := &tls.Config{InsecureSkipVerify: true}
		if suite == tls.TLS_CHACHA20_POLY1305_SHA256 {
			// A client that lists a ChaCha20 suite first makes crypto/tls
			// choose TLS_CHACHA20_POLY1305_SHA256.
			ccfg.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}
		}
		c, s := net.Pipe()
		sc := &sinkConn{Conn: s}
		var server interface {
			Handshake() error
			io.Writer
			ConnectionState() tls.ConnectionState
		}
		if handedOff {
			server = handoff.Server(sc, scfg)
		} else {
			server = tls.Server(sc, scfg)
		}
		errc := make(chan error, 1)
		go func() { errc <- tls.Client(c, ccfg).Handshake() }()
		if err := server.Handshake(); err != nil {
			return nil, err
		}
		if err := <-errc; err != nil {
			return nil, err
		}
		if server.ConnectionState().CipherSuite != suite {
			return nil, errors.New("crypto/tls negotiated another suite")
		}
		if h, ok := server.(*handoff.Conn); ok && !h.HandedOff() {
			return nil, errors.New("not handed off")
		}
		sc.sink.Store(true)
		msg := pattern(size, 9)
		return func(n int) {
			for range n {
				if _, err := server.Write(msg); err != nil {
					panic(err)
				}
			}
		}, nil
	}
}

// readSetup times a server reading size-byte messages that a handed-off
// client (the fastest sender, the same for both rows) writes on another
// goroutine over loopback TCP.
func readSetup(suite uint16, handedOff bool) bh.Setup {
	return func(size int) (func(int), error) {
		k, err := ecdsaBenchKey()
		if err != nil {
			return nil, err
		}
		der, err := selfSigned(k)
		if err != nil {
			return nil, err
		}
		scfg := &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: k}}, SessionTicketsDisabled: true}
		ccfg := &tls.Config{InsecureSkipVerify: true}
		if suite == tls.TLS_CHACHA20_POLY1305_SHA256 {
			ccfg.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, err
		}
		defer l.Close()
		raw, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			return nil, err
		}
		sraw, err := l.Accept()
		if err != nil {
			return nil, err
		}
		client := handoff.Client(raw, ccfg)
		var server interface {
			Handshake() error
			io.Reader
			ConnectionState() tls.ConnectionState
		}
		if handedOff {
			server = handoff.Server(sraw, scfg)
		} else {
			server = tls.Server(sraw, scfg)
		}
		errc := make(chan error, 1)
		go func() { errc <- client.Handshake() }()
		if err := server.Handshake(); err != nil {
			return nil, err
		}
		if err := <-errc; err != nil {
			return nil, err
		}
		if server.ConnectionState().CipherSuite != suite {
			return nil, errors.New("crypto/tls negotiated another suite")
		}
		msg := pattern(size, 9)
		buf := make([]byte, 16<<10)
		return func(n int) {
			done := make(chan error, 1)
			go func() {
				for range n {
					if _, err := client.Write(msg); err != nil {
						done <- err
						return
					}
				}
				done <- nil
			}()
			for left := n * size; left > 0; {
				k, err := server.Read(buf[:min(len(buf), left)])
				if err != nil {
					panic(err)
				}
				left -= k
			}
			if err := <-done; err != nil {
				panic(err)
			}
		}, nil
	}
}
