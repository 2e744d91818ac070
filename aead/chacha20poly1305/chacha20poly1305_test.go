package chacha20poly1305

import (
	"bytes"
	"crypto/cipher"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/c2sp/wycheproof"
	"golang.org/x/crypto/chacha20poly1305"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

func forEachImpl(t *testing.T, f func(t *testing.T)) {
	cryptotest.TestAllImplementations(t, Alg, f)
}

func TestAEAD(t *testing.T) {
	forEachImpl(t, func(t *testing.T) {
		t.Run("ChaCha20Poly1305", func(t *testing.T) {
			cryptotest.TestAEAD(t, func() (cipher.AEAD, error) { return New(bytes.Repeat([]byte{7}, 32)) })
		})
		t.Run("XChaCha20Poly1305", func(t *testing.T) {
			cryptotest.TestAEAD(t, func() (cipher.AEAD, error) { return NewX(bytes.Repeat([]byte{9}, 32)) })
		})
	})
}

func TestCompareXCrypto(t *testing.T) {
	key := bytes.Repeat([]byte{0x42}, 32)
	forEachImpl(t, func(t *testing.T) {
		a, _ := New(key)
		b, _ := chacha20poly1305.New(key)
		cryptotest.CompareAEAD(t, a, b)
		ax, _ := NewX(key)
		bx, _ := chacha20poly1305.NewX(key)
		cryptotest.CompareAEAD(t, ax, bx)
	})
}

func TestBadKey(t *testing.T) {
	for _, n := range []int{0, 16, 31, 33} {
		if _, err := New(make([]byte, n)); err == nil {
			t.Errorf("New accepted a %d-byte key", n)
		}
		if _, err := NewX(make([]byte, n)); err == nil {
			t.Errorf("NewX accepted a %d-byte key", n)
		}
	}
}

// TestDifferential compares every implementation with x/crypto and with
// "generic" on every length 0..2100 and around the larger stride
// boundaries, with AD of 0 to 1029 bytes, with prefixed, in-place and
// unaligned buffers.
func TestDifferential(t *testing.T) {
	lengths := []int{}
	for l := 0; l <= 2100; l++ { // every path switch: head, tail, tail-stitched, stitched
		lengths = append(lengths, l)
	}
	// 2496 to 3008: avx512's one-chunk tail-stitched range (head 960, a
	// tail of more than 1536 bytes made by one chunk of 2048); 5056: its
	// stitched bulk of two chunks and the head.
	for _, c := range []int{2048, 2496, 2752, 3008, 4096, 5056, 16384} {
		for l := c - 70; l <= c+70; l++ {
			lengths = append(lengths, l)
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 20 {
		lengths = append(lengths, rng.IntN(1<<20))
	}
	if testing.Short() {
		lengths = lengths[:300]
	}
	key := make([]byte, 32)
	for i := range key {
		key[i] = byte(i * 7)
	}
	ref, _ := chacha20poly1305.New(key)
	refX, _ := chacha20poly1305.NewX(key)
	forEachImpl(t, func(t *testing.T) {
		a, _ := New(key)
		ax, _ := NewX(key)
		for i, pl := range lengths {
			for _, pair := range []struct {
				name     string
				got, ref cipher.AEAD
			}{{"New", a, ref}, {"NewX", ax, refX}} {
				if pair.name == "NewX" && i%3 != 0 {
					continue
				}
				got, want := pair.got, pair.ref
				nonce := make([]byte, got.NonceSize())
				ad := make([]byte, []int{0, 5, 13, 16, 31, 0, 5, 13, 255, 256, 257, 300, 1029}[i%13])
				pt := make([]byte, pl)
				for _, b := range [][]byte{nonce, ad, pt} {
					for j := range b {
						b[j] = byte(rng.Uint32())
					}
				}
				wct := want.Seal(nil, nonce, pt, ad)
				off := i % 9
				buf := make([]byte, off+pl+Overhead)
				copy(buf[off:], pt)
				ct := got.Seal(buf[off:off], nonce, buf[off:off+pl], ad) // in place, unaligned
				if !bytes.Equal(ct, wct) {
					t.Fatalf("%s len %d: Seal differs from x/crypto", pair.name, pl)
				}
				pre := []byte("prefix")
				p2, err := got.Open(pre, nonce, wct, ad)
				if err != nil || !bytes.Equal(p2[len(pre):], pt) || !bytes.Equal(p2[:len(pre)], pre) {
					t.Fatalf("%s len %d: Open of x/crypto's ciphertext failed: %v", pair.name, pl, err)
				}
				p3, err := got.Open(ct[:0], nonce, ct, ad)
				if err != nil || !bytes.Equal(p3, pt) {
					t.Fatalf("%s len %d: in-place Open failed: %v", pair.name, pl, err)
				}
			}
		}
	})
}

func TestWycheproof(t *testing.T) {
	for _, f := range []struct {
		file  string
		newFn func([]byte) (cipher.AEAD, error)
		ns    int
		want  int // cases with this nonce size, 256-bit keys, 128-bit tags
	}{
		{"chacha20_poly1305_test.json", New, NonceSize, 316},
		{"xchacha20_poly1305_test.json", NewX, NonceSizeX, 306},
	} {
		var w vectors.Wycheproof[vectors.AEADGroup]
		if err := vectors.LoadWycheproof(wycheproof.TestVectors, f.file, &w); err != nil {
			t.Fatal(err)
		}
		forEachImpl(t, func(t *testing.T) {
			n := 0
			for _, g := range w.TestGroups {
				if g.IvSize != f.ns*8 || g.KeySize != 256 || g.TagSize != 128 {
					continue
				}
				for _, tc := range g.Tests {
					n++
					a, err := f.newFn(tc.Key)
					if err != nil {
						t.Fatalf("%s: %v", tc, err)
					}
					ct := append(append([]byte{}, tc.CT...), tc.Tag...)
					if tc.Valid() {
						if got := a.Seal(nil, tc.IV, tc.Msg, tc.AAD); !bytes.Equal(got, ct) {
							t.Errorf("%s %s: Seal mismatch", f.file, tc)
						}
					}
					pt, err := a.Open(nil, tc.IV, ct, tc.AAD)
					switch {
					case tc.Valid() && (err != nil || !bytes.Equal(pt, tc.Msg)):
						t.Errorf("%s %s: Open failed: %v", f.file, tc, err)
					case tc.Invalid() && err == nil:
						t.Errorf("%s %s: Open accepted an invalid case", f.file, tc)
					}
				}
			}
			if n != f.want {
				t.Fatalf("%s: %d cases ran, want %d", f.file, n, f.want)
			}
		})
	}
}

// TestCounterLimit checks that Seal (with a panic: a caller mistake) and Open
// (with an error: peer input) refuse messages too long for the 32-bit block
// counter, before touching the buffers, as aesgcm's TestLengthLimit. The oversized
// slices point at a small buffer and are never read.
func TestCounterLimit(t *testing.T) {
	if raceEnabled {
		t.Skip("checkptr (on under -race) rejects the oversized slices")
	}
	if uint64(math.MaxInt) < uint64(maxPlaintext+Overhead+1) {
		t.Skip("slices cannot be that long on this platform")
	}
	var small [64]byte
	huge := func(n uint64) []byte { return unsafe.Slice(&small[0], n) }
	for _, mk := range []func([]byte) (cipher.AEAD, error){New, NewX} {
		a, _ := mk(make([]byte, 32))
		nonce := make([]byte, a.NonceSize())
		mustPanic(t, "Seal of 2^38-63 bytes", func() { a.Seal(nil, nonce, huge(maxPlaintext+1), nil) })
		if out, err := a.Open(nil, nonce, huge(maxPlaintext+Overhead+1), nil); err == nil || out != nil {
			t.Error("Open accepted a ciphertext above the limit")
		}
	}
	if maxPlaintext != 1<<38-64 {
		t.Fatalf("maxPlaintext = %d, want 2^38-64 as x/crypto", uint64(maxPlaintext))
	}
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	f()
}

func TestAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	forEachImpl(t, func(t *testing.T) {
		for _, mk := range []func([]byte) (cipher.AEAD, error){New, NewX} {
			a, _ := mk(make([]byte, 32))
			nonce := make([]byte, a.NonceSize())
			ad := make([]byte, 13)
			for _, n := range []int{0, 16, 1350, 16384} {
				pt := make([]byte, n)
				buf := make([]byte, 0, n+Overhead)
				if allocs := testing.AllocsPerRun(10, func() {
					ct := a.Seal(buf[:0], nonce, pt, ad)
					if _, err := a.Open(ct[:0], nonce, ct, ad); err != nil {
						t.Fatal(err)
					}
				}); allocs != 0 {
					t.Errorf("len %d: %v allocations per Seal+Open", n, allocs)
				}
			}
		}
	})
}

// TestDispatch checks that New keeps the implementation chosen when it was
// called and that the automatic choice is the first available one.
func TestDispatch(t *testing.T) {
	for _, im := range dispatch.List(Alg) {
		if _, ok := implByName[im.Name]; !ok {
			t.Errorf("registered implementation %q has no kernels", im.Name)
		}
	}
	a, _ := New(make([]byte, 32))
	if got, want := a.(*aead).im, implByName[dispatch.Auto(Alg)]; got != want {
		t.Errorf("New picked %d, automatic choice is %d", got, want)
	}
	forEachImpl(t, func(t *testing.T) {
		a, _ := New(make([]byte, 32))
		if got, want := a.(*aead).im, implByName[dispatch.Chosen(Alg)]; got != want {
			t.Errorf("New picked %d, selected %d", got, want)
		}
	})
}

func ExampleNewX() {
	key := make([]byte, KeySize)
	a, _ := NewX(key)
	nonce := make([]byte, NonceSizeX) // pick at random in real use
	ct := a.Seal(nil, nonce, []byte("hello"), nil)
	pt, err := a.Open(nil, nonce, ct, nil)
	fmt.Println(string(pt), err)
	// Output: hello <nil>
}

// TestTamper flips bits in every region (head, stitched bulk, tail, tag)
// of messages whose lengths reach each Seal/Open path, and checks that
// Open fails and leaves no plaintext, in place and into a separate buffer.
func TestTamper(t *testing.T) {
	lengths := []int{0, 15, 64, 65, 200, 320, 321, 448, 449, 463, 464, 465, 575, 576, 577, 960, 961, 975, 1088, 1089, 1471, 1472, 1216, 1217, 1350, 1472, 1473, 1500, 1983, 1984, 2048, 5000}
	rng := rand.New(rand.NewPCG(17, 18))
	forEachImpl(t, func(t *testing.T) {
		for _, mk := range []func([]byte) (cipher.AEAD, error){New, NewX} {
			a, _ := mk(randBytes(rng, 32))
			for _, n := range lengths {
				nonce, ad, pt := randBytes(rng, a.NonceSize()), randBytes(rng, 13), randBytes(rng, n)
				ct := a.Seal(nil, nonce, pt, ad)
				for _, pos := range []int{0, n / 3, n / 2, n - 1, n, len(ct) - 1} {
					if pos < 0 || pos >= len(ct) {
						continue
					}
					bad := append([]byte{}, ct...)
					bad[pos] ^= 4
					out := make([]byte, n)
					for i := range out {
						out[i] = 0xa5
					}
					if got, err := a.Open(out[:0], nonce, bad, ad); err == nil || got != nil {
						t.Fatalf("len %d: Open accepted a flip at %d", n, pos)
					}
					if !bytes.Equal(out, make([]byte, n)) {
						t.Fatalf("len %d: failed Open left data in dst", n)
					}
					if got, err := a.Open(bad[:0], nonce, bad, ad); err == nil || got != nil {
						t.Fatalf("len %d: in-place Open accepted a flip at %d", n, pos)
					}
					if !bytes.Equal(bad[:n], make([]byte, n)) {
						t.Fatalf("len %d: failed in-place Open left data", n)
					}
				}
				if got, err := a.Open(nil, nonce, ct, ad); err != nil || !bytes.Equal(got, pt) {
					t.Fatalf("len %d: Open failed: %v", n, err)
				}
			}
		}
	})
}
