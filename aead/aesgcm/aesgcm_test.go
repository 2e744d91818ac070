package aesgcm

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/c2sp/wycheproof"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

func stdGCM(t testing.TB, key []byte) cipher.AEAD {
	b, err := aes.NewCipher(key)
	if err != nil {
		t.Fatal(err)
	}
	a, err := cipher.NewGCM(b)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func testKey(n int) []byte {
	k := make([]byte, n)
	for i := range k {
		k[i] = byte(i*7 + 1)
	}
	return k
}

// mustNew returns New(key) and checks that it uses the implementation
// selected in package dispatch.
func mustNew(t testing.TB, key []byte) *GCM {
	t.Helper()
	a, err := New(key)
	if err != nil {
		t.Fatal(err)
	}
	g := a.(*GCM)
	if want := dispatch.Chosen(Alg); g.Implementation() != want {
		if asmPending(want) {
			t.Skipf("the %s kernel is not in this build yet", want)
		}
		t.Fatalf("New uses %q, dispatch chose %q", g.Implementation(), want)
	}
	return g
}

func TestAEAD(t *testing.T) {
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		for _, n := range []int{16, 24, 32} {
			t.Run(fmt.Sprintf("AES-%d", n*8), func(t *testing.T) {
				cryptotest.TestAEAD(t, func() (cipher.AEAD, error) { return mustNew(t, testKey(n)), nil })
			})
		}
	})
}

func TestCompareStdlib(t *testing.T) {
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		for _, n := range []int{16, 24, 32} {
			cryptotest.CompareAEAD(t, mustNew(t, testKey(n)), stdGCM(t, testKey(n)))
		}
	})
}

// TestLengthGrid compares every implementation with crypto/cipher on every
// length of cryptotest.Lengths with every additional-data length of
// cryptotest.AADLengths (TLS uses 13), for AES-128 and AES-256, with
// constant-filled keys, nonces and messages as well as random ones.
func TestLengthGrid(t *testing.T) {
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(17, 18))
		for _, n := range []int{16, 32} {
			for _, random := range []bool{false, true} {
				key := bytes.Repeat([]byte{1}, n)
				nonce := bytes.Repeat([]byte{2}, NonceSize)
				if random {
					key, nonce = fill(rng, n), fill(rng, NonceSize)
				}
				got, want := mustNew(t, key), stdGCM(t, key)
				for _, al := range cryptotest.AADLengths {
					for i, pl := range cryptotest.Lengths {
						if testing.Short() && (i+al)%3 != 0 {
							continue
						}
						pt, ad := make([]byte, pl), make([]byte, al)
						if random {
							pt, ad = fill(rng, pl), fill(rng, al)
						}
						c1 := got.Seal(nil, nonce, pt, ad)
						if c2 := want.Seal(nil, nonce, pt, ad); !bytes.Equal(c1, c2) {
							t.Fatalf("AES-%d random=%v pt %d ad %d: Seal differs from crypto/cipher", n*8, random, pl, al)
						}
						if p, err := got.Open(nil, nonce, c1, ad); err != nil || !bytes.Equal(p, pt) {
							t.Fatalf("AES-%d random=%v pt %d ad %d: Open failed: %v", n*8, random, pl, al, err)
						}
					}
				}
			}
		}
	})
}

func TestKeySizes(t *testing.T) {
	for n := range 65 {
		_, err := New(make([]byte, n))
		if ok := n == 16 || n == 24 || n == 32; ok != (err == nil) {
			t.Errorf("New with a %d-byte key: %v", n, err)
		}
	}
}

