package edwards25519

import "github.com/tlscore/tlscore/internal/safegcd"

// Constant-time inversion mod p = 2^255-19 by the Bernstein-Yang divsteps
// of internal/safegcd, in the half-delta form: 10 batches of 59 divsteps
// (590, the computer-checked bound for 0 <= g <= f < 2^256), each one's
// matrix applied to f, g and to the coefficients d, e mod p. On amd64
// the batches run in assembly (batch62Arch, edwards25519_amd64.go).
//
// It replaces Fermat's x^(p-2), an addition chain of 254 squarings and 11
// multiplications: the divsteps cost a few cycles each and the 10 matrix
// applications about 40 multiplications of 64-bit words each.

// s62 is a number of the inversion: five signed 62-bit limbs.
type s62 = [5]int64

// p25519 is p ready for inversion.
var p25519 = safegcd.NewModulus[s62]([]uint64{1<<64 - 19, 1<<64 - 1, 1<<64 - 1, 1<<63 - 1}, safegcd.HalfDelta)

// invert62 sets v = 1/x mod p (0 for 0) for x < p as 4 little-endian
// words, v canonical, with the Go batches of safegcd (the reference).
func invert62(v, x *[4]uint64) { invert62With(v, x, false) }

// invert62With is invert62 with batch62Arch (this architecture's assembly,
// if any) when arch is set. (A flag rather than a function value, which
// would make the state escape to the heap.)
func invert62With(v, x *[4]uint64, arch bool) {
	var s safegcd.State[s62]
	p25519.Start(&s, x[:])
	for range p25519.Batches {
		if arch {
			batch62Arch(&s)
		} else {
			p25519.Batch(&s)
		}
	}
	p25519.Finish(v[:], &s)
}

// FeInvert sets v = 1/a (0 for a = 0) in constant time, by divsteps
// (invert62): 2.2 us against 4.3 us for FeInvertFermat on the Zen 4 machine.
func FeInvert(v, a *Fe) {
	var b [32]byte
	FeToBytes(&b, a)
	var w Fe64
	Fe64FromBytes(&w, &b)
	invert62((*[4]uint64)(&w), (*[4]uint64)(&w))
	Fe64ToBytes(&b, &w)
	FeFromBytes(v, &b)
}
