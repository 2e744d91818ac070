package main

import (
	"crypto/ecdh"
	"crypto/mlkem"
	"crypto/rand"

	bh "github.com/tlscore/tlscore/internal/benchharness"
	"github.com/tlscore/tlscore/kx/keyshare"
	tlsmlkem "github.com/tlscore/tlscore/kx/mlkem"
)

// ML-KEM (kx/mlkem against crypto/mlkem) and the TLS 1.3 key shares
// (kx/keyshare against the same work done with crypto/mlkem and
// crypto/ecdh, as crypto/tls does it).

func mlkemOps() []bh.Op {
	var out []bh.Op
	for _, ps := range []struct {
		family string
		ours   mlkemFuncs
		std    mlkemFuncs
	}{
		{"ML-KEM-768", oursMLKEM768, stdMLKEM768},
		{"ML-KEM-1024", oursMLKEM1024, stdMLKEM1024},
	} {
		out = append(out,
			pkOp(ps.family, "keygen", "mlkem", "GenerateKey: a random decapsulation key, expanded (matrix included), and its encapsulation key", false,
				loop(ps.ours.keygen), loop(ps.std.keygen), "crypto/mlkem GenerateKey", nil),
			pkOp(ps.family, "encaps", "mlkem", "NewEncapsulationKey from the peer's bytes, then Encapsulate (a TLS server's ML-KEM work)", false,
				loop(ps.ours.encaps), loop(ps.std.encaps), "crypto/mlkem NewEncapsulationKey + Encapsulate", nil),
			pkOp(ps.family, "decaps", "mlkem", "Decapsulate with an expanded key (a TLS client's ML-KEM work after keygen)", false,
				loop(ps.ours.decaps), loop(ps.std.decaps), "crypto/mlkem Decapsulate", nil),
		)
	}
	for _, g := range keyshare.Groups() {
		alg := map[keyshare.Group]string{keyshare.X25519: "x25519", keyshare.P256: "p256", keyshare.P384: "p384"}[g]
		if alg == "" {
			alg = "mlkem"
		}
		out = append(out,
			pkOp("keyshare "+g.String(), "client", alg, "Start then Complete: the client's whole key exchange (its keys, and the secret from a server share)", false,
				loop(keyshareClient(g, false)), loop(keyshareClient(g, true)), "crypto/mlkem + crypto/ecdh as crypto/tls does it", nil),
			pkOp("keyshare "+g.String(), "respond", alg, "Respond: the server's whole key exchange (parse the client share, encapsulate and/or ECDH, own share)", false,
				loop(keyshareRespond(g, false)), loop(keyshareRespond(g, true)), "crypto/mlkem + crypto/ecdh as crypto/tls does it", nil),
		)
	}
	return out
}

type mlkemFuncs struct {
	keygen, encaps, decaps func() (func() error, error)
}

var oursMLKEM768 = mlkemFuncs{
	keygen: func() (func() error, error) {
		return func() error { _, err := tlsmlkem.GenerateKey768(); return err }, nil
	},
	encaps: func() (func() error, error) {
		dk, _ := tlsmlkem.GenerateKey768()
		ekb := dk.EncapsulationKey().Bytes()
		return func() error {
			ek, err := tlsmlkem.NewEncapsulationKey768(ekb)
			if err == nil {
				ek.Encapsulate()
			}
			return err
		}, nil
	},
	decaps: func() (func() error, error) {
		dk, _ := tlsmlkem.GenerateKey768()
		_, c := dk.EncapsulationKey().Encapsulate()
		return func() error { _, err := dk.Decapsulate(c); return err }, nil
	},
}

var stdMLKEM768 = mlkemFuncs{
	keygen: func() (func() error, error) {
		return func() error { _, err := mlkem.GenerateKey768(); return err }, nil
	},
	encaps: func() (func() error, error) {
		dk, _ := mlkem.GenerateKey768()
		ekb := dk.EncapsulationKey().Bytes()
		return func() error {
			ek, err := mlkem.NewEncapsulationKey768(ekb)
			if err == nil {
				ek.Encapsulate()
			}
			return err
		}, nil
	},
	decaps: func() (func() error, error) {
		dk, _ := mlkem.GenerateKey768()
		_, c := dk.EncapsulationKey().Encapsulate()
		return func() error { _, err := dk.Decapsulate(c); return err }, nil
	},
}

var oursMLKEM1024 = mlkemFuncs{
	keygen: func() (func() error, error) {
		return func() error { _, err := tlsmlkem.GenerateKey1024(); return err }, nil
	},
	encaps: func() (func() error, error) {
		dk, _ := tlsmlkem.GenerateKey1024()
		ekb := dk.EncapsulationKey().Bytes()
		return func() error {
			ek, err := tlsmlkem.NewEncapsulationKey1024(ekb)
			if err == nil {
				ek.Encapsulate()
			}
			return err
		}, nil
	},
	decaps: func() (func() error, error) {
		dk, _ := tlsmlkem.GenerateKey1024()
		_, c := dk.EncapsulationKey().Encapsulate()
		return func() error { _, err := dk.Decapsulate(c); return err }, nil
	},
}

