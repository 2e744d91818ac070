// Command mlkem generates the amd64 assembly of package kx/mlkem: the
// polynomial kernels of its "avx2" implementation (forward and inverse NTT,
// base multiplication with accumulation, Barrett reduction) on 16 signed
// 16-bit coefficients per ymm register.
//
// Run it through go:generate in kx/mlkem (see mlkem_amd64.go).
//
// Why assembly: Go does not vectorise, and these loops are 16 lanes wide
// with no carries: one VPMULLW/VPMULHW pair does the work of 16 scalar
// Montgomery products. Each function has a Go reference in kx/mlkem
// (nttGeneric, invNTTGeneric, basemulAccGeneric, reduceGeneric) that
// performs the same int16 operations in the same order, so the results
// are equal lane for lane, for every input (wrap-around included); the
// tests and the fuzz target compare them.
//
// Arithmetic (the scalar versions are in kx/mlkem/field.go):
//   - Montgomery product by a constant z, R = 2^16: with zq = z*q^-1 mod
//     2^16 precomputed, x*z*R^-1 = mulhi(x, z) - mulhi(mullo(x, zq), q):
//     the low halves of x*z and of (x*z*q^-1 mod R)*q are equal, so the
//     difference of the high halves is exact. Variable products use one
//     more VPMULLW by q^-1.
//   - Barrett reduction: t = mulhi(x, round(2^26/q)), then VPMULHRSW by
//     2^5 rounds t/2^10, and x - t*q is x mod q in [-(q-1)/2, (q-1)/2]
//     (equal to the Go code's (x*v + 2^25) >> 26, since the floors nest).
//
// The layout of the last three NTT layers (shuffles that put both halves of
// each butterfly in the same lane of two registers) and the constant table
// are documented in kx/mlkem/avx2_tables.go, whose offsets are repeated
// below; keep them in sync.
package main

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Offsets (int16 units) of the constant table, as in kx/mlkem/avx2_tables.go.
const (
	tabQ        = 0
	tabQInv     = 16
	tabBarrettV = 32
	tabRound10  = 48
	tabF        = 64
	tabFQInv    = 80
	tabSwap     = 96
	tabZetas    = 112
	tabZetasQ   = 240
	tabFwdL8    = 368
	tabFwdL4    = 624
	tabFwdL2    = 880
	tabInvL2    = 1136
	tabInvL4    = 1392
	tabInvL8    = 1648
	tabBasemul  = 1904
	tabLen      = 2416
)

const sig = "(p *[256]int16, t *[2416]int16)"

func main() {
	ConstraintExpr("amd64,gc,!purego")
	nttFunc()
	invNTTFunc()
	basemulAccFunc()
	reduceFunc()
	rejSampleFunc()
	cbd2Func()
	compressFunc()
	decompress10Func()
	decompress4Func()
	Generate()
}

// at is the 16-coefficient vector m of the polynomial at base.
func at(base Register, m int) Mem { return Mem{Base: base, Disp: 32 * m} }

// tab is the table entry at int16 offset off.
func tab(t Register, off int) Mem { return Mem{Base: t, Disp: 2 * off} }

// kernel holds the registers every kernel keeps: the table pointer and q.
type kernel struct {
	t Register
	q VecVirtual
}

func newKernel(t Register) *kernel {
	k := &kernel{t: t, q: YMM()}
	Comment("q in every lane")
	VMOVDQU(tab(t, tabQ), k.q)
	return k
}

// mulConst returns x*z*R^-1 for the constant vectors z and zq = z*q^-1.
func (k *kernel) mulConst(x VecVirtual, z, zq Op) VecVirtual {
	lo, hi := YMM(), YMM()
	VPMULLW(zq, x, lo)
	VPMULHW(z, x, hi)
	VPMULHW(k.q, lo, lo)
	VPSUBW(lo, hi, hi)
	return hi
}

