package keyshare

import (
	"bytes"
	"crypto/ecdh"
	"crypto/mlkem"
	"crypto/rand"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"time"
)

func TestRoundTrip(t *testing.T) {
	for _, g := range Groups() {
		t.Run(g.String(), func(t *testing.T) {
			for range 3 {
				e, err := Start(g)
				if err != nil {
					t.Fatal(err)
				}
				if e.Group() != g || len(e.KeyShare()) != g.ClientShareSize() {
					t.Fatalf("share of %d bytes, want %d", len(e.KeyShare()), g.ClientShareSize())
				}
				srv, ss1, err := Respond(g, e.KeyShare())
				if err != nil {
					t.Fatal(err)
				}
				if len(srv) != g.ServerShareSize() {
					t.Fatalf("server share of %d bytes, want %d", len(srv), g.ServerShareSize())
				}
				ss2, err := e.Complete(srv)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(ss1, ss2) || len(ss1) != secretSize(g) {
					t.Fatalf("secrets differ or have the wrong length: %x %x", ss1, ss2)
				}
			}
		})
	}
}

func secretSize(g Group) int {
	switch g {
	case X25519, P256:
		return 32
	case P384:
		return 48
	case X25519MLKEM768, SecP256r1MLKEM768:
		return 64
	case SecP384r1MLKEM1024:
		return 80
	}
	return 0
}

// stdSide is one side of an exchange computed only with the standard
// library (crypto/ecdh and crypto/mlkem), following
// draft-ietf-tls-ecdhe-mlkem-02 section 4.1 on its own, not through this
// package.
type stdSide struct {
	curve    ecdh.Curve
	kem      int  // 0 (none), 768 or 1024
	kemFirst bool // X25519MLKEM768: the ML-KEM part comes first
}

func stdFor(g Group) stdSide {
	switch g {
	case X25519:
		return stdSide{curve: ecdh.X25519()}
	case P256:
		return stdSide{curve: ecdh.P256()}
	case P384:
		return stdSide{curve: ecdh.P384()}
	case X25519MLKEM768:
		return stdSide{curve: ecdh.X25519(), kem: 768, kemFirst: true}
	case SecP256r1MLKEM768:
		return stdSide{curve: ecdh.P256(), kem: 768}
	case SecP384r1MLKEM1024:
		return stdSide{curve: ecdh.P384(), kem: 1024}
	}
	panic("unknown group")
}

func (s stdSide) join(kemPart, ecPart []byte) []byte {
	if s.kemFirst {
		return append(bytes.Clone(kemPart), ecPart...)
	}
	return append(bytes.Clone(ecPart), kemPart...)
}

