package chacha20poly1305

import (
	"bytes"
	"crypto/subtle"
	"encoding/binary"
	"math/rand/v2"
	"testing"

	//lint:ignore SA1019 the reference Poly1305 our kernels are compared with
	"golang.org/x/crypto/poly1305"

	"github.com/tlscore/tlscore/vectors"
)

// Kernel-level differential tests: each implementation's ChaCha20,
// Poly1305 and HChaCha20 kernels against the Go references in
// chacha20poly1305_generic.go.

func randBytes(rng *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	return b
}

// TestChaChaKernel runs the selected kernel on every length it accepts
// (multiples of 256 bytes) up to 18 KiB, unaligned and in place, with
// counters around the 32-bit wrap.
func TestChaChaKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		maxBlocks := 72
		if testing.Short() {
			maxBlocks = 20
		}
		for nb := 0; nb <= maxBlocks; nb += 2 {
			if nb%4 != 0 && (im != implAVX512 || nb != 2 && nb != 6) {
				continue // the kernels take multiples of 256 bytes, avx512 also 128 and 384
			}
			for _, ctr := range []uint32{0, 1, 0xffffffff - uint32(nb) + 3, 0xfffffff0, rng.Uint32()} {
				n := 64 * nb
				var st [16]uint32
				for i := range st {
					st[i] = rng.Uint32()
				}
				st[12] = ctr
				off := nb % 13
				src := randBytes(rng, n+off)[off:]
				want := make([]byte, n)
				stWant := st
				chachaXORGeneric(&stWant, want, src)

				dst := make([]byte, n+off+1)[off+1:]
				stGot := st
				chachaXOR(im, &stGot, dst[:n], src)
				if !bytes.Equal(dst[:n], want) || stGot != stWant {
					t.Fatalf("%d blocks, counter %#x: keystream or state differs", nb, ctr)
				}
				// In place.
				inp := append([]byte{}, src...)
				stGot = st
				chachaXOR(im, &stGot, inp, inp)
				if !bytes.Equal(inp, want) || stGot != stWant {
					t.Fatalf("%d blocks, counter %#x: in-place result differs", nb, ctr)
				}
			}
		}
	})
}

// TestPolyKernel compares the selected Poly1305 kernel with the generic
// one on every multiple of 16 bytes up to 1100 and around 2048, 4096 and
// 16384, unaligned, from random and from extreme accumulators.
func TestPolyKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	var lengths []int
	for l := 0; l <= 1100; l += 16 {
		lengths = append(lengths, l)
	}
	for _, c := range []int{2048, 4096, 16384} {
		for l := c - 256; l <= c+256; l += 16 {
			lengths = append(lengths, l)
		}
	}
	if testing.Short() {
		lengths = lengths[:40]
	}
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		for i, n := range lengths {
			off := i % 7
			msg := randBytes(rng, n+off)[off:]
			if i%5 == 1 {
				for j := range msg {
					msg[j] = 0xff
				}
			}
			var p polyState
			p.setKey(randBytes(rng, 32))
			switch i % 4 {
			case 1: // the largest accumulator the kernels accept
				p.h = [3]uint64{^uint64(0), ^uint64(0), 4}
			case 2:
				p.h = [3]uint64{rng.Uint64(), rng.Uint64(), rng.Uint64N(5)}
			case 3:
				p.r = [2]uint64{0x0ffffffc0fffffff, 0x0ffffffc0ffffffc}
			}
			want, got := p, p
			polyBlocksGeneric(&want, msg)
			polyBlocks(im, &got, msg)
			var tw, tg [16]byte
			want.finish(&tw)
			got.finish(&tg)
			if tw != tg {
				t.Fatalf("len %d case %d: tag %x, want %x", n, i%4, tg, tw)
			}
			if got.h[2] >= 8 {
				t.Fatalf("len %d: h2 = %d is not partially reduced", n, got.h[2])
			}
		}
	})
}

// TestPolyXCrypto checks Poly1305 as a whole (kernel + Go tail) against
// golang.org/x/crypto/poly1305 on lengths around every block and 8-block
// stride boundary.
func TestPolyXCrypto(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	forEachImpl(t, func(t *testing.T) {
		for n := 0; n <= 600; n++ {
			if testing.Short() && n > 100 {
				break
			}
			var key [32]byte
			copy(key[:], randBytes(rng, 32))
			msg := randBytes(rng, n)
			var want [16]byte
			poly1305.Sum(&want, msg, &key)
			if got := poly1305Sum(key[:], msg); !bytes.Equal(got, want[:]) {
				t.Fatalf("len %d: tag %x, want %x", n, got, want)
			}
		}
	})
}

