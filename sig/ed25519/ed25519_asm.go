//go:build (amd64 || arm64) && gc && !purego

package ed25519

import (
	"crypto/subtle"

	"github.com/tlscore/tlscore/internal/edwards25519"
)

// The 4 x 64-bit implementations ("adx" on amd64, "arm64"): the algorithms
// of ed25519_generic.go on edwards25519.Fe64, whose multiplication,
// squaring, addition and subtraction are assembly (MULX/ADCX/ADOX, or
// MUL/UMULH), as are the fixed-base table scan and mixed addition on amd64.

// baseMult64 writes the encoding of [k]B with the 4 x 64-bit fixed-base
// table. Constant time.
func baseMult64(out *[32]byte, k *scalar) {
	var kb [32]byte
	k.bytes(&kb)
	var p edwards25519.ExtPoint64
	edwards25519.ScalarBaseMult64(&p, &kb)
	edwards25519.Encode64(out, &p.X, &p.Y, &p.Z)
}

// verify64 is verifyGeneric on Fe64 limbs, with whole point operations
// from the architecture (DoubleArch, AddCachedArch, AddNielsArch: one
// assembly call each on amd64). Variable time.
func verify64(R, a *[32]byte, k, s *scalar) bool {
	var A edwards25519.ExtPoint64
	if !edwards25519.Decompress64(&A, a) {
		return false
	}
	edwards25519.Fe64Neg(&A.X, &A.X)
	edwards25519.Fe64Neg(&A.T, &A.T)
	var tA [8]edwards25519.Cached64
	edwards25519.OddMultiples64(tA[:], &A)
	tB := edwards25519.BaseOddMultiples64()
	kn := k.nonAdjacentForm(5)
	sn := s.nonAdjacentForm(8)
	i := 255
	for i >= 0 && kn[i] == 0 && sn[i] == 0 {
		i--
	}
	r := edwards25519.ExtPoint64{Y: edwards25519.Fe64{1}, Z: edwards25519.Fe64{1}}
	for ; i >= 0; i-- {
		kd, sd := kn[i], sn[i]
		edwards25519.DoubleArch(&r, kd != 0 || sd != 0)
		if kd > 0 {
			edwards25519.AddCachedArch(&r, &tA[kd/2])
		} else if kd < 0 {
			c := tA[(-kd)/2]
			c.YplusX, c.YminusX = c.YminusX, c.YplusX
			edwards25519.Fe64Neg(&c.T2d, &c.T2d)
			edwards25519.AddCachedArch(&r, &c)
		}
		if sd > 0 {
			edwards25519.AddNielsArch(&r, &tB[sd/2])
		} else if sd < 0 {
			n := tB[(-sd)/2]
			n.YplusX, n.YminusX = n.YminusX, n.YplusX
			edwards25519.Fe64Neg(&n.XY2d, &n.XY2d)
			edwards25519.AddNielsArch(&r, &n)
		}
	}
	var enc [32]byte
	edwards25519.Encode64(&enc, &r.X, &r.Y, &r.Z)
	return subtle.ConstantTimeCompare(enc[:], R[:]) == 1
}
