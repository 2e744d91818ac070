//go:build amd64 && gc && !purego

package x25519

import (
	"math/rand/v2"
	"testing"
	"unsafe"

	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/edwards25519"
)

func skipNoIFMA(t *testing.T) {
	if !cpu.X86HasAVX512F || !cpu.X86HasAVX512IFMA || !cpu.X86HasAVX512VL {
		t.Skip("no AVX-512 IFMA")
	}
}

func TestLadderIFMA(t *testing.T) {
	skipNoIFMA(t)
	r := rand.New(rand.NewPCG(17, 18))
	n := 6
	if testing.Short() {
		n = 2
	}
	for range n {
		scalars, points := make([][32]byte, 8), make([][32]byte, 8)
		for i := range scalars {
			fill(r, scalars[i][:])
			fill(r, points[i][:])
		}
		for i := range points[7] {
			points[7][i] = 0xff
		}
		var swaps [256]uint8
		var u edwards25519.Fe8
		lanes8(&swaps, &u, scalars, points)
		var a, b [2]edwards25519.Fe8
		ladderIFMA((*[2][5][8]uint64)(unsafe.Pointer(&a)), &swaps, (*[5][8]uint64)(&u))
		ladder8Generic(&b, &swaps, &u)
		if a != b {
			t.Fatalf("ladderIFMA differs from its Go reference")
		}
	}
}

// ladder4IFMA computes the same x2 and z2 as ladder64(..., false) (mod p: the
// limb representations differ).
func TestLadder4IFMA(t *testing.T) {
	skipNoIFMA(t)
	r := rand.New(rand.NewPCG(25, 26))
	n := 20
	if testing.Short() {
		n = 4
	}
	for i := range n {
		var kb, ub [32]byte
		fill(r, kb[:])
		fill(r, ub[:])
		if i == 1 {
			for j := range ub {
				ub[j] = 0xff
			}
		}
		var init [2][5][4]uint64
		var x1 [5][4]uint64
		var sel [256]uint64
		ladder4Inputs(&init, &x1, &sel, &kb, &ub)
		var out [2][5][4]uint64
		ladder4IFMA(&out, &init, &x1, &sel)
		k := scalarWords(&kb)
		var u edwards25519.Fe64
		edwards25519.Fe64FromBytes(&u, &ub)
		var want [8]uint64
		ladder64(&want, &k, (*[4]uint64)(&u), false)
		for j := range 2 {
			var f fe
			for l := range 5 {
				f[l] = out[j][l][2]
				if f[l] >= 1<<52 {
					t.Fatal("limb out of range")
				}
			}
			var got, w [32]byte
			edwards25519.FeToBytes(&got, &f)
			edwards25519.Fe64ToBytes(&w, (*edwards25519.Fe64)(want[4*j:4*j+4]))
			if got != w {
				t.Fatalf("ladder4IFMA(%x, %x): coordinate %d = %x, Go %x", kb, ub, j, got, w)
			}
		}
	}
}

// The ymm fallback of X25519Batch (for cores that avoid zmm) and the zmm
// batch agree.
func TestBatchIFMAymm(t *testing.T) {
	skipNoIFMA(t)
	r := rand.New(rand.NewPCG(29, 30))
	n := 11
	sc, pt := make([][32]byte, n), make([][32]byte, n)
	for i := range sc {
		fill(r, sc[i][:])
		fill(r, pt[i][:])
	}
	pt[4] = [32]byte{}
	a, b := make([][32]byte, n), make([][32]byte, n)
	batchIFMAymm(a, sc, pt)
	for i := range b {
		x25519Generic(&b[i], &sc[i], &pt[i])
	}
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("lane %d: %x, generic %x", i, a[i], b[i])
		}
	}
}