// TestAgainstStandardLibrary: our server answers a client made of
// crypto/ecdh and crypto/mlkem, and our client completes with a server
// made of them; the secrets equal the ones the standard library computes.
func TestAgainstStandardLibrary(t *testing.T) {
	for _, g := range Groups() {
		t.Run(g.String(), func(t *testing.T) {
			s := stdFor(g)
			ecSize := len(mustKey(s.curve).PublicKey().Bytes())

			// Standard-library client, our server.
			ecPriv := mustKey(s.curve)
			var kemPub []byte
			var dk768 *mlkem.DecapsulationKey768
			var dk1024 *mlkem.DecapsulationKey1024
			switch s.kem {
			case 768:
				dk768, _ = mlkem.GenerateKey768()
				kemPub = dk768.EncapsulationKey().Bytes()
			case 1024:
				dk1024, _ = mlkem.GenerateKey1024()
				kemPub = dk1024.EncapsulationKey().Bytes()
			}
			client := s.join(kemPub, ecPriv.PublicKey().Bytes())
			srv, ss, err := Respond(g, client)
			if err != nil {
				t.Fatal(err)
			}
			var srvEC, srvKEM []byte
			if s.kemFirst {
				srvKEM, srvEC = srv[:len(srv)-ecSize], srv[len(srv)-ecSize:]
			} else {
				srvEC, srvKEM = srv[:ecSize], srv[ecSize:]
			}
			peer, err := s.curve.NewPublicKey(srvEC)
			if err != nil {
				t.Fatal(err)
			}
			ecSS, err := ecPriv.ECDH(peer)
			if err != nil {
				t.Fatal(err)
			}
			var kemSS []byte
			switch s.kem {
			case 768:
				kemSS, err = dk768.Decapsulate(srvKEM)
			case 1024:
				kemSS, err = dk1024.Decapsulate(srvKEM)
			}
			if err != nil {
				t.Fatal(err)
			}
			if want := s.join(kemSS, ecSS); !bytes.Equal(ss, want) {
				t.Fatalf("Respond secret %x, standard library %x", ss, want)
			}

			// Our client, standard-library server.
			e, err := Start(g)
			if err != nil {
				t.Fatal(err)
			}
			cs := e.KeyShare()
			var cEC, cKEM []byte
			if s.kemFirst {
				cKEM, cEC = cs[:len(cs)-ecSize], cs[len(cs)-ecSize:]
			} else {
				cEC, cKEM = cs[:ecSize], cs[ecSize:]
			}
			srvPriv := mustKey(s.curve)
			cPub, err := s.curve.NewPublicKey(cEC)
			if err != nil {
				t.Fatal(err)
			}
			ecSS, err = srvPriv.ECDH(cPub)
			if err != nil {
				t.Fatal(err)
			}
			var ct []byte
			switch s.kem {
			case 768:
				ek, err := mlkem.NewEncapsulationKey768(cKEM)
				if err != nil {
					t.Fatal(err)
				}
				kemSS, ct = ek.Encapsulate()
			case 1024:
				ek, err := mlkem.NewEncapsulationKey1024(cKEM)
				if err != nil {
					t.Fatal(err)
				}
				kemSS, ct = ek.Encapsulate()
			default:
				kemSS, ct = nil, nil
			}
			got, err := e.Complete(s.join(ct, srvPriv.PublicKey().Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if want := s.join(kemSS, ecSS); !bytes.Equal(got, want) {
				t.Fatalf("Complete secret %x, standard library %x", got, want)
			}
		})
	}
}

func mustKey(c ecdh.Curve) *ecdh.PrivateKey {
	k, err := c.GenerateKey(rand.Reader)
	if err != nil {
		panic(err)
	}
	return k
}

// TestMalformedShares: every length but the right one is an error for
// Respond and Complete, and so are right-length shares with bad contents
// (all 0xff: an ML-KEM key with coefficients >= q and points with
// coordinates >= p; all zeros: the X25519 low-order point and a P-256/384
// encoding without the 04 prefix; a point off the curve). No input panics.
func TestMalformedShares(t *testing.T) {
	for _, g := range Groups() {
		t.Run(g.String(), func(t *testing.T) {
			e, err := Start(g)
			if err != nil {
				t.Fatal(err)
			}
			good, _, err := Respond(g, e.KeyShare())
			if err != nil {
				t.Fatal(err)
			}
			for l := 0; l <= g.ClientShareSize()+2; l++ {
				if l == g.ClientShareSize() {
					continue
				}
				if _, _, err := Respond(g, make([]byte, l)); err == nil {
					t.Fatalf("Respond accepted a %d-byte share", l)
				}
			}
			for l := 0; l <= g.ServerShareSize()+2; l++ {
				if l == g.ServerShareSize() {
					continue
				}
				if _, err := e.Complete(bytes.Repeat([]byte{4}, l)); err == nil {
					t.Fatalf("Complete accepted a %d-byte share", l)
				}
			}
			for _, fill := range []byte{0x00, 0xff} {
				if g == X25519 && fill == 0xff {
					continue // u = 2^255-1 is a valid X25519 point (reduced mod p)
				}
				if _, _, err := Respond(g, bytes.Repeat([]byte{fill}, g.ClientShareSize())); err == nil {
					t.Errorf("Respond accepted a share of %#x bytes", fill)
				}
			}
			// Corrupt only the ECDH part of a valid share.
			ecOff, ecLen := ecPart(g)
			for _, mut := range []func(b []byte){
				func(b []byte) { clear(b) },         // X25519 low order; no 04 prefix
				func(b []byte) { b[len(b)-1] ^= 1 }, // P-256/384 off the curve
				func(b []byte) { b[0] = 2 },         // compressed prefix
			} {
				for _, share := range [][]byte{e.KeyShare(), good} {
					isClient := len(share) == g.ClientShareSize() && bytes.Equal(share, e.KeyShare())
					b := bytes.Clone(share)
					off := ecOff
					if s := stdFor(g); s.kemFirst {
						off = len(b) - ecLen
					}
					mut(b[off : off+ecLen])
					if g == X25519 || g == X25519MLKEM768 {
						if !bytes.Equal(b[off:off+ecLen], make([]byte, ecLen)) {
							continue // other X25519 points are all valid
						}
					}
					if isClient {
						if _, _, err := Respond(g, b); err == nil {
							t.Errorf("Respond accepted a bad ECDH part %x", b[off:off+ecLen])
						}
					} else if _, err := e.Complete(b); err == nil {
						t.Errorf("Complete accepted a bad ECDH part %x", b[off:off+ecLen])
					}
				}
			}
			if s := stdFor(g); s.kem != 0 {
				// A coefficient of 4095 in the encapsulation key.
				b := bytes.Clone(e.KeyShare())
				kemOff := ecLen
				if s.kemFirst {
					kemOff = 0
				}
				b[kemOff], b[kemOff+1] = 0xff, b[kemOff+1]|0x0f
				if _, _, err := Respond(g, b); err == nil {
					t.Error("Respond accepted an ML-KEM key with a coefficient >= q")
				}
			}
		})
	}
	if _, err := Start(Group(0x1234)); err == nil {
		t.Error("Start accepted an unknown group")
	}
	if _, _, err := Respond(Group(0x1234), nil); err == nil {
		t.Error("Respond accepted an unknown group")
	}
}

// ecPart returns the offset (from the front, or from the back for
// X25519MLKEM768) and length of the ECDH part of g's shares.
func ecPart(g Group) (off, n int) {
	switch g {
	case X25519, X25519MLKEM768:
		return 0, 32
	case P256, SecP256r1MLKEM768:
		return 0, 65
	}
	return 0, 97
}

func TestString(t *testing.T) {
	for _, g := range Groups() {
		if want := tls.CurveID(g).String(); g.String() != want {
			t.Errorf("%#x: %q, crypto/tls says %q", uint16(g), g.String(), want)
		}
	}
	if s := Group(0x1234).String(); s != "Group(0x1234)" {
		t.Errorf("unknown group: %q", s)
	}
}

// TestCryptoTLSClientHello starts a real crypto/tls client handshake for
// each hybrid group, captures its ClientHello on the wire, and checks that
// Respond accepts the key_share entry for the group and that the share is
// what a crypto/tls client sends (sizes, and the ECDH part a valid point).
func TestCryptoTLSClientHello(t *testing.T) {
	for _, g := range []Group{X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024, X25519, P256, P384} {
		t.Run(g.String(), func(t *testing.T) {
			share, err := captureKeyShare(g)
			if err != nil {
				t.Fatal(err)
			}
			srv, ss, err := Respond(g, share)
			if err != nil {
				t.Fatalf("Respond rejected crypto/tls's key share: %v", err)
			}
			if len(srv) != g.ServerShareSize() || len(ss) != secretSize(g) {
				t.Fatalf("server share %d bytes, secret %d bytes", len(srv), len(ss))
			}
		})
	}
}

// captureKeyShare runs a crypto/tls client that prefers g against a fake
// server that reads one TLS record and returns the key_exchange bytes of
// the client's key_share entry for g.
func captureKeyShare(g Group) ([]byte, error) {
	c, s := net.Pipe()
	defer c.Close()
	defer s.Close()
	go func() {
		cfg := &tls.Config{
			InsecureSkipVerify: true,
			CurvePreferences:   []tls.CurveID{tls.CurveID(g)},
			MinVersion:         tls.VersionTLS13,
		}
		tls.Client(c, cfg).Handshake() // fails when s closes
	}()
	s.SetDeadline(time.Now().Add(10 * time.Second))
	var hdr [5]byte
	if _, err := io.ReadFull(s, hdr[:]); err != nil {
		return nil, err
	}
	if hdr[0] != 22 {
		return nil, errors.New("not a handshake record")
	}
	rec := make([]byte, binary.BigEndian.Uint16(hdr[3:]))
	if _, err := io.ReadFull(s, rec); err != nil {
		return nil, err
	}
	return parseClientHelloKeyShare(rec, uint16(g))
}

// parseClientHelloKeyShare finds the key_share (extension 51) entry for
// group in a ClientHello handshake message (RFC 8446 section 4.1.2).
func parseClientHelloKeyShare(msg []byte, group uint16) ([]byte, error) {
	bad := errors.New("malformed ClientHello")
	take := func(n int) ([]byte, bool) {
		if len(msg) < n {
			return nil, false
		}
		b := msg[:n]
		msg = msg[n:]
		return b, true
	}
	vec := func(lenBytes int) ([]byte, bool) {
		l, ok := take(lenBytes)
		if !ok {
			return nil, false
		}
		n := 0
		for _, x := range l {
			n = n<<8 | int(x)
		}
		return take(n)
	}
	if h, ok := take(4); !ok || h[0] != 1 {
		return nil, bad
	}
	if _, ok := take(2 + 32); !ok { // legacy_version, random
		return nil, bad
	}
	for _, l := range []int{1, 2, 1} { // session id, cipher suites, compression
		if _, ok := vec(l); !ok {
			return nil, bad
		}
	}
	exts, ok := vec(2)
	if !ok {
		return nil, bad
	}
	msg = exts
	for len(msg) > 0 {
		typ, ok := take(2)
		if !ok {
			return nil, bad
		}
		data, ok := vec(2)
		if !ok {
			return nil, bad
		}
		if binary.BigEndian.Uint16(typ) != 51 {
			continue
		}
		msg = data
		shares, ok := vec(2)
		if !ok {
			return nil, bad
		}
		msg = shares
		for len(msg) > 0 {
			grp, ok := take(2)
			if !ok {
				return nil, bad
			}
			ke, ok := vec(2)
			if !ok {
				return nil, bad
			}
			if binary.BigEndian.Uint16(grp) == group {
				return ke, nil
			}
		}
		return nil, errors.New("no key share for the group")
	}
	return nil, errors.New("no key_share extension")
}

func TestCompleteTwice(t *testing.T) {
	e, _ := Start(X25519MLKEM768)
	srv, ss, _ := Respond(X25519MLKEM768, e.KeyShare())
	a, _ := e.Complete(srv)
	b, _ := e.Complete(srv)
	if !bytes.Equal(a, ss) || !bytes.Equal(b, ss) {
		t.Fatal("Complete is not repeatable")
	}
}
