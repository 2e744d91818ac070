//go:build gc && !purego

package rsa

import (
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/rsahook"
)

func init() { rsahook.IFMAAMM = hookIFMAAMM }

// hookIFMAAMM is rsahook.IFMAAMM: ammIFMA<n>x2 and its Go reference ammRef.
func hookIFMAAMM(x, y, m []uint64) (half0, half1, ref []uint64, limbs int) {
	n := map[int]int{16: 20, 24: 32, 32: 40}[len(m)]
	if n == 0 || !cpu.X86HasAVX512IFMA || !cpu.X86HasAVX512VL || !cpu.X86HasBMI2 {
		return nil, nil, nil, 0
	}
	md := newModulusVarTime(wordsToInt(m))
	ik := newIFMAKey(n, md, md)
	a, b, r := make([]uint64, 2*n), make([]uint64, 2*n), make([]uint64, 2*n)
	to52(a[:n], x)
	to52(b[:n], y)
	copy(a[n:], a[:n])
	copy(b[n:], b[:n])
	ammX2(n, r, a, b, ik)
	ref = make([]uint64, n)
	ammRef(ref, a[:n], b[:n], ik.m[:n], ik.k0[0])
	return r[:n], r[n:], ref, n
}
