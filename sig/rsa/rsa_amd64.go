//go:build amd64 && gc && !purego

package rsa

import (
	"math/big"
	"math/bits"
)

//go:generate go run -C ../../asm/rsa . -out ../../sig/rsa/rsa_amd64.s -stubs ../../sig/rsa/rsa_amd64_stubs.go -pkg rsa

// kernels returns the Montgomery multiplication and squaring for k-word
// moduli of implementation impl: MULX/ADCX/ADOX for 16, 24, 32, 48 and 64
// words when the CPU has them ("adx", and "avx512ifma" outside its own
// exponentiation), else the generic code.
func kernels(impl string, k int) (mul, sqr mulFunc) {
	if impl == implADX || impl == implAVX512IFMA {
		if f := adxKernel(k); f != nil {
			return f, adxSqrKernel(k, f)
		}
	}
	return montMulGeneric, montSqrGeneric
}

func adxKernel(k int) mulFunc {
	switch k {
	case 16:
		return mulADX16
	case 24:
		return mulADX24
	case 32:
		return mulADX32
	case 48:
		return mulADX48
	case 64:
		return mulADX64
	}
	return nil
}

// adxSqrKernel returns the squaring for k words (mul with x == y where
// there is no dedicated squaring).
func adxSqrKernel(k int, mul mulFunc) mulFunc {
	switch k {
	case 16:
		return sqrADX16
	case 24:
		return sqrADX24
	case 32:
		return sqrADX32
	}
	return mul
}

func sqrADX16(z, x, _ []uint64, m *modulus) {
	montSqrADX16((*[16]uint64)(z), (*[16]uint64)(x), (*[16]uint64)(m.n), m.m0inv)
}

func sqrADX24(z, x, _ []uint64, m *modulus) {
	montSqrADX24((*[24]uint64)(z), (*[24]uint64)(x), (*[24]uint64)(m.n), m.m0inv)
}

func sqrADX32(z, x, _ []uint64, m *modulus) {
	montSqrADX32((*[32]uint64)(z), (*[32]uint64)(x), (*[32]uint64)(m.n), m.m0inv)
}

func mulADX16(z, x, y []uint64, m *modulus) {
	montMulADX16((*[16]uint64)(z), (*[16]uint64)(x), (*[16]uint64)(y), (*[16]uint64)(m.n), m.m0inv)
}

func mulADX24(z, x, y []uint64, m *modulus) {
	montMulADX24((*[24]uint64)(z), (*[24]uint64)(x), (*[24]uint64)(y), (*[24]uint64)(m.n), m.m0inv)
}

func mulADX32(z, x, y []uint64, m *modulus) {
	montMulADX32((*[32]uint64)(z), (*[32]uint64)(x), (*[32]uint64)(y), (*[32]uint64)(m.n), m.m0inv)
}

func mulADX48(z, x, y []uint64, m *modulus) {
	montMulADX48((*[48]uint64)(z), (*[48]uint64)(x), (*[48]uint64)(y), (*[48]uint64)(m.n), m.m0inv)
}

func mulADX64(z, x, y []uint64, m *modulus) {
	montMulADX64((*[64]uint64)(z), (*[64]uint64)(x), (*[64]uint64)(y), (*[64]uint64)(m.n), m.m0inv)
}

// exp2Func returns the exponentiation of both CRT halves for "avx512ifma"
// and primes of equal size 1024, 1536 or 2048 bits, or nil.
func exp2Func(impl string, kp, kq int, sk *PrivateKey) func(*PrivateKey, []uint64, []uint64, []uint64, []uint64, *scratch) {
	if impl != implAVX512IFMA || sk.p.bits != sk.q.bits {
		return nil
	}
	var n int
	switch sk.p.bits {
	case 1024:
		n = 20
	case 1536:
		n = 32
	case 2048:
		n = 40
	default:
		return nil
	}
	sk.ifma = newIFMAKey(n, sk.p, sk.q)
	return expIFMA
}

// ifmaKey holds both primes in 52-bit limbs: half 0 is p, half 1 is q.
type ifmaKey struct {
	n   int      // limbs per half
	m   []uint64 // p | q
	k0  [2]uint64
	rr  []uint64 // R'^2 mod p | R'^2 mod q, R' = 2^(52n)
	one []uint64 // 1 | 1
}

func newIFMAKey(n int, p, q *modulus) *ifmaKey {
	ik := &ifmaKey{n: n, m: make([]uint64, 2*n), rr: make([]uint64, 2*n), one: make([]uint64, 2*n)}
	for h, md := range []*modulus{p, q} {
		to52(ik.m[h*n:(h+1)*n], md.n)
		ik.k0[h] = md.m0inv & mask52
		// R'^2 mod m by constant-time doublings of 1.
		rr := make([]uint64, len(md.n))
		rr[0] = 1
		for range 2 * 52 * n {
			modDouble(rr, md.n)
		}
		to52(ik.rr[h*n:(h+1)*n], rr)
		ik.one[h*n] = 1
	}
	return ik
}

type ifmaScratch struct {
	a, acc, sel []uint64
	tbl         []uint64 // 32 entries of 2n limbs
}

func newScratchExtra(sk *PrivateKey, s *scratch) {
	if sk.ifma == nil {
		return
	}
	n := sk.ifma.n
	s.extra = &ifmaScratch{a: make([]uint64, 2*n), acc: make([]uint64, 2*n), sel: make([]uint64, 2*n),
		tbl: make([]uint64, 32*2*n)}
}

