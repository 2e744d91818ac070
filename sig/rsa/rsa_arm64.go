//go:build arm64 && gc && !purego

package rsa

import (
	"crypto/subtle"
	"math/big"
)

// kernels returns the Montgomery multiplication and squaring for k-word
// moduli of implementation impl: MUL/UMULH assembly for "arm64" (any k),
// else the generic code.
func kernels(impl string, k int) (mul, sqr mulFunc) {
	if impl == implARM64 {
		return mulARM64, mulARM64
	}
	return montMulGeneric, montSqrGeneric
}

// montMulARM64 is montMulGeneric for k-word moduli in assembly (CIOS, MUL and
// UMULH with ADDS/ADC carries); t is k+2 words of scratch. z may alias x or y.
//
// Why assembly: the Go compiler keeps the two carries of each step in
// registers poorly (bits.Add64 chains go through extra moves) and the
// generic product-then-reduce needs a 2k-word buffer.
//
//go:noescape
func montMulARM64(z, x, y, m, t *uint64, k int, m0inv uint64)

func mulARM64(z, x, y []uint64, m *modulus) {
	k := len(m.n)
	// The assembly reads k words of x, y and m and writes k of z, with no
	// length logic of its own: check here, as the amd64 wrappers do by
	// converting to array pointers.
	if k == 0 || k > maxWords || len(z) < k || len(x) < k || len(y) < k {
		panic("rsa: internal error: montMulARM64 operand shorter than the modulus")
	}
	var t [maxWords + 2]uint64
	montMulARM64(&z[0], &x[0], &y[0], &m.n[0], &t[0], k, m.m0inv)
	clear(t[:k+2])
}

func exp2Func(impl string, kp, kq int, sk *PrivateKey) func(*PrivateKey, []uint64, []uint64, []uint64, []uint64, *scratch) {
	return nil
}

func newScratchExtra(sk *PrivateKey, s *scratch) {}

type ifmaKey struct{ n int }

func publicExpFunc(impl string, m *modulus, n *big.Int) func(out, x []uint64, e uint64) { return nil }

// withDIT runs the private-key operation with the Data Independent Timing
// bit set (FEAT_DIT), so that the multiplier and the other instructions the
// arm64 kernels use take data-independent time on every core.
func withDIT(f func()) { subtle.WithDataIndependentTiming(f) }
