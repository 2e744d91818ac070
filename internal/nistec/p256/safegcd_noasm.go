//go:build !amd64 || !gc || purego

package p256

func updateFGAsm(Impl, *s62, *s62, *trans2x2) bool            { return false }
func updateDEAsm(Impl, *modInv62, *s62, *s62, *trans2x2) bool { return false }