func TestHChaCha20(t *testing.T) {
	// draft-irtf-cfrg-xchacha-03 section 2.2.1.
	key := seq(32)
	nonce := vectors.MustHex("000000090000004a0000000031415927")
	want := vectors.MustHex("82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc")
	in := newState(key, nonce[4:], binary.LittleEndian.Uint32(nonce))
	var out [8]uint32
	hchachaGeneric(&out, in)
	got := make([]byte, 32)
	for i, w := range out {
		binary.LittleEndian.PutUint32(got[4*i:], w)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("HChaCha20 = %x, want %x", got, want)
	}
}

// TestStitchedKernel compares the stitched ChaCha20-Poly1305 kernels with
// chachaXORGeneric followed by polyBlocksGeneric: mac as a separate
// buffer, as the end of the source itself (Open, in place) and trailing
// the destination (Seal), on 1..12 chunks with counters near the wrap.
func TestStitchedKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(15, 16))
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		if !stitched(im) {
			t.Skip("no stitched kernel")
		}
		chunk, macPer := stitchGeometry(im)
		const trail = 1024
		for chunks := 1; chunks <= 12; chunks++ {
			n, macLen := chunk*chunks, macPer*chunks
			for mode := 0; mode < 3; mode++ {
				var st [16]uint32
				for i := range st {
					st[i] = rng.Uint32()
				}
				if chunks%3 == 0 {
					st[12] = 0xffffffff - uint32(chunks)
				}
				var p polyState
				p.setKey(randBytes(rng, 32))
				p.h = [3]uint64{rng.Uint64(), rng.Uint64(), rng.Uint64N(5)}
				// buf: [trail bytes of earlier "ciphertext"][src/dst]
				off := 1 + chunks%5
				buf := randBytes(rng, off+trail+n)[off:]
				orig := append([]byte{}, buf...)
				stW, pW := st, p
				var dst, src, mac []byte
				wantOut := make([]byte, n)
				chachaXORGeneric(&stW, wantOut, orig[trail:])
				switch mode {
				case 0: // separate buffers
					src, dst, mac = buf[trail:], make([]byte, n), randBytes(rng, macLen)
					polyBlocksGeneric(&pW, mac)
				case 1: // Open in place: mac is the end of the source
					src, dst, mac = buf[trail:], buf[trail:], buf[trail+n-macLen:]
					polyBlocksGeneric(&pW, orig[trail+n-macLen:])
				case 2: // Seal in place: mac trails dst
					src, dst, mac = buf[trail:], buf[trail:], buf[:macLen]
					all := append(append([]byte{}, orig[:trail]...), wantOut...)
					polyBlocksGeneric(&pW, all[:macLen])
				}
				chachaPoly(im, &st, dst, src, &p, mac)
				if !bytes.Equal(dst, wantOut) || st != stW {
					t.Fatalf("%d chunks, mode %d: keystream or counter differs", chunks, mode)
				}
				var tg, tw [16]byte
				p.finish(&tg)
				pW.finish(&tw)
				if tg != tw {
					t.Fatalf("%d chunks, mode %d: Poly1305 differs", chunks, mode)
				}
			}
		}
	})
}

// TestFirstKernel compares the fused first pass (block 0 to the key buffer,
// blocks 1..15 XORed into the message) with chachaXORGeneric, unaligned
// and in place, with counters near the wrap.
func TestFirstKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(19, 20))
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		for i, ctr := range []uint32{0, 5, 0xfffffff8, 0xffffffff} {
			var st [16]uint32
			for j := range st {
				st[j] = rng.Uint32()
			}
			st[12] = ctr
			off := i % 7
			pt := randBytes(rng, 960+off)[off:]
			stW := st
			want := make([]byte, 1024)
			copy(want[64:], pt)
			chachaXORGeneric(&stW, want, want)
			for _, inPlace := range []bool{false, true} {
				s := st
				var ks [wideMax]byte
				out := make([]byte, 961)[1:]
				src := pt
				if inPlace {
					src = append([]byte{}, pt...)
					out = src
				}
				if !chachaFirst(im, &s, &ks, out, src) {
					t.Skip("no fused first pass")
				}
				if !bytes.Equal(ks[:64], want[:64]) || !bytes.Equal(out, want[64:]) || s != stW {
					t.Fatalf("counter %#x, in place %v: differs from chachaXORGeneric", ctr, inPlace)
				}
			}
		}
	})
}

