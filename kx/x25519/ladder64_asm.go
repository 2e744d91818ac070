//go:build (amd64 || arm64) && gc && !purego

package x25519

import (
	"encoding/binary"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

// ladder64 sets xz to x2 and z2 (4 limbs each) of the Montgomery ladder
// (RFC 7748 section 5) on the clamped scalar k and the u-coordinate u, on
// fe64 values. Additions, subtractions and the multiplication by 121665
// are the Go of fe64.go; the multiplications and squarings are this
// architecture's assembly (Fe64Mul, Fe64Sqr) if asmMul, else the Go of
// fe64.go too. Constant time (asmMul is not a secret).
//
// ladder64(..., false) is the Go reference of the assembly ladders: the
// same steps, so xz matches limb for limb. ladder64(..., true) is the
// arm64 ladder (on arm64, Fe64Add and Fe64Sub are the Go ones).
func ladder64(xz *[8]uint64, k *[4]uint64, u *[4]uint64, asmMul bool) {
	// Called directly, the closures are inlined: no indirect calls, and the
	// field elements stay on the stack.
	mul := func(z, x, y *edwards25519.Fe64) {
		if asmMul {
			edwards25519.Fe64Mul(z, x, y)
		} else {
			edwards25519.Fe64MulGeneric(z, x, y)
		}
	}
	sqr := func(z, x *edwards25519.Fe64) {
		if asmMul {
			edwards25519.Fe64Sqr(z, x, 1)
		} else {
			edwards25519.Fe64MulGeneric(z, x, x)
		}
	}
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
		edwards25519.Fe64AddGeneric(&a, &x2, &z2)
		edwards25519.Fe64SubGeneric(&b, &x2, &z2)
		edwards25519.Fe64AddGeneric(&c, &x3, &z3)
		edwards25519.Fe64SubGeneric(&d, &x3, &z3)
		mul(&d, &d, &a)
		mul(&c, &c, &b)
		sqr(&a, &a)
		sqr(&b, &b)
		edwards25519.Fe64AddGeneric(&e, &d, &c)
		sqr(&x3, &e)
		edwards25519.Fe64SubGeneric(&e, &d, &c)
		sqr(&e, &e)
		mul(&z3, &e, &x1)
		mul(&x2, &a, &b)
		edwards25519.Fe64SubGeneric(&b, &a, &b)
		edwards25519.Fe64Mul121665Generic(&e, &b)
		edwards25519.Fe64AddGeneric(&e, &e, &a)
		mul(&z2, &b, &e)
	}
	edwards25519.Fe64CSwap(&x2, &x3, swap)
	edwards25519.Fe64CSwap(&z2, &z3, swap)
	copy(xz[:4], x2[:])
	copy(xz[4:], z2[:])
}

// scalarWords returns the clamped scalar as 4 little-endian words.
func scalarWords(scalar *[32]byte) [4]uint64 {
	k := *scalar
	clamp(&k)
	return [4]uint64{
		binary.LittleEndian.Uint64(k[0:]), binary.LittleEndian.Uint64(k[8:]),
		binary.LittleEndian.Uint64(k[16:]), binary.LittleEndian.Uint64(k[24:]),
	}
}
