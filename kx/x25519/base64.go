//go:build (amd64 || arm64) && gc && !purego

package x25519

import "github.com/tlscore/tlscore/internal/edwards25519"

// scalarBaseMult64 sets dst = X25519(scalar, 9) = u([clamp(scalar)]B) with
// the 4 x 64-bit fixed-base code of internal/edwards25519.
func scalarBaseMult64(dst, scalar *[32]byte) {
	k := *scalar
	clamp(&k)
	var p edwards25519.ExtPoint64
	edwards25519.ScalarBaseMult64(&p, &k)
	// u = (1+y)/(1-y) = (Z+Y)/(Z-Y).
	var num, den edwards25519.Fe64
	edwards25519.Fe64Add(&num, &p.Z, &p.Y)
	edwards25519.Fe64Sub(&den, &p.Z, &p.Y)
	edwards25519.Fe64Invert(&den, &den)
	edwards25519.Fe64Mul(&num, &num, &den)
	edwards25519.Fe64ToBytes(dst, &num)
}
