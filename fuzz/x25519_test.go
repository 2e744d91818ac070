package fuzz

import (
	"bytes"
	"crypto/ecdh"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/kx/x25519"
)

// x25519Each runs f with every available implementation of "x25519" selected.
func x25519Each(t *testing.T, f func(name string)) {
	defer dispatch.Reset("x25519")
	for _, im := range dispatch.List("x25519") {
		if !im.Available {
			continue
		}
		if err := dispatch.Select("x25519", im.Name); err != nil {
			t.Fatal(err)
		}
		f(im.Name)
	}
}

// x25519Pad returns b cut or zero-padded to 32 bytes, so that every
// input the fuzzer makes is used.
func x25519Pad(b []byte) []byte {
	out := make([]byte, 32)
	copy(out, b)
	return out
}

func x25519Seeds(f *testing.F) {
	nine := make([]byte, 32)
	nine[0] = 9
	ones := bytes.Repeat([]byte{0xff}, 32)
	f.Add(bytes.Repeat([]byte{1}, 32), nine)
	f.Add(ones, ones)
	f.Add(nine, make([]byte, 32))
	p := bytes.Repeat([]byte{0xff}, 32) // p = 2^255-19 and friends
	p[0], p[31] = 0xed, 0x7f
	f.Add(ones, p)
}

// FuzzX25519 checks X25519 of every implementation against crypto/ecdh,
// against the generic implementation, and the batch API against both.
func FuzzX25519(f *testing.F) {
	x25519Seeds(f)
	f.Fuzz(func(t *testing.T, scalarIn, pointIn []byte) {
		scalar, point := x25519Pad(scalarIn), x25519Pad(pointIn)
		priv, _ := ecdh.X25519().NewPrivateKey(scalar)
		pub, _ := ecdh.X25519().NewPublicKey(point)
		want, wantErr := priv.ECDH(pub)
		x25519Each(t, func(name string) {
			got, err := x25519.X25519(scalar, point)
			if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
				t.Fatalf("%s: X25519(%x, %x) = %x, %v; crypto/ecdh %x, %v", name, scalar, point, got, err, want, wantErr)
			}
			dst := make([][32]byte, 9)
			sc := make([][32]byte, 9)
			pt := make([][32]byte, 9)
			for i := range sc {
				sc[i], pt[i] = [32]byte(scalar), [32]byte(point)
			}
			berr := x25519.X25519Batch(dst, sc, pt)
			if (berr != nil) != (wantErr != nil) {
				t.Fatalf("%s: X25519Batch error %v, crypto/ecdh %v", name, berr, wantErr)
			}
			for i := range dst {
				if wantErr == nil && !bytes.Equal(dst[i][:], want) {
					t.Fatalf("%s: X25519Batch lane %d = %x, want %x", name, i, dst[i], want)
				}
			}
		})
	})
}

// FuzzX25519Base checks ScalarBaseMult of every implementation against
// crypto/ecdh and against X25519(scalar, 9).
func FuzzX25519Base(f *testing.F) {
	x25519Seeds(f)
	f.Fuzz(func(t *testing.T, scalarIn, _ []byte) {
		scalar := x25519Pad(scalarIn)
		priv, _ := ecdh.X25519().NewPrivateKey(scalar)
		want := priv.PublicKey().Bytes()
		nine := make([]byte, 32)
		nine[0] = 9
		x25519Each(t, func(name string) {
			got, err := x25519.ScalarBaseMult(scalar)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("%s: ScalarBaseMult(%x) = %x, %v; crypto/ecdh %x", name, scalar, got, err, want)
			}
			lad, err := x25519.X25519(scalar, nine)
			if err != nil || !bytes.Equal(lad, want) {
				t.Fatalf("%s: X25519(%x, 9) = %x, %v; want %x", name, scalar, lad, err, want)
			}
		})
	})
}