var stdMLKEM1024 = mlkemFuncs{
	keygen: func() (func() error, error) {
		return func() error { _, err := mlkem.GenerateKey1024(); return err }, nil
	},
	encaps: func() (func() error, error) {
		dk, _ := mlkem.GenerateKey1024()
		ekb := dk.EncapsulationKey().Bytes()
		return func() error {
			ek, err := mlkem.NewEncapsulationKey1024(ekb)
			if err == nil {
				ek.Encapsulate()
			}
			return err
		}, nil
	},
	decaps: func() (func() error, error) {
		dk, _ := mlkem.GenerateKey1024()
		_, c := dk.EncapsulationKey().Encapsulate()
		return func() error { _, err := dk.Decapsulate(c); return err }, nil
	},
}

// keyshareClient times Start + Complete (ours) or the same with the
// standard library, against a fixed server share.
func keyshareClient(g keyshare.Group, std bool) func() (func() error, error) {
	return func() (func() error, error) {
		e, err := keyshare.Start(g)
		if err != nil {
			return nil, err
		}
		srv, _, err := keyshare.Respond(g, e.KeyShare())
		if err != nil {
			return nil, err
		}
		if std {
			return func() error {
				c, err := stdStart(g)
				if err != nil {
					return err
				}
				_, err = c.complete(srv)
				return err
			}, nil
		}
		return func() error {
			e, err := keyshare.Start(g)
			if err != nil {
				return err
			}
			_, err = e.Complete(srv)
			return err
		}, nil
	}
}

// keyshareRespond times Respond (ours) or the same with the standard
// library, to a fixed client share.
func keyshareRespond(g keyshare.Group, std bool) func() (func() error, error) {
	return func() (func() error, error) {
		e, err := keyshare.Start(g)
		if err != nil {
			return nil, err
		}
		share := e.KeyShare()
		if std {
			return func() error { _, _, err := stdRespond(g, share); return err }, nil
		}
		return func() error { _, _, err := keyshare.Respond(g, share); return err }, nil
	}
}

// stdGroup describes g for the standard-library reference.
func stdGroup(g keyshare.Group) (curve ecdh.Curve, kem int, kemFirst bool) {
	switch g {
	case keyshare.X25519:
		return ecdh.X25519(), 0, false
	case keyshare.P256:
		return ecdh.P256(), 0, false
	case keyshare.P384:
		return ecdh.P384(), 0, false
	case keyshare.X25519MLKEM768:
		return ecdh.X25519(), 768, true
	case keyshare.SecP256r1MLKEM768:
		return ecdh.P256(), 768, false
	}
	return ecdh.P384(), 1024, false
}

type stdClient struct {
	g      keyshare.Group
	ec     *ecdh.PrivateKey
	dk768  *mlkem.DecapsulationKey768
	dk1024 *mlkem.DecapsulationKey1024
}

func stdStart(g keyshare.Group) (*stdClient, error) {
	curve, kem, _ := stdGroup(g)
	c := &stdClient{g: g}
	var err error
	if c.ec, err = curve.GenerateKey(rand.Reader); err != nil {
		return nil, err
	}
	switch kem {
	case 768:
		c.dk768, err = mlkem.GenerateKey768()
	case 1024:
		c.dk1024, err = mlkem.GenerateKey1024()
	}
	return c, err
}

func (c *stdClient) complete(srv []byte) ([]byte, error) {
	curve, kem, kemFirst := stdGroup(c.g)
	ecLen := len(c.ec.PublicKey().Bytes())
	ecPart, kemPart := srv[:ecLen], srv[ecLen:]
	if kemFirst {
		kemPart, ecPart = srv[:len(srv)-ecLen], srv[len(srv)-ecLen:]
	}
	pub, err := curve.NewPublicKey(ecPart)
	if err != nil {
		return nil, err
	}
	ss, err := c.ec.ECDH(pub)
	if err != nil {
		return nil, err
	}
	var k []byte
	switch kem {
	case 768:
		k, err = c.dk768.Decapsulate(kemPart)
	case 1024:
		k, err = c.dk1024.Decapsulate(kemPart)
	}
	if kemFirst {
		return append(k, ss...), err
	}
	return append(ss, k...), err
}

func stdRespond(g keyshare.Group, share []byte) (srv, ss []byte, err error) {
	curve, kem, kemFirst := stdGroup(g)
	ecLen := len(share) - map[int]int{0: 0, 768: mlkem.EncapsulationKeySize768, 1024: mlkem.EncapsulationKeySize1024}[kem]
	ecPart, kemPart := share[:ecLen], share[ecLen:]
	if kemFirst {
		kemPart, ecPart = share[:len(share)-ecLen], share[len(share)-ecLen:]
	}
	var k, ct []byte
	switch kem {
	case 768:
		ek, err := mlkem.NewEncapsulationKey768(kemPart)
		if err != nil {
			return nil, nil, err
		}
		k, ct = ek.Encapsulate()
	case 1024:
		ek, err := mlkem.NewEncapsulationKey1024(kemPart)
		if err != nil {
			return nil, nil, err
		}
		k, ct = ek.Encapsulate()
	}
	priv, err := curve.GenerateKey(rand.Reader)
	if err != nil {
		return nil, nil, err
	}
	pub, err := curve.NewPublicKey(ecPart)
	if err != nil {
		return nil, nil, err
	}
	ecSS, err := priv.ECDH(pub)
	if err != nil {
		return nil, nil, err
	}
	if kem == 0 {
		return priv.PublicKey().Bytes(), ecSS, nil
	}
	if kemFirst {
		return append(ct, priv.PublicKey().Bytes()...), append(k, ecSS...), nil
	}
	return append(priv.PublicKey().Bytes(), ct...), append(ecSS, k...), nil
}
