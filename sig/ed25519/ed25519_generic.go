package ed25519

import (
	"crypto/subtle"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

// The generic implementation: radix-2^51 field arithmetic in Go
// (package internal/edwards25519, shared with kx/x25519).

// baseMultGeneric writes the encoding of [k]B, k < L: the fixed-base
// method of kx/x25519's key generation (signed radix-16 digits, the table
// of multiples of 256^j B scanned in constant time, 64 mixed additions and
// 4 doublings), then one inversion. Constant time.
func baseMultGeneric(out *[32]byte, k *scalar) {
	var kb [32]byte
	k.bytes(&kb)
	var p edwards25519.ExtPoint
	edwards25519.ScalarBaseMult(&p, &kb, edwards25519.GenericTable())
	encodeProjective(out, &p.X, &p.Y, &p.Z)
}

// encodeProjective writes the encoding of (X/Z, Y/Z). Constant time.
func encodeProjective(out *[32]byte, X, Y, Z *edwards25519.Fe) {
	var zinv, x, y edwards25519.Fe
	edwards25519.FeInvert(&zinv, Z)
	edwards25519.FeMul(&x, X, &zinv)
	edwards25519.FeMul(&y, Y, &zinv)
	edwards25519.Encode(out, &x, &y)
}

// verifyGeneric reports whether R is the encoding of [s]B - [k]A, A the
// point encoded by a (false if a is not a point): the cofactorless check
// of crypto/ed25519. Variable time: everything here is public. Straus'
// method with the width-5 NAF of k over the odd multiples of -A and the
// width-8 NAF of s over the precomputed odd multiples of B.
func verifyGeneric(R, a *[32]byte, k, s *scalar) bool {
	var A edwards25519.ExtPoint
	if !edwards25519.Decompress(&A, a) {
		return false
	}
	edwards25519.FeNeg(&A.X, &A.X)
	edwards25519.FeNeg(&A.T, &A.T)
	var tA [8]edwards25519.Cached
	edwards25519.OddMultiples(tA[:], &A)
	tB := edwards25519.BaseOddMultiples()
	kn := k.nonAdjacentForm(5)
	sn := s.nonAdjacentForm(8)
	i := 255
	for i >= 0 && kn[i] == 0 && sn[i] == 0 {
		i--
	}
	var r edwards25519.P2
	r.Y[0], r.Z[0] = 1, 1
	var t edwards25519.P1P1
	var u edwards25519.ExtPoint
	for ; i >= 0; i-- {
		edwards25519.DoubleP2(&t, &r)
		if d := kn[i]; d != 0 {
			u.FromP1P1(&t)
			if d > 0 {
				edwards25519.AddCached(&t, &u, &tA[d/2], false)
			} else {
				edwards25519.AddCached(&t, &u, &tA[(-d)/2], true)
			}
		}
		if d := sn[i]; d != 0 {
			u.FromP1P1(&t)
			if d > 0 {
				edwards25519.AddAffine(&t, &u, &tB[d/2], false)
			} else {
				edwards25519.AddAffine(&t, &u, &tB[(-d)/2], true)
			}
		}
		r.FromP1P1(&t)
	}
	var enc [32]byte
	encodeProjective(&enc, &r.X, &r.Y, &r.Z)
	return subtle.ConstantTimeCompare(enc[:], R[:]) == 1
}
