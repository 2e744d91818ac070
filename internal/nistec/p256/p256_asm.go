//go:build (amd64 || arm64) && gc && !purego

package p256

func montMul(im Impl, z, x, y *elem, md *modulus) {
	if im != implGeneric {
		montMulAsm(im, z, x, y, md)
		return
	}
	montMulGeneric(z, x, y, &md.m, md.m0inv)
}

func montSqr(im Impl, z, x *elem, md *modulus) {
	if im != implGeneric {
		montSqrAsm(im, z, x, md)
		return
	}
	montMulGeneric(z, x, x, &md.m, md.m0inv)
}
