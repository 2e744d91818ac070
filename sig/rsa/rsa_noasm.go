//go:build !((amd64 || arm64) && gc && !purego)

package rsa

import "math/big"

// kernels returns the Montgomery multiplication and squaring for k-word
// moduli of implementation impl.
func kernels(impl string, k int) (mul, sqr mulFunc) {
	return montMulGeneric, montSqrGeneric
}

func exp2Func(impl string, kp, kq int, sk *PrivateKey) func(*PrivateKey, []uint64, []uint64, []uint64, []uint64, *scratch) {
	return nil
}

func newScratchExtra(sk *PrivateKey, s *scratch) {}

type ifmaKey struct{ n int }

func publicExpFunc(impl string, m *modulus, n *big.Int) func(out, x []uint64, e uint64) { return nil }

// withDIT runs f (amd64 and generic code need no mode switch for constant
// time).
func withDIT(f func()) { f() }
