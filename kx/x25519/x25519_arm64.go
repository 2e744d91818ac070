//go:build arm64 && gc && !purego

package x25519

import (
	"crypto/subtle"

	"github.com/tlscore/tlscore/internal/edwards25519"
	"github.com/tlscore/tlscore/internal/impl"
)

func archImpls() []impl.Impl { return registered() }

var arm64Impl = &implementation{x25519: x25519ARM64, base: baseARM64}

func archLookup(name string) *implementation {
	if name == implARM64 {
		return arm64Impl
	}
	return nil
}

func fe64Mul121665(z, x *edwards25519.Fe64) { edwards25519.Fe64Mul121665Generic(z, x) }

func fe64Ladder(xz *[8]uint64, k, u *[4]uint64) { ladder64(xz, k, u, true) }

// x25519ARM64 sets dst = X25519(scalar, point): ladder64 with the
// multiplications and squarings in assembly, run with the DIT bit set
// (data-independent timing).
func x25519ARM64(dst, scalar, point *[32]byte) {
	subtle.WithDataIndependentTiming(func() {
		k := scalarWords(scalar)
		var u edwards25519.Fe64
		edwards25519.Fe64FromBytes(&u, point)
		var xz [8]uint64
		ladder64(&xz, &k, (*[4]uint64)(&u), true)
		x2, z2 := edwards25519.Fe64(xz[:4]), edwards25519.Fe64(xz[4:])
		edwards25519.Fe64Invert(&z2, &z2)
		edwards25519.Fe64Mul(&x2, &x2, &z2)
		edwards25519.Fe64ToBytes(dst, &x2)
	})
}

func baseARM64(dst, scalar *[32]byte) {
	subtle.WithDataIndependentTiming(func() {
		scalarBaseMult64(dst, scalar)
	})
}
