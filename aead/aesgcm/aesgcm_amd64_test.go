//go:build amd64 && gc && !purego

package aesgcm

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cputime"
)

// asmKernels returns the amd64 kernels this CPU can run.
func asmKernels(t testing.TB) []string {
	var names []string
	for _, im := range dispatch.List(Alg) {
		if im.Arch == "amd64" && im.Available {
			names = append(names, im.Name)
		}
	}
	return names
}

func randBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func TestAsmKeySetup(t *testing.T) {
	for _, size := range []int{16, 24, 32} {
		for range 20 {
			key := randBytes(size)
			var k asmKey
			k.init(key)
			ref, _ := aes.NewCipher(key)
			var src, got, want [16]byte
			rand.Read(src[:])
			aesEncryptBlock(&k.ks, k.nr, &got, &src)
			ref.Encrypt(want[:], src[:])
			if got != want {
				t.Fatalf("AES-%d: aesEncryptBlock = %x, want %x", size*8, got, want)
			}
			// K_i must be H^i * x^-1, reflected.
			var h [16]byte
			ref.Encrypt(h[:], h[:])
			p := h
			for i := 1; i <= nPowers; i++ {
				if i > 1 {
					p = gfMulGeneric(p, h)
				}
				want := toStored(p)
				if got := [16]byte(k.ks[hOff+16*(nPowers-i):]); got != want {
					t.Fatalf("K_%d = %x, want %x", i, got, want)
				}
			}
			for i := nPowers; i < nPowers+4; i++ {
				if got := [16]byte(k.ks[hOff+16*i:]); got != [16]byte{} {
					t.Fatalf("padding entry %d = %x, want zero", i, got)
				}
			}
		}
	}
}

func TestGFMul(t *testing.T) {
	for range 200 {
		a, b := [16]byte(randBytes(16)), [16]byte(randBytes(16))
		got := toStored(a)
		sb := toStored(b)
		gfMul(&got, &sb)
		if want := toStored(gfMulGeneric(a, b)); got != want {
			t.Fatalf("gfMul(%x, %x) = %x, want %x", a, b, got, want)
		}
	}
}

// gfMulGeneric is SP 800-38D algorithm 1: the GCM product of two blocks.
func gfMulGeneric(x, y [16]byte) [16]byte {
	var z [16]byte
	v := y
	for i := 0; i < 128; i++ {
		if x[i/8]>>(7-i%8)&1 == 1 {
			for j := range z {
				z[j] ^= v[j]
			}
		}
		lsb := v[15] & 1
		for j := 15; j > 0; j-- {
			v[j] = v[j]>>1 | v[j-1]<<7
		}
		v[0] >>= 1
		if lsb == 1 {
			v[0] ^= 0xe1
		}
	}
	return z
}

// toStored returns the kernels' form of the block x: byte-reflected, times
// x^-1 (see asm/aesgcm/main.go): stored(a) * stored(b) in the kernels is
// stored(a * b).
func toStored(x [16]byte) [16]byte {
	// x^-1 is the block whose polynomial is x^127 + x^6 + x + 1.
	var xinv [16]byte
	xinv[15] = 1   // x^127
	xinv[0] = 0xc2 // 1, x, x^6: bits 7, 6, 1 of byte 0
	p := gfMulGeneric(x, xinv)
	var r [16]byte
	for i := range r {
		r[i] = p[15-i]
	}
	return r
}

func firstDiff(a, b []byte) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

// sizes are the plaintext lengths the differential tests use: every one up
// to 600 and the edges of the 256-byte loop and of larger buffers.
func sizes(t *testing.T) []int {
	var s []int
	for n := 0; n <= 600; n++ {
		s = append(s, n)
	}
	// After the 512-byte loops: every 256-byte step and tail shape, with and
	// without a pending GHASH.
	for t := 1; t < 512; t += 7 {
		s = append(s, 512+t, 1024+t)
	}
	s = append(s, 767, 768, 769, 1023, 1024, 1025, 1279, 1280, 1281, 1350, 4095, 4096, 4097, 8192)
	if !testing.Short() {
		s = append(s, 16383, 16384, 16385, 65536+17)
	}
	return s
}

