// Package p384 is the field and group arithmetic of the NIST P-384 curve
// (y² = x³ - 3x + b over GF(p), p = 2^384 - 2^128 - 2^96 + 2^32 - 1) and
// the ECDSA operations built on it, for sig/ecdsa.
//
// It is package p256 with 6 limbs: every file but this one is derived from
// ../p256 by ../mk384.sh (see there for the design). Registered with package
// dispatch as "p384": "adx" and "generic".
package p384

import "github.com/tlscore/tlscore/dispatch"

//go:generate sh ../mk384.sh
//go:generate go run ../genmul.go -limbs 6 -pkg p384 -out p384_generic.go

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
var impls = []dispatch.Impl{
	{Name: "adx", Arch: "amd64", Features: []string{"bmi2", "adx"},
		Desc: "Montgomery multiplication with MULX/ADCX/ADOX (avo)"},
	{Name: "generic",
		Desc: "Montgomery multiplication in Go (math/bits)"},
}

// finv sets z = x^-1 = x^(p-2) mod p (0 for 0), by Fermat's little theorem.
func (im Impl) finv(z, x *elem) { expMod(im, z, x, &fp.mm2, &fp) }

// ninv sets z = x^-1 = x^(n-2) mod n for x in the Montgomery domain mod n.
func (im Impl) ninv(z, x *elem) { expMod(im, z, x, &fn.mm2, &fn) }