// ammX2 runs the AMM of both halves (ammIFMA<n>x2).
func ammX2(n int, r, a, b []uint64, ik *ifmaKey) {
	switch n {
	case 20:
		ammIFMA20x2((*[40]uint64)(r), (*[40]uint64)(a), (*[40]uint64)(b), (*[40]uint64)(ik.m), &ik.k0)
	case 32:
		ammIFMA32x2((*[64]uint64)(r), (*[64]uint64)(a), (*[64]uint64)(b), (*[64]uint64)(ik.m), &ik.k0)
	case 40:
		ammIFMA40x2((*[80]uint64)(r), (*[80]uint64)(a), (*[80]uint64)(b), (*[80]uint64)(ik.m), &ik.k0)
	default:
		panic("rsa: internal error: bad IFMA size")
	}
}

func selectX2(n int, r, tbl []uint64, i0, i1 uint64) {
	switch n {
	case 20:
		selectIFMA20x2((*[40]uint64)(r), (*[1280]uint64)(tbl), i0, i1)
	case 32:
		selectIFMA32x2((*[64]uint64)(r), (*[2048]uint64)(tbl), i0, i1)
	case 40:
		selectIFMA40x2((*[80]uint64)(r), (*[2560]uint64)(tbl), i0, i1)
	default:
		panic("rsa: internal error: bad IFMA size")
	}
}

// expIFMA sets mp = cp^dp mod p and mq = cq^dq mod q, both halves at once,
// with a fixed 5-bit window and constant-time table selection.
func expIFMA(sk *PrivateKey, mp, mq, cp, cq []uint64, s *scratch) {
	ik := sk.ifma
	n := ik.n
	e := s.extra.(*ifmaScratch)
	a, acc, sel, tbl := e.a, e.acc, e.sel, e.tbl
	to52(a[:n], cp)
	to52(a[n:], cq)
	ent := func(i int) []uint64 { return tbl[i*2*n : (i+1)*2*n] }
	ammX2(n, ent(0), ik.rr, ik.one, ik) // R' mod m
	ammX2(n, ent(1), a, ik.rr, ik)      // c*R' mod m
	for i := 2; i < 1<<window; i++ {
		ammX2(n, ent(i), ent(i-1), ent(1), ik)
	}
	nwin := (sk.p.bits + window - 1) / window
	selectX2(n, acc, tbl, windowAt(sk.dp, nwin-1), windowAt(sk.dq, nwin-1))
	for w := nwin - 2; w >= 0; w-- {
		for range window {
			ammX2(n, acc, acc, acc, ik)
		}
		selectX2(n, sel, tbl, windowAt(sk.dp, w), windowAt(sk.dq, w))
		ammX2(n, acc, acc, sel, ik)
	}
	ammX2(n, acc, acc, ik.one, ik) // out of Montgomery form: at most m
	from52(mp, acc[:n])
	condSub(mp, 0, sk.p.n)
	from52(mq, acc[n:])
	condSub(mq, 0, sk.q.n)
	clear(a)
	clear(acc)
	clear(sel)
	clear(tbl)
}

// publicExpFunc returns the public-key exponentiation of "avx512ifma" for
// moduli of 1024, 1536 and 2048 bits (AMM on 52-bit limbs, one half), or nil.
// It runs in variable time: its inputs are public.
func publicExpFunc(impl string, m *modulus, n *big.Int) func(out, x []uint64, e uint64) {
	if impl != implAVX512IFMA {
		return nil
	}
	var nl int
	switch m.bits {
	case 1024:
		nl = 20
	case 1536:
		nl = 32
	case 2048:
		nl = 40
	default:
		return nil
	}
	mk := make([]uint64, nl)
	to52(mk, m.n)
	k0 := [1]uint64{m.m0inv & mask52}
	rrBig := new(big.Int).Lsh(big.NewInt(1), uint(2*52*nl))
	rrBig.Mod(rrBig, n)
	rrw := make([]uint64, len(m.n))
	bytesToWords(rrw, rrBig.Bytes())
	rr := make([]uint64, nl)
	to52(rr, rrw)
	one := make([]uint64, nl)
	one[0] = 1
	amm := func(r, a, b []uint64) {
		switch nl {
		case 20:
			ammIFMA20x1((*[20]uint64)(r), (*[20]uint64)(a), (*[20]uint64)(b), (*[20]uint64)(mk), &k0)
		case 32:
			ammIFMA32x1((*[32]uint64)(r), (*[32]uint64)(a), (*[32]uint64)(b), (*[32]uint64)(mk), &k0)
		case 40:
			ammIFMA40x1((*[40]uint64)(r), (*[40]uint64)(a), (*[40]uint64)(b), (*[40]uint64)(mk), &k0)
		}
	}
	return func(out, x []uint64, e uint64) {
		var xb, accb [40]uint64
		xm, acc := xb[:nl], accb[:nl]
		to52(acc, x)
		amm(xm, acc, rr) // x*R'
		copy(acc, xm)
		for i := bits.Len64(e) - 2; i >= 0; i-- {
			amm(acc, acc, acc)
			if e>>i&1 == 1 {
				amm(acc, acc, xm)
			}
		}
		amm(acc, acc, one) // at most m
		from52(out, acc)
		if cmpGeqVarTime(out, m.n) {
			subVV(out, out, m.n)
		}
	}
}

// withDIT runs f (amd64 and generic code need no mode switch for constant
// time).
func withDIT(f func()) { f() }