// mul returns x*y*R^-1 for two variable vectors.
func (k *kernel) mul(x, y VecVirtual) VecVirtual {
	lo, hi := YMM(), YMM()
	VPMULLW(y, x, lo)
	VPMULHW(y, x, hi)
	VPMULLW(tab(k.t, tabQInv), lo, lo)
	VPMULHW(k.q, lo, lo)
	VPSUBW(lo, hi, hi)
	return hi
}

// barrett reduces x in place.
func (k *kernel) barrett(x VecVirtual) {
	t := YMM()
	VPMULHW(tab(k.t, tabBarrettV), x, t)
	VPMULHRSW(tab(k.t, tabRound10), t, t)
	VPMULLW(k.q, t, t)
	VPSUBW(t, x, x)
}

// butterfly is the forward (Cooley-Tukey) butterfly: t = y*z*R^-1,
// y = x - t, x = x + t.
func (k *kernel) butterfly(x, y VecVirtual, z, zq Op) {
	t := k.mulConst(y, z, zq)
	VPSUBW(t, x, y)
	VPADDW(t, x, x)
}

// invButterfly is the inverse (Gentleman-Sande) butterfly: d = y - x,
// x = barrett(x + y), y = d*z*R^-1.
func (k *kernel) invButterfly(x, y VecVirtual, z, zq Op) {
	d := YMM()
	VPSUBW(x, y, d)
	VPADDW(y, x, x)
	k.barrett(x)
	t := k.mulConst(d, z, zq)
	VMOVDQA(t, y)
}

// broadcastZeta loads zetas[i] and its zq into every lane.
func (k *kernel) broadcastZeta(i int) (z, zq VecVirtual) {
	z, zq = YMM(), YMM()
	VPBROADCASTW(tab(k.t, tabZetas+i), z)
	VPBROADCASTW(tab(k.t, tabZetasQ+i), zq)
	return
}

func load(p Register, m int) VecVirtual {
	v := YMM()
	VMOVDQU(at(p, m), v)
	return v
}

// toDist8 moves the pair of vectors a, b (coefficients 32i..32i+31) into
// the distance-8 layout x, y.
func toDist8(a, b VecVirtual) (x, y VecVirtual) {
	x, y = YMM(), YMM()
	VPERM2I128(U8(0x20), b, a, x)
	VPERM2I128(U8(0x31), b, a, y)
	return
}

func fromDist8(x, y VecVirtual) (a, b VecVirtual) { return toDist8(x, y) }

// toDist4 moves the distance-8 layout to the distance-4 one.
func toDist4(x, y VecVirtual) (x2, y2 VecVirtual) {
	x2, y2 = YMM(), YMM()
	VPUNPCKLQDQ(y, x, x2)
	VPUNPCKHQDQ(y, x, y2)
	return
}

func fromDist4(x2, y2 VecVirtual) (x, y VecVirtual) { return toDist4(x2, y2) }

// toDist2 moves the distance-4 layout to the distance-2 one.
func toDist2(x2, y2 VecVirtual) (x3, y3 VecVirtual) {
	x3, y3 = YMM(), YMM()
	VSHUFPS(U8(0x88), y2, x2, x3) // dwords 0, 2 of x2 then of y2
	VSHUFPS(U8(0xdd), y2, x2, y3) // dwords 1, 3
	return
}

func fromDist2(x3, y3 VecVirtual) (x2, y2 VecVirtual) {
	x2, y2 = YMM(), YMM()
	VPUNPCKLDQ(y3, x3, x2)
	VPUNPCKHDQ(y3, x3, y2)
	return
}

// pairZeta returns the per-lane zeta vectors of pair i in table off.
func (k *kernel) pairZeta(off, i int) (z, zq Mem) {
	return tab(k.t, off+32*i), tab(k.t, off+32*i+16)
}

