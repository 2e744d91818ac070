package chacha20poly1305

import (
	"crypto/cipher"
	"fmt"
	"os"
	"testing"

	"github.com/tlscore/tlscore/internal/cputime"

	"golang.org/x/crypto/chacha20poly1305"

	"github.com/tlscore/tlscore/dispatch"
)

// TestMeasure prints Seal and Open costs in thread CPU time (robust on a
// loaded machine), ours against x/crypto: the best of 15 rounds, the
// implementations interleaved. Run with CHACHA_MEASURE=1.
func TestMeasure(t *testing.T) {
	if os.Getenv("CHACHA_MEASURE") == "" {
		t.Skip("set CHACHA_MEASURE=1")
	}
	names := []string{"xcrypto"}
	for _, im := range dispatch.List(Alg) {
		if im.Available && im.Name != "generic" {
			names = append(names, im.Name)
		}
	}
	for _, op := range []string{"Seal", "Open", "SealX"} {
		for _, n := range []int{16, 64, 256, 1350, 8192, 16384} {
			if op == "SealX" && n != 16 && n != 1350 && n != 16384 {
				continue
			}
			line := fmt.Sprintf("%s %6d:", op, n)
			ops := make([]cputime.Op, len(names))
			for i, name := range names {
				var a cipher.AEAD = &aead{im: implByName[name], x: op == "SealX"}
				if name == "xcrypto" {
					if op == "SealX" {
						a, _ = chacha20poly1305.NewX(make([]byte, 32))
					} else {
						a, _ = chacha20poly1305.New(make([]byte, 32))
					}
				}
				pt, ad, nonce := make([]byte, n), make([]byte, 13), make([]byte, a.NonceSize())
				ct := a.Seal(nil, nonce, pt, ad)
				buf := make([]byte, 0, n+16)
				ops[i].F = func() {
					if op != "Open" {
						buf = a.Seal(buf[:0], nonce, pt, ad)
					} else {
						buf, _ = a.Open(buf[:0], nonce, ct, ad)
					}
				}
			}
			best := cputime.Best(15, 1+2000000/(n+200), ops...)
			for i, name := range names {
				line += fmt.Sprintf("  %s %7.1fns (%.2fx)", name, best[i], best[0]/best[i])
			}
			fmt.Println(line)
		}
	}
}

func TestMeasureKernels(t *testing.T) {
	if os.Getenv("CHACHA_MEASURE") == "" {
		t.Skip("set CHACHA_MEASURE=1")
	}
	var names []string
	var ops []cputime.Op
	m := func(name string, f func()) {
		names = append(names, name)
		ops = append(ops, cputime.Op{F: f})
	}
	var st [16]uint32
	buf := make([]byte, 16384)
	for _, im := range []impl{implAVX512, implAVX2} {
		for _, n := range []int{128, 256, 384, 512, 1024, 16384} {
			m(fmt.Sprintf("chacha %d %d", im, n), func() { chachaXOR(im, &st, buf[:n], buf[:n]) })
		}
		for _, n := range []int{16, 48, 256, 384, 512, 768, 1024, 16384} {
			var p polyState
			m(fmt.Sprintf("poly %d %d", im, n), func() { polyBlocks(im, &p, buf[:n]) })
		}
	}
	best := cputime.Best(15, 2000, ops...)
	for i, name := range names {
		fmt.Printf("%-30s %8.1fns\n", name, best[i])
	}
}
