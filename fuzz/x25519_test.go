package fuzz

import (
	"bytes"
	"crypto/ecdh"
	"crypto/sha256"
	"errors"
	"slices"
	"testing"

	"github.com/c2sp/wycheproof"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/kx/x25519"
	"github.com/tlscore/tlscore/vectors"
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

// x25519Edges are the u-coordinates of Wycheproof's flagged X25519 cases
// (low-order points, points on the twist, non-canonical encodings, values
// that hit carries in the field arithmetic), distinct, in file order.
var x25519Edges = func() [][32]byte {
	var f vectors.Wycheproof[vectors.XDHGroup]
	if err := vectors.LoadWycheproof(wycheproof.TestVectors, "x25519_test.json", &f); err != nil {
		panic(err)
	}
	seen := map[[32]byte]bool{}
	var out [][32]byte
	for _, g := range f.TestGroups {
		for _, c := range g.Tests {
			if len(c.Flags) == 0 || len(c.Public) != 32 {
				continue
			}
			p := [32]byte(c.Public)
			if !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	if len(out) < 50 {
		panic("x25519 Wycheproof: too few flagged public keys")
	}
	return out
}()

// FuzzX25519Batch checks X25519Batch of every implementation lane by lane
// against crypto/ecdh, with a distinct scalar and point in every lane (so a
// lane reading another's data shows), batches of every size from 1 to 64
// (the 8-lane kernel's full and partial groups), and Wycheproof's edge
// points in the lanes edges selects (bit i: lane i, the point chosen by the
// lane's own bytes). The low-order lanes must be exactly those the error
// lists.
func FuzzX25519Batch(f *testing.F) {
	f.Add([]byte{1}, uint8(0), uint64(0))
	f.Add(bytes.Repeat([]byte{0xff}, 64*8), uint8(7), uint64(0xaa))
	f.Add([]byte("lanes"), uint8(8), uint64(1<<8))
	f.Add(bytes.Repeat([]byte{3, 5, 7}, 100), uint8(63), uint64(0xffffffffffffffff))
	f.Add([]byte{0}, uint8(16), uint64(0x8001))
	f.Fuzz(checkX25519Batch)
}

// checkX25519Batch is FuzzX25519Batch's body.
func checkX25519Batch(t *testing.T, data []byte, size uint8, edges uint64) {
	n := 1 + int(size)%64
	scalars := make([][32]byte, n)
	points := make([][32]byte, n)
	for i := range n {
		// Lane i takes its 64 bytes from data where there are some,
		// then a hash of data and i: never two equal lanes.
		h := sha256.Sum256(append([]byte{byte(i), 's'}, data...))
		scalars[i] = [32]byte(derive(chunk(data, 64*i, 32), 32))
		scalars[i][31] ^= h[0] & 0x7f
		scalars[i][0] ^= byte(i)
		hp := sha256.Sum256(append([]byte{byte(i), 'p'}, data...))
		points[i] = hp
		copy(points[i][:], chunk(data, 64*i+32, 32))
		if edges>>(i%64)&1 != 0 {
			points[i] = x25519Edges[int(hp[1])%len(x25519Edges)]
		}
	}
	want := make([][]byte, n)
	var wantLow []int
	for i := range n {
		priv, _ := ecdh.X25519().NewPrivateKey(scalars[i][:])
		pub, _ := ecdh.X25519().NewPublicKey(points[i][:])
		w, err := priv.ECDH(pub)
		if err != nil {
			w = make([]byte, 32)
			wantLow = append(wantLow, i)
		}
		want[i] = w
	}
	x25519Each(t, func(name string) {
		dst := make([][32]byte, n)
		err := x25519.X25519Batch(dst, scalars, points)
		for i := range n {
			if !bytes.Equal(dst[i][:], want[i]) {
				t.Fatalf("%s: batch of %d, lane %d = %x, want %x", name, n, i, dst[i], want[i])
			}
		}
		var lo *x25519.LowOrderError
		switch {
		case wantLow == nil && err != nil:
			t.Fatalf("%s: batch of %d: unexpected error %v", name, n, err)
		case wantLow != nil && (!errors.As(err, &lo) || !slices.Equal(lo.Lanes, wantLow)):
			t.Fatalf("%s: batch of %d: error %v, want low-order lanes %v", name, n, err, wantLow)
		}
		// In place: dst aliasing the points.
		pts := slices.Clone(points)
		x25519.X25519Batch(pts, scalars, pts)
		for i := range n {
			if !bytes.Equal(pts[i][:], want[i]) {
				t.Fatalf("%s: in-place batch of %d, lane %d differs", name, n, i)
			}
		}
	})
}

// chunk returns up to n bytes of b from offset off (nil past its end).
func chunk(b []byte, off, n int) []byte {
	if off >= len(b) {
		return nil
	}
	return b[off:min(off+n, len(b))]
}

// TestX25519BatchSizes runs the batch checks of FuzzX25519Batch for every
// batch size from 1 to 64 with distinct lanes, every third lane (at a
// different offset for each size) holding a Wycheproof edge point, so that
// every size and lane position is covered without fuzzing (and under qemu).
func TestX25519BatchSizes(t *testing.T) {
	for n := 1; n <= 64; n++ {
		var edges uint64
		for i := n % 3; i < n; i += 3 {
			edges |= 1 << i
		}
		data := make([]byte, 64*n)
		for i := range data {
			data[i] = byte(i*7 + n)
		}
		checkX25519Batch(t, data, uint8(n-1), edges)
	}
}
