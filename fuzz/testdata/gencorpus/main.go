// Command gencorpus writes the committed seed corpora of package fuzz
// (fuzz/testdata/fuzz): the interesting cases of the AEAD, X25519 and
// record targets. Regenerate with
//
//	go run ./fuzz/testdata/gencorpus fuzz
//
// (It lives under testdata so that go build ./... and go vet ./... skip it.)
package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
)

type u8 uint8
type u16 uint16
type u32 uint32
type u64 uint64

func write(dir, target, name string, vals ...any) {
	var b bytes.Buffer
	b.WriteString("go test fuzz v1\n")
	for _, v := range vals {
		switch v := v.(type) {
		case []byte:
			fmt.Fprintf(&b, "[]byte(%q)\n", v)
		case u8:
			fmt.Fprintf(&b, "byte(%q)\n", byte(v))
		case u16:
			fmt.Fprintf(&b, "uint16(%d)\n", v)
		case u32:
			fmt.Fprintf(&b, "uint32(%d)\n", v)
		case u64:
			fmt.Fprintf(&b, "uint64(%d)\n", v)
		case bool:
			fmt.Fprintf(&b, "bool(%v)\n", v)
		case int8:
			fmt.Fprintf(&b, "int8(%d)\n", v)
		default:
			panic(fmt.Sprintf("%T", v))
		}
	}
	d := filepath.Join(dir, "testdata", "fuzz", target)
	os.MkdirAll(d, 0o755)
	if err := os.WriteFile(filepath.Join(d, name), b.Bytes(), 0o644); err != nil {
		panic(err)
	}
}

func pat(n int, s byte) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = 'a' + (s+byte(i*13))%26 // printable: the corpus files stay small
	}
	return b
}

func main() {
	dir := os.Args[1]
	// AEADs: lengths at the assembly loop boundaries (16-byte blocks; 256
	// bytes per VAES-512 iteration and 128 for AES-NI; 64-byte ChaCha blocks,
	// 512 for the 8-block AVX2 and 1024 for the 16-block AVX-512 pass, 2 KiB
	// for the stitched Poly1305), additional data past 256 bytes (shape
	// bits 2-7) and misaligned buffers (bits 8-11).
	shape := func(key, adExt, off int) u32 { return u32(key | adExt<<2 | off<<8) }
	for _, c := range []struct {
		name       string
		pt, ad     int
		key, adExt int
		off        int
	}{
		{"empty-pt-ad257", 0, 257, 0, 0, 0},
		{"pt15-off1", 15, 0, 1, 0, 1},
		{"pt17-ad16-off7", 17, 16, 2, 0, 7},
		{"pt255-ad255-off3", 255, 255, 0, 1, 3},
		{"pt256-off15", 256, 13, 2, 0, 15},
		{"pt257-ad1071", 257, 0, 1, 63, 9},
		{"pt511-off5", 511, 5, 0, 20, 5},
		{"pt1023-ad300", 1023, 300, 2, 0, 11},
		{"pt2049-off2", 2049, 13, 0, 0, 2},
		{"pt4097-ad13", 4097, 13, 1, 30, 13},
		{"pt16400-ad13", 16400, 13, 2, 0, 0},
	} {
		for _, t := range []string{"FuzzAESGCM", "FuzzChaCha20Poly1305", "FuzzXChaCha20Poly1305"} {
			write(dir, t, c.name, pat(32, 1), pat(24, 2), pat(c.pt, 3), pat(c.ad, 4), u16(c.pt*3+1), shape(c.key, c.adExt, c.off))
		}
	}
	// X25519: special u-coordinates (0, 1, p-1, p, p+1, 2^255-1, 2^256-1,
	// order-8 points) with a scalar of all ones, and the clamping edges.
	p := bytes.Repeat([]byte{0xff}, 32)
	p[0], p[31] = 0xed, 0x7f
	pm1, pp1 := bytes.Clone(p), bytes.Clone(p)
	pm1[0], pp1[0] = 0xec, 0xee
	top := bytes.Repeat([]byte{0xff}, 32)
	top[31] = 0x7f
	one := make([]byte, 32)
	one[0] = 1
	ord8 := []byte{0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00}
	ones := bytes.Repeat([]byte{0xff}, 32)
	for name, pt := range map[string][]byte{"p": p, "p-1": pm1, "p+1": pp1, "2^255-1": top, "2^256-1": ones, "one": one, "zero": make([]byte, 32), "order8": ord8} {
		write(dir, "FuzzX25519", "u-"+name, ones, pt)
		write(dir, "FuzzX25519", "u-"+name+"-scalar0", make([]byte, 32), pt)
	}
	// X25519Batch: every lane an edge point, full and partial 8-lane
	// groups, the largest batch.
	for _, c := range []struct {
		name  string
		size  u8
		edges u64
		data  int
	}{
		{"64-lanes-all-edges", 63, ^u64(0), 64 * 64},
		{"64-lanes-no-edges", 63, 0, 64 * 64},
		{"8-lanes-alternate", 7, 0x55, 8 * 64},
		{"9-lanes-last-edge", 8, 1 << 8, 100},
		{"15-lanes-half", 14, 0x7f00, 0},
		{"16-lanes-odd", 15, 0xaaaa, 16 * 64},
		{"1-lane-edge", 0, 1, 64},
		{"33-lanes", 32, 1<<32 | 1, 33 * 64},
	} {
		h := sha256.Sum256([]byte(c.name))
		data := bytes.Repeat(h[:], (c.data+31)/32)[:c.data]
		write(dir, "FuzzX25519Batch", c.name, data, c.size, c.edges)
	}
	// Records: headers at the limits for every suite (the suites of
	// fuzz/record_test.go, 6), lengths 0, 16 (a tag alone), 2^14+256 (TLS 1.3
	// maximum), 2^14+2048 (TLS 1.2), 0xffff.
	for which := range 6 {
		for _, l := range []int{0, 1, 16, 17, 24, 16384 + 256, 16384 + 257, 16384 + 2048, 0xffff} {
			if l > 16384 && which != 0 && which != 3 {
				continue // the long records for one TLS 1.3 and one TLS 1.2 suite
			}
			body := pat(min(l, 16384+2048+1), byte(which))
			rec := append([]byte{23, 3, 3, byte(l >> 8), byte(l)}, body...)
			write(dir, "FuzzRecordOpen", fmt.Sprintf("suite%d-len%d", which, l), u8(which), rec, u16(3), u8(0))
		}
		// Round trips: the largest payload, padding to the limit, empty
		// application data, alert and handshake.
		write(dir, "FuzzRecordRoundTrip", fmt.Sprintf("suite%d-max", which), u8(which), pat(16384, 5), u8(23), u16(0), u8(3))
		write(dir, "FuzzRecordRoundTrip", fmt.Sprintf("suite%d-pad-limit", which), u8(which), pat(100, 6), u8(22), u16(0xffff), u8(0))
		write(dir, "FuzzRecordRoundTrip", fmt.Sprintf("suite%d-over", which), u8(which), pat(16385, 7), u8(23), u16(0), u8(0))
		write(dir, "FuzzRecordRoundTrip", fmt.Sprintf("suite%d-empty-alert", which), u8(which), []byte{}, u8(21), u16(0), u8(0))
	}
}
