//go:build amd64 && gc && !purego

package x25519

import (
	"math/big"
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

// fe8Rand returns 8 lanes of limbs below 2^52, with extremes.
func fe8Rand(r *rand.Rand) edwards25519.Fe8 {
	var v edwards25519.Fe8
	for i := range v {
		for l := range v[i] {
			switch r.IntN(5) {
			case 0:
				v[i][l] = 1<<52 - 1
			case 1:
				v[i][l] = 0
			case 2:
				v[i][l] = 1<<51 + r.Uint64()>>48
			default:
				v[i][l] = r.Uint64() >> 12
			}
		}
	}
	return v
}

func fe8Lane(v *edwards25519.Fe8, l int) *big.Int {
	var f fe
	for i := range 5 {
		f[i] = v[i][l]
	}
	return feBig(&f)
}

func TestFe8Asm(t *testing.T) {
	skipNoIFMA(t)
	r := rand.New(rand.NewPCG(15, 16))
	n := 2000
	if testing.Short() {
		n = 200
	}
	for range n {
		x, y := fe8Rand(r), fe8Rand(r)
		var a, b edwards25519.Fe8
		edwards25519.Fe8Mul(&a, &x, &y)
		edwards25519.Fe8MulGeneric(&b, &x, &y)
		if a != b {
			t.Fatalf("mul8(%x, %x) = %x, Go %x", x, y, a, b)
		}
		for l := range 8 {
			want := new(big.Int).Mul(fe8Lane(&x, l), fe8Lane(&y, l))
			got := fe8Lane(&a, l)
			if got.Sub(got, want).Mod(got, p).Sign() != 0 {
				t.Fatalf("mul8 lane %d wrong", l)
			}
			for i := range 5 {
				if a[i][l] >= 1<<52 {
					t.Fatalf("mul8 limb out of range")
				}
			}
		}
		edwards25519.Fe8Sqr(&a, &x, 3)
		edwards25519.Fe8SqrGeneric(&b, &x, 3)
		if a != b {
			t.Fatalf("sqr8^3(%x) = %x, Go %x", x, a, b)
		}
		a = x
		edwards25519.Fe8Mul(&a, &a, &y)
		edwards25519.Fe8MulGeneric(&b, &x, &y)
		if a != b {
			t.Fatal("aliased mul8 differs")
		}
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

// The Go references of add8, sub8 and mul121665x8 agree with big.Int
// (the assembly itself is covered through ladderIFMA above).
func TestFe8Generic(t *testing.T) {
	r := rand.New(rand.NewPCG(19, 20))
	for range 300 {
		x, y := fe8Rand(r), fe8Rand(r)
		var s, d, m edwards25519.Fe8
		edwards25519.Fe8AddGeneric(&s, &x, &y)
		// sub8 takes a subtrahend as every function returns it: limbs
		// below 2^51 + 2^17 (under the 2p limbs).
		ys := y
		for i := range ys {
			for l := range ys[i] {
				ys[i][l] &= 1<<51 + 1<<17 - 1
			}
		}
		edwards25519.Fe8SubGeneric(&d, &x, &ys)
		edwards25519.Fe8Mul121665Generic(&m, &x)
		for l := range 8 {
			X, Y := fe8Lane(&x, l), fe8Lane(&y, l)
			for _, c := range []struct {
				got  *edwards25519.Fe8
				want *big.Int
			}{
				{&s, new(big.Int).Add(X, Y)},
				{&d, new(big.Int).Sub(X, fe8Lane(&ys, l))},
				{&m, new(big.Int).Mul(X, big.NewInt(121665))},
			} {
				g := fe8Lane(c.got, l)
				if g.Sub(g, c.want).Mod(g, p).Sign() != 0 {
					t.Fatalf("lane %d wrong", l)
				}
				for i := range 5 {
					if c.got[i][l] >= 1<<52 {
						t.Fatalf("limb out of range")
					}
				}
			}
		}
	}
}

// ladder4IFMA computes the same x2 and z2 as ladder64Generic (mod p: the
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
		ladder64Generic(&want, &k, (*[4]uint64)(&u))
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
