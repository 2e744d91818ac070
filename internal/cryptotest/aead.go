package cryptotest

import (
	"bytes"
	"crypto/cipher"
	"fmt"
	"math/rand/v2"
	"testing"
)

// Lengths are the message lengths the AEAD tests cover: every tail length
// around the block sizes of 16, 64, 128, 256, 512 and 1024 bytes that
// assembly paths switch on, TLS record sizes, and the sizes of Go's own
// conformance tests.
var Lengths = func() []int {
	l := []int{0, 1, 2, 3, 7, 8, 12, 13, 31, 32, 33, 47, 48, 49, 95, 96, 97, 111, 112, 113,
		1350, 1351, 4095, 4096, 4097, 8192, 8193, 8208, 16383, 16384, 16385, 16400}
	for b := 16; b <= 2048; b *= 2 {
		l = append(l, b-1, b, b+1, b+15, b+16, b+17)
	}
	for i := 1; i <= 20; i++ {
		l = append(l, 16*i+5)
	}
	return l
}()

// AADLengths are the additional-data lengths the AEAD tests cover.
var AADLengths = []int{0, 1, 5, 13, 15, 16, 17, 31, 32, 33, 64, 65, 200, 1000}

// TestAEAD checks that the AEAD made by mk follows the crypto/cipher.AEAD
// contract: round trips, the append and in-place rules, panics on caller
// mistakes, failures on any change to nonce, additional data, ciphertext or
// tag, and no plaintext released by a failed Open.
func TestAEAD(t *testing.T, mk func() (cipher.AEAD, error)) {
	a, err := mk()
	if err != nil {
		t.Fatal(err)
	}
	ns, ov := a.NonceSize(), a.Overhead()
	rng := rand.New(rand.NewPCG(1, 2))
	fill := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}

	t.Run("RoundTrip", func(t *testing.T) {
		for _, pl := range Lengths {
			for _, al := range []int{0, 13, 33} {
				nonce, ad, pt := fill(ns), fill(al), fill(pl)
				n0, a0, p0 := clone(nonce), clone(ad), clone(pt)
				ct := a.Seal(nil, nonce, pt, ad)
				if len(ct) != pl+ov {
					t.Fatalf("len %d: Seal returned %d bytes, want %d", pl, len(ct), pl+ov)
				}
				c0 := clone(ct)
				got, err := a.Open(nil, nonce, ct, ad)
				if err != nil {
					t.Fatalf("len %d ad %d: Open: %v", pl, al, err)
				}
				if !bytes.Equal(got, pt) {
					t.Fatalf("len %d ad %d: round trip changed the plaintext", pl, al)
				}
				if !bytes.Equal(nonce, n0) || !bytes.Equal(ad, a0) || !bytes.Equal(pt, p0) || !bytes.Equal(ct, c0) {
					t.Fatalf("len %d: an input was modified", pl)
				}
				if again := a.Seal(nil, nonce, pt, ad); !bytes.Equal(again, ct) {
					t.Fatalf("len %d: Seal is not deterministic", pl)
				}
			}
		}
		for _, al := range AADLengths {
			nonce, ad, pt := fill(ns), fill(al), fill(100)
			ct := a.Seal(nil, nonce, pt, ad)
			if got, err := a.Open(nil, nonce, ct, ad); err != nil || !bytes.Equal(got, pt) {
				t.Fatalf("ad %d: round trip failed: %v", al, err)
			}
		}
	})

	t.Run("AppendAndInPlace", func(t *testing.T) {
		for _, pl := range []int{0, 1, 16, 63, 64, 255, 256, 300, 1350, 4097} {
			nonce, ad, pt := fill(ns), fill(17), fill(pl)
			want := a.Seal(nil, nonce, pt, ad)
			prefix := fill(7)

			// Append to a dst with content and no spare capacity.
			got := a.Seal(clone(prefix), nonce, pt, ad)
			if !bytes.Equal(got[:7], prefix) || !bytes.Equal(got[7:], want) {
				t.Fatalf("len %d: Seal does not append to dst", pl)
			}
			opened, err := a.Open(clone(prefix), nonce, want, ad)
			if err != nil || !bytes.Equal(opened[:7], prefix) || !bytes.Equal(opened[7:], pt) {
				t.Fatalf("len %d: Open does not append to dst: %v", pl, err)
			}

			// Append into spare capacity.
			buf := make([]byte, 7, 7+pl+ov+9)
			copy(buf, prefix)
			got = a.Seal(buf, nonce, pt, ad)
			if &got[0] != &buf[0] || !bytes.Equal(got[7:], want) {
				t.Fatalf("len %d: Seal did not use dst's capacity", pl)
			}

			// In place: dst is plaintext[:0] and ciphertext[:0].
			inplace := make([]byte, pl, pl+ov)
			copy(inplace, pt)
			ct := a.Seal(inplace[:0], nonce, inplace, ad)
			if !bytes.Equal(ct, want) {
				t.Fatalf("len %d: in-place Seal differs", pl)
			}
			p2, err := a.Open(ct[:0], nonce, ct, ad)
			if err != nil || !bytes.Equal(p2, pt) {
				t.Fatalf("len %d: in-place Open failed: %v", pl, err)
			}

			// Unaligned buffers.
			for off := 1; off < 8; off++ {
				src := make([]byte, pl+ov+off+8)
				p := src[off : off+pl]
				copy(p, pt)
				c := a.Seal(src[off:off], nonce, p, ad)
				if !bytes.Equal(c, want) {
					t.Fatalf("len %d offset %d: unaligned in-place Seal differs", pl, off)
				}
				dst := make([]byte, pl+ov+off)
				o, err := a.Open(dst[off:off], nonce, want, ad)
				if err != nil || !bytes.Equal(o, pt) {
					t.Fatalf("len %d offset %d: unaligned Open failed", pl, off)
				}
			}
		}
	})

	t.Run("Panics", func(t *testing.T) {
		mustPanic(t, "Seal with a short nonce", func() { a.Seal(nil, make([]byte, ns-1), nil, nil) })
		mustPanic(t, "Seal with a long nonce", func() { a.Seal(nil, make([]byte, ns+1), nil, nil) })
		mustPanic(t, "Open with a short nonce", func() { a.Open(nil, make([]byte, ns-1), make([]byte, ov), nil) })
		mustPanic(t, "Open with a long nonce", func() { a.Open(nil, make([]byte, ns+1), make([]byte, ov), nil) })
		mustPanic(t, "Seal with an empty nonce", func() { a.Seal(nil, nil, nil, nil) })
		// The output may not overlap the additional data (every AEAD of
		// the module agrees; the kernels may write before hashing it).
		for _, pl := range []int{1, 16, 100} {
			buf := make([]byte, 2*(pl+ov)+64)
			nonce := fill(ns)
			pt := fill(pl)
			mustPanic(t, fmt.Sprintf("Seal over the additional data (len %d)", pl), func() { a.Seal(buf[:0], nonce, pt, buf[pl-1:pl+12]) })
			ct := a.Seal(nil, nonce, pt, nil)
			mustPanic(t, fmt.Sprintf("Open over the additional data (len %d)", pl), func() { a.Open(buf[:0], nonce, ct, buf[pl-1:pl+12]) })
		}
		for _, pl := range []int{2, 16, 100} {
			buf := make([]byte, pl+ov+16)
			nonce := fill(ns)
			copy(buf, fill(pl))
			mustPanic(t, fmt.Sprintf("Seal into an inexact overlap (len %d)", pl), func() { a.Seal(buf[1:1], nonce, buf[:pl], nil) })
			ct := a.Seal(nil, nonce, buf[:pl], nil)
			copy(buf, ct)
			mustPanic(t, fmt.Sprintf("Open into an inexact overlap (len %d)", pl), func() { a.Open(buf[1:1], nonce, buf[:len(ct)], nil) })
		}
	})

	// Peer input: a ciphertext shorter than the tag is an error, never a
	// panic, and nothing is written.
	t.Run("ShortCiphertext", func(t *testing.T) {
		nonce := fill(ns)
		for n := 0; n < ov; n++ {
			dst := make([]byte, 0, 64)
			out, err := a.Open(dst, nonce, fill(n), nil)
			if err == nil || out != nil {
				t.Errorf("Open of %d bytes: %x, %v; want nil and an error", n, out, err)
			}
		}
	})

	t.Run("Forgeries", func(t *testing.T) {
		for _, pl := range []int{0, 1, 15, 16, 17, 64, 255, 256, 257, 1350, 4096} {
			nonce, ad, pt := fill(ns), fill(13), fill(pl)
			ct := a.Seal(nil, nonce, pt, ad)
			check := func(what string, n, c, d []byte) {
				t.Helper()
				// Open into spare capacity pre-filled with a marker: a failed
				// Open must return nil and leave no plaintext there.
				dst := make([]byte, 3, 3+len(c)+16)
				for i := range dst[:cap(dst)] {
					dst[:cap(dst)][i] = 0xa5
				}
				out, err := a.Open(dst, n, c, d)
				if err == nil {
					t.Fatalf("len %d: Open accepted %s", pl, what)
				}
				if out != nil {
					t.Fatalf("len %d: failed Open returned %d bytes", pl, len(out))
				}
				if plen := len(c) - ov; plen > 0 {
					if region := dst[3 : 3+plen]; !bytes.Equal(region, make([]byte, plen)) {
						t.Fatalf("len %d: failed Open (%s) left data in dst", pl, what)
					}
				}
				// In place: the ciphertext buffer is the destination.
				inp := clone(c)
				if out, err := a.Open(inp[:0], n, inp, d); err == nil || out != nil {
					t.Fatalf("len %d: in-place Open accepted %s", pl, what)
				}
				if plen := len(c) - ov; plen > 0 && !bytes.Equal(inp[:plen], make([]byte, plen)) {
					t.Fatalf("len %d: failed in-place Open (%s) left data in the buffer", pl, what)
				}
			}
			for _, i := range []int{0, len(ct) / 2, len(ct) - ov, len(ct) - 1} {
				c := clone(ct)
				c[i] ^= 0x01
				check(fmt.Sprintf("a flipped ciphertext bit at %d", i), nonce, c, ad)
			}
			n := clone(nonce)
			n[ns-1] ^= 0x80
			check("a changed nonce", n, ct, ad)
			d := clone(ad)
			d[0] ^= 1
			check("changed additional data", nonce, ct, d)
			check("missing additional data", nonce, ct, nil)
			check("a truncated ciphertext", nonce, ct[:len(ct)-1], ad)
			check("an extended ciphertext", nonce, append(clone(ct), 0), ad)
		}
		for l := 0; l < ov; l++ {
			if out, err := a.Open(nil, fill(ns), fill(l), nil); err == nil || out != nil {
				t.Fatalf("Open accepted a %d-byte ciphertext", l)
			}
		}
	})
}

