package chacha20poly1305

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/vectors"
)

// The RFC 8439 test vectors are parsed from the RFC's text in package
// vectors: rfcText drops the page breaks, rfcSection cuts out a section,
// and rfcHex reads the hex dump that follows a label.

func rfcText(t *testing.T) string {
	t.Helper()
	b, err := vectors.Open("rfc/rfc8439.txt")
	if err != nil {
		t.Fatal(err)
	}
	// A page break is: blank lines, the footer, a form feed, the header,
	// blank lines. Remove it with its blank lines so that hex dumps
	// continue across pages.
	pageBreak := regexp.MustCompile(`\n\s*\nNir & Langley[^\n]*\n\f?\nRFC 8439[^\n]*\n\s*\n`)
	return pageBreak.ReplaceAllString(string(b), "\n")
}

// rfcSection returns the text from the line starting with from up to the
// next line starting with to.
func rfcSection(t *testing.T, text, from, to string) string {
	t.Helper()
	i := strings.Index(text, "\n"+from)
	if i < 0 {
		t.Fatalf("RFC 8439: no section %q", from)
	}
	s := text[i+1:]
	if j := strings.Index(s, "\n"+to); j >= 0 {
		s = s[:j]
	}
	return s
}

var (
	offsetLine = regexp.MustCompile(`^\s*\d{3}  ((?:[0-9a-f]{2} ?){1,16})`)
	colonLine  = regexp.MustCompile(`^\s*((?:[0-9a-fA-F]{2}:?)+)\.?\s*$`)
	spacedLine = regexp.MustCompile(`^\s*((?:[0-9A-Fa-f]{2} ?)+)$`)
)

// rfcHex returns the bytes of the hex dump following the first line of s
// that contains label (on the same line after the label, or on the lines
// after it up to the first line that is not hex).
func rfcHex(t *testing.T, s, label string) []byte {
	t.Helper()
	i := strings.Index(s, label)
	if i < 0 {
		t.Fatalf("RFC 8439: no %q in %.60q", label, s)
	}
	lines := strings.Split(s[i+len(label):], "\n")
	var out []byte
	add := func(h string) {
		h = strings.NewReplacer(" ", "", ":", "").Replace(h)
		b, err := hex.DecodeString(h)
		if err != nil {
			t.Fatalf("RFC 8439 %q: %v", label, err)
		}
		out = append(out, b...)
	}
	if first := strings.TrimSpace(lines[0]); first != "" {
		if m := colonLine.FindStringSubmatch(first); m != nil {
			add(m[1])
			return out
		}
	}
	started := false
	for _, l := range lines[1:] {
		if strings.TrimSpace(l) == "" {
			if started {
				break
			}
			continue
		}
		if m := offsetLine.FindStringSubmatch(l); m != nil {
			add(m[1])
		} else if m := colonLine.FindStringSubmatch(l); m != nil {
			add(m[1])
		} else if m := spacedLine.FindStringSubmatch(l); m != nil {
			add(m[1])
		} else {
			break
		}
		started = true
	}
	if !started {
		t.Fatalf("RFC 8439: no hex after %q", label)
	}
	return out
}

// rfcInt returns the number after "label = ".
func rfcInt(t *testing.T, s, label string) uint32 {
	t.Helper()
	m := regexp.MustCompile(regexp.QuoteMeta(label) + ` = (\d+)`).FindStringSubmatch(s)
	if m == nil {
		t.Fatalf("RFC 8439: no %q", label)
	}
	n, _ := strconv.Atoi(m[1])
	return uint32(n)
}

// testVectors splits an appendix section at its "Test Vector #" lines.
func testVectors(s string) []string {
	parts := regexp.MustCompile(`\n\s*Test Vector #\d+`).Split(s, -1)
	return parts[1:]
}

func newState(key, nonce []byte, counter uint32) *[16]uint32 {
	st := &[16]uint32{sigma0, sigma1, sigma2, sigma3}
	for i := range 8 {
		st[4+i] = binary.LittleEndian.Uint32(key[4*i:])
	}
	st[12] = counter
	for i := range 3 {
		st[13+i] = binary.LittleEndian.Uint32(nonce[4*i:])
	}
	return st
}

