package p384

// Variable-time modular inversion, for public values only (the s of a
// signature being verified): the divsteps of divsteps.go, with seven
// 62-bit limbs for 384-bit moduli, stopping as soon as g = 0 instead of
// after a proven worst-case number of batches, so that its time depends
// on the input. About four times faster than Fermat's exponentiation
// (expMod) here.

// fnInv is n ready for inverseVartime (set in params.go's init, after fn).
var fnInv modInv62

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
	// 1110 divsteps suffice for 384-bit inputs (Bernstein-Yang theorem
	// 11.2, stated for the original divstep; the half-delta form needs
	// fewer in practice): 40 batches is a wide margin.
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
