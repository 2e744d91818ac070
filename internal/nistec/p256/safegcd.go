package p256

// Constant-time modular inversion by the Bernstein-Yang divsteps of
// divsteps.go: always 10 batches of 59 divsteps (590 >= the bound for
// 256-bit inputs), about six times faster than Fermat's exponentiation
// and, like it, without secret-dependent branches or memory accesses.

// inverse sets z = x^-1 mod m (0 for 0), for x < m, in constant time,
// with im's divsteps and matrix updates (assembly for "adx").
func (mi *modInv62) inverse(im Impl, z, x *elem) {
	var d, e s62
	e[0] = 1
	f := mi.m
	g := toS62(x)
	zeta := int64(-1)
	var t trans2x2
	for range 10 {
		zeta = divsteps(im, zeta, uint64(f[0]), uint64(g[0]), &t)
		if !updateDEAsm(im, mi, &d, &e, &t) {
			mi.updateDE(&d, &e, &t)
		}
		if !updateFGAsm(im, &f, &g, &t) {
			updateFG(&f, &g, &t)
		}
	}
	// f = ±1 (or ±m for x = 0, where d = 0): the inverse is sign(f)·d.
	mi.normalize(&d, f[s62Limbs-1])
	*z = fromS62(&d)
}
