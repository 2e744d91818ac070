// Package safegcd is the constant-time modular inversion by Bernstein-Yang
// divsteps ("Fast constant-time gcd computation and modular inversion",
// TCHES 2019) shared by internal/edwards25519 (mod 2^255-19) and
// internal/nistec/p256 and p384 (mod p and mod n), in the batched layout
// described for libsecp256k1's modinv64
// (https://github.com/bitcoin-core/secp256k1/blob/master/doc/safegcd_implementation.md).
//
// The steps run in batches of 59 on the low 64 bits of f and g
// (Divsteps59); each batch yields a 2x2 matrix of int64 entries, scaled by
// 2^62, which is applied to the full f, g (divided by 2^62, exactly:
// UpdateFG) and to the coefficients d, e (divided by 2^62 mod m by adding
// a multiple of m, as in Montgomery reduction: Modulus.UpdateDE). The
// invariants are d·x = f and e·x = g (mod m); after enough batches g = 0
// and f = ±1 (or f = ±m for x = 0, with d = 0), so 1/x = d·f.
//
// Numbers are signed integers in base 2^62: x = sum x[i]·2^(62·i), the
// low limbs in [0, 2^62), the top one signed. Five limbs hold the values
// of the inversions mod m < 2^256, seven mod m < 2^384 (Limbs). Every
// function runs in constant time (fixed loop counts, masks instead of
// branches) except Modulus.InvertVartime.
//
// The users keep their own loops over the batches where they have
// assembly for parts of a batch (internal/nistec/p256 for "adx",
// internal/edwards25519 on amd64: see their Go glue); those kernels are
// tested against the Go functions of this package.
package safegcd

import "math/bits"

// Limbs is the type set of the numbers: five 62-bit limbs for moduli below
// 2^256, seven below 2^384 (room for the modulus and a sign).
type Limbs interface{ ~[5]int64 | ~[7]int64 }

// Mask62 is 2^62 - 1, the mask of a low limb.
const Mask62 = 1<<62 - 1

// Matrix is the transition matrix of a batch of divsteps, scaled by 2^62:
// 2^62·(f', g') = [[U, V], [Q, R]]·(f, g), with |U|+|V| <= 2^62 and
// |Q|+|R| <= 2^62. Its layout is the [4]int64 of the assembly kernels.
type Matrix struct{ U, V, Q, R int64 }

// A Variant is the form of the divstep, set by the start value of delta.
// Both run the same step, in zeta, a function of delta: with c1 the mask
// of delta > 0 (zeta < 0) and c2 that of g odd, g += c2 & (f, negated
// under c1); under c1 & c2 (the swap) f becomes the old g and delta
// 1 - delta, else delta becomes 1 + delta; then g /= 2.
type Variant int64

const (
	// HalfDelta starts from delta = 1/2 and keeps zeta = -(delta + 1/2)
	// (Wuille's form for libsecp256k1): 590 divsteps, 10 batches, bring g
	// to 0 for every 0 <= g <= f < 2^256, f odd (the computer-checked
	// bound of sipa/safegcd-bounds). The assembly kernels run this one.
	HalfDelta Variant = 0
	// Original starts from delta = 1 and keeps zeta = -delta (Bernstein
	// and Yang): floor((49·b + 57)/17) divsteps (floor((49·b + 80)/17)
	// for b < 46) bring g to 0 for f odd and f² + 4g² <= 5·2^(2b)
	// (theorem 11.2), so for 0 <= g < f < 2^b.
	Original Variant = 1
)

// Divsteps59 runs 59 half-delta divsteps on the low bits of f and g (f
// odd) from zeta = -(delta + 1/2), writes the matrix to t and returns the
// new zeta. Only the low 59 bits of f and g matter. It is the Go
// reference of the assembly kernels divsteps59SSE2 (asm/internal/safegcd)
// and divsteps59CMOV (asm/p256).
//
// The matrix starts at 8·I, so that it is scaled by 2^62 at the end;
// after i steps it holds 2^(i+3) times the map from the initial f, g to
// the current ones, and the lowest 64-i bits of the running f and g are
// exact.
func Divsteps59(zeta int64, f, g uint64, t *Matrix) int64 {
	zeta, *t = divsteps59(zeta, f, g)
	return zeta
}

// Divsteps59Original is Divsteps59 for the Original variant, from zeta =
// -delta.
func Divsteps59Original(zeta int64, f, g uint64, t *Matrix) int64 {
	zeta, *t = divsteps59Original(zeta, f, g)
	return zeta
}

// divsteps59 and divsteps59Original return the matrix by value: with the
// pointer of Divsteps59 live across the loop, the compiler spilled loop
// variables to the stack.