// keystream returns n bytes of keystream from st through the selected
// implementation's kernel (which works on 256-byte multiples).
func keystream(st *[16]uint32, n int) []byte {
	buf := make([]byte, (n+255)&^255)
	chachaXOR(chosen(), st, buf, buf)
	return buf[:n]
}

// poly1305Sum is Poly1305 (RFC 8439 section 2.5) of msg: the full blocks
// through the selected implementation's kernel, a partial last block
// (whose padding bit is not at 2^128) in Go.
func poly1305Sum(key, msg []byte) []byte {
	var p polyState
	p.setKey(key)
	full := len(msg) &^ 15
	if full > 0 {
		polyBlocks(chosen(), &p, msg[:full])
	}
	if rest := msg[full:]; len(rest) > 0 {
		var b [16]byte
		copy(b[:], rest)
		b[len(rest)] = 1
		var c uint64
		p.h[0], c = addc(p.h[0], binary.LittleEndian.Uint64(b[0:]), 0)
		p.h[1], c = addc(p.h[1], binary.LittleEndian.Uint64(b[8:]), c)
		p.h[2] += c
		p.h[0], p.h[1], p.h[2] = polyMul(p.h[0], p.h[1], p.h[2], p.r[0], p.r[1])
	}
	var tag [16]byte
	p.finish(&tag)
	return tag[:]
}

func addc(a, b, c uint64) (uint64, uint64) {
	s := a + b + c
	return s, ((a & b) | ((a | b) &^ s)) >> 63
}

func seq(n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(i)
	}
	return b
}