func nttFunc() {
	TEXT("nttAVX2", NOSPLIT, "func"+sig)
	Doc("nttAVX2 is nttGeneric with the table avx2Tab.")
	Pragma("noescape")
	p := Load(Param("p"), GP64())
	t := Load(Param("t"), GP64())
	k := newKernel(t)

	Comment("Layer 1 (distance 128): vectors m and m+8, zeta 1.")
	z, zq := k.broadcastZeta(1)
	for m := 0; m < 8; m++ {
		x, y := load(p, m), load(p, m+8)
		k.butterfly(x, y, z, zq)
		VMOVDQU(x, at(p, m))
		VMOVDQU(y, at(p, m+8))
	}

	Comment("Layers 2-4 (distances 64, 32, 16) on each half, in registers.")
	for h := 0; h < 2; h++ {
		var v [8]VecVirtual
		for m := range v {
			v[m] = load(p, 8*h+m)
		}
		z, zq := k.broadcastZeta(2 + h)
		for m := 0; m < 4; m++ {
			k.butterfly(v[m], v[m+4], z, zq)
		}
		for g := 0; g < 2; g++ {
			z, zq := k.broadcastZeta(4 + 2*h + g)
			k.butterfly(v[4*g], v[4*g+2], z, zq)
			k.butterfly(v[4*g+1], v[4*g+3], z, zq)
		}
		for g := 0; g < 4; g++ {
			z, zq := k.broadcastZeta(8 + 4*h + g)
			k.butterfly(v[2*g], v[2*g+1], z, zq)
		}
		for m := range v {
			VMOVDQU(v[m], at(p, 8*h+m))
		}
	}

	Comment("Layers 5-7 (distances 8, 4, 2) on each pair of vectors, then Barrett.")
	for i := 0; i < 8; i++ {
		x, y := toDist8(load(p, 2*i), load(p, 2*i+1))
		z, zq := k.pairZeta(tabFwdL8, i)
		k.butterfly(x, y, z, zq)
		x2, y2 := toDist4(x, y)
		z, zq = k.pairZeta(tabFwdL4, i)
		k.butterfly(x2, y2, z, zq)
		x3, y3 := toDist2(x2, y2)
		z, zq = k.pairZeta(tabFwdL2, i)
		k.butterfly(x3, y3, z, zq)
		k.barrett(x3)
		k.barrett(y3)
		a, b := fromDist8(fromDist4(fromDist2(x3, y3)))
		VMOVDQU(a, at(p, 2*i))
		VMOVDQU(b, at(p, 2*i+1))
	}
	VZEROUPPER()
	RET()
}

func invNTTFunc() {
	TEXT("invNTTAVX2", NOSPLIT, "func"+sig)
	Doc("invNTTAVX2 is invNTTGeneric with the table avx2Tab.")
	Pragma("noescape")
	p := Load(Param("p"), GP64())
	t := Load(Param("t"), GP64())
	k := newKernel(t)

	Comment("Barrett, then layers 7-5 (distances 2, 4, 8) on each pair of vectors.")
	for i := 0; i < 8; i++ {
		a, b := load(p, 2*i), load(p, 2*i+1)
		k.barrett(a)
		k.barrett(b)
		x3, y3 := toDist2(toDist4(toDist8(a, b)))
		z, zq := k.pairZeta(tabInvL2, i)
		k.invButterfly(x3, y3, z, zq)
		x2, y2 := fromDist2(x3, y3)
		z, zq = k.pairZeta(tabInvL4, i)
		k.invButterfly(x2, y2, z, zq)
		x, y := fromDist4(x2, y2)
		z, zq = k.pairZeta(tabInvL8, i)
		k.invButterfly(x, y, z, zq)
		a, b = fromDist8(x, y)
		VMOVDQU(a, at(p, 2*i))
		VMOVDQU(b, at(p, 2*i+1))
	}

	Comment("Layers 4-2 (distances 16, 32, 64) on each half, in registers.")
	for h := 0; h < 2; h++ {
		var v [8]VecVirtual
		for m := range v {
			v[m] = load(p, 8*h+m)
		}
		for g := 0; g < 4; g++ {
			z, zq := k.broadcastZeta(15 - (4*h + g))
			k.invButterfly(v[2*g], v[2*g+1], z, zq)
		}
		for g := 0; g < 2; g++ {
			z, zq := k.broadcastZeta(7 - (2*h + g))
			k.invButterfly(v[4*g], v[4*g+2], z, zq)
			k.invButterfly(v[4*g+1], v[4*g+3], z, zq)
		}
		z, zq := k.broadcastZeta(3 - h)
		for m := 0; m < 4; m++ {
			k.invButterfly(v[m], v[m+4], z, zq)
		}
		for m := range v {
			VMOVDQU(v[m], at(p, 8*h+m))
		}
	}

	Comment("Layer 1 (distance 128), then the factor R^2/128.")
	z, zq := k.broadcastZeta(1)
	f, fq := tab(t, tabF), tab(t, tabFQInv)
	for m := 0; m < 8; m++ {
		x, y := load(p, m), load(p, m+8)
		k.invButterfly(x, y, z, zq)
		VMOVDQU(k.mulConst(x, f, fq), at(p, m))
		VMOVDQU(k.mulConst(y, f, fq), at(p, m+8))
	}
	VZEROUPPER()
	RET()
}