// checkKernel compares kernel k with crypto/cipher on one message, for
// Seal and Open, with separate and in-place buffers and a forged tag.
func checkKernel(t *testing.T, k kernel, ref cipher.AEAD, nonce, pt, ad []byte) {
	t.Helper()
	want := ref.Seal(nil, nonce, pt, ad)
	// Separate, unaligned output.
	buf := make([]byte, len(want)+1)
	out := buf[1:]
	k.seal(out, nonce, pt, ad)
	if !bytes.Equal(out, want) {
		t.Fatalf("seal(len %d, ad %d) differs from crypto/cipher at byte %d", len(pt), len(ad), firstDiff(out, want))
	}
	// In place.
	inplace := make([]byte, len(want))
	copy(inplace, pt)
	k.seal(inplace, nonce, inplace[:len(pt)], ad)
	if !bytes.Equal(inplace, want) {
		t.Fatalf("in-place seal(len %d, ad %d) differs", len(pt), len(ad))
	}
	// Open, separate and in place.
	dec := make([]byte, len(pt)+3)[3:]
	if !k.open(dec, nonce, want, ad) || !bytes.Equal(dec, pt) {
		t.Fatalf("open(len %d, ad %d) failed or differs", len(pt), len(ad))
	}
	if !k.open(inplace[:len(pt)], nonce, inplace, ad) || !bytes.Equal(inplace[:len(pt)], pt) {
		t.Fatalf("in-place open(len %d, ad %d) failed or differs", len(pt), len(ad))
	}
	// Any flipped bit in the tag or the ciphertext must fail.
	bad := bytes.Clone(want)
	i := len(bad) - 1 - int(uint(len(pt)*7+len(ad))%uint(len(bad)))
	bad[i] ^= 1 << (len(ad) % 8)
	if k.open(dec, nonce, bad, ad) {
		t.Fatalf("open(len %d, ad %d) accepted a forgery (byte %d)", len(pt), len(ad), i)
	}
	// The assembly compares the tags: every tag byte matters.
	if len(pt)%61 == 0 {
		for j := len(want) - TagSize; j < len(want); j++ {
			bad := bytes.Clone(want)
			bad[j] ^= 0x80
			if k.open(dec, nonce, bad, ad) {
				t.Fatalf("open(len %d, ad %d) accepted a tag with byte %d flipped", len(pt), len(ad), j)
			}
		}
	}
}

func TestAsmKernels(t *testing.T) {
	for _, name := range asmKernels(t) {
		t.Run(name, func(t *testing.T) {
			for _, keySize := range []int{16, 24, 32} {
				key := randBytes(keySize)
				k := newAsmKernel(name, key)
				if k == nil {
					t.Skipf("%s: not implemented", name)
				}
				blk, _ := aes.NewCipher(key)
				ref, _ := cipher.NewGCM(blk)
				nonce := randBytes(12)
				for _, n := range sizes(t) {
					// Inputs at odd offsets too.
					pt := randBytes(n + 7)[n%8:][:n]
					ad := randBytes(13 + 3)[n%4:][:13]
					checkKernel(t, k, ref, nonce, pt, ad)
				}
				// Against the generic kernel as well (a few sizes: it is slow).
				g := newGenericKernel(key)
				for _, n := range []int{0, 1, 15, 16, 17, 255, 256, 257, 511, 512, 513, 1350} {
					pt, ad := randBytes(n), randBytes(n%70)
					want := make([]byte, n+TagSize)
					g.seal(want, nonce, pt, ad)
					got := make([]byte, n+TagSize)
					k.seal(got, nonce, pt, ad)
					if !bytes.Equal(got, want) {
						t.Fatalf("seal(len %d, ad %d) differs from the generic kernel at byte %d", n, len(ad), firstDiff(got, want))
					}
				}
				adLens := []int{}
				for a := 0; a <= 70; a++ {
					adLens = append(adLens, a)
				}
				adLens = append(adLens, 255, 256, 257, 511, 512, 600, 4097)
				for _, a := range adLens {
					for _, n := range []int{0, 1, 16, 64, 255, 256, 300} {
						checkKernel(t, k, ref, nonce, randBytes(n), randBytes(a))
					}
				}
			}
		})
	}
}

