//go:build !(amd64 && gc && !purego)

package rsa

// ifmaAMMForTest reports limbs = 0: this build has no IFMA kernels.
func ifmaAMMForTest(x, y, m []uint64) (half0, half1, ref []uint64, limbs int) {
	return nil, nil, nil, 0
}
