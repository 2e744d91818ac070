package fuzz

import (
	"bytes"
	"crypto"
	"crypto/ed25519"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	ours "github.com/tlscore/tlscore/sig/ed25519"
)

// ed25519Each runs f with every available implementation of "ed25519" selected.
func ed25519Each(t *testing.T, f func(name string)) {
	defer dispatch.Reset("ed25519")
	for _, im := range dispatch.List("ed25519") {
		if !im.Available {
			continue
		}
		if err := dispatch.Select("ed25519", im.Name); err != nil {
			t.Fatal(err)
		}
		f(im.Name)
	}
}

func ed25519Pad(b []byte, n int) []byte {
	out := make([]byte, n)
	copy(out, b)
	return out
}

// FuzzEd25519Verify checks Verify and VerifyMany of every implementation
// against crypto/ed25519.Verify on arbitrary keys and signatures, and on
// valid signatures the fuzzer then mutates (flip selects a bit).
func FuzzEd25519Verify(f *testing.F) {
	seed := bytes.Repeat([]byte{7}, 32)
	k := ed25519.NewKeyFromSeed(seed)
	sig := ed25519.Sign(k, []byte("msg"))
	f.Add([]byte(k.Public().(ed25519.PublicKey)), []byte("msg"), sig, uint16(0), false)
	f.Add([]byte(k.Public().(ed25519.PublicKey)), []byte("msg"), sig, uint16(3), true)
	f.Add(make([]byte, 32), []byte{}, make([]byte, 64), uint16(0), false)
	f.Add(bytes.Repeat([]byte{0xff}, 32), []byte("x"), bytes.Repeat([]byte{0xee}, 64), uint16(0), false)
	f.Fuzz(func(t *testing.T, pubIn, msg, sigIn []byte, flip uint16, resign bool) {
		pub := ed25519.PublicKey(ed25519Pad(pubIn, 32))
		sig := sigIn
		if resign {
			// A valid signature by a key from pubIn, with one bit flipped
			// (flip >= 512 leaves it valid).
			key := ed25519.NewKeyFromSeed(ed25519Pad(pubIn, 32))
			pub = key.Public().(ed25519.PublicKey)
			sig = ed25519.Sign(key, msg)
			if flip < 512 {
				sig[flip/8] ^= 1 << (flip % 8)
			}
		}
		want := ed25519.Verify(pub, msg, sig)
		ed25519Each(t, func(name string) {
			if got := ours.Verify(pub, msg, sig); got != want {
				t.Fatalf("%s: Verify(%x, %x, %x) = %v, crypto/ed25519 %v", name, pub, msg, sig, got, want)
			}
			many := ours.VerifyMany(
				[]ed25519.PublicKey{pub, pub, pub, pub, pub, pub, pub, pub, pub},
				[][]byte{msg, msg, msg, msg, msg, msg, msg, msg, msg},
				[][]byte{sig, sig, sig, sig, sig, sig, sig, sig, sig})
			for i, got := range many {
				if got != want {
					t.Fatalf("%s: VerifyMany lane %d = %v, crypto/ed25519 %v", name, i, got, want)
				}
			}
		})
	})
}

// FuzzEd25519Sign checks that every implementation's signatures (pure,
// Ed25519ctx and Ed25519ph) equal crypto/ed25519's byte for byte.
func FuzzEd25519Sign(f *testing.F) {
	f.Add(make([]byte, 32), []byte(""), "")
	f.Add(bytes.Repeat([]byte{0xff}, 32), []byte("hello"), "ctx")
	f.Fuzz(func(t *testing.T, seedIn, msg []byte, context string) {
		if len(context) > 255 {
			context = context[:255]
		}
		std := ed25519.NewKeyFromSeed(ed25519Pad(seedIn, 32))
		opts := []crypto.SignerOpts{crypto.Hash(0), &ed25519.Options{Context: context}, &ed25519.Options{Hash: crypto.SHA512, Context: context}}
		ed25519Each(t, func(name string) {
			k, err := ours.NewPrivateKey(std)
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range opts {
				m := msg
				if o.HashFunc() == crypto.SHA512 {
					m = ed25519Pad(msg, 64)
				}
				want, err1 := std.Sign(nil, m, o)
				got, err2 := k.Sign(nil, m, o)
				if (err1 != nil) != (err2 != nil) || !bytes.Equal(got, want) {
					t.Fatalf("%s %v: Sign = %x, %v; crypto/ed25519 %x, %v", name, o, got, err2, want, err1)
				}
			}
		})
	})
}
