// Package keyshare runs the key exchange of a TLS 1.3 handshake (RFC 8446
// section 4.2.8) for every group tlscore implements: X25519, P-256, P-384,
// and the post-quantum hybrids X25519MLKEM768, SecP256r1MLKEM768 and
// SecP384r1MLKEM1024 of draft-ietf-tls-ecdhe-mlkem, one call per side.
//
// A client calls [Start] and sends [Exchange.KeyShare] in its key_share
// extension; the server calls [Respond] with the client's bytes and sends
// the serverShare back; the client calls [Exchange.Complete] with it. Both
// sides then hold the same shared secret, the (EC)DHE input of the TLS 1.3
// key schedule.
//
// Encodings are those of the key_share extension's key_exchange field, as
// in crypto/tls: X25519 32-byte u-coordinates, P-256 and P-384 uncompressed
// points (SEC 1 2.3.3; 65 and 97 bytes), and for the hybrids the
// concatenation of an ML-KEM encapsulation key (client) or ciphertext
// (server) with an ECDH share: the ML-KEM part first for X25519MLKEM768,
// the ECDH part first for the SecP groups; the shared secret concatenates
// the two secrets in the same order (draft-ietf-tls-ecdhe-mlkem-02 section
// 4.1 and crypto/tls key_schedule.go).
//
// Every share comes from the peer: a share of the wrong length, an
// invalid point, an ML-KEM encapsulation key with a coefficient not below
// q, or an X25519 result that is all zeros (a low-order point) returns an
// error, never a panic. Secrets are handled in constant time by the
// packages underneath (kx/x25519, kx/p256, internal/nistec/p384, kx/mlkem).
package keyshare

import (
	"crypto/rand"
	"errors"
	"strconv"

	"github.com/tlscore/tlscore/internal/nistec/p384"
	"github.com/tlscore/tlscore/kx/mlkem"
	"github.com/tlscore/tlscore/kx/p256"
	"github.com/tlscore/tlscore/kx/x25519"
)

// Group is a TLS NamedGroup (IANA "TLS Supported Groups" registry).
type Group uint16

const (
	X25519             Group = 0x001d
	P256               Group = 0x0017 // secp256r1
	P384               Group = 0x0018 // secp384r1
	X25519MLKEM768     Group = 0x11ec
	SecP256r1MLKEM768  Group = 0x11eb
	SecP384r1MLKEM1024 Group = 0x11ed
)

// Groups returns every group this package implements, hybrids first (the
// order a client would prefer them in).
func Groups() []Group {
	return []Group{X25519MLKEM768, SecP256r1MLKEM768, SecP384r1MLKEM1024, X25519, P256, P384}
}

// String returns the group's name as crypto/tls's CurveID.String spells it
// ("X25519", "CurveP256", "X25519MLKEM768", ...), or "Group(0x...)".
func (g Group) String() string {
	switch g {
	case X25519:
		return "X25519"
	case P256:
		return "CurveP256"
	case P384:
		return "CurveP384"
	case X25519MLKEM768:
		return "X25519MLKEM768"
	case SecP256r1MLKEM768:
		return "SecP256r1MLKEM768"
	case SecP384r1MLKEM1024:
		return "SecP384r1MLKEM1024"
	}
	return "Group(0x" + strconv.FormatUint(uint64(g), 16) + ")"
}

const (
	x25519Size     = x25519.Size // share and secret
	p256Size       = p256.PublicKeySize
	p384Size       = p384.PointSize
	p384SecretSize = p384.ScalarSize
)

// ClientShareSize returns the length of the client's key_exchange for g,
// or 0 for a group this package does not implement.
func (g Group) ClientShareSize() int {
	switch g {
	case X25519:
		return x25519Size
	case P256:
		return p256Size
	case P384:
		return p384Size
	case X25519MLKEM768:
		return mlkem.EncapsulationKeySize768 + x25519Size
	case SecP256r1MLKEM768:
		return p256Size + mlkem.EncapsulationKeySize768
	case SecP384r1MLKEM1024:
		return p384Size + mlkem.EncapsulationKeySize1024
	}
	return 0
}

// ServerShareSize returns the length of the server's key_exchange for g,
// or 0 for a group this package does not implement.
func (g Group) ServerShareSize() int {
	switch g {
	case X25519, P256, P384:
		return g.ClientShareSize()
	case X25519MLKEM768:
		return mlkem.CiphertextSize768 + x25519Size
	case SecP256r1MLKEM768:
		return p256Size + mlkem.CiphertextSize768
	case SecP384r1MLKEM1024:
		return p384Size + mlkem.CiphertextSize1024
	}
	return 0
}