// fill returns n pseudo-random bytes.
func fill(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// checkAgainst seals and opens with got and want and compares everything,
// with dst given a prefix that must survive, and in place at an offset.
func checkAgainst(t *testing.T, rng *rand.Rand, got, want cipher.AEAD, pl, al int) {
	t.Helper()
	nonce, ad, pt := fill(rng, NonceSize), fill(rng, al), fill(rng, pl)
	ref := want.Seal(nil, nonce, pt, ad)

	prefix := fill(rng, rng.IntN(20))
	c := got.Seal(bytes.Clone(prefix), nonce, pt, ad)
	if !bytes.Equal(c[:len(prefix)], prefix) || !bytes.Equal(c[len(prefix):], ref) {
		t.Fatalf("pt %d ad %d: Seal differs from crypto/cipher", pl, al)
	}
	p, err := got.Open(bytes.Clone(prefix), nonce, ref, ad)
	if err != nil || !bytes.Equal(p[:len(prefix)], prefix) || !bytes.Equal(p[len(prefix):], pt) {
		t.Fatalf("pt %d ad %d: Open of crypto/cipher's output failed: %v", pl, al, err)
	}

	// In place, at an odd offset in a larger buffer.
	off := 1 + rng.IntN(15)
	buf := make([]byte, off+pl+TagSize+off)
	copy(buf[off:], pt)
	c = got.Seal(buf[off:off], nonce, buf[off:off+pl], ad)
	if &c[0] != &buf[off] || !bytes.Equal(c, ref) {
		t.Fatalf("pt %d ad %d: in-place Seal differs", pl, al)
	}
	p, err = got.Open(buf[off:off], nonce, buf[off:off+pl+TagSize], ad)
	if err != nil || !bytes.Equal(p, pt) {
		t.Fatalf("pt %d ad %d: in-place Open failed: %v", pl, al, err)
	}
}

// TestDifferential compares every implementation with crypto/cipher on every
// plaintext length up to 1 KiB (or a sample in -short mode) and on random
// lengths, with various additional-data lengths.
func TestDifferential(t *testing.T) {
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(11, 12))
		for _, n := range []int{16, 32} {
			key := fill(rng, n)
			got, want := mustNew(t, key), stdGCM(t, key)
			step := 1
			if testing.Short() {
				step = 7
			}
			for pl := 0; pl <= 1024; pl += step {
				checkAgainst(t, rng, got, want, pl, rng.IntN(40))
			}
			for al := 0; al <= 300; al += step {
				checkAgainst(t, rng, got, want, rng.IntN(100), al)
			}
			iters := 40
			maxLen := 20 << 10
			if testing.Short() {
				iters = 5
			}
			for range iters {
				checkAgainst(t, rng, got, want, rng.IntN(maxLen), rng.IntN(100))
			}
			// Large additional data, and random lengths up to 1 MiB.
			checkAgainst(t, rng, got, want, 100, 5000+rng.IntN(100))
			if !testing.Short() {
				for range 3 {
					checkAgainst(t, rng, got, want, rng.IntN(1<<20), rng.IntN(100))
				}
			}
		}
	})
}

// TestAgainstGeneric compares every implementation with "generic".
func TestAgainstGeneric(t *testing.T) {
	key := testKey(32)
	dispatch.Select(Alg, "generic")
	gen := mustNew(t, key)
	dispatch.Reset(Alg)
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		cryptotest.CompareAEAD(t, mustNew(t, key), gen)
	})
}

// TestCounterWrap checks the 32-bit block counter (SP 800-38D inc32).
//
// With 96-bit nonces the counter starts at 2 and a legal message (at most
// 2^32-2 blocks) ends at 2^32-1, so the counter cannot wrap through the API.
// What kernels can get wrong is the carry between the counter's bytes, which
// they often keep byte-swapped: every implementation is compared with
// crypto/cipher across the 0xff->0x100 carry (4 KiB) and, outside -short,
// the 0xffff->0x10000 carry (1 MiB). The generic kernel's counter arithmetic
// is then driven across 2^32 directly and must wrap modulo 2^32.
func TestCounterWrap(t *testing.T) {
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		key := testKey(16)
		g := mustNew(t, key)
		rng := rand.New(rand.NewPCG(13, 14))
		checkAgainst(t, rng, g, stdGCM(t, key), 4096+17, 13)
		if !testing.Short() {
			checkAgainst(t, rng, g, stdGCM(t, key), 1<<20+33, 13)
		}
	})
	// The generic kernel's counter arithmetic, driven across 2^32.
	k := newGenericKernel(testKey(16)).(*genericKernel)
	nonce := testKey(12)
	for _, start := range []uint32{0xffffffff - 5, 0xfffffffe, 0xffffffff} {
		var ks [64]byte
		counterBlocks(&ks, nonce, start)
		for n := range 4 {
			want := start + uint32(n)
			if got := binary.BigEndian.Uint32(ks[16*n+12:]); got != want {
				t.Fatalf("counter block %d from %#x: %#x, want %#x", n, start, got, want)
			}
		}
		k.aes.encrypt4(&ks, &ks)
		ref, _ := aes.NewCipher(testKey(16))
		var blk [16]byte
		copy(blk[:], nonce)
		for n := range 4 {
			binary.BigEndian.PutUint32(blk[12:], start+uint32(n))
			var want [16]byte
			ref.Encrypt(want[:], blk[:])
			if !bytes.Equal(ks[16*n:16*n+16], want[:]) {
				t.Fatalf("key stream block %d from %#x differs", n, start)
			}
		}
	}
}

func TestAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		g := mustNew(t, testKey(16))
		nonce, ad := make([]byte, NonceSize), make([]byte, 13)
		for _, n := range []int{0, 16, 1350, 8192} {
			pt := make([]byte, n)
			buf := make([]byte, 0, n+TagSize)
			out := make([]byte, 0, n)
			ct := g.Seal(nil, nonce, pt, ad)
			if a := testing.AllocsPerRun(10, func() { g.Seal(buf, nonce, pt, ad) }); a != 0 {
				t.Errorf("Seal of %d bytes: %v allocations", n, a)
			}
			if a := testing.AllocsPerRun(10, func() {
				if _, err := g.Open(out, nonce, ct, ad); err != nil {
					t.Fatal(err)
				}
			}); a != 0 {
				t.Errorf("Open of %d bytes: %v allocations", n, a)
			}
			bad := bytes.Clone(ct)
			bad[0] ^= 1
			if a := testing.AllocsPerRun(10, func() { g.Open(out, nonce, bad, ad) }); a != 0 {
				t.Errorf("failed Open of %d bytes: %v allocations", n, a)
			}
		}
	})
}

// TestTamper flips every bit of short messages' tag, ciphertext, additional
// data and nonce: Open must fail and release nothing.
func TestTamper(t *testing.T) {
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		rng := rand.New(rand.NewPCG(15, 16))
		g := mustNew(t, fill(rng, 16))
		for _, pl := range []int{0, 1, 16, 17, 64, 300} {
			nonce, ad, pt := fill(rng, NonceSize), fill(rng, 7), fill(rng, pl)
			ct := g.Seal(nil, nonce, pt, ad)
			try := func(what string, n, c, a []byte) {
				dst := make([]byte, len(c))
				for i := range dst {
					dst[i] = 0xaa
				}
				out, err := g.Open(dst[:0], n, c, a)
				if err == nil || out != nil {
					t.Fatalf("len %d: Open accepted a changed %s", pl, what)
				}
				for i := range max(len(c)-TagSize, 0) {
					if dst[i] != 0 {
						t.Fatalf("len %d: failed Open left output byte %d = %#x", pl, i, dst[i])
					}
				}
			}
			for i := range len(ct) * 8 {
				c := bytes.Clone(ct)
				c[i/8] ^= 1 << (i % 8)
				try("ciphertext or tag", nonce, c, ad)
			}
			for i := range len(ad) * 8 {
				a := bytes.Clone(ad)
				a[i/8] ^= 1 << (i % 8)
				try("additional data", nonce, ct, a)
			}
			for i := range NonceSize * 8 {
				n := bytes.Clone(nonce)
				n[i/8] ^= 1 << (i % 8)
				try("nonce", n, ct, ad)
			}
			try("truncated message", nonce, ct[:len(ct)-1], ad)
			try("extended additional data", nonce, ct, append(bytes.Clone(ad), 0))
		}
	})
}

func TestWycheproof(t *testing.T) {
	var f vectors.Wycheproof[vectors.AEADGroup]
	if err := vectors.LoadWycheproof(wycheproof.TestVectors, "aes_gcm_test.json", &f); err != nil {
		t.Fatal(err)
	}
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		n := 0
		for _, g := range f.TestGroups {
			// This API has 12-byte nonces and 16-byte tags only: other
			// groups test other parameters (New cannot express them, and
			// Seal/Open panic on other nonce lengths, see TestAEAD).
			if g.IvSize != 96 || g.TagSize != 128 {
				continue
			}
			for _, c := range g.Tests {
				a := mustNew(t, c.Key)
				ct := append(bytes.Clone(c.CT), c.Tag...)
				pt, err := a.Open(nil, c.IV, ct, c.AAD)
				if c.Valid() || c.Result == "acceptable" {
					if err != nil || !bytes.Equal(pt, c.Msg) {
						t.Errorf("%v: Open: %v", c.Case, err)
					}
					if got := a.Seal(nil, c.IV, c.Msg, c.AAD); !bytes.Equal(got, ct) {
						t.Errorf("%v: Seal = %x, want %x", c.Case, got, ct)
					}
				} else if err == nil {
					t.Errorf("%v: Open accepted an invalid case", c.Case)
				}
				n++
			}
		}
		// Exactly the file's cases with 96-bit IVs and 128-bit tags (197
		// of 316 in the pinned Wycheproof): a file emptied or filtered by
		// mistake fails.
		if n != 197 {
			t.Fatalf("ran %d Wycheproof cases with 96-bit IVs, want 197", n)
		}
	})
}