// TestPolyAEADKernel compares the one-call Poly1305 (p.tag) with p.aead
// and p.finish on the generic code, for every AD length 0..40 and every
// ciphertext length 0..300 (and a few longer), unaligned, with keys whose
// accumulator reaches the final subtraction.
func TestPolyAEADKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(21, 22))
	adLens := []int{0, 1, 12, 13, 15, 16, 17, 31, 32, 33, 40}
	ctMax := 300
	if !testing.Short() {
		adLens = adLens[:0]
		for l := 0; l <= 40; l++ {
			adLens = append(adLens, l)
		}
	}
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		for _, na := range adLens {
			for nc := 0; nc <= ctMax+40; nc++ {
				if nc > ctMax && nc%13 != 0 {
					continue
				}
				off := (na + nc) % 7
				ad := randBytes(rng, na+off)[off:]
				ct := randBytes(rng, nc+off+1)[off+1:]
				if nc%5 == 4 {
					for j := range ct {
						ct[j] = 0xff
					}
				}
				var p polyState
				p.setKey(randBytes(rng, 32))
				if nc%3 == 0 {
					p.r = [2]uint64{0x0ffffffc0fffffff, 0x0ffffffc0ffffffc}
				}
				want, got := p, p
				want.aead(implGeneric, ad, ct)
				var tw, tg [16]byte
				want.finish(&tw)
				got.tag(im, ad, ct, &tg)
				if tw != tg {
					t.Fatalf("ad %d ct %d: tag %x, want %x", na, nc, tg, tw)
				}
			}
		}
	})
}

// TestFlexKernel compares the one-chunk stitched kernel (chachaPolyFlex)
// with chachaXORGeneric and polyBlocksGeneric for every Poly1305 share of
// 0..32 blocks (and a partial block it must ignore), unaligned, with mac
// separate, inside the source in place (Open) and trailing the
// destination (Seal), and counters near the wrap.
func TestFlexKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		if !flexStitched(im) {
			t.Skip("no flexible stitched kernel")
		}
		for macLen := 0; macLen <= 512; macLen += 16 {
			for mode := 0; mode < 3; mode++ {
				var st [16]uint32
				for i := range st {
					st[i] = rng.Uint32()
				}
				if macLen%48 == 0 {
					st[12] = 0xfffffffc
				}
				var p polyState
				p.setKey(randBytes(rng, 32))
				p.h = [3]uint64{rng.Uint64(), rng.Uint64(), rng.Uint64N(5)}
				off := 1 + macLen%7
				const trail = 512
				buf := randBytes(rng, off+trail+512)[off:]
				orig := append([]byte{}, buf...)
				stW, pW := st, p
				wantOut := make([]byte, 512)
				chachaXORGeneric(&stW, wantOut, orig[trail:])
				var dst, src, mac []byte
				extra := macLen % 32 / 16 * 5 // a partial block the kernel must skip
				switch mode {
				case 0:
					src, dst, mac = buf[trail:], make([]byte, 512+3)[3:], randBytes(rng, macLen+extra)
					polyBlocksGeneric(&pW, mac[:macLen])
				case 1: // Open in place: mac inside the chunk
					start := (512 - macLen) / 32 * 16
					src, dst = buf[trail:], buf[trail:]
					mac = src[start : start+macLen+min(extra, 512-start-macLen)]
					polyBlocksGeneric(&pW, orig[trail+start:trail+start+macLen])
				case 2: // Seal in place: mac ends where dst starts
					src, dst, mac = buf[trail:], buf[trail:], buf[trail-macLen:trail]
					polyBlocksGeneric(&pW, orig[trail-macLen:trail])
				}
				chachaPolyFlex(im, &st, (*[512]byte)(dst), (*[512]byte)(src), &p, mac)
				if !bytes.Equal(dst[:512], wantOut) || st != stW {
					t.Fatalf("mac %d, mode %d: keystream or counter differs", macLen, mode)
				}
				if p != pW {
					var tg, tw [16]byte
					p.finish(&tg)
					pW.finish(&tw)
					if tg != tw {
						t.Fatalf("mac %d, mode %d: Poly1305 differs", macLen, mode)
					}
				}
			}
		}
	})
}