var (
	errGroup = errors.New("keyshare: unsupported group")
	errShare = errors.New("keyshare: invalid key share")
)

// Exchange is a client's side of one key exchange: its private key(s) and
// key share. It may be completed more than once (with the same result for
// the same server share) and used from several goroutines.
type Exchange struct {
	group Group
	share []byte

	x25519 [32]byte // X25519 and X25519MLKEM768
	ec     []byte   // P-256 or P-384 private scalar
	kem768 *mlkem.DecapsulationKey768
	kem1k  *mlkem.DecapsulationKey1024
}

// Group returns the exchange's group.
func (e *Exchange) Group() Group { return e.group }

// Start generates fresh private keys for g, drawing randomness from
// crypto/rand, and returns the client's side of the exchange.
func Start(g Group) (*Exchange, error) {
	e := &Exchange{group: g}
	switch g {
	case X25519:
		e.share = x25519Start(&e.x25519)
	case P256:
		priv, pub, err := p256.GenerateKey(nil)
		if err != nil {
			return nil, err
		}
		e.ec, e.share = priv, pub
	case P384:
		e.ec, e.share = p384Start()
	case X25519MLKEM768:
		e.kem768, _ = mlkem.GenerateKey768()
		e.share = append(e.kem768.EncapsulationKeyBytes(), x25519Start(&e.x25519)...)
	case SecP256r1MLKEM768:
		priv, pub, err := p256.GenerateKey(nil)
		if err != nil {
			return nil, err
		}
		e.ec = priv
		e.kem768, _ = mlkem.GenerateKey768()
		e.share = append(pub, e.kem768.EncapsulationKeyBytes()...)
	case SecP384r1MLKEM1024:
		var pub []byte
		e.ec, pub = p384Start()
		e.kem1k, _ = mlkem.GenerateKey1024()
		e.share = append(pub, e.kem1k.EncapsulationKeyBytes()...)
	default:
		return nil, errGroup
	}
	return e, nil
}

// KeyShare returns the client's key_exchange bytes (without the group and
// length prefixes of a KeyShareEntry). The caller must not modify them.
func (e *Exchange) KeyShare() []byte { return e.share }

// Complete returns the shared secret for the server's key_exchange bytes,
// or an error if they are malformed (wrong length, an invalid point, an
// all-zero X25519 result). A well-formed ML-KEM ciphertext that was not
// made for this key yields a wrong secret, not an error (ML-KEM's implicit
// rejection); the TLS handshake then fails at the Finished message.
func (e *Exchange) Complete(serverShare []byte) ([]byte, error) {
	if len(serverShare) != e.group.ServerShareSize() {
		return nil, errShare
	}
	switch e.group {
	case X25519:
		return x25519Secret(nil, &e.x25519, serverShare)
	case P256:
		return p256Secret(nil, e.ec, serverShare)
	case P384:
		return p384Secret(nil, e.ec, serverShare)
	case X25519MLKEM768:
		ss, err := e.kem768.Decapsulate(serverShare[:mlkem.CiphertextSize768])
		if err != nil {
			return nil, errShare
		}
		return x25519Secret(ss, &e.x25519, serverShare[mlkem.CiphertextSize768:])
	case SecP256r1MLKEM768:
		ss, err := e.kem768.Decapsulate(serverShare[p256Size:])
		if err != nil {
			return nil, errShare
		}
		ecSS, err := p256Secret(nil, e.ec, serverShare[:p256Size])
		if err != nil {
			return nil, err
		}
		return append(ecSS, ss...), nil
	case SecP384r1MLKEM1024:
		ss, err := e.kem1k.Decapsulate(serverShare[p384Size:])
		if err != nil {
			return nil, errShare
		}
		ecSS, err := p384Secret(nil, e.ec, serverShare[:p384Size])
		if err != nil {
			return nil, err
		}
		return append(ecSS, ss...), nil
	}
	return nil, errGroup
}