// CompareAEAD checks that got and want produce the same ciphertexts and
// open each other's output, on random inputs of every length in Lengths.
func CompareAEAD(t *testing.T, got, want cipher.AEAD) {
	if got.NonceSize() != want.NonceSize() || got.Overhead() != want.Overhead() {
		t.Fatalf("sizes differ: nonce %d/%d, overhead %d/%d", got.NonceSize(), want.NonceSize(), got.Overhead(), want.Overhead())
	}
	rng := rand.New(rand.NewPCG(3, 4))
	fill := func(n int) []byte {
		b := make([]byte, n)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		return b
	}
	for _, pl := range Lengths {
		al := AADLengths[rng.IntN(len(AADLengths))]
		nonce, ad, pt := fill(got.NonceSize()), fill(al), fill(pl)
		c1 := got.Seal(nil, nonce, pt, ad)
		c2 := want.Seal(nil, nonce, pt, ad)
		if !bytes.Equal(c1, c2) {
			t.Fatalf("len %d ad %d: ciphertexts differ", pl, al)
		}
		if p, err := got.Open(nil, nonce, c2, ad); err != nil || !bytes.Equal(p, pt) {
			t.Fatalf("len %d ad %d: Open of the reference's ciphertext failed: %v", pl, al, err)
		}
	}
}

func clone(b []byte) []byte { return append([]byte(nil), b...) }

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	f()
}
