//go:build amd64 && gc && !purego

package rsa

// ifmaAMMForTest runs, for the prime sizes the AVX-512 IFMA kernels serve
// (len(m) = 16, 24 or 32 words) and on a CPU with IFMA, the Almost
// Montgomery Multiplication on both CRT halves (both set to m, x, y) and
// returns both halves' results and the Go reference's result, all as limbs
// 52-bit limbs, with z = x*y/2^(52*limbs) mod m up to a multiple of m;
// limbs is 0 otherwise. x and y have len(m)+1 words and are below 2m.
func ifmaAMMForTest(x, y, m []uint64) (half0, half1, ref []uint64, limbs int) {
	n := map[int]int{16: 20, 24: 32, 32: 40}[len(m)]
	if n == 0 || !ifmaAvailable() {
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
