//go:build !(amd64 || arm64) || !gc || purego

package p256

func montMul(_ Impl, z, x, y *elem, md *modulus) { montMulGeneric(z, x, y, &md.m, md.m0inv) }
func montSqr(_ Impl, z, x *elem, md *modulus)    { montMulGeneric(z, x, x, &md.m, md.m0inv) }
