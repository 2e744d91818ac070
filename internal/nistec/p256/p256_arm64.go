//go:build gc && !purego

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

func jdoubleAsm(Impl, *jacPoint, *jacPoint, int) bool                          { return false }
func jaddAsm(Impl, *jacPoint, *jacPoint, *jacPoint) bool                       { return false }
func addAffineAsm(Impl, *point, *point, *affinePoint) bool                     { return false }
func selectAffineAsm(Impl, *affinePoint, *[baseTable]affinePoint, uint64) bool { return false }
func selectJacAsm(Impl, *jacPoint, *[varTable]jacPoint, uint64) bool           { return false }
func montSqrNAsm(Impl, *elem, *elem, int, *modulus) bool                       { return false }

func jaddAffineAsm(Impl, *jacPoint, *jacPoint, *affinePoint) bool { return false }

func baseStepAsm(Impl, *jacPoint, *affinePoint, uint64, uint64) (uint64, bool) { return 0, false }
func varStepAsm(Impl, *jacPoint, *jacPoint, uint64) bool                       { return false }

func baseStepSelAsm(Impl, *jacPoint, *affinePoint, uint64, uint64, *[baseTable]affinePoint, uint64) (uint64, bool) {
	return 0, false
}