func divsteps59(zeta int64, f, g uint64) (int64, Matrix) {
	u, v, q, r := int64(8), int64(0), int64(0), int64(8)
	for range 59 {
		var swap int64
		f, g, u, v, q, r, swap = divstep(zeta>>63, -int64(g&1), f, g, u, v, q, r)
		zeta = (zeta ^ swap) - 1 // -zeta - 2 or zeta - 1
	}
	return zeta, Matrix{u, v, q, r}
}

func divsteps59Original(zeta int64, f, g uint64) (int64, Matrix) {
	u, v, q, r := int64(8), int64(0), int64(0), int64(8)
	for range 59 {
		var swap int64
		f, g, u, v, q, r, swap = divstep(zeta>>63, -int64(g&1), f, g, u, v, q, r)
		zeta = (zeta ^ swap) - 1 - swap // -zeta - 1 or zeta - 1
	}
	return zeta, Matrix{u, v, q, r}
}

// divstep runs one divstep on f, g and the matrix [[u, v], [q, r]], for
// c1 the mask of delta > 0 and c2 that of g odd, and doubles the f row of
// the matrix; it returns the mask of the swap, with which the caller
// updates zeta (the only difference between the variants). The negations
// depend on delta only, off the dependency chain through g.
func divstep(c1, c2 int64, f, g uint64, u, v, q, r int64) (uint64, uint64, int64, int64, int64, int64, int64) {
	nf := (f ^ uint64(c1)) - uint64(c1)
	nu := (u ^ c1) - c1
	nv := (v ^ c1) - c1
	g += nf & uint64(c2)
	q += nu & c2
	r += nv & c2
	c1 &= c2            // swap
	f += g & uint64(c1) // f + (g - f) = old g
	u += q & c1
	v += r & c1
	return f, g >> 1, u << 1, v << 1, q, r, c1
}

// i128 is a signed 128-bit accumulator.
type i128 struct {
	hi int64
	lo uint64
}

// mulS returns a·b as an i128.
func mulS(a, b int64) i128 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	hi -= uint64(a>>63)&uint64(b) + uint64(b>>63)&uint64(a)
	return i128{int64(hi), lo}
}

// mulSU returns a·b as an i128 for 0 <= b < 2^63 (a low limb).
func mulSU(a, b int64) i128 {
	hi, lo := bits.Mul64(uint64(a), uint64(b))
	hi -= uint64(a>>63) & uint64(b)
	return i128{int64(hi), lo}
}

func (a i128) add(b i128) i128 {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	return i128{a.hi + b.hi + int64(c), lo}
}

// shr62 returns a >> 62 (arithmetic).
func (a i128) shr62() i128 {
	return i128{a.hi >> 62, a.lo>>62 | uint64(a.hi)<<2}
}

// UpdateFG sets (f, g) = t·(f, g) / 2^62, exact (the low 62 bits of
// t·(f, g) are zero after the batch that made t). The low limbs of f and g
// must be in [0, 2^62); they are again on return.
func UpdateFG[S Limbs](f, g *S, t *Matrix) {
	n := len(*f)
	cf := mulSU(t.U, (*f)[0]).add(mulSU(t.V, (*g)[0])).shr62()
	cg := mulSU(t.Q, (*f)[0]).add(mulSU(t.R, (*g)[0])).shr62()
	for i := 1; i < n-1; i++ {
		cf = cf.add(mulSU(t.U, (*f)[i])).add(mulSU(t.V, (*g)[i]))
		cg = cg.add(mulSU(t.Q, (*f)[i])).add(mulSU(t.R, (*g)[i]))
		(*f)[i-1] = int64(cf.lo & Mask62)
		(*g)[i-1] = int64(cg.lo & Mask62)
		cf, cg = cf.shr62(), cg.shr62()
	}
	// The top limbs are signed.
	cf = cf.add(mulS(t.U, (*f)[n-1])).add(mulS(t.V, (*g)[n-1]))
	cg = cg.add(mulS(t.Q, (*f)[n-1])).add(mulS(t.R, (*g)[n-1]))
	(*f)[n-2], (*g)[n-2] = int64(cf.lo&Mask62), int64(cg.lo&Mask62)
	cf, cg = cf.shr62(), cg.shr62()
	(*f)[n-1], (*g)[n-1] = int64(cf.lo), int64(cg.lo)
}

// A Modulus is an odd modulus m, ready for inversion. The zero value is
// not valid: use NewModulus.
type Modulus[S Limbs] struct {
	M       S       // m, limbs in [0, 2^62)
	MInv    uint64  // m^-1 mod 2^62
	Variant Variant // the divstep of Batch, Invert and InvertVartime
	Batches int     // batches of 59 divsteps that bring g to 0

	// m = low + sum M[i]·2^(62·i) for 0 < i < n-1 + top·2^(62·(n-1)),
	// n = len(S); with sparse, m = low + top·2^(62·(n-1)): the middle
	// limbs of M are all ones (m = 2^k - c, as 2^255 - 19), and UpdateDE
	// skips them.
	low, top int64
	sparse   bool
}

