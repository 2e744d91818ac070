//go:build amd64 && gc && !purego

package ed25519

import (
	"crypto/subtle"

	"github.com/tlscore/tlscore/internal/edwards25519"
	"github.com/tlscore/tlscore/internal/impl"
)

func archImpls() []impl.Impl { return registered() }

func archLookup(name string) (implementation, bool) {
	switch name {
	case implNameADX:
		return implADX, true
	case implNameIFMA:
		return implIFMA, true
	}
	return 0, false
}

func baseMultArch(im implementation, out *[32]byte, k *scalar) {
	if im == implIFMA {
		baseMultIFMA(out, k)
		return
	}
	baseMult64(out, k)
}

func verifyArch(im implementation, R, a *[32]byte, k, s *scalar) bool {
	if im == implIFMA {
		return verifyIFMA(R, a, k, s)
	}
	return verify64(R, a, k, s)
}

// baseMultIFMA writes the encoding of [k]B with the fixed-base method of
// kx/x25519's "avx512ifma" key generation with two accumulators, one per
// half of zmm registers (edwards25519.ScalarBaseMultIFMA8: each mixed
// addition's products in IFMA lanes, constant-time blends), then the
// 4 x 64-bit divstep inversion. Constant time.
func baseMultIFMA(out *[32]byte, k *scalar) {
	var kb [32]byte
	k.bytes(&kb)
	var p edwards25519.ExtPoint
	edwards25519.ScalarBaseMultIFMA8(&p, &kb)
	X, Y, Z := fe51To64(&p.X), fe51To64(&p.Y), fe51To64(&p.Z)
	edwards25519.Encode64(out, &X, &Y, &Z)
}

func fe51To64(a *edwards25519.Fe) (v edwards25519.Fe64) {
	edwards25519.Fe64FromFe(&v, a)
	return v
}

// verifyIFMA is verify64 with the double-scalar loop in
// edwards25519.Verify4 (verify4IFMA: every doubling and addition with its
// four products in the 4 ymm lanes of one IFMA multiplication, the point in
// registers) and the table of -A from table4IFMA. Decompression and the
// final inversion use the 4 x 64-bit MULX code. Variable time.
func verifyIFMA(R, a *[32]byte, k, s *scalar) bool {
	var A edwards25519.ExtPoint64
	if !edwards25519.Decompress64(&A, a) {
		return false
	}
	// -A in radix 2^51 (Z = 1), then its table in IFMA lanes.
	var nA edwards25519.ExtPoint
	edwards25519.FeFromFe64(&nA.X, &A.X)
	edwards25519.FeFromFe64(&nA.Y, &A.Y)
	edwards25519.FeNeg(&nA.X, &nA.X)
	nA.Z = edwards25519.Fe{1}
	edwards25519.FeMul(&nA.T, &nA.X, &nA.Y)
	var tab [17 * 20]uint64
	edwards25519.Table4(&tab, &nA)
	kn := k.nonAdjacentForm(5)
	sn := s.nonAdjacentForm(8)
	top := 255
	for top > 0 && kn[top] == 0 && sn[top] == 0 {
		top--
	}
	var offA, offB [256]uint64
	for j := 0; j <= top; j++ {
		if d := int(kn[top-j]); d > 0 {
			offA[j] = uint64(1+(d-1)/2) * 160
		} else if d < 0 {
			offA[j] = uint64(9+(-d-1)/2) * 160
		}
		if d := int(sn[top-j]); d > 0 {
			offB[j] = uint64(1+(d-1)/2) * 160
		} else if d < 0 {
			offB[j] = uint64(65+(-d-1)/2) * 160
		}
	}
	var st [5][4]uint64
	st[0][1], st[0][3] = 1, 1 // [X, Y, T, Z] = [0, 1, 0, 1]
	edwards25519.Verify4(&st, &tab, edwards25519.BaseOddMultiples4(), &offA, &offB, top+1)
	var X, Y, Z edwards25519.Fe
	for r := range 5 {
		X[r], Y[r], Z[r] = st[r][0], st[r][1], st[r][3]
	}
	X64, Y64, Z64 := fe51To64(&X), fe51To64(&Y), fe51To64(&Z)
	var enc [32]byte
	edwards25519.Encode64(&enc, &X64, &Y64, &Z64)
	return subtle.ConstantTimeCompare(enc[:], R[:]) == 1
}

// verifyManyArch runs "avx512ifma"'s 8-lane verification; the other
// implementations verify one signature after another.
func verifyManyArch(im implementation, jobs []verifyJob, ok []bool) bool {
	if im != implIFMA {
		return false
	}
	verifyManyIFMA(jobs, ok)
	return true
}