// Respond is the server's side: for the client's key_exchange bytes of
// group g, it generates fresh keys (or encapsulates), and returns the
// server's key_exchange bytes and the shared secret. It returns an error
// for an unsupported group or a malformed share.
func Respond(g Group, clientShare []byte) (serverShare, sharedSecret []byte, err error) {
	if g.ClientShareSize() == 0 {
		return nil, nil, errGroup
	}
	if len(clientShare) != g.ClientShareSize() {
		return nil, nil, errShare
	}
	switch g {
	case X25519:
		var priv [32]byte
		pub := x25519Start(&priv)
		ss, err := x25519Secret(nil, &priv, clientShare)
		if err != nil {
			return nil, nil, err
		}
		return pub, ss, nil
	case P256:
		return ecRespond(p256Start, p256Secret, clientShare)
	case P384:
		return ecRespond(p384StartErr, p384Secret, clientShare)
	case X25519MLKEM768:
		ek, err := mlkem.NewEncapsulationKey768(clientShare[:mlkem.EncapsulationKeySize768])
		if err != nil {
			return nil, nil, errShare
		}
		var priv [32]byte
		pub := x25519Start(&priv)
		// ECDH first: a low-order point fails before the encapsulation.
		ecSS, err := x25519Secret(nil, &priv, clientShare[mlkem.EncapsulationKeySize768:])
		if err != nil {
			return nil, nil, err
		}
		ss, ct := ek.Encapsulate()
		return append(ct, pub...), append(ss, ecSS...), nil
	case SecP256r1MLKEM768:
		ek, err := mlkem.NewEncapsulationKey768(clientShare[p256Size:])
		if err != nil {
			return nil, nil, errShare
		}
		pub, ecSS, err := ecRespond(p256Start, p256Secret, clientShare[:p256Size])
		if err != nil {
			return nil, nil, err
		}
		ss, ct := ek.Encapsulate()
		return append(pub, ct...), append(ecSS, ss...), nil
	case SecP384r1MLKEM1024:
		ek, err := mlkem.NewEncapsulationKey1024(clientShare[p384Size:])
		if err != nil {
			return nil, nil, errShare
		}
		pub, ecSS, err := ecRespond(p384StartErr, p384Secret, clientShare[:p384Size])
		if err != nil {
			return nil, nil, err
		}
		ss, ct := ek.Encapsulate()
		return append(pub, ct...), append(ecSS, ss...), nil
	}
	return nil, nil, errGroup
}

// ecRespond generates an ephemeral key and computes the secret with the
// client's point.
func ecRespond(start func() ([]byte, []byte, error), secret func([]byte, []byte, []byte) ([]byte, error), peer []byte) (pub, ss []byte, err error) {
	priv, pub, err := start()
	if err != nil {
		return nil, nil, err
	}
	ss, err = secret(nil, priv, peer)
	if err != nil {
		return nil, nil, err
	}
	return pub, ss, nil
}

// x25519Start fills priv with a random scalar and returns its public key.
func x25519Start(priv *[32]byte) []byte {
	rand.Read(priv[:])
	pub := make([]byte, x25519Size, x25519Size+mlkem.CiphertextSize768)
	x25519.ScalarBaseMultTo((*[32]byte)(pub), priv)
	return pub
}

// x25519Secret appends X25519(priv, peer) to dst, or returns an error for
// a low-order peer (all-zero result).
func x25519Secret(dst []byte, priv *[32]byte, peer []byte) ([]byte, error) {
	var out [32]byte
	if err := x25519.ECDH(&out, priv, (*[32]byte)(peer)); err != nil {
		return nil, errShare
	}
	return append(dst, out[:]...), nil
}

func p256Start() ([]byte, []byte, error) { return p256.GenerateKey(nil) }

func p256Secret(dst, priv, peer []byte) ([]byte, error) {
	ss, err := p256.ECDH(priv, peer)
	if err != nil {
		return nil, errShare
	}
	return append(dst, ss...), nil
}

// p384Start draws a scalar uniformly from [1, n-1] by rejection (as
// crypto/ecdh does) and returns it with its uncompressed public point.
func p384Start() (priv, pub []byte) {
	priv = make([]byte, p384.ScalarSize)
	for {
		rand.Read(priv)
		if p384.ScalarValid(priv) {
			break
		}
	}
	var out [p384.PointSize]byte
	p384.Chosen().ScalarBaseMult(&out, priv)
	return priv, out[:]
}

func p384StartErr() ([]byte, []byte, error) {
	priv, pub := p384Start()
	return priv, pub, nil
}

func p384Secret(dst, priv, peer []byte) ([]byte, error) {
	im := p384.Chosen()
	var q p384.PublicPoint
	if err := im.SetPoint(&q, peer); err != nil {
		return nil, errShare
	}
	var out [p384SecretSize]byte
	if err := im.ECDH(&out, priv, &q); err != nil {
		return nil, errShare
	}
	return append(dst, out[:]...), nil
}