// TestFirst8Kernel is TestFirstKernel for the 8-block first pass of the
// implementations with a flexible stitched kernel.
func TestFirst8Kernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(25, 26))
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		if !flexStitched(im) {
			t.Skip("no 8-block first pass")
		}
		for i, ctr := range []uint32{0, 5, 0xfffffff8, 0xfffffffc, 0xffffffff} {
			var st [16]uint32
			for j := range st {
				st[j] = rng.Uint32()
			}
			st[12] = ctr
			off := i % 7
			pt := randBytes(rng, 448+off)[off:]
			stW := st
			want := make([]byte, 512)
			copy(want[64:], pt)
			chachaXORGeneric(&stW, want, want)
			for _, inPlace := range []bool{false, true} {
				s := st
				var key [64]byte
				out := make([]byte, 449+off)[1+off:]
				src := pt
				if inPlace {
					src = append([]byte{}, pt...)
					out = src
				}
				chachaFirst8(im, &s, &key, out, src)
				if !bytes.Equal(key[:], want[:64]) || !bytes.Equal(out, want[64:]) || s != stW {
					t.Fatalf("counter %#x, in place %v: differs from chachaXORGeneric", ctr, inPlace)
				}
			}
		}
	})
}

// TestPolyXORKernel compares the one-call XOR and Poly1305 of short
// messages (polyXOR, both directions) with XORBytes, p.aead and p.finish
// on the generic code, for every AD length 0..40 (a few in -short) and
// every message length 0..300, unaligned, in place and not.
func TestPolyXORKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(27, 28))
	adLens := []int{0, 1, 13, 16, 17, 33}
	if !testing.Short() {
		adLens = adLens[:0]
		for l := 0; l <= 40; l++ {
			adLens = append(adLens, l)
		}
	}
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		for _, na := range adLens {
			for n := 0; n <= 300; n++ {
				for _, seal := range []bool{true, false} {
					off := (na + n) % 7
					ad := randBytes(rng, na+off)[off:]
					src := randBytes(rng, n+off+1)[off+1:]
					ks := randBytes(rng, n+3)[3:]
					want := make([]byte, n)
					for i := range want {
						want[i] = src[i] ^ ks[i]
					}
					var p polyState
					p.setKey(randBytes(rng, 32))
					if n%3 == 0 {
						p.r = [2]uint64{0x0ffffffc0fffffff, 0x0ffffffc0ffffffc}
					}
					pW := p
					if seal {
						pW.aead(implGeneric, ad, want)
					} else {
						pW.aead(implGeneric, ad, src)
					}
					var tw, tg [16]byte
					pW.finish(&tw)
					dst := make([]byte, n+5)[5:]
					inPlace := n%2 == 1
					if inPlace {
						dst = append([]byte{}, src...)
						src = dst
					}
					if !polyXOR(im, seal, &p, ad, dst, src, ks, &tg) {
						continue
					}
					if !bytes.Equal(dst[:n], want) || tg != tw {
						t.Fatalf("ad %d n %d seal %v in place %v: output or tag differs", na, n, seal, inPlace)
					}
				}
			}
		}
	})
}

