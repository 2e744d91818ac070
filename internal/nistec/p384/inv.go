package p384

// Modular inversion by the Bernstein-Yang divsteps of divsteps.go (the
// original divstep, delta starting at 1), with seven 62-bit limbs for
// 384-bit moduli:
//   - inverse, in constant time: always 19 batches of 59 divsteps, 1121 >=
//     1110 = floor((49·384 + 57)/17), the number after which g = 0 by
//     theorem 11.2 of Bernstein and Yang, "Fast constant-time gcd
//     computation and modular inversion" (TCHES 2019), for f odd and
//     f² + 4g² <= 5·2^(2·384), which holds for f = m < 2^384, 0 <= g < m;
//     about four times faster than Fermat's exponentiation (expMod) here;
//   - inverseVartime, for public values only (the s of a signature being
//     verified): the same steps, stopping as soon as g = 0, so that its
//     time depends on the input.

// ctBatches is the number of 59-divstep batches of inverse.
const ctBatches = 19

var (
	fpInv, fnInv modInv62 // p and n, set in params.go's init, after fp and fn
	r3P, r3N     elem     // R³ mod p, mod n: from (xR)^-1 to x^-1·R
)

// inverse sets z = x^-1 mod m (0 for 0), for a plain x < m, in constant
// time.
func (mi *modInv62) inverse(z, x *elem) {
	var d, e s62
	e[0] = 1
	f := mi.m
	g := toS62(x)
	zeta := int64(-1)
	var t trans2x2
	for range ctBatches {
		zeta = divsteps59(zeta, uint64(f[0]), uint64(g[0]), &t)
		mi.updateDE(&d, &e, &t)
		updateFG(&f, &g, &t)
	}
	// f = ±1 (or ±m for x = 0, where d = 0): the inverse is sign(f)·d.
	mi.normalize(&d, f[s62Limbs-1])
	*z = fromS62(&d)
}

func (g *s62) isZero() bool {
	var acc int64
	for _, v := range g {
		acc |= v
	}
	return acc == 0
}

// inverseVartime sets z = x^-1 mod m (0 for 0), for a plain (not
// Montgomery) x < m. Variable time: for public x only.
func (mi *modInv62) inverseVartime(z, x *elem) {
	var d, e s62
	e[0] = 1
	f := mi.m
	g := toS62(x)
	zeta := int64(-1)
	var t trans2x2
	// 1110 divsteps suffice (Bernstein-Yang theorem 11.2, see above): 40
	// batches is a wide margin.
	for i := 0; !g.isZero(); i++ {
		if i == 40 {
			panic("nistec: internal error: inversion did not converge")
		}
		zeta = divsteps59(zeta, uint64(f[0]), uint64(g[0]), &t)
		mi.updateDE(&d, &e, &t)
		updateFG(&f, &g, &t)
	}
	// f = ±1 (or ±m for x = 0, where d = 0): the inverse is sign(f)·d.
	mi.normalize(&d, f[s62Limbs-1])
	*z = fromS62(&d)
}
