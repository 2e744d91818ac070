package p384

import "github.com/tlscore/tlscore/internal/safegcd"

// Modular inversion by the Bernstein-Yang divsteps of internal/safegcd,
// with the original divstep (delta starting at 1) and seven 62-bit limbs
// for 384-bit moduli:
//   - finv, ninv, in constant time: always 19 batches of 59 divsteps
//     (safegcd.Modulus.Invert), 1121 >= 1110 = floor((49·384 + 57)/17),
//     the number after which g = 0 by theorem 11.2 of Bernstein and Yang,
//     "Fast constant-time gcd computation and modular inversion" (TCHES
//     2019), for f odd and f² + 4g² <= 5·2^(2·384), which holds for
//     f = m < 2^384, 0 <= g < m; about four times faster than Fermat's
//     exponentiation (expMod) here;
//   - finvPublic, ninvPublic, for public values only (the s of a signature
//     being verified): the same steps, stopping as soon as g = 0, so that
//     their time depends on the input (safegcd.Modulus.InvertVartime).

// s62 is a number of the inversion: seven signed 62-bit limbs.
type s62 = [7]int64

var (
	fpInv, fnInv *safegcd.Modulus[s62] // p and n, set in params.go's init, after fp and fn
	r3P, r3N     elem                  // R³ mod p, mod n: from (xR)^-1 to x^-1·R
)

// newModulus returns the odd modulus m ready for inversion.
func newModulus(m *elem) *safegcd.Modulus[s62] {
	return safegcd.NewModulus[s62](m[:], safegcd.Original)
}