func TestRFC8439(t *testing.T) {
	text := rfcText(t)
	forEachImpl(t, func(t *testing.T) {
		t.Run("2.3.2", func(t *testing.T) {
			s := rfcSection(t, text, "2.3.2.", "2.4.")
			// Key 00:01:..:1f, nonce and counter as written in the section.
			st := newState(seq(32), vectors.MustHex("000000090000004a00000000"), 1)
			if got, want := keystream(st, 64), rfcHex(t, s, "Serialized Block:"); !bytes.Equal(got, want) {
				t.Errorf("block\n got %x\nwant %x", got, want)
			}
		})
		t.Run("2.4.2", func(t *testing.T) {
			s := rfcSection(t, text, "2.4.2.", "2.5.")
			st := newState(seq(32), vectors.MustHex("000000000000004a00000000"), 1)
			pt := rfcHex(t, s, "Plaintext Sunscreen:")
			want := rfcHex(t, s, "Ciphertext Sunscreen:")
			ks := keystream(st, len(pt))
			if !bytes.Equal(ks, rfcHex(t, s, "Keystream:")) {
				t.Errorf("keystream differs")
			}
			for i := range pt {
				pt[i] ^= ks[i]
			}
			if !bytes.Equal(pt, want) || len(want) != 114 {
				t.Errorf("ciphertext\n got %x\nwant %x", pt, want)
			}
		})
		t.Run("2.5.2", func(t *testing.T) {
			s := rfcSection(t, text, "2.5.2.", "2.6.")
			// The key is split across a line in the text: transcribed here.
			key := vectors.MustHex("85d6be7857556d337f4452fe42d506a80103808afb0db2fd4abff6af4149f51b")
			msg := rfcHex(t, s, "Message to be Authenticated:")
			if got, want := poly1305Sum(key, msg), rfcHex(t, s, "Tag:"); !bytes.Equal(got, want) {
				t.Errorf("tag %x, want %x", got, want)
			}
		})
		t.Run("2.6.2", func(t *testing.T) {
			s := rfcSection(t, text, "2.6.2.", "2.7.")
			st := newState(rfcHex(t, s, "Key:"), rfcHex(t, s, "Nonce:"), 0)
			if got, want := keystream(st, 32), rfcHex(t, s, "Output bytes:"); !bytes.Equal(got, want) {
				t.Errorf("poly key %x, want %x", got, want)
			}
		})
		t.Run("2.8.2", func(t *testing.T) {
			s := rfcSection(t, text, "2.8.2.", "3.  ")
			a, _ := New(rfcHex(t, s, "Key:"))
			nonce := append(rfcHex(t, s, "32-bit fixed-common part:"), rfcHex(t, s, "IV:")...)
			pt, ad := rfcHex(t, s, "Plaintext:"), rfcHex(t, s, "AAD:")
			want := append(rfcHex(t, s, "Ciphertext:"), rfcHex(t, s, "Tag:")...)
			if got := a.Seal(nil, nonce, pt, ad); !bytes.Equal(got, want) {
				t.Errorf("Seal\n got %x\nwant %x", got, want)
			}
			if got, err := a.Open(nil, nonce, want, ad); err != nil || !bytes.Equal(got, pt) {
				t.Errorf("Open: %v", err)
			}
		})
		t.Run("A.1", func(t *testing.T) {
			tvs := testVectors(rfcSection(t, text, "A.1.", "A.2."))
			for i, s := range tvs {
				st := newState(rfcHex(t, s, "Key:"), rfcHex(t, s, "Nonce:"), rfcInt(t, s, "Block Counter"))
				if got, want := keystream(st, 64), rfcHex(t, s, "Keystream:"); !bytes.Equal(got, want) {
					t.Errorf("#%d: keystream\n got %x\nwant %x", i+1, got, want)
				}
			}
			if len(tvs) != 5 {
				t.Errorf("%d test vectors, want 5", len(tvs))
			}
		})
		t.Run("A.2", func(t *testing.T) {
			tvs := testVectors(rfcSection(t, text, "A.2.", "A.3."))
			for i, s := range tvs {
				st := newState(rfcHex(t, s, "Key:"), rfcHex(t, s, "Nonce:"), rfcInt(t, s, "Initial Block Counter"))
				pt, want := rfcHex(t, s, "Plaintext:"), rfcHex(t, s, "Ciphertext:")
				ks := keystream(st, len(pt))
				for j := range pt {
					pt[j] ^= ks[j]
				}
				if !bytes.Equal(pt, want) {
					t.Errorf("#%d: ciphertext\n got %x\nwant %x", i+1, pt, want)
				}
			}
			if len(tvs) != 3 {
				t.Errorf("%d test vectors, want 3", len(tvs))
			}
		})
		t.Run("A.3", func(t *testing.T) {
			tvs := testVectors(rfcSection(t, text, "A.3.", "A.4."))
			for i, s := range tvs {
				var key, msg, want []byte
				if strings.Contains(s, "One-time Poly1305 Key:") {
					key, msg, want = rfcHex(t, s, "One-time Poly1305 Key:"), rfcHex(t, s, "Text to MAC:"), rfcHex(t, s, "Tag:")
				} else {
					key = append(rfcHex(t, s, "R:"), rfcHex(t, s, "S:")...)
					msg, want = rfcHex(t, s, "data:"), rfcHex(t, s, "tag:")
				}
				if got := poly1305Sum(key, msg); !bytes.Equal(got, want) {
					t.Errorf("#%d: tag %x, want %x", i+1, got, want)
				}
			}
			if len(tvs) != 11 {
				t.Errorf("%d test vectors, want 11", len(tvs))
			}
		})
		t.Run("A.4", func(t *testing.T) {
			tvs := testVectors(rfcSection(t, text, "A.4.", "A.5."))
			for i, s := range tvs {
				st := newState(rfcHex(t, s, "The ChaCha20 Key"), rfcHex(t, s, "The nonce:"), 0)
				if got, want := keystream(st, 32), rfcHex(t, s, "Poly1305 one-time key:"); !bytes.Equal(got, want) {
					t.Errorf("#%d: key %x, want %x", i+1, got, want)
				}
			}
			if len(tvs) != 3 {
				t.Errorf("%d test vectors, want 3", len(tvs))
			}
		})
		t.Run("A.5", func(t *testing.T) {
			s := rfcSection(t, text, "A.5.", "Appendix B.")
			a, _ := New(rfcHex(t, s, "The ChaCha20 Key"))
			nonce, ad := rfcHex(t, s, "The nonce:"), rfcHex(t, s, "The AAD:")
			ct := append(rfcHex(t, s, "Ciphertext:"), rfcHex(t, s, "Received Tag:")...)
			want := rfcHex(t, s, "Plaintext::")
			got, err := a.Open(nil, nonce, ct, ad)
			if err != nil || !bytes.Equal(got, want) || len(want) != 265 {
				t.Errorf("Open: %v\n got %x\nwant %x", err, got, want)
			}
		})
	})
}