// TestSealOpenShortKernel compares the one-call short Seal and Open
// (sealOpenShort) with the generic seal for every message length it takes
// (0..shortMax) and several AD lengths, unaligned, in place and not, with
// counters near the wrap; st must come back unchanged.
func TestSealOpenShortKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(29, 30))
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		for _, na := range []int{0, 1, 12, 13, 16, 17, 40, 300} {
			for n := 0; n <= 330; n++ {
				var st [16]uint32
				for i := range st {
					st[i] = rng.Uint32()
				}
				if n%5 == 0 {
					st[12] = 0xfffffffe
				} else {
					st[12] = 0
				}
				off := (n + na) % 7
				ad := randBytes(rng, na+off)[off:]
				pt := randBytes(rng, n+off+1)[off+1:]
				want := make([]byte, n+16)
				stG := st
				seal(implGeneric, &stG, want, pt, ad)
				for _, inPlace := range []bool{false, true} {
					// Seal.
					stS := st
					dst := make([]byte, n+3)[3:]
					src := pt
					if inPlace {
						dst = append([]byte{}, pt...)
						src = dst
					}
					var tag [16]byte
					if !sealOpenShort(im, &stS, ad, dst, src, &tag, true) {
						if n <= shortMaxFor(im) {
							t.Fatalf("n %d: no short path", n)
						}
						continue
					}
					if !bytes.Equal(dst, want[:n]) || !bytes.Equal(tag[:], want[n:]) || stS != st {
						t.Fatalf("ad %d n %d in place %v: Seal differs", na, n, inPlace)
					}
					// Open.
					src = want[:n]
					dst = make([]byte, n+1)[1:]
					if inPlace {
						dst = append([]byte{}, want[:n]...)
						src = dst
					}
					if !sealOpenShort(im, &stS, ad, dst, src, &tag, false) {
						t.Fatal("no short Open")
					}
					if !bytes.Equal(dst, pt) || !bytes.Equal(tag[:], want[n:]) || stS != st {
						t.Fatalf("ad %d n %d in place %v: Open differs", na, n, inPlace)
					}
				}
			}
		}
	})
}

// TestOpenHeadKernel compares openHead with the generic steps it fuses
// (key block, AD and 64 bytes absorbed, 64 bytes decrypted), for AD
// lengths 0..40, unaligned, in place and not, counters near the wrap.
func TestOpenHeadKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(31, 32))
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		if !flexStitched(im) {
			t.Skip("no Open head kernel")
		}
		for na := 0; na <= 40; na++ {
			for _, inPlace := range []bool{false, true} {
				var st [16]uint32
				for i := range st {
					st[i] = rng.Uint32()
				}
				st[12] = []uint32{0, 0xffffffff, 0xfffffffe, rng.Uint32()}[na%4]
				off := na % 7
				ad := randBytes(rng, na+off)[off:]
				ct := randBytes(rng, 64+off+1)[off+1:]
				stW := st
				var ks [128]byte
				chachaXORGeneric(&stW, ks[:], ks[:])
				var pW polyState
				pW.setKey(ks[:32])
				pW.absorbPadded(implGeneric, ad)
				polyBlocksGeneric(&pW, ct)
				want := make([]byte, 64)
				for i := range want {
					want[i] = ct[i] ^ ks[64+i]
				}
				dst := make([]byte, 66)[2:]
				if inPlace {
					dst = append([]byte{}, ct...)
					ct = dst
				}
				var p polyState
				openHead(im, &st, &p, ad, dst, ct)
				if !bytes.Equal(dst, want) || st != stW || p != pW {
					t.Fatalf("ad %d in place %v: differs", na, inPlace)
				}
			}
		}
	})
}

// TestXORKernel compares xorBlocks with xorBlocksGeneric on every length
// 0..1100, unaligned and in place, and checks that it writes nothing past
// the whole blocks.
func TestXORKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(23, 24))
	forEachImpl(t, func(t *testing.T) {
		im := chosen()
		for n := 0; n <= 1100; n++ {
			off := n % 7
			src := randBytes(rng, n+off)[off:]
			ks := randBytes(rng, n+off%3)[off%3:]
			want := make([]byte, n)
			xorBlocksGeneric(want, src, ks)
			dst := make([]byte, n+1)[1:]
			k := xorBlocks(im, dst, src, ks)
			if k != 0 && k != n&^63 || im == implAVX512 && k != n&^63 {
				t.Fatalf("len %d: did %d bytes", n, k)
			}
			if !bytes.Equal(dst[:k], want[:k]) || !bytes.Equal(dst[k:], make([]byte, n-k)) {
				t.Fatalf("len %d: differs from xorBlocksGeneric", n)
			}
			inp := append([]byte{}, src...)
			xorBlocks(im, inp, inp, ks)
			if !bytes.Equal(inp[:k], want[:k]) || !bytes.Equal(inp[k:], src[k:]) {
				t.Fatalf("len %d: in place differs from xorBlocksGeneric", n)
			}
		}
	})
}

// xorBlocksGeneric sets dst = src ^ ks for the first len(src) &^ 63 bytes:
// the reference of xorBlocksAVX512.
func xorBlocksGeneric(dst, src, ks []byte) {
	n := len(src) &^ 63
	subtle.XORBytes(dst[:n], src[:n], ks[:n])
}