// NewModulus returns m, odd, given as little-endian 64-bit words, for the
// divstep variant v. It panics if m is even, too large for S, or too large
// for the proven bound of v (HalfDelta: 256 bits).
func NewModulus[S Limbs](m []uint64, v Variant) *Modulus[S] {
	if len(m) == 0 || m[0]&1 == 0 {
		panic("safegcd: even modulus")
	}
	b := 0 // the bit length of m
	for i, w := range m {
		if w != 0 {
			b = 64*i + bits.Len64(w)
		}
	}
	mi := &Modulus[S]{M: FromWords[S](m), Variant: v}
	// Room for the values in (-2m, m) and their sign, and for ToWords,
	// which reads one limb beyond the words it writes.
	if b > 62*len(mi.M)-2 || (b+63)/64 > len(mi.M)-1 {
		panic("safegcd: modulus too large for its limbs")
	}
	switch v {
	case HalfDelta:
		if b > 256 {
			panic("safegcd: half-delta bound only known up to 256 bits")
		}
		mi.Batches = 10 // 590 divsteps
	case Original:
		steps := (49*b + 57) / 17 // theorem 11.2 for b >= 46
		if b < 46 {
			steps = (49*b + 80) / 17
		}
		mi.Batches = (steps + 58) / 59
	default:
		panic("safegcd: unknown variant")
	}
	n := len(mi.M)
	mi.low, mi.top, mi.sparse = mi.M[0], mi.M[n-1], true
	for i := 1; i < n-1; i++ {
		mi.sparse = mi.sparse && mi.M[i] == Mask62
	}
	if mi.sparse { // (2^62 - 1)·(2^62 + ... + 2^(62·(n-2))) = 2^(62·(n-1)) - 2^62
		mi.low -= 1 << 62
		mi.top++
	}
	inv := m[0] // m·inv = 1 mod 2^3 for odd m; each step doubles the bits
	for range 5 {
		inv *= 2 - m[0]*inv
	}
	mi.MInv = inv & Mask62
	return mi
}

// FromWords returns x, little-endian 64-bit words, in 62-bit limbs. x must
// fit: below 2^(62·len(S) - 1). Limb i > 0 is bits 64 - 2i of word i-1
// and up.
func FromWords[S Limbs](x []uint64) S {
	var r S
	r[0] = int64(x[0] & Mask62)
	for i := 1; i < len(r); i++ {
		var v uint64
		if i <= len(x) {
			v = x[i-1] >> ((64 - 2*uint(i)) & 63)
		}
		if i < len(x) {
			v |= x[i] << (2 * uint(i) & 63)
		}
		r[i] = int64(v & Mask62)
	}
	return r
}

// ToWords sets z, little-endian 64-bit words, to a, with limbs in
// [0, 2^62) and a below 2^(64·len(z)), len(z) < len(S). Word j is bits
// 2j of limb j and up.
func ToWords[S Limbs](z []uint64, a *S) {
	for j := range z {
		z[j] = uint64((*a)[j])>>(2*uint(j)&63) | uint64((*a)[j+1])<<((62-2*uint(j))&63)
	}
}

// UpdateDE sets (d, e) = t·(d, e) / 2^62 mod m. On input and output
// -2m < d, e < m, with the low limbs in [0, 2^62). First m is added to d
// and e where they are negative (in effect: U or Q times m to the row
// sums), which puts both products below 2^62·m in size; then k·m with k
// in [0, 2^62) is subtracted so that the low 62 bits vanish: the quotient
// by 2^62 is again in (-2m, m). For a sparse m (2^255 - 19) k·m costs
// two products instead of n.
func (mi *Modulus[S]) UpdateDE(d, e *S, t *Matrix) {
	n := len(*d)
	m := &mi.M
	sd, se := (*d)[n-1]>>63, (*e)[n-1]>>63 // all ones iff negative
	md := t.U&sd + t.V&se
	me := t.Q&sd + t.R&se
	cd := mulSU(t.U, (*d)[0]).add(mulSU(t.V, (*e)[0]))
	ce := mulSU(t.Q, (*d)[0]).add(mulSU(t.R, (*e)[0]))
	// Choose md, me so that cd + md·m = 0 mod 2^62 (and ce, me).
	md -= int64((mi.MInv*cd.lo + uint64(md)) & Mask62)
	me -= int64((mi.MInv*ce.lo + uint64(me)) & Mask62)
	cd = cd.add(mulS(md, mi.low)).shr62()
	ce = ce.add(mulS(me, mi.low)).shr62()
	for i := 1; i < n-1; i++ {
		cd = cd.add(mulSU(t.U, (*d)[i])).add(mulSU(t.V, (*e)[i]))
		ce = ce.add(mulSU(t.Q, (*d)[i])).add(mulSU(t.R, (*e)[i]))
		if !mi.sparse {
			cd = cd.add(mulSU(md, (*m)[i]))
			ce = ce.add(mulSU(me, (*m)[i]))
		}
		(*d)[i-1] = int64(cd.lo & Mask62)
		(*e)[i-1] = int64(ce.lo & Mask62)
		cd, ce = cd.shr62(), ce.shr62()
	}
	// The top limbs of d and e are signed.
	cd = cd.add(mulS(t.U, (*d)[n-1])).add(mulS(t.V, (*e)[n-1])).add(mulSU(md, mi.top))
	ce = ce.add(mulS(t.Q, (*d)[n-1])).add(mulS(t.R, (*e)[n-1])).add(mulSU(me, mi.top))
	(*d)[n-2], (*e)[n-2] = int64(cd.lo&Mask62), int64(ce.lo&Mask62)
	cd, ce = cd.shr62(), ce.shr62()
	(*d)[n-1], (*e)[n-1] = int64(cd.lo), int64(ce.lo)
}

