//go:build gc && !purego

package p384

// P-384 has no arm64 assembly: "arm64" is not registered for it, and these
// are never reached.

func montMulAsm(_ Impl, z, x, y *elem, md *modulus) { montMulGeneric(z, x, y, &md.m, md.m0inv) }
func montSqrAsm(_ Impl, z, x *elem, md *modulus)    { montMulGeneric(z, x, x, &md.m, md.m0inv) }