// TestAsmNonceEdges checks extreme nonces. With 12-byte nonces the 32-bit
// block counter starts at 2 and cannot wrap within the SP 800-38D length
// limit; messages of more than 256 and 4096 blocks (sizes, here and in
// TestAsmKernels) check the carries between the counter's bytes.
func TestAsmNonceEdges(t *testing.T) {
	for _, name := range asmKernels(t) {
		t.Run(name, func(t *testing.T) {
			key := randBytes(16)
			k := newAsmKernel(name, key)
			if k == nil {
				t.Skipf("%s: not implemented", name)
			}
			blk, _ := aes.NewCipher(key)
			ref, _ := cipher.NewGCM(blk)
			for _, nonce := range [][]byte{
				bytes.Repeat([]byte{0xff}, 12),
				make([]byte, 12),
				append(bytes.Repeat([]byte{0xff}, 8), 0, 0, 0, 0),
			} {
				for _, n := range []int{1, 255, 4097, 8192 + 33} {
					checkKernel(t, k, ref, nonce, randBytes(n), randBytes(13))
				}
			}
		})
	}
}

func BenchmarkAsmSeal(b *testing.B) {
	for _, name := range append(asmKernels(b), "stdlib") {
		for _, n := range []int{16, 64, 256, 1350, 8192, 16384} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				key := make([]byte, 16)
				nonce := make([]byte, 12)
				ad := make([]byte, 13)
				pt := make([]byte, n)
				out := make([]byte, n+16)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				if name == "stdlib" {
					blk, _ := aes.NewCipher(key)
					g, _ := cipher.NewGCM(blk)
					for b.Loop() {
						g.Seal(out[:0], nonce, pt, ad)
					}
					return
				}
				k := newAsmKernel(name, key)
				if k == nil {
					b.Skip("not implemented")
				}
				for b.Loop() {
					k.seal(out, nonce, pt, ad)
				}
			})
		}
	}
}

func BenchmarkAsmOpen(b *testing.B) {
	for _, name := range append(asmKernels(b), "stdlib") {
		for _, n := range []int{16, 64, 256, 1350, 8192, 16384} {
			b.Run(fmt.Sprintf("%s/%d", name, n), func(b *testing.B) {
				key := make([]byte, 16)
				nonce := make([]byte, 12)
				ad := make([]byte, 13)
				blk, _ := aes.NewCipher(key)
				g, _ := cipher.NewGCM(blk)
				ct := g.Seal(nil, nonce, make([]byte, n), ad)
				out := make([]byte, n)
				b.SetBytes(int64(n))
				b.ReportAllocs()
				if name == "stdlib" {
					for b.Loop() {
						g.Open(out[:0], nonce, ct, ad)
					}
					return
				}
				k := newAsmKernel(name, key)
				if k == nil {
					b.Skip("not implemented")
				}
				for b.Loop() {
					if !k.open(out, nonce, ct, ad) {
						b.Fatal("open failed")
					}
				}
			})
		}
	}
}

