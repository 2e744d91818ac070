package fuzz

import (
	"bytes"
	"crypto/ecdh"
	"crypto/mlkem"
	"testing"

	"github.com/tlscore/tlscore/kx/keyshare"
)

var keyshareGroups = keyshare.Groups()

// keyshareStdAccepts reports whether a crypto/tls server built on
// crypto/ecdh and crypto/mlkem would accept share as g's client key share
// (length, ML-KEM encapsulation key, ECDH point, and for X25519 a result
// that is not all zeros).
func keyshareStdAccepts(g keyshare.Group, share []byte) bool {
	if len(share) != g.ClientShareSize() {
		return false
	}
	var curve ecdh.Curve
	var ec, kem []byte
	switch g {
	case keyshare.X25519:
		curve, ec = ecdh.X25519(), share
	case keyshare.P256:
		curve, ec = ecdh.P256(), share
	case keyshare.P384:
		curve, ec = ecdh.P384(), share
	case keyshare.X25519MLKEM768:
		curve, kem, ec = ecdh.X25519(), share[:mlkem.EncapsulationKeySize768], share[mlkem.EncapsulationKeySize768:]
	case keyshare.SecP256r1MLKEM768:
		curve, ec, kem = ecdh.P256(), share[:65], share[65:]
	case keyshare.SecP384r1MLKEM1024:
		curve, ec, kem = ecdh.P384(), share[:97], share[97:]
	}
	switch len(kem) {
	case mlkem.EncapsulationKeySize768:
		if _, err := mlkem.NewEncapsulationKey768(kem); err != nil {
			return false
		}
	case mlkem.EncapsulationKeySize1024:
		if _, err := mlkem.NewEncapsulationKey1024(kem); err != nil {
			return false
		}
	}
	pub, err := curve.NewPublicKey(ec)
	if err != nil {
		return false
	}
	priv, _ := curve.GenerateKey(nil)
	_, err = priv.ECDH(pub)
	return err == nil
}

// FuzzKeyshareRespond feeds arbitrary client shares to keyshare.Respond
// for every group: it must never panic, must accept exactly the shares the
// standard library accepts, and an accepted share must give a server share
// and secret of the right sizes. The fuzzed bytes are placed over a valid
// share, so that both short garbage and near-valid shares are explored.
func FuzzKeyshareRespond(f *testing.F) {
	f.Add(uint8(0), []byte{}, uint16(0), false)
	f.Add(uint8(3), []byte{0xff, 0xff}, uint16(0), false)
	f.Add(uint8(4), []byte{0}, uint16(64), true)
	f.Add(uint8(5), bytes.Repeat([]byte{0xff}, 97), uint16(0), false)
	f.Fuzz(func(t *testing.T, gi uint8, patch []byte, at uint16, truncate bool) {
		g := keyshareGroups[int(gi)%len(keyshareGroups)]
		e, err := keyshare.Start(g)
		if err != nil {
			t.Fatal(err)
		}
		share := bytes.Clone(e.KeyShare())
		if truncate {
			share = share[:int(at)%(len(share)+1)]
		} else if int(at) < len(share) {
			copy(share[at:], patch)
		} else {
			share = append(share, patch...)
		}
		srv, ss, err := keyshare.Respond(g, share)
		if want := keyshareStdAccepts(g, share); (err == nil) != want {
			t.Fatalf("%v: Respond error %v, standard library accepts: %v", g, err, want)
		}
		if err == nil && (len(srv) != g.ServerShareSize() || len(ss) == 0) {
			t.Fatalf("%v: server share %d bytes, secret %d bytes", g, len(srv), len(ss))
		}
		// The same bytes as a server share to Complete: no panic, and an
		// error unless the length is right.
		if _, err := e.Complete(share); err == nil && len(share) != g.ServerShareSize() {
			t.Fatalf("%v: Complete accepted %d bytes", g, len(share))
		}
	})
}
