//go:build !(amd64 && gc && !purego)

package p256

import "github.com/tlscore/tlscore/internal/safegcd"

func updateFGAsm(Impl, *s62, *s62, *safegcd.Matrix) bool                        { return false }
func updateDEAsm(Impl, *safegcd.Modulus[s62], *s62, *s62, *safegcd.Matrix) bool { return false }

func divsteps(_ Impl, zeta int64, f0, g0 uint64, t *safegcd.Matrix) int64 {
	return safegcd.Divsteps59(zeta, f0, g0, t)
}