// normalize sets r = sign·r mod m in [0, m), for r in (-2m, m) and sign
// the top limb of f = ±1 or ±m (only its sign counts): add m if r < 0,
// which gives (-m, m), negate if sign < 0, add m again if negative. The
// carries into the next limb go along in the same loops.
func (mi *Modulus[S]) normalize(r *S, sign int64) {
	n := len(*r)
	add, neg := (*r)[n-1]>>63, sign>>63
	var c int64
	for i := range n - 1 {
		x := (*r)[i] + mi.M[i]&add
		x = (x ^ neg) - neg + c
		(*r)[i], c = x&Mask62, x>>62
	}
	x := (*r)[n-1] + mi.M[n-1]&add
	(*r)[n-1] = (x ^ neg) - neg + c
	add, c = (*r)[n-1]>>63, 0
	for i := range n - 1 {
		x := (*r)[i] + mi.M[i]&add + c
		(*r)[i], c = x&Mask62, x>>62
	}
	(*r)[n-1] += mi.M[n-1]&add + c
}

// A State is an inversion under way: f, g, d, e and zeta.
type State[S Limbs] struct {
	F, G, D, E S
	Zeta       int64
}

// Start sets s to the start of the inversion of x (little-endian words,
// 0 <= x < m): f = m, g = x, d = 0, e = 1, zeta = -1 (delta = 1/2 or 1).
func (mi *Modulus[S]) Start(s *State[S], x []uint64) {
	s.F, s.G, s.Zeta = mi.M, FromWords[S](x), -1
	for i := range len(s.D) {
		s.D[i], s.E[i] = 0, 0
	}
	s.E[0] = 1
}

// Batch runs one batch: 59 divsteps on the low words of f and g, then the
// matrix applied to d, e (UpdateDE) and f, g (UpdateFG). It is the Go
// reference of the assembly batches of the users.
func (mi *Modulus[S]) Batch(s *State[S]) {
	var t Matrix
	if mi.Variant == HalfDelta {
		s.Zeta = Divsteps59(s.Zeta, uint64(s.F[0]), uint64(s.G[0]), &t)
	} else {
		s.Zeta = Divsteps59Original(s.Zeta, uint64(s.F[0]), uint64(s.G[0]), &t)
	}
	mi.UpdateDE(&s.D, &s.E, &t)
	UpdateFG(&s.F, &s.G, &t)
}

// Finish sets z (little-endian words) to the inverse at the end of the
// batches, when g = 0 and f = ±1 (or ±m for x = 0, where d = 0): sign(f)·d
// mod m, in [0, m).
func (mi *Modulus[S]) Finish(z []uint64, s *State[S]) {
	d := s.D
	mi.normalize(&d, s.F[len(s.F)-1])
	ToWords(z, &d)
}

// Invert sets z = x^-1 mod m (0 for x = 0), for 0 <= x < m, both
// little-endian words; z may alias x. It runs in constant time: always
// mi.Batches batches.
func (mi *Modulus[S]) Invert(z, x []uint64) {
	var s State[S]
	mi.Start(&s, x)
	for range mi.Batches {
		mi.Batch(&s)
	}
	mi.Finish(z, &s)
}

// InvertVartime is Invert, stopping as soon as g = 0: its time depends on
// x, which must be public.
func (mi *Modulus[S]) InvertVartime(z, x []uint64) {
	var s State[S]
	var zero S
	mi.Start(&s, x)
	for i := 0; s.G != zero; i++ {
		if i == mi.Batches {
			panic("safegcd: internal error: inversion did not converge")
		}
		mi.Batch(&s)
	}
	mi.Finish(z, &s)
}