// TestAsmMinTimes prints, for every available implementation and for
// crypto/cipher, the fastest of 60 short runs of Seal and Open through the
// cipher.AEAD API, timed by the thread's CPU time, all of them interleaved. It exists because this project's machines are shared:
// go test -bench averages over time slices that other processes take, while
// the minimum over short runs approaches the uncontended speed. It measures,
// it asserts nothing; it runs only with AESGCM_MINTIMES=1 (or =32 for AES-256):
//
//	AESGCM_MINTIMES=1 go test -run TestAsmMinTimes -v ./aead/aesgcm/
func TestAsmMinTimes(t *testing.T) {
	mode := os.Getenv("AESGCM_MINTIMES")
	if mode == "" {
		t.Skip("set AESGCM_MINTIMES=1 (AES-128) or 32 (AES-256)")
	}
	key := make([]byte, 16)
	if mode == "32" {
		key = make([]byte, 32)
	}
	defer dispatch.Reset(Alg)
	type impl struct {
		name string
		a    cipher.AEAD
	}
	blk, _ := aes.NewCipher(key)
	ref, _ := cipher.NewGCM(blk)
	impls := []impl{{"stdlib", ref}}
	for _, name := range asmKernels(t) {
		if err := dispatch.Select(Alg, name); err != nil {
			t.Fatal(err)
		}
		a, _ := New(key)
		impls = append(impls, impl{name, a})
	}
	nonce, ad := make([]byte, 12), make([]byte, 13)
	for _, n := range []int{16, 64, 256, 1350, 8192, 16384} {
		iters := 400000 / (n + 200)
		var ops []cputime.Op
		for _, im := range impls {
			pt := make([]byte, n)
			ct := im.a.Seal(nil, nonce, pt, ad)
			buf := make([]byte, 0, n+16)
			seal := func() { buf = im.a.Seal(buf[:0], nonce, pt, ad) }
			open := func() { buf, _ = im.a.Open(buf[:0], nonce, ct, ad) }
			for range 10 * iters { // warm up
				seal()
				open()
			}
			ops = append(ops, cputime.Op{F: seal}, cputime.Op{F: open})
		}
		ns := cputime.Best(60, iters, ops...)
		for i, im := range impls {
			seal, open := ns[2*i], ns[2*i+1]
			fmt.Printf("AES-%d %-12s %6d B  seal %9.1f ns %7.0f MB/s   open %9.1f ns %7.0f MB/s\n",
				len(key)*8, im.name, n, seal, float64(n)/seal*1e3, open, float64(n)/open*1e3)
		}
	}
}

// TestAsmRegisters checks the generated assembly for instructions beyond a
// kernel's CPU features: registers X16-X31 or K masks would make the Go
// assembler pick EVEX (AVX-512) encodings in vaes-avx2 and aesni, and ymm
// registers would need AVX2 in aesni. The register allocator is free to
// pick them, so a change in the generator could do so silently.
func TestAsmRegisters(t *testing.T) {
	src, err := os.ReadFile("aesgcm_amd64.s")
	if err != nil {
		t.Fatal(err)
	}
	evex := regexp.MustCompile(`\b([XYZ](1[6-9]|2[0-9]|3[01])|Z[0-9]+|K[1-7])\b`)
	ymm := regexp.MustCompile(`\bY[0-9]+\b`)
	for _, fn := range strings.Split(string(src), "\nTEXT ")[1:] {
		name, _, _ := strings.Cut(fn, "(")
		var bad *regexp.Regexp
		switch {
		case strings.HasSuffix(name, "VAES2"):
			bad = evex
		case strings.HasSuffix(name, "AESNI"), name == "·aesSubWord", name == "·aesEncryptBlock", name == "·gfMul":
			if m := ymm.FindString(fn); m != "" {
				t.Errorf("%s uses %s (AVX2)", name, m)
			}
			bad = evex
		default:
			continue
		}
		if m := bad.FindString(fn); m != "" {
			t.Errorf("%s uses %s (AVX-512)", name, m)
		}
	}
}

// sbox is the FIPS 197 5.1.1 S-box, computed: the inverse in GF(2^8)
// (b^254) followed by the affine transformation.
func sbox(b byte) byte {
	mul := func(x, y byte) byte {
		var p byte
		for y != 0 {
			if y&1 != 0 {
				p ^= x
			}
			x = x<<1 ^ (x>>7)*0x1b
			y >>= 1
		}
		return p
	}
	inv := byte(1)
	for range 254 {
		inv = mul(inv, b)
	}
	rotl := func(x byte, n int) byte { return x<<n | x>>(8-n) }
	return inv ^ rotl(inv, 1) ^ rotl(inv, 2) ^ rotl(inv, 3) ^ rotl(inv, 4) ^ 0x63
}

func TestAesSubWord(t *testing.T) {
	for b := range 256 {
		for pos := range 4 {
			w := uint32(b) << (8 * pos) // the other bytes are 0, whose S-box value is 0x63
			want := uint32(0x63636363)&^(0xff<<(8*pos)) | uint32(sbox(byte(b)))<<(8*pos)
			if got := aesSubWord(w); got != want {
				t.Fatalf("aesSubWord(%#08x) = %#08x, want %#08x", w, got, want)
			}
		}
	}
}
