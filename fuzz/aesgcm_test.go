package fuzz

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"testing"

	"github.com/tlscore/tlscore/aead/aesgcm"
	"github.com/tlscore/tlscore/dispatch"
)

// aesgcmImpls returns one AEAD per available AES-GCM implementation for key,
// with the name of the implementation it really uses.
func aesgcmImpls(t *testing.T, key []byte) (names []string, aeads []cipher.AEAD) {
	defer dispatch.Reset(aesgcm.Alg)
	for _, im := range dispatch.List(aesgcm.Alg) {
		if !im.Available {
			continue
		}
		if err := dispatch.Select(aesgcm.Alg, im.Name); err != nil {
			t.Fatal(err)
		}
		a, err := aesgcm.New(key)
		if err != nil {
			t.Fatal(err)
		}
		names = append(names, a.(*aesgcm.GCM).Implementation())
		aeads = append(aeads, a)
	}
	return names, aeads
}

// FuzzAESGCM compares every available AES-GCM implementation with
// crypto/cipher: the same Seal output (appended, in place, and into
// misaligned buffers), Open round trips (also in place and misaligned), and
// Open rejecting a flipped bit of the ciphertext, tag, additional data or
// nonce without releasing plaintext. The key (16, 24 or 32 bytes) and the
// nonce are derived from the input whatever its length; shape stretches the
// additional data past 256 bytes and picks the misalignment (decodeShape).
func FuzzAESGCM(f *testing.F) {
	f.Add(make([]byte, 16), make([]byte, 12), []byte("hello"), []byte("ad"), uint16(0), uint32(0))
	f.Add(bytes.Repeat([]byte{1}, 32), bytes.Repeat([]byte{2}, 12), make([]byte, 1350), make([]byte, 13), uint16(700), uint32(2|1<<8))
	f.Add(bytes.Repeat([]byte{3}, 24), bytes.Repeat([]byte{4}, 12), make([]byte, 4200), []byte{}, uint16(4100), uint32(1|20<<2|3<<8))
	f.Add(bytes.Repeat([]byte{5}, 16), bytes.Repeat([]byte{0xff}, 12), make([]byte, 257), make([]byte, 300), uint16(9), uint32(63<<2|15<<8))
	f.Add([]byte{7}, []byte{}, make([]byte, 31), make([]byte, 255), uint16(3), uint32(2|1<<2|7<<8))
	f.Fuzz(func(t *testing.T, keyIn, nonceIn, pt, adIn []byte, flip uint16, shape uint32) {
		sh := decodeShape(shape, adIn)
		key := derive(keyIn, []int{16, 24, 32, 16}[sh.keyIndex])
		nonce := derive(nonceIn, aesgcm.NonceSize)
		ad := stretch(adIn, sh.adLen)
		b, err := aes.NewCipher(key)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := cipher.NewGCM(b)
		if err != nil {
			t.Fatal(err)
		}
		wct := ref.Seal(nil, nonce, pt, ad)
		names, aeads := aesgcmImpls(t, key)
		for i, a := range aeads {
			checkAEAD(t, names[i], a, ref, nonce, pt, ad, wct, flip, sh.offset)
		}
	})
}

// checkAEAD runs the checks every AEAD fuzz target shares on a, against ref
// (whose Seal of pt is wct).
func checkAEAD(t *testing.T, name string, a, ref cipher.AEAD, nonce, pt, ad, wct []byte, flip uint16, off int) {
	t.Helper()
	ov := a.Overhead()
	ct := a.Seal(nil, nonce, pt, ad)
	if !bytes.Equal(ct, wct) {
		t.Fatalf("%s: Seal differs from the reference", name)
	}
	got, err := a.Open(nil, nonce, ct, ad)
	if err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("%s: round trip failed: %v", name, err)
	}
	// In place, at a misaligned address.
	buf := unaligned(len(pt)+ov, off, 0)
	copy(buf, pt)
	if ct2 := a.Seal(buf[:0], nonce, buf[:len(pt)], ad); !bytes.Equal(ct2, wct) {
		t.Fatalf("%s: in-place Seal (offset %d) differs", name, off)
	}
	if got, err := a.Open(buf[:0], nonce, buf, ad); err != nil || !bytes.Equal(got, pt) {
		t.Fatalf("%s: in-place Open (offset %d) failed: %v", name, off, err)
	}
	// Misaligned inputs and outputs, appending after existing bytes.
	in := unaligned(len(pt), (off+5)&15, 0)
	copy(in, pt)
	adU := unaligned(len(ad), (off+3)&15, 0)
	copy(adU, ad)
	dst := unaligned(3, off, len(pt)+ov)
	copy(dst, "abc")
	if ct3 := a.Seal(dst, nonce, in, adU); string(ct3[:3]) != "abc" || !bytes.Equal(ct3[3:], wct) {
		t.Fatalf("%s: misaligned appending Seal differs", name)
	}

	bad := bytes.Clone(ct)
	bit := int(flip) % (8 * len(bad))
	bad[bit/8] ^= 1 << (bit % 8)
	out := bytes.Repeat([]byte{0xaa}, len(pt))
	if o, err := a.Open(out[:0], nonce, bad, ad); err == nil || o != nil {
		t.Fatalf("%s: Open accepted a flipped bit %d", name, bit)
	}
	if !bytes.Equal(out, make([]byte, len(pt))) {
		t.Fatalf("%s: failed Open left plaintext in dst", name)
	}
	if len(ad) > 0 {
		bad := bytes.Clone(ad)
		bad[int(flip)%len(bad)] ^= 0x80
		if _, err := a.Open(nil, nonce, ct, bad); err == nil {
			t.Fatalf("%s: Open accepted changed additional data", name)
		}
	}
	// The fuzzer's plaintext as a forged ciphertext: both must agree.
	w, werr := ref.Open(nil, nonce, pt, ad)
	if g, gerr := a.Open(nil, nonce, pt, ad); (gerr == nil) != (werr == nil) || !bytes.Equal(g, w) {
		t.Fatalf("%s: Open of arbitrary input disagrees with the reference: %v vs %v", name, gerr, werr)
	}
	badNonce := bytes.Clone(nonce)
	badNonce[int(flip)%len(badNonce)] ^= 1
	if _, err := a.Open(nil, badNonce, ct, ad); err == nil {
		t.Fatalf("%s: Open accepted a changed nonce", name)
	}
}
