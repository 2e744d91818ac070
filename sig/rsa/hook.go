package rsa

import (
	"math/big"

	"github.com/tlscore/tlscore/internal/rsahook"
)

func init() { rsahook.MontMul = hookMontMul }

// hookMontMul is rsahook.MontMul: the kernels package fuzz checks against
// math/big.
func hookMontMul(impl string, x, y, m []uint64) (xy, xx []uint64) {
	k := len(m)
	md := newModulusVarTime(wordsToInt(m))
	mul, sqr := kernels(impl, k)
	xy, xx = make([]uint64, k), make([]uint64, k)
	mul(xy, x, y, md)
	copy(xx, x)
	sqr(xx, xx, xx, md) // in place, as the exponentiations call it
	return xy, xx
}

// wordsToInt returns the little-endian words w as a big.Int.
func wordsToInt(w []uint64) *big.Int {
	b := make([]byte, 8*len(w))
	for i, v := range w {
		for j := range 8 {
			b[len(b)-1-8*i-j] = byte(v >> (8 * j))
		}
	}
	return new(big.Int).SetBytes(b)
}
