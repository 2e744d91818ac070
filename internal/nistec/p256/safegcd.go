package p256

import "github.com/tlscore/tlscore/internal/safegcd"

// Constant-time modular inversion by the Bernstein-Yang divsteps of
// internal/safegcd: always 10 batches of 59 half-delta divsteps (590 >=
// the bound for 256-bit inputs), about six times faster than Fermat's
// exponentiation and, like it, without secret-dependent branches or
// memory accesses. This file runs the batches, with the assembly of
// safegcd_amd64.go for parts of them.

// s62 is a number of the inversion: five signed 62-bit limbs.
type s62 = [5]int64

// newModulus returns the odd modulus m ready for inversion.
func newModulus(m *elem) *safegcd.Modulus[s62] {
	return safegcd.NewModulus[s62](m[:], safegcd.HalfDelta)
}

// inverse sets z = x^-1 mod m (0 for 0), for x < m, in constant time,
// with im's divsteps and matrix updates (assembly for "adx").
func inverse(im Impl, mi *safegcd.Modulus[s62], z, x *elem) {
	var s safegcd.State[s62]
	mi.Start(&s, x[:])
	for range mi.Batches {
		var t safegcd.Matrix
		s.Zeta = divsteps(im, s.Zeta, uint64(s.F[0]), uint64(s.G[0]), &t)
		if !updateDEAsm(im, mi, &s.D, &s.E, &t) {
			mi.UpdateDE(&s.D, &s.E, &t)
		}
		if !updateFGAsm(im, &s.F, &s.G, &t) {
			safegcd.UpdateFG(&s.F, &s.G, &t)
		}
	}
	mi.Finish(z[:], &s)
}
