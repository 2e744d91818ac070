//go:build amd64 && gc && !purego

package ed25519

import (
	"crypto/subtle"
	"sync"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

// VerifyMany with "avx512ifma": 8 verifications per pass, one per 64-bit
// lane of zmm registers (radix 2^51, VPMADD52LUQ/HUQ). Each lane computes
// exactly what verify does for its signature (the cofactorless check of
// crypto/ed25519), so a lane's result does not depend on the others:
//
//   - the 8 public keys are decompressed together (Decompress8: the square
//     root exponentiation in 8 lanes), negated, and their multiples
//     1..8 computed in 8 lanes, then stored per lane with their negations
//     and the identity: a table of 17 cached points per lane;
//   - k and S are recoded to signed radix-16 digits (64 per scalar, in
//     [-8, 8]), and Straus' method runs 64 windows of window8IFMA
//     (P = 16 P + a + b, assembly) with each lane's a from its own table
//     and b from the 17 affine multiples of B, gathered in Go per window;
//   - the 8 results are made affine with one 8-lane inversion and
//     compared, lane by lane, with the encodings of R.
//
// Fixed windows rather than sparse wNAF digits: the lanes share every
// doubling and addition, so an addition in one lane costs it in all eight.
// Everything here is public (variable time is allowed; it does not branch
// on the data anyway, except for invalid encodings).

// cachedEntry is a Cached point (Y+X, Y-X, Z, 2dT) as 20 radix-2^51 limbs.
type cachedEntry [20]uint64

// nielsEntry is an affine niels point (y+x, y-x, 2dxy) as 15 limbs.
type nielsEntry [15]uint64

// baseTable17 holds d B for the digits d = -8..8 (entry d+8).
var baseTable17 = sync.OnceValue(func() *[17]nielsEntry {
	t := new([17]nielsEntry)
	b := edwards25519.BasePoint()
	var cb edwards25519.Cached
	cb.FromExt(&b)
	p := b
	put := func(i int, f ...*edwards25519.Fe) {
		for c, x := range f {
			copy(t[i][5*c:5*c+5], x[:])
		}
	}
	one := edwards25519.Fe{1}
	put(8, &one, &one, &edwards25519.Fe{})
	for k := 1; k <= 8; k++ {
		var n edwards25519.Niels
		n.FromExt(&p)
		var neg edwards25519.Fe
		edwards25519.FeNeg(&neg, &n.XY2d)
		put(8+k, &n.YplusX, &n.YminusX, &n.XY2d)
		put(8-k, &n.YminusX, &n.YplusX, &neg)
		var s edwards25519.P1P1
		edwards25519.AddCached(&s, &p, &cb, false)
		p.FromP1P1(&s)
	}
	return t
})

// verifyManyIFMA verifies the jobs 8 at a time.
func verifyManyIFMA(jobs []verifyJob, ok []bool) {
	for off := 0; off < len(jobs); off += 8 {
		end := min(off+8, len(jobs))
		verify8(jobs[off:end], ok[off:end])
	}
}

// verify8 sets ok[i] to the result of verify for jobs[i], len(jobs) <= 8.
// Lanes past len(jobs) repeat job 0 and are ignored.
func verify8(jobs []verifyJob, ok []bool) {
	var lane [8]*verifyJob
	var encs [8]*[32]byte
	for l := range lane {
		lane[l] = &jobs[0]
		if l < len(jobs) {
			lane[l] = &jobs[l]
		}
		encs[l] = lane[l].A
	}
	var A edwards25519.P3x8
	valid := edwards25519.Decompress8(&A, encs[:])
	var zero edwards25519.Fe8
	edwards25519.Fe8Sub(&A.X, &zero, &A.X) // -A
	edwards25519.Fe8Sub(&A.T, &zero, &A.T)

	// Multiples 1..8 of -A, then each lane's table of 17 entries.
	var m [8]edwards25519.Cached8
	var cur, next edwards25519.P3x8
	m[0].FromP3(&A)
	edwards25519.Double8(&cur, &A)
	m[1].FromP3(&cur)
	for k := 2; k < 8; k++ {
		edwards25519.Add8(&next, &cur, &m[0])
		cur = next
		m[k].FromP3(&cur)
	}
	var tabA [8][17]cachedEntry
	for l := range 8 {
		t := &tabA[l]
		t[8] = cachedEntry{0: 1, 5: 1, 10: 1}
		for k := range m {
			ypx := edwards25519.Fe8Lane(&m[k].YplusX, l)
			ymx := edwards25519.Fe8Lane(&m[k].YminusX, l)
			z := edwards25519.Fe8Lane(&m[k].Z, l)
			t2d := edwards25519.Fe8Lane(&m[k].T2d, l)
			var neg edwards25519.Fe
			edwards25519.FeNeg(&neg, &t2d)
			for c, f := range [4]*edwards25519.Fe{&ypx, &ymx, &z, &t2d} {
				copy(t[9+k][5*c:], f[:])
			}
			for c, f := range [4]*edwards25519.Fe{&ymx, &ypx, &z, &neg} {
				copy(t[7-k][5*c:], f[:])
			}
		}
	}

	// Signed radix-16 digits of k (for -A) and S (for B), offset by 8.
	var kd, sd [8][64]uint8
	for l, j := range lane {
		var b [32]byte
		j.k.bytes(&b)
		for i, d := range edwards25519.SignedDigits(&b) {
			kd[l][i] = uint8(d + 8)
		}
		j.s.bytes(&b)
		for i, d := range edwards25519.SignedDigits(&b) {
			sd[l][i] = uint8(d + 8)
		}
	}

	tabB := baseTable17()
	var p [3]edwards25519.Fe8
	p[1][0] = [8]uint64{1, 1, 1, 1, 1, 1, 1, 1} // (0 : 1 : 1)
	p[2][0] = [8]uint64{1, 1, 1, 1, 1, 1, 1, 1}
	var a [4]edwards25519.Fe8
	var b [3]edwards25519.Fe8
	for w := 63; w >= 0; w-- {
		for l := range 8 {
			ea := &tabA[l][kd[l][w]]
			for c := range 4 {
				for i := range 5 {
					a[c][i][l] = ea[5*c+i]
				}
			}
			eb := &tabB[sd[l][w]]
			for c := range 3 {
				for i := range 5 {
					b[c][i][l] = eb[5*c+i]
				}
			}
		}
		edwards25519.Window8(&p, &a, &b)
	}

	var zinv, x, y edwards25519.Fe8
	edwards25519.Fe8Invert(&zinv, &p[2])
	edwards25519.Fe8Mul(&x, &p[0], &zinv)
	edwards25519.Fe8Mul(&y, &p[1], &zinv)
	for l := range ok {
		xl, yl := edwards25519.Fe8Lane(&x, l), edwards25519.Fe8Lane(&y, l)
		var enc [32]byte
		edwards25519.Encode(&enc, &xl, &yl)
		ok[l] = valid[l] && subtle.ConstantTimeCompare(enc[:], lane[l].R[:]) == 1
	}
}
