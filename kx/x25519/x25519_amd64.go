//go:build gc && !purego

package x25519

import (
	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cpu"
)

//go:generate go run -C ../../asm/x25519 . -out ../../kx/x25519/x25519_amd64.s -stubs ../../kx/x25519/x25519_amd64_stubs.go -pkg x25519

func archImpls() []dispatch.Impl { return registered()[1:] } // avx512ifma: not yet

var adx = &implementation{x25519: x25519ADX, base: baseADX}

func archLookup(name string) *implementation {
	switch name {
	case "adx":
		return adx
	}
	return nil
}

func autoBatch() *implementation { return nil }

var _ = cpu.X86HasADX

// fe64 operations of this architecture (used by the shared 4 x 64-bit code).
func fe64Mul(z, x, y *fe64)     { feMulADX((*[4]uint64)(z), (*[4]uint64)(x), (*[4]uint64)(y)) }
func fe64Sqr(z, x *fe64, n int) { feSqrADX((*[4]uint64)(z), (*[4]uint64)(x), n) }
func fe64Add(z, x, y *fe64)     { feAddADX((*[4]uint64)(z), (*[4]uint64)(x), (*[4]uint64)(y)) }
func fe64Sub(z, x, y *fe64)     { feSubADX((*[4]uint64)(z), (*[4]uint64)(x), (*[4]uint64)(y)) }

// x25519ADX sets dst = X25519(scalar, point) with the assembly ladder.
func x25519ADX(dst, scalar, point *[32]byte) {
	k := scalarWords(scalar)
	var u fe64
	fe64FromBytes(&u, point)
	var xz [8]uint64
	ladderADX(&xz, &k, (*[4]uint64)(&u))
	x2, z2 := fe64(xz[:4]), fe64(xz[4:])
	fe64Invert(&z2, &z2)
	fe64Mul(&x2, &x2, &z2)
	fe64ToBytes(dst, &x2)
}

// baseADX sets dst = X25519(scalar, 9) with the fixed-base table.
func baseADX(dst, scalar *[32]byte) {
	scalarBaseMult64(dst, scalar)
}

func fe64Mul121665(z, x *fe64) { feMul121665ADX((*[4]uint64)(z), (*[4]uint64)(x)) }

func fe64Ladder(xz *[8]uint64, k, u *[4]uint64) { ladderADX(xz, k, u) }
