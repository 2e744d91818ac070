package x25519

import (
	"encoding/binary"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

// ladder64Generic is the Go reference of the assembly ladders: the same
// steps on fe64 values, so xz matches limb for limb.
func ladder64Generic(xz *[8]uint64, k *[4]uint64, u *[4]uint64) {
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
		edwards25519.Fe64MulGeneric(&d, &d, &a)
		edwards25519.Fe64MulGeneric(&c, &c, &b)
		edwards25519.Fe64MulGeneric(&a, &a, &a)
		edwards25519.Fe64MulGeneric(&b, &b, &b)
		edwards25519.Fe64AddGeneric(&e, &d, &c)
		edwards25519.Fe64MulGeneric(&x3, &e, &e)
		edwards25519.Fe64SubGeneric(&e, &d, &c)
		edwards25519.Fe64MulGeneric(&e, &e, &e)
		edwards25519.Fe64MulGeneric(&z3, &e, &x1)
		edwards25519.Fe64MulGeneric(&x2, &a, &b)
		edwards25519.Fe64SubGeneric(&b, &a, &b)
		edwards25519.Fe64Mul121665Generic(&e, &b)
		edwards25519.Fe64AddGeneric(&e, &e, &a)
		edwards25519.Fe64MulGeneric(&z2, &b, &e)
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
