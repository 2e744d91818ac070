//go:build !amd64 || !gc || purego

package p256

func updateFGAsm(Impl, *s62, *s62, *trans2x2) bool            { return false }
func updateDEAsm(Impl, *modInv62, *s62, *s62, *trans2x2) bool { return false }

func divsteps(_ Impl, zeta int64, f0, g0 uint64, t *trans2x2) int64 {
	return divsteps59(zeta, f0, g0, t)
}
