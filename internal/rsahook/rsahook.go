// Package rsahook gives package fuzz a way into sig/rsa's unexported
// Montgomery kernels, so that they are fuzzed differentially against
// math/big from fuzz/ like every other kernel. sig/rsa sets the variables
// at init; nothing else uses them.
package rsahook

// MontMul returns x*y/R mod m and x*x/R mod m, R = 2^(64*len(m)), computed
// by the len(m)-word Montgomery multiplication and squaring of the named
// implementation ("avx512ifma" and "adx" use the MULX/ADCX/ADOX kernels
// where the CPU has them and the size has one, else the generic code).
// All slices are little-endian 64-bit words of len(m); m is odd with a
// non-zero top word, x < m and y < 2^(64*len(m)). Results are fully
// reduced. The squaring runs in place.
var MontMul func(impl string, x, y, m []uint64) (xy, xx []uint64)

// IFMAAMM is nil unless this build has the AVX-512 IFMA kernels. For the
// prime sizes they serve (len(m) = 16, 24 or 32 words) and on a CPU with
// IFMA, it runs the Almost Montgomery Multiplication on both CRT halves
// (both set to m, x, y) and returns both halves' results, the Go
// reference's result, all as limbs 52-bit limbs, with
// z = x*y/2^(52*limbs) mod m up to a multiple of m; limbs is 0 otherwise.
// x and y have len(m)+1 words and are below 2m.
var IFMAAMM func(x, y, m []uint64) (half0, half1, ref []uint64, limbs int)
