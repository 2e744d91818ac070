// Package p384 is the field and group arithmetic of the NIST P-384 curve
// (y² = x³ - 3x + b over GF(p), p = 2^384 - 2^128 - 2^96 + 2^32 - 1) and
// the ECDSA operations built on it, for sig/ecdsa.
//
// It shares package p256's Go code (see there for the design): both are
// generated from the templates of ../_tmpl by ../generate.go, with 6 limbs
// here; the files written by hand are this one, p384_amd64.go, inv.go
// and stdlib_test.go. The differences: inversions by Bernstein-Yang's
// original divstep with its proven bound (inv.go; p256 uses the half-delta
// form), and in variable time for verification; 6-bit fixed-base windows (65 tables of 32
// points); its own assembly generator, asm/p384: a multiplication mod p
// with a reduction specialised to p, whole point operations and window
// steps, AVX2 table scans; no arm64 assembly. Registered with package
// dispatch as "p384": "adx" (BMI2, ADX, AVX2) and "generic".
package p384

import (
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

//go:generate go run ../generate.go -curve p384

// P-384 (NIST SP 800-186 3.2.1.4, SEC 2 secp384r1) parameters, big-endian hex.
const (
	limbs   = 6             // 64-bit limbs of a field element or scalar
	byteLen = 48            // bytes of an encoded field element or scalar
	bitLen  = 384           // bits of p and of n
	ptLen   = 1 + 2*byteLen // uncompressed point encoding
	curveID = "P-384"       // name in errors
	pHex    = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffeffffffff0000000000000000ffffffff"
	nHex    = "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973"
	bHex    = "b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875ac656398d8a2ed19d2a85c8edd3ec2aef"
	gxHex   = "aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a385502f25dbf55296c3a545e3872760ab7"
	gyHex   = "3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c00a60b1ce1d7e819d7a431d7c90ea0e5f"
	algName = "p384" // dispatch algorithm name
	baseW   = 6      // window of fixed-base multiplication: 65 tables of 32 points
)

// impls are the implementations of this package, fastest first.
var impls = []impl.Impl{
	{Name: nameADX, Arch: "amd64", Features: []cpu.Feature{cpu.BMI2, cpu.ADX, cpu.AVX2},
		Desc: "MULX/ADCX/ADOX field and point arithmetic, P-384 reduction, AVX2 table scans (avo)"},
	{Name: nameGeneric,
		Desc: "Montgomery multiplication in Go (math/bits)"},
}

func init() { // after field.go's init of fp and fn
	fpInv = newModulus(&fp.m)
	fnInv = newModulus(&fn.m)
	montMulGeneric(&r3P, &fp.rr, &fp.rr, &fp.m, fp.m0inv)
	montMulGeneric(&r3N, &fn.rr, &fn.rr, &fn.m, fn.m0inv)
}

// finv sets z = x^-1 mod p (0 for 0) for x in the Montgomery domain, in
// constant time (divsteps, inv.go).
func (im Impl) finv(z, x *elem) {
	var t elem
	fpInv.Invert(t[:], x[:]) // x = a·R: t = a^-1·R^-1
	im.fmul(z, &t, &r3P)     // a^-1·R
}

// ninv sets z = x^-1 mod n (0 for 0) for x in the Montgomery domain mod n,
// in constant time.
func (im Impl) ninv(z, x *elem) {
	var t elem
	fnInv.Invert(t[:], x[:])
	montMul(im, z, &t, &r3N, &fn)
}

// ninvPublic and finvPublic are ninv and finv for a public x
// (verification), in variable time.
func (im Impl) ninvPublic(z, x *elem) {
	var t elem
	fnInv.InvertVartime(t[:], x[:])
	montMul(im, z, &t, &r3N, &fn)
}

func (im Impl) finvPublic(z, x *elem) {
	var t elem
	fpInv.InvertVartime(t[:], x[:])
	im.fmul(z, &t, &r3P)
}