func TestCAVP(t *testing.T) {
	type entry struct {
		enc bool
		e   vectors.RSPEntry
	}
	var all []entry
	perFile := map[string]int{}
	for _, name := range []string{"gcmEncryptExtIV128.rsp", "gcmEncryptExtIV256.rsp", "gcmDecrypt128.rsp", "gcmDecrypt256.rsp"} {
		b, err := vectors.Open("cavp/" + name)
		if err != nil {
			t.Fatal(err)
		}
		es, err := vectors.ParseRSP(b)
		if err != nil {
			t.Fatal(name, err)
		}
		for i, e := range es {
			if e.Params["IVlen"] != "96" || e.Params["Taglen"] != "128" {
				continue
			}
			// In -short mode (qemu), one entry in 8.
			if testing.Short() && i%8 != 0 {
				continue
			}
			all = append(all, entry{name[3] == 'E', e})
			perFile[name]++
		}
	}
	// Each file has 375 entries with 96-bit IVs and 128-bit tags (one in
	// 8 with -short): a file emptied or filtered by mistake fails.
	want := 375
	if testing.Short() {
		want = 47
	}
	for name, n := range perFile {
		if n != want {
			t.Errorf("%s: %d entries with 96-bit IVs and 128-bit tags, want %d", name, n, want)
		}
	}
	if len(perFile) != 4 {
		t.Fatalf("entries from %d files, want 4", len(perFile))
	}
	cryptotest.TestAllImplementations(t, Alg, func(t *testing.T) {
		ran := 0
		defer func() {
			if ran != len(all) {
				t.Errorf("ran %d of %d CAVP entries", ran, len(all))
			}
		}()
		for _, x := range all {
			ran++
			e := x.e
			a := mustNew(t, e.Hex("Key"))
			ct := append(e.Hex("CT"), e.Hex("Tag")...)
			iv, ad := e.Hex("IV"), e.Hex("AAD")
			pt, err := a.Open(nil, iv, ct, ad)
			if e.Fail {
				if err == nil {
					t.Errorf("Count %s %v: Open accepted a FAIL entry", e.Fields["Count"], e.Params)
				}
				continue
			}
			if err != nil || !bytes.Equal(pt, e.Hex("PT")) {
				t.Errorf("Count %s %v: Open: %v", e.Fields["Count"], e.Params, err)
			}
			if got := a.Seal(nil, iv, e.Hex("PT"), ad); !bytes.Equal(got, ct) {
				t.Errorf("Count %s %v: Seal differs", e.Fields["Count"], e.Params)
			}
		}
	})
}

// TestAutoChoice checks which implementation the automatic choice makes
// from the CPU's features, and that New uses it.
func TestAutoChoice(t *testing.T) {
	var want string
	switch {
	case runtime.GOARCH == "amd64" && !purego && cpu.HasAll(cpu.AVX512F, cpu.AVX512BW, cpu.AVX512VL, cpu.VAES, cpu.VPCLMULQDQ, cpu.AESNI, cpu.PCLMULQDQ) && !cpu.Machine.AvoidZMM:
		want = "vaes-avx512"
	case runtime.GOARCH == "amd64" && !purego && cpu.HasAll(cpu.AVX2, cpu.VAES, cpu.VPCLMULQDQ, cpu.AESNI, cpu.PCLMULQDQ):
		want = "vaes-avx2"
	case runtime.GOARCH == "amd64" && !purego && cpu.HasAll(cpu.AESNI, cpu.PCLMULQDQ, cpu.SSSE3, cpu.AVX):
		want = "aesni"
	case runtime.GOARCH == "arm64" && !purego && cpu.HasAll(cpu.ARM64AES, cpu.PMULL):
		want = "arm64"
	default:
		want = "generic"
	}
	if got := dispatch.Auto(Alg); got != want {
		t.Fatalf("automatic choice %q, want %q (features %v, machine %+v)", got, want, cpu.Enabled(), cpu.Machine)
	}
	a, err := New(testKey(16))
	if err != nil {
		t.Fatal(err)
	}
	got := a.(*GCM).Implementation()
	if got != want && !asmPending(want) {
		t.Fatalf("New uses %q, want %q", got, want)
	}
	t.Logf("aes-gcm uses %s", got)
}

// asmPending reports whether the assembly kernel called name is not in this
// build yet (New then falls back to generic).
func asmPending(name string) bool { return name != "generic" && newAsmKernel(name, testKey(16)) == nil }

// TestRegistration checks the implementations and their order (fastest
// first), as the README and the harness list them.
func TestRegistration(t *testing.T) {
	var names []string
	for _, im := range dispatch.List(Alg) {
		names = append(names, im.Name)
	}
	want := []string{"vaes-avx512", "vaes-avx2", "aesni", "arm64", "generic"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Fatalf("registered %v, want %v", names, want)
	}
}
