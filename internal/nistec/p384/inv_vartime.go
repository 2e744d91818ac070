package p384

import "math/bits"

// Variable-time modular inversion, for public values only (the s of a
// signature being verified, the precomputed multiples of a public key): the
// Bernstein-Yang divsteps of package p256's constant-time safegcd.go ("Fast
// constant-time gcd computation and modular inversion", TCHES 2019; the
// half-delta form and batched layout of libsecp256k1's modinv64,
// https://github.com/bitcoin-core/secp256k1/blob/master/doc/safegcd_implementation.md),
// with seven 62-bit limbs for 384-bit moduli and stopping as soon as g = 0
// instead of after a proven worst-case number of steps: its time depends
// on the input. About four times faster than Fermat's exponentiation
// (expMod) here.
//
// Numbers are in signed base 2^62: seven int64 limbs, the low six in
// [0, 2^62), the top one signed.

const (
	s62Limbs = 7
	m62      = 1<<62 - 1
)

type s62 [s62Limbs]int64

// A modInv62 holds a modulus for inversion.
type modInv62 struct {
	m    s62    // the modulus in base 2^62
	mInv uint64 // m^-1 mod 2^62
}

// fnInv is n for inverseVartime (built from nHex, not fn, so that it does
// not depend on the order of package initialisation).
var fnInv = newModInv62(nHex)

func newModInv62(hexM string) *modInv62 {
	var md modulus
	md.init(hexM)
	m := &md.m
	mi := &modInv62{m: toS62(m)}
	inv := m[0] // m·inv = 1 mod 2^3 for odd m; each step doubles the bits
	for range 5 {
		inv *= 2 - m[0]*inv
	}
	mi.mInv = inv & m62
	return mi
}

func toS62(x *elem) s62 {
	var r s62
	for i := range s62Limbs {
		pos := 62 * i
		limb, off := pos/64, pos%64
		v := x[limb] >> off
		if off > 2 && limb+1 < limbs {
			v |= x[limb+1] << (64 - off)
		}
		r[i] = int64(v & m62)
	}
	return r
}

// fromS62 converts v in [0, 2^384), limbs in [0, 2^62), back to an elem.
func fromS62(v *s62) elem {
	var e elem
	for i := range s62Limbs {
		pos := 62 * i
		limb, off := pos/64, pos%64
		e[limb] |= uint64(v[i]) << off
		if off > 2 && limb+1 < limbs {
			e[limb+1] |= uint64(v[i]) >> (64 - off)
		}
	}
	return e
}

type trans2x2 struct{ u, v, q, r int64 }

// divsteps59 performs 59 divsteps on the low bits of f and g, returning
// the new zeta (= -(delta + 1/2)) and the transition matrix times 2^62.
func divsteps59(zeta int64, f0, g0 uint64, t *trans2x2) int64 {
	u, v, q, r := uint64(8), uint64(0), uint64(0), uint64(8)
	f, g := f0, g0
	for i := 3; i < 62; i++ {
		c1 := uint64(zeta >> 63) // zeta < 0
		c2 := -(g & 1)           // g odd
		x := (f ^ c1) - c1
		y := (u ^ c1) - c1
		z := (v ^ c1) - c1
		g += x & c2
		q += y & c2
		r += z & c2
		c1 &= c2
		zeta = (zeta ^ int64(c1)) - 1
		f += g & c1
		u += q & c1
		v += r & c1
		g >>= 1
		u <<= 1
		v <<= 1
	}
	t.u, t.v, t.q, t.r = int64(u), int64(v), int64(q), int64(r)
	return zeta
}

// acc128 is a signed 128-bit accumulator.
type acc128 struct {
	hi int64
	lo uint64
}

// mulAdd adds a·b (signed) to the accumulator.
func (c *acc128) mulAdd(a, b int64) {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	h := int64(hi) - (a>>63)&b - (b>>63)&a // signed correction
	var carry uint64
	c.lo, carry = bits.Add64(c.lo, lo, 0)
	c.hi += h + int64(carry)
}

func (c *acc128) low62() int64 { return int64(c.lo & m62) }

func (c *acc128) shr62() {
	c.lo = c.lo>>62 | uint64(c.hi)<<2
	c.hi >>= 62
}

// updateFG sets (f, g) = t·(f, g) / 2^62 (exact).
func updateFG(f, g *s62, t *trans2x2) {
	var cf, cg acc128
	cf.mulAdd(t.u, f[0])
	cf.mulAdd(t.v, g[0])
	cg.mulAdd(t.q, f[0])
	cg.mulAdd(t.r, g[0])
	cf.shr62()
	cg.shr62()
	for i := 1; i < s62Limbs; i++ {
		fi, gi := f[i], g[i]
		cf.mulAdd(t.u, fi)
		cf.mulAdd(t.v, gi)
		cg.mulAdd(t.q, fi)
		cg.mulAdd(t.r, gi)
		f[i-1] = cf.low62()
		g[i-1] = cg.low62()
		cf.shr62()
		cg.shr62()
	}
	f[s62Limbs-1] = int64(cf.lo)
	g[s62Limbs-1] = int64(cg.lo)
}

// updateDE sets (d, e) = t·(d, e) / 2^62 mod m, adding multiples of m to
// make the division exact and keep d, e in (-2m, m).
func (mi *modInv62) updateDE(d, e *s62, t *trans2x2) {
	sd, se := d[s62Limbs-1]>>63, e[s62Limbs-1]>>63
	md := (t.u & sd) + (t.v & se)
	me := (t.q & sd) + (t.r & se)
	var cd, ce acc128
	cd.mulAdd(t.u, d[0])
	cd.mulAdd(t.v, e[0])
	ce.mulAdd(t.q, d[0])
	ce.mulAdd(t.r, e[0])
	// Choose md, me so that the low 62 bits of cd + m·md, ce + m·me vanish.
	md -= int64((mi.mInv*cd.lo + uint64(md)) & m62)
	me -= int64((mi.mInv*ce.lo + uint64(me)) & m62)
	cd.mulAdd(mi.m[0], md)
	ce.mulAdd(mi.m[0], me)
	cd.shr62()
	ce.shr62()
	for i := 1; i < s62Limbs; i++ {
		di, ei := d[i], e[i]
		cd.mulAdd(t.u, di)
		cd.mulAdd(t.v, ei)
		cd.mulAdd(mi.m[i], md)
		ce.mulAdd(t.q, di)
		ce.mulAdd(t.r, ei)
		ce.mulAdd(mi.m[i], me)
		d[i-1] = cd.low62()
		e[i-1] = ce.low62()
		cd.shr62()
		ce.shr62()
	}
	d[s62Limbs-1] = int64(cd.lo)
	e[s62Limbs-1] = int64(ce.lo)
}

// carry brings the low limbs back into [0, 2^62).
func (r *s62) carry() {
	for i := range s62Limbs - 1 {
		r[i+1] += r[i] >> 62
		r[i] &= m62
	}
}

// normalize maps r in (-2m, m) to [0, m), negated first if sign < 0.
func (mi *modInv62) normalize(r *s62, sign int64) {
	cond := r[s62Limbs-1] >> 63 // add m if r < 0: (-m, m)
	for i := range r {
		r[i] += mi.m[i] & cond
	}
	neg := sign >> 63 // negate if asked: still (-m, m)
	for i := range r {
		r[i] = (r[i] ^ neg) - neg
	}
	r.carry()
	cond = r[s62Limbs-1] >> 63 // add m if negative: [0, m)
	for i := range r {
		r[i] += mi.m[i] & cond
	}
	r.carry()
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
