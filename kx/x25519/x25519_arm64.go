//go:build gc && !purego

package x25519

import (
	"crypto/subtle"

	"github.com/tlscore/tlscore/internal/impl"
)

func archImpls() []impl.Impl { return registered() }

var arm64Impl = &implementation{x25519: x25519ARM64, base: baseARM64}

func archLookup(name string) *implementation {
	if name == "arm64" {
		return arm64Impl
	}
	return nil
}

//go:noescape
func feMulARM64(z, x, y *[4]uint64)

//go:noescape
func feSqrARM64(z, x *[4]uint64, n int)

func fe64Mul(z, x, y *fe64)     { feMulARM64((*[4]uint64)(z), (*[4]uint64)(x), (*[4]uint64)(y)) }
func fe64Sqr(z, x *fe64, n int) { feSqrARM64((*[4]uint64)(z), (*[4]uint64)(x), n) }
func fe64Add(z, x, y *fe64)     { fe64AddGeneric(z, x, y) }
func fe64Sub(z, x, y *fe64)     { fe64SubGeneric(z, x, y) }

func fe64Mul121665(z, x *fe64) { fe64Mul121665Generic(z, x) }

func fe64Ladder(xz *[8]uint64, k, u *[4]uint64) { ladder64(xz, k, u) }

// x25519ARM64 sets dst = X25519(scalar, point): the ladder of
// ladder64Generic with the multiplications and squarings in assembly, run
// with the DIT bit set (data-independent timing).
func x25519ARM64(dst, scalar, point *[32]byte) {
	subtle.WithDataIndependentTiming(func() {
		k := scalarWords(scalar)
		var u fe64
		fe64FromBytes(&u, point)
		var xz [8]uint64
		ladder64(&xz, &k, (*[4]uint64)(&u))
		x2, z2 := fe64(xz[:4]), fe64(xz[4:])
		fe64Invert(&z2, &z2)
		fe64Mul(&x2, &x2, &z2)
		fe64ToBytes(dst, &x2)
	})
}

func baseARM64(dst, scalar *[32]byte) {
	subtle.WithDataIndependentTiming(func() {
		scalarBaseMult64(dst, scalar)
	})
}

// divsteps59Arch is the Go divsteps59 (64-bit integer code, under DIT).
func divsteps59Arch(zeta int64, f, g uint64) (int64, trans) { return divsteps59(zeta, f, g) }

// batch62Arch is the Go batch62.
func batch62Arch(zeta int64, f, g, d, e *s62) int64 { return batch62(zeta, f, g, d, e) }

func addNielsArch(p *extPoint64, q *niels64) { addNiels64(p, q) }

func selectNielsArch(n *niels64, row *[8]niels64, e int8) { selectNiels64(n, row, e) }

// ladder64 is ladder64Generic with this architecture's field operations
// (multiplications and squarings in assembly).
func ladder64(xz *[8]uint64, k *[4]uint64, u *[4]uint64) {
	x1 := fe64(*u)
	x2, z2, x3, z3 := fe64{1}, fe64{}, x1, fe64{1}
	var a, b, c, d, e fe64
	swap := uint64(0)
	for i := 254; i >= 0; i-- {
		bit := k[i>>6] >> (i & 63) & 1
		swap ^= bit
		fe64CSwap(&x2, &x3, swap)
		fe64CSwap(&z2, &z3, swap)
		swap = bit
		fe64Add(&a, &x2, &z2)
		fe64Sub(&b, &x2, &z2)
		fe64Add(&c, &x3, &z3)
		fe64Sub(&d, &x3, &z3)
		fe64Mul(&d, &d, &a)
		fe64Mul(&c, &c, &b)
		fe64Sqr(&a, &a, 1)
		fe64Sqr(&b, &b, 1)
		fe64Add(&e, &d, &c)
		fe64Sqr(&x3, &e, 1)
		fe64Sub(&e, &d, &c)
		fe64Sqr(&e, &e, 1)
		fe64Mul(&z3, &e, &x1)
		fe64Mul(&x2, &a, &b)
		fe64Sub(&b, &a, &b)
		fe64Mul121665(&e, &b)
		fe64Add(&e, &e, &a)
		fe64Mul(&z2, &b, &e)
	}
	fe64CSwap(&x2, &x3, swap)
	fe64CSwap(&z2, &z3, swap)
	copy(xz[:4], x2[:])
	copy(xz[4:], z2[:])
}