func basemulAccFunc() {
	TEXT("basemulAccAVX2", NOSPLIT, "func(r, a, b *[256]int16, t *[2416]int16)")
	Doc("basemulAccAVX2 is basemulAccGeneric with the table avx2Tab.")
	Pragma("noescape")
	r := Load(Param("r"), GP64())
	a := Load(Param("a"), GP64())
	b := Load(Param("b"), GP64())
	t := Load(Param("t"), GP64())
	k := newKernel(t)
	swap := YMM()
	Comment("swap exchanges the two coefficients of every pair (a0, a1).")
	VMOVDQU(tab(t, tabSwap), swap)
	for m := 0; m < 16; m++ {
		Commentf("Pairs %d-%d: r += (a0b0 + a1b1*zeta, a0b1 + a1b0) * R^-1.", 8*m, 8*m+7)
		x, y := load(a, m), load(b, m)
		ys := YMM()
		VPSHUFB(swap, y, ys)
		prod := k.mul(x, y)   // (a0b0, a1b1)
		cross := k.mul(x, ys) // (a0b1, a1b0)
		ps := YMM()
		VPSHUFB(swap, prod, ps) // (a1b1, a0b0)
		r0 := k.mulConst(ps, tab(t, tabBasemul+32*m), tab(t, tabBasemul+32*m+16))
		VPADDW(prod, r0, r0) // even lanes: a0b0 + a1b1*zeta
		cs := YMM()
		VPSHUFB(swap, cross, cs)
		VPADDW(cs, cross, cross) // odd lanes: a0b1 + a1b0
		sum := YMM()
		VPBLENDW(U8(0xaa), cross, r0, sum)
		VPADDW(at(r, m), sum, sum)
		VMOVDQU(sum, at(r, m))
	}
	VZEROUPPER()
	RET()
}

func reduceFunc() {
	TEXT("reduceAVX2", NOSPLIT, "func"+sig)
	Doc("reduceAVX2 is reduceGeneric with the table avx2Tab.")
	Pragma("noescape")
	p := Load(Param("p"), GP64())
	t := Load(Param("t"), GP64())
	k := newKernel(t)
	for m := 0; m < 16; m++ {
		v := load(p, m)
		k.barrett(v)
		VMOVDQU(v, at(p, m))
	}
	VZEROUPPER()
	RET()
}

