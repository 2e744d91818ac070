//go:build arm64 && gc && !purego

package p256

// The "arm64" implementation: Montgomery multiplication mod p and n by
// montMulARM64 (p256_arm64.s); everything else is the Go code.
// Keep in sync with montMulGeneric.

//go:noescape
func montMulARM64(z, x, y, m *[4]uint64, m0inv uint64)

func montMulAsm(_ Impl, z, x, y *elem, md *modulus) {
	montMulARM64((*[limbs]uint64)(z), (*[limbs]uint64)(x), (*[limbs]uint64)(y), (*[limbs]uint64)(&md.m), md.m0inv)
}

func montSqrAsm(_ Impl, z, x *elem, md *modulus) {
	montMulARM64((*[limbs]uint64)(z), (*[limbs]uint64)(x), (*[limbs]uint64)(x), (*[limbs]uint64)(&md.m), md.m0inv)
}
