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

func fe64Ladder(xz *[8]uint64, k, u *[4]uint64) { ladder64(xz, k, u) }

// x25519ARM64 sets dst = X25519(scalar, point): the ladder of
// ladder64Generic with the multiplications and squarings in assembly, run
// with the DIT bit set (data-independent timing).
func x25519ARM64(dst, scalar, point *[32]byte) {
	subtle.WithDataIndependentTiming(func() {
		k := scalarWords(scalar)
		var u edwards25519.Fe64
		edwards25519.Fe64FromBytes(&u, point)
		var xz [8]uint64
		ladder64(&xz, &k, (*[4]uint64)(&u))
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

// ladder64 is ladder64Generic with this architecture's field operations
// (multiplications and squarings in assembly).
func ladder64(xz *[8]uint64, k *[4]uint64, u *[4]uint64) {
	x1 := edwards25519.Fe64(*u)
	x2, z2, x3, z3 := edwards25519.Fe64{1}, edwards25519.Fe64{}, x1, edwards25519.Fe64{1}
	var a, b, c, d, e edwards25519.Fe64
	swap := uint64(0)
	for i := 254; i >= 0; i-- {
		bit := k[i>>6] >> (i & 63) & 1
		swap ^= bit
		edwards25519.Fe64CSwap(&x2, &x3, swap)
		edwards25519.Fe64CSwap(&z2, &z3, swap)
		swap = bit
		edwards25519.Fe64Add(&a, &x2, &z2)
		edwards25519.Fe64Sub(&b, &x2, &z2)
		edwards25519.Fe64Add(&c, &x3, &z3)
		edwards25519.Fe64Sub(&d, &x3, &z3)
		edwards25519.Fe64Mul(&d, &d, &a)
		edwards25519.Fe64Mul(&c, &c, &b)
		edwards25519.Fe64Sqr(&a, &a, 1)
		edwards25519.Fe64Sqr(&b, &b, 1)
		edwards25519.Fe64Add(&e, &d, &c)
		edwards25519.Fe64Sqr(&x3, &e, 1)
		edwards25519.Fe64Sub(&e, &d, &c)
		edwards25519.Fe64Sqr(&e, &e, 1)
		edwards25519.Fe64Mul(&z3, &e, &x1)
		edwards25519.Fe64Mul(&x2, &a, &b)
		edwards25519.Fe64Sub(&b, &a, &b)
		fe64Mul121665(&e, &b)
		edwards25519.Fe64Add(&e, &e, &a)
		edwards25519.Fe64Mul(&z2, &b, &e)
	}
	edwards25519.Fe64CSwap(&x2, &x3, swap)
	edwards25519.Fe64CSwap(&z2, &z3, swap)
	copy(xz[:4], x2[:])
	copy(xz[4:], z2[:])
}