func rejSampleFunc() {
	TEXT("rejSampleAVX2", NOSPLIT, "func(out *[128]int16, buf *[176]byte, shuf *[256][16]byte) int")
	Doc("rejSampleAVX2 parses the first 168 bytes of buf into 112 12-bit candidates",
		"and writes those below q, in order, to out; it returns their number.",
		"It writes up to 8 words past the last one and reads buf[168:176],",
		"which must be readable. The input is public (a hash of the public seed",
		"rho), so the table index below may depend on it. Uses POPCNT, which every",
		"AVX2 CPU has.")
	Pragma("noescape")
	out := Load(Param("out"), GP64())
	buf := Load(Param("buf"), GP64())
	shuf := Load(Param("shuf"), GP64())
	cnt := GP64()
	XORQ(cnt, cnt)

	Comment("Constants: q and 0x0fff per word; the byte gather: word 2g of each",
		"128-bit lane takes bytes 3g, 3g+1 of its 12, word 2g+1 bytes 3g+1, 3g+2.")
	q, low12, gather := YMM(), YMM(), YMM()
	qw, m := GP32(), GP32()
	MOVL(U32(3329), qw)
	MOVD(qw, q.AsX())
	VPBROADCASTW(q.AsX(), q)
	MOVL(U32(0x0fff), m)
	MOVD(m, low12.AsX())
	VPBROADCASTW(low12.AsX(), low12)
	var idx [32]byte
	for g := 0; g < 4; g++ {
		for half, base := range []int{0, 4} {
			o := 16*half + 4*g
			idx[o], idx[o+1], idx[o+2], idx[o+3] = byte(base+3*g), byte(base+3*g+1), byte(base+3*g+1), byte(base+3*g+2)
		}
	}
	gatherTab := GLOBL("rejGather", RODATA|NOPTR)
	for i, b := range idx {
		DATA(i, U8(b))
	}
	VMOVDQU(gatherTab, gather)

	for i := 0; i < 7; i++ {
		Commentf("Bytes %d-%d: candidates %d-%d.", 24*i, 24*i+23, 16*i, 16*i+15)
		v, t := YMM(), YMM()
		VPERMQ(U8(0x94), Mem{Base: buf, Disp: 24 * i}, v) // lanes: bytes 0-15, 8-23
		VPSHUFB(gather, v, v)
		VPSRLW(U8(4), v, t)
		VPAND(low12, v, v)
		VPBLENDW(U8(0xaa), t, v, v) // even words & 0xfff, odd words >> 4
		c := YMM()
		VPCMPGTW(v, q, c) // q > candidate
		VPACKSSWB(c, c, c)
		mask := GP32()
		VPMOVMSKB(c, mask)
		for half := 0; half < 2; half++ {
			x := v.AsX()
			if half == 1 {
				x = XMM()
				VEXTRACTI128(U8(1), v, x)
			}
			bits, pop := GP32(), GP32()
			MOVL(mask, bits)
			if half == 1 {
				SHRL(U8(16), bits)
			}
			ANDL(U32(0xff), bits)
			POPCNTL(bits, pop)
			SHLL(U8(4), bits)
			y := XMM()
			VPSHUFB(Mem{Base: shuf, Index: bits.As64(), Scale: 1}, x, y)
			VMOVDQU(y, Mem{Base: out, Index: cnt, Scale: 2})
			ADDQ(pop.As64(), cnt)
		}
	}
	Store(cnt, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

// bcastB returns a register with the byte b in every lane of an xmm.
func bcastB(b byte) VecVirtual {
	r, x := GP32(), XMM()
	MOVL(U32(uint32(b)), r)
	MOVD(r, x)
	VPBROADCASTB(x, x)
	return x
}

func cbd2Func() {
	TEXT("cbd2AVX2", NOSPLIT, "func(p *[256]int16, buf *[128]byte)")
	Doc("cbd2AVX2 is cbd2: SamplePolyCBD_2 of 128 bytes, 16 bytes (32 coefficients) per step.")
	Pragma("noescape")
	p := Load(Param("p"), GP64())
	buf := Load(Param("buf"), GP64())
	Comment("Per byte: t = pairwise bit sums (2 bits each); per nibble a - b + 3,",
		"computed as (t & 0x33) + 0x33 - ((t >> 2) & 0x33) without borrows.",
		"Word shifts are masked so no bit crosses into the next byte.")
	m55, m33, m0f := bcastB(0x55), bcastB(0x33), bcastB(0x0f)
	three, r3 := YMM(), GP32()
	MOVL(U32(3), r3)
	MOVD(r3, three.AsX())
	VPBROADCASTW(three.AsX(), three)
	for i := 0; i < 8; i++ {
		Commentf("Bytes %d-%d: coefficients %d-%d.", 16*i, 16*i+15, 32*i, 32*i+31)
		v, t, u := XMM(), XMM(), XMM()
		VMOVDQU(Mem{Base: buf, Disp: 16 * i}, v)
		VPSRLW(U8(1), v, t)
		VPAND(m55, t, t)
		VPAND(m55, v, v)
		VPADDB(t, v, v) // two-bit sums
		VPSRLW(U8(2), v, t)
		VPAND(m33, t, t) // b
		VPAND(m33, v, v) // a
		VPADDB(m33, v, v)
		VPSUBB(t, v, v) // a - b + 3 per nibble
		VPSRLW(U8(4), v, u)
		VPAND(m0f, u, u) // high nibbles: odd coefficients
		VPAND(m0f, v, v) // low nibbles: even coefficients
		lo, hi := XMM(), XMM()
		VPUNPCKLBW(u, v, lo)
		VPUNPCKHBW(u, v, hi)
		for h, x := range []VecVirtual{lo, hi} {
			w := YMM()
			VPMOVZXBW(x, w)
			VPSUBW(three, w, w)
			VMOVDQU(w, Mem{Base: p, Disp: 64*i + 32*h})
		}
	}
	VZEROUPPER()
	RET()
}

// bcastW returns a ymm with the word w in every lane.
func bcastW(w uint16) VecVirtual {
	r, y := GP32(), YMM()
	MOVL(U32(uint32(w)), r)
	MOVD(r, y.AsX())
	VPBROADCASTW(y.AsX(), y)
	return y
}

func compressFunc() {
	TEXT("compressAVX2", NOSPLIT, "func(out *[256]uint16, p *[256]int16, d uint64)")
	Doc("compressAVX2 sets out[i] = Compress_d(p[i] mod q) for coefficients in (-q, q)",
		"and 1 <= d <= 11, as compress(canonical(p[i]), d) does.")
	Pragma("noescape")
	out := Load(Param("out"), GP64())
	p := Load(Param("p"), GP64())
	d := Load(Param("d"), GP64())
	Comment("Compress_d(x) = floor((x*2^d + 1664)/q). First Q' = round(x*8*M/2^15) with",
		"M = ceil(2^(12+d)/q) (VPMULHRSW), which is Q or Q+1 for x < q and d <= 11",
		"(M's excess times x*8/2^15 stays below 1); then R = x*2^d + 1664 - Q'*q,",
		"computed mod 2^16 but in [-q, q), is negative exactly when Q' = Q+1.")
	// M = ceil(2^(12+d)/q) from the table muls[d], computed here in Go.
	var muls [12]uint16
	for i := 1; i <= 11; i++ {
		muls[i] = uint16((uint32(1)<<(12+i) + 3329 - 1) / 3329)
	}
	mulTab := GLOBL("compressMul", RODATA|NOPTR)
	for i, m := range muls {
		DATA(2*i, U16(m))
	}
	m, tb := YMM(), GP64()
	LEAQ(mulTab, tb)
	VPBROADCASTW(Mem{Base: tb, Index: d, Scale: 2}, m)
	Comment("mask = 2^d - 1, from a second table")
	maskTab := GLOBL("compressMask", RODATA|NOPTR)
	for i := 0; i < 12; i++ {
		DATA(2*i, U16(uint16(1<<i-1)))
	}
	shift, mask := XMM(), YMM()
	MOVQ(d, shift)
	LEAQ(maskTab, tb)
	VPBROADCASTW(Mem{Base: tb, Index: d, Scale: 2}, mask)
	q, half := bcastW(3329), bcastW(1664)
	for i := 0; i < 16; i++ {
		x, t, qq := YMM(), YMM(), YMM()
		VMOVDQU(Mem{Base: p, Disp: 32 * i}, x)
		VPSRAW(U8(15), x, t)
		VPAND(q, t, t)
		VPADDW(t, x, x) // canonical: [0, q)
		VPSLLW(U8(3), x, t)
		VPMULHRSW(m, t, qq) // Q'
		VPSLLW(shift, x, x)
		VPADDW(half, x, x)
		VPMULLW(q, qq, t)
		VPSUBW(t, x, x) // R
		VPSRAW(U8(15), x, x)
		VPADDW(x, qq, qq) // Q' - 1 where R < 0
		VPAND(mask, qq, qq)
		VMOVDQU(qq, Mem{Base: out, Disp: 32 * i})
	}
	VZEROUPPER()
	RET()
}

func decompress10Func() {
	TEXT("decompress10AVX2", NOSPLIT, "func(p *[256]int16, b *[328]byte)")
	Doc("decompress10AVX2 is decodeDecompress with d = 10 on the first 320 bytes of b",
		"(it reads up to b[325]).")
	Pragma("noescape")
	p := Load(Param("p"), GP64())
	b := Load(Param("b"), GP64())
	Comment("Each 128-bit lane takes 10 bytes (8 values): VPSHUFB gathers the two",
		"bytes holding value j (from byte floor(10j/8)), VPMULLW by 2^(6-s) with",
		"s = 10j mod 8 and a shift right by 6 extract its 10 bits, and",
		"Decompress_10(y) = round(y*q/2^10) = VPMULHRSW(y << 5, q), exactly.")
	var idx [32]byte
	var mul [16]uint16
	for half := 0; half < 2; half++ {
		for j := 0; j < 8; j++ {
			by := 10 * j / 8
			idx[16*half+2*j], idx[16*half+2*j+1] = byte(by), byte(by+1)
			mul[8*half+j] = 1 << (6 - 10*j%8)
		}
	}
	gather := GLOBL("dec10Gather", RODATA|NOPTR)
	for i, v := range idx {
		DATA(i, U8(v))
	}
	shifts := GLOBL("dec10Mul", RODATA|NOPTR)
	for i, v := range mul {
		DATA(2*i, U16(v))
	}
	g, m, q := YMM(), YMM(), bcastW(3329)
	VMOVDQU(gather, g)
	VMOVDQU(shifts, m)
	for i := 0; i < 16; i++ {
		x, v := XMM(), YMM()
		VMOVDQU(Mem{Base: b, Disp: 20 * i}, x)
		VINSERTI128(U8(1), Mem{Base: b, Disp: 20*i + 10}, x.AsY(), v)
		VPSHUFB(g, v, v)
		VPMULLW(m, v, v)
		VPSRLW(U8(6), v, v)
		VPSLLW(U8(5), v, v)
		VPMULHRSW(q, v, v)
		VMOVDQU(v, Mem{Base: p, Disp: 32 * i})
	}
	VZEROUPPER()
	RET()
}

func decompress4Func() {
	TEXT("decompress4AVX2", NOSPLIT, "func(p *[256]int16, b *[128]byte)")
	Doc("decompress4AVX2 is decodeDecompress with d = 4.")
	Pragma("noescape")
	p := Load(Param("p"), GP64())
	b := Load(Param("b"), GP64())
	Comment("Low nibble first; Decompress_4(y) = VPMULHRSW(y << 11, q).")
	m0f, q := bcastB(0x0f), bcastW(3329)
	for i := 0; i < 8; i++ {
		v, u := XMM(), XMM()
		VMOVDQU(Mem{Base: b, Disp: 16 * i}, v)
		VPSRLW(U8(4), v, u)
		VPAND(m0f, u, u)
		VPAND(m0f, v, v)
		lo, hi := XMM(), XMM()
		VPUNPCKLBW(u, v, lo)
		VPUNPCKHBW(u, v, hi)
		for h, x := range []VecVirtual{lo, hi} {
			w := YMM()
			VPMOVZXBW(x, w)
			VPSLLW(U8(11), w, w)
			VPMULHRSW(q, w, w)
			VMOVDQU(w, Mem{Base: p, Disp: 64*i + 32*h})
		}
	}
	VZEROUPPER()
	RET()
}
