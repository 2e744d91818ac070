package main

import (
	"fmt"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The "vaes-avx2" (ymm: VAES and VPCLMULQDQ, 2 blocks per register) and
// "aesni" (xmm: AES-NI and PCLMULQDQ, VEX-encoded, 1 block per register)
// kernels, generated from one program. They have 16 vector registers and no
// mask registers, so:
//   - the main loops run AES-CTR on 8 registers (16 or 8 blocks) and hash 8
//     registers of ciphertext read back from memory (Seal: the previous
//     iteration's output; Open: this iteration's input) between the AES
//     rounds, with one reduction per iteration;
//   - the blocks after the main loop (and whole short messages) are
//     encrypted one at a time and hashed as one sum of products with the
//     lengths block (see aggregate);
//   - Go passes the partial last blocks of the AAD and of the text
//     zero-padded in 16-byte buffers and copies the text's back.

// v holds what lives through a whole function.
type v struct {
	w              int // vector width in bytes: 32 (ymm) or 16 (xmm)
	ks, nr, lastRK GPVirtual
	ctr            VecVirtual // next counter blocks, byte-reflected, width w
	acc            VecVirtual // GHASH accumulator in lane 0, width w
	open           bool       // as in z
	ej0            Mem
}

func (c *v) vec(w int) VecVirtual {
	if w == 32 {
		return YMM()
	}
	return XMM()
}

// pw returns the powers for register i (of width w) of a group of nb
// blocks: K_nb, ..., K_1 in order.
func (c *v) pw(w, nb int) func(i int) Mem {
	return func(i int) Mem { return Mem{Base: c.ks, Disp: hOff + 16*(nPowers-nb) + w*i} }
}

const nPowers = 32

func (c *v) prologue() VecVirtual {
	c.ks = Load(Param("ks"), GP64()).(GPVirtual)
	c.nr = Load(Param("nr"), GP64()).(GPVirtual)
	c.lastRK = GP64()
	Comment("lastRK = ks + 64*nr")
	MOVQ(c.nr, c.lastRK)
	SHLQ(U8(6), c.lastRK)
	ADDQ(c.ks, c.lastRK)
	c.acc, c.ctr = c.vec(c.w), c.vec(c.w)
	VPXOR(c.acc, c.acc, c.acc)
	Comment("J0 = nonce || 00 00 00 01 (SP 800-38D 7.1, 96-bit IV).")
	nonce := Load(Param("nonce").Base(), GP64())
	j, one := XMM(), GP32()
	VMOVQ(Mem{Base: nonce}, j)
	VPINSRD(U8(2), Mem{Base: nonce, Disp: 8}, j, j)
	MOVL(U32(0x01000000), one)
	VPINSRD(U8(3), one, j, j)
	Comment("ctr = reflected J0 + 1 (+ 2 in lane 1): the first data blocks.")
	VPSHUFB(bswapMask, j, c.ctr.AsX())
	if c.w == 32 {
		VINSERTI128(U8(1), c.ctr.AsX(), c.ctr, c.ctr)
		VPADDD(inc1234, c.ctr, c.ctr)
	} else {
		VPADDD(inc1, c.ctr, c.ctr)
	}
	return j
}

// storeEJ0 computes E(K, J0) into the tag output (see z.storeEJ0).
func (c *v) storeEJ0(j VecVirtual) {
	Comment("tag = E(K, J0) for now.")
	VPXOR(rk(c.ks, 0), j, j)
	c.rounds([]Register{j}, nil)
	VAESENCLAST(Mem{Base: c.lastRK}, j, j)
	if c.open {
		c.ej0 = AllocLocal(16)
	} else {
		c.ej0 = Mem{Base: Load(Param("tag"), GP64())}
	}
	VMOVDQU(j, c.ej0)
}

// rounds applies AES rounds 1..nr-1 to s, emitting steps between rounds.
func (c *v) rounds(s []Register, steps []func()) {
	total, did := len(steps), 0
	for r := 1; r <= 9; r++ {
		c.round(s, r)
		// Spread the steps evenly: ceil(r*total/9) done after round r.
		for ; did < (r*total+8)/9; did++ {
			steps[did]()
		}
	}
	done := newLabel("lastround")
	CMPQ(c.nr, U8(10))
	JE(LabelRef(done))
	for r := 10; r < 14; r++ {
		if r == 12 {
			CMPQ(c.nr, U8(12))
			JE(LabelRef(done))
		}
		c.round(s, r)
	}
	Label(done)
}

// round applies AES round r to s, loading the round key into a register
// once for several states.
func (c *v) round(s []Register, r int) {
	var k Op = rk(c.ks, r)
	if len(s) > 1 {
		kr := c.vec(int(s[0].Size()))
		VMOVDQU(rk(c.ks, r), kr)
		k = kr
	}
	for _, x := range s {
		VAESENC(k, x, x)
	}
}

// counters sets each of s (width w) to its next counter blocks, whitened.
func (c *v) counters(s []VecVirtual) {
	for _, x := range s {
		VPSHUFB(bswapMask, c.ctr, x)
		VPXOR(rk(c.ks, 0), x, x)
		if c.w == 32 {
			VPADDD(inc2, c.ctr, c.ctr)
		} else {
			VPADDD(inc1, c.ctr, c.ctr)
		}
	}
}

// batchCounters sets the 8 registers s to the main loop's next counter
// blocks. When the last byte of the big-endian counter cannot carry within
// the batch (all but one batch in 32 or 16), it byte-swaps ctr once and adds
// constants to that byte, instead of byte-swapping every register.
func (c *v) batchCounters(s []VecVirtual) {
	slow, done := newLabel("ctrslow"), newLabel("ctrdone")
	nb := len(s) * c.w / 16
	t := GP32()
	VMOVD(c.ctr.AsX(), t)
	ANDL(U32(0xff), t)
	CMPL(t, U32(256-nb))
	JA(LabelRef(slow))
	be := c.vec(c.w)
	inc := beInc16
	if c.w == 32 {
		inc = beInc32
	}
	VPSHUFB(bswapMask, c.ctr, be)
	for i, x := range s {
		VPADDD(inc.Offset(c.w*i), be, x)
		VPXOR(rk(c.ks, 0), x, x)
	}
	if c.w == 32 {
		VPADDD(inc16, c.ctr, c.ctr)
	} else {
		VPADDD(inc8, c.ctr, c.ctr)
	}
	JMP(LabelRef(done))
	Label(slow)
	c.counters(s)
	Label(done)
}

// counter1 returns one whitened counter block (xmm) and advances ctr by one
// block.
func (c *v) counter1() VecVirtual {
	x := XMM()
	VPSHUFB(bswapMask, c.ctr.AsX(), x)
	VPXOR(rk(c.ks, 0), x, x)
	VPADDD(inc1, c.ctr, c.ctr)
	return x
}

// ghash returns the steps that hash n registers of width w into acc;
// load(i, x) puts register i's blocks (as in memory) into x. The powers are
// those of a group of n*w/16 blocks.
func (c *v) ghash(w, n int, load func(i int, x VecVirtual)) []func() {
	lo, hi, mi := c.vec(w), c.vec(w), c.vec(w)
	pw := c.pw(w, n*w/16)
	var steps []func()
	for i := 0; i < n; i++ {
		steps = append(steps, func() {
			Comment("GHASH: byte-reflect (and add acc to the first register);",
				"Karatsuba: lo = xL*kL, hi = xH*kH, md = (xL+xH)*(kL+kH).")
			x, t := c.vec(w), c.vec(w)
			load(i, x)
			VPSHUFB(bswapMask, x, x)
			if i == 0 {
				VPXOR(key(c.acc, x), x, x)
			}
			VPSHUFD(U8(0x4e), x, t)
			VPXOR(x, t, t)
			kk := Mem{Base: pw(i).Base, Disp: pw(i).Disp + kkDelta}
			if i == 0 {
				VPCLMULQDQ(U8(0x00), pw(i), x, lo)
				VPCLMULQDQ(U8(0x11), pw(i), x, hi)
				VPCLMULQDQ(U8(0x00), kk, t, mi)
				return
			}
			d := c.vec(w)
			VPCLMULQDQ(U8(0x00), pw(i), x, d)
			VPXOR(d, lo, lo)
			VPCLMULQDQ(U8(0x11), pw(i), x, d)
			VPXOR(d, hi, hi)
			VPCLMULQDQ(U8(0x00), kk, t, d)
			VPXOR(d, mi, mi)
		})
	}
	steps = append(steps, func() {
		Comment("mi = md + lo + hi; reduce: fold lo's low qword into mi ...")
		VPXOR(lo, mi, mi)
		VPXOR(hi, mi, mi)
		t := c.vec(w)
		VPCLMULQDQ(U8(0x10), gfPoly, lo, t)
		VPSHUFD(U8(0x4e), lo, lo)
		VPXOR(lo, mi, mi)
		VPXOR(t, mi, mi)
	}, func() {
		Comment("... and mi's low qword into hi; acc = XOR of hi's lanes.")
		t := c.vec(w)
		VPCLMULQDQ(U8(0x10), gfPoly, mi, t)
		VPSHUFD(U8(0x4e), mi, mi)
		VPXOR(mi, hi, hi)
		if w == 32 {
			VPXOR(t, hi, hi)
			VEXTRACTI128(U8(1), hi, t.AsX())
			VPXOR(t.AsX(), hi.AsX(), c.acc.AsX())
		} else {
			VPXOR(t, hi, c.acc.AsX())
		}
	})
	return steps
}

// fromMem returns a load function for registers of width w at base+disp.
func fromMem(w int, base Register, disp int) func(int, VecVirtual) {
	return func(i int, x VecVirtual) { VMOVDQU(Mem{Base: base, Disp: disp + w*i}, x) }
}

// lastRound finishes the AES of s with the data at src into dst.
func (c *v) lastRound(s []VecVirtual, src, dst Register) {
	for i, x := range s {
		w := x.Size()
		t := c.vec(int(w))
		VMOVDQU(Mem{Base: src, Disp: int(w) * i}, t)
		VPXOR(Mem{Base: c.lastRK}, t, t)
		VAESENCLAST(t, x, t)
		VMOVDQU(t, Mem{Base: dst, Disp: int(w) * i})
	}
}

func (c *v) advance(k int, n, src, dst Register) {
	ADDQ(U32(k), src)
	ADDQ(U32(k), dst)
	SUBQ(U32(k), n)
}

// hashAAD hashes the whole blocks of ad, then adTail if len(ad)%16 != 0.
func (c *v) hashAAD() {
	ad := Load(Param("ad").Base(), GP64())
	n := Load(Param("ad").Len(), GP64())
	loop, single, pad, done := newLabel("aadloop"), newLabel("aadsingle"), newLabel("aadpad"), newLabel("aaddone")
	Comment("Hash the additional data: whole blocks, then the zero-padded tail.")
	Label(loop)
	CMPQ(n, U8(c.w))
	JB(LabelRef(single))
	run(c.ghash(c.w, 1, fromMem(c.w, ad, 0)))
	ADDQ(U8(c.w), ad)
	SUBQ(U8(c.w), n)
	JMP(LabelRef(loop))
	Label(single)
	if c.w == 32 {
		TESTQ(n, n)
		JZ(LabelRef(pad))
		run(c.ghash(16, 1, fromMem(16, ad, 0)))
	}
	Label(pad)
	l := Load(Param("adLen"), GP64())
	TESTQ(U32(15), l)
	JZ(LabelRef(done))
	at := Load(Param("adTail"), GP64())
	run(c.ghash(16, 1, fromMem(16, at, 0)))
	Label(done)
}

// tagOut completes the tag from acc and E(K, J0): stores it (Seal) or
// compares it with the expected one (Open).
func (c *v) tagOut() {
	a := c.acc.AsX()
	VPSHUFB(bswapMask, a, a)
	VPXOR(c.ej0, a, a)
	tag := Load(Param("tag"), GP64())
	if !c.open {
		VMOVDQU(a, Mem{Base: tag})
		VZEROUPPER()
		RET()
		return
	}
	Comment("Compare with the expected tag, in constant time.")
	ok := GP8()
	VPXOR(Mem{Base: tag}, a, a)
	VPTEST(a, a)
	SETEQ(ok)
	Store(ok, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

func vexKernels() {
	for _, k := range []struct {
		w    int
		name string
		req  string
	}{{32, "VAES2", "AVX2, VAES, VPCLMULQDQ, AES-NI"}, {16, "AESNI", "AES-NI, PCLMULQDQ, AVX"}} {
		sig := fmt.Sprintf("func(ks *[%d]byte, nr int, dst, src, nonce, ad []byte, adTail, tail *[16]byte, textLen, adLen int, tag *[16]byte)", keySize)
		TEXT("seal"+k.name, NOSPLIT, sig)
		Doc("seal"+k.name+" encrypts the whole blocks src into dst (same length; dst may alias",
			"src exactly) and the zero-padded partial block in tail, in place, and writes",
			"the tag, for AES-GCM with the key material ks (nr rounds), the 12-byte nonce",
			"and the additional data ad (whole blocks) and adTail (its zero-padded partial",
			"block, if adLen%16 != 0). textLen and adLen are the full lengths.",
			"Requires "+k.req+". Reference: the generic kernel.")
		Pragma("noescape")
		vexSeal(k.w)
		TEXT("open"+k.name, NOSPLIT, strings.Replace(sig, "tag *[16]byte)", "tag *[16]byte) bool", 1))
		Doc("open"+k.name+" decrypts as seal"+k.name+" encrypts and reports whether tag is",
			"the right one (compared in constant time). tail holds the zero-padded partial",
			"ciphertext block.")
		Pragma("noescape")
		vexOpen(k.w)
	}
}

func vexSeal(w int) {
	c := v{w: w}
	j := c.prologue()
	general := newLabel("general")
	c.small(j, general)
	Label(general)
	c.hashAAD()
	c.storeEJ0(j)
	dst, src := Load(Param("dst").Base(), GP64()), Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	B := 8 * w
	loop, last, rest := newLabel("sealloop"), newLabel("seallast"), newLabel("sealrest")
	s := make([]VecVirtual, 8)
	sr := make([]Register, 8)
	for i := range s {
		s[i] = c.vec(w)
		sr[i] = s[i]
	}
	CMPQ(n, U32(B))
	JB(LabelRef(rest))
	Comment("First batch: CTR only; its GHASH runs in the next iteration.")
	c.batchCounters(s)
	c.rounds(sr, nil)
	c.lastRound(s, src, dst)
	c.advance(B, n, src, dst)
	Comment("Main loop: CTR of 8 registers, GHASH of the previous 8 (read back from dst).")
	Label(loop)
	CMPQ(n, U32(B))
	JB(LabelRef(last))
	c.batchCounters(s)
	c.rounds(sr, c.ghash(w, 8, fromMem(w, dst, -B)))
	c.lastRound(s, src, dst)
	c.advance(B, n, src, dst)
	JMP(LabelRef(loop))
	Label(last)
	run(c.ghash(w, 8, fromMem(w, dst, -B)))

	Label(rest)
	c.aggregate(false, true, n, src, dst)
}

func vexOpen(w int) {
	c := v{w: w, open: true}
	j := c.prologue()
	general := newLabel("general")
	c.small(j, general)
	Label(general)
	c.hashAAD()
	c.storeEJ0(j)
	dst, src := Load(Param("dst").Base(), GP64()), Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	B := 8 * w
	loop, regs := newLabel("openloop"), newLabel("openregs")
	s := make([]VecVirtual, 8)
	sr := make([]Register, 8)
	for i := range s {
		s[i] = c.vec(w)
		sr[i] = s[i]
	}
	Comment("Main loop: CTR of 8 registers, GHASH of the same 8 registers of ciphertext.")
	Label(loop)
	CMPQ(n, U32(B))
	JB(LabelRef(regs))
	c.batchCounters(s)
	c.rounds(sr, c.ghash(w, 8, fromMem(w, src, 0)))
	c.lastRound(s, src, dst)
	c.advance(B, n, src, dst)
	JMP(LabelRef(loop))

	Label(regs)
	c.aggregate(false, true, n, src, dst)
}

// small emits the path for short messages (len(ad) <= 64, text <= 64
// bytes: TLS records with tiny payloads; past 64 bytes the batched general
// path is faster): see aggregate.
func (c *v) small(j VecVirtual, general string) {
	al, tl := Load(Param("adLen"), GP64()), Load(Param("textLen"), GP64())
	CMPQ(al, U8(64))
	JA(LabelRef(general))
	CMPQ(tl, U8(64))
	JA(LabelRef(general))
	c.storeEJ0(j)
	dst, src := Load(Param("dst").Base(), GP64()), Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	c.aggregate(true, false, n, src, dst)
}

// aggregate finishes a message: it encrypts (decrypts) the n bytes of
// whole blocks left at src into dst one block at a time (their AES chains
// overlap), then the partial block in tail, and hashes the T blocks left
// (the AAD blocks if withAD, the text blocks, the lengths block) as one sum
// of products by K_T, ..., K_1 with a single reduction, instead of a chain
// of dependent multiplications. withAcc adds the GHASH so far: (acc + B_1)
// * K_T = acc*K_T + B_1*K_T. Then it outputs the tag.
func (c *v) aggregate(withAD, withAcc bool, n, src, dst Register) {
	tl := Load(Param("textLen"), GP64())
	Comment("p = ks + 16*(32-T), T = [AAD blocks] + whole blocks + [partial block] + 1:",
		"block i is multiplied by the power at p + hOff + 16*i.")
	p, t := GP64(), GP64()
	MOVQ(n, p)
	SHRQ(U8(4), p)
	MOVQ(tl, t)
	ANDQ(U8(15), t)
	ADDQ(U8(15), t)
	SHRQ(U8(4), t)
	ADDQ(t, p)
	var al Register
	if withAD {
		al = Load(Param("adLen"), GP64())
		LEAQ(Mem{Base: al, Disp: 15}, t)
		SHRQ(U8(4), t)
		ADDQ(t, p)
	}
	INCQ(p)
	SHLQ(U8(4), p)
	NEGQ(p)
	LEAQ(Mem{Base: c.ks, Index: p, Scale: 1, Disp: 512}, p)
	lo, hi, mi := XMM(), XMM(), XMM()
	if withAcc {
		Comment("acc * K_T")
		a, tt := c.acc.AsX(), XMM()
		VPSHUFD(U8(0x4e), a, tt)
		VPXOR(a, tt, tt)
		VPCLMULQDQ(U8(0x00), Mem{Base: p, Disp: hOff}, a, lo)
		VPCLMULQDQ(U8(0x11), Mem{Base: p, Disp: hOff}, a, hi)
		VPCLMULQDQ(U8(0x00), Mem{Base: p, Disp: hOff + kkDelta}, tt, mi)
	} else {
		VPXOR(lo, lo, lo)
		VPXOR(hi, hi, hi)
		VPXOR(mi, mi, mi)
	}
	hash := func(x VecVirtual) {
		tt, d := XMM(), XMM()
		VPSHUFB(bswapMask, x, x)
		VPSHUFD(U8(0x4e), x, tt)
		VPXOR(x, tt, tt)
		VPCLMULQDQ(U8(0x00), Mem{Base: p, Disp: hOff}, x, d)
		VPXOR(d, lo, lo)
		VPCLMULQDQ(U8(0x11), Mem{Base: p, Disp: hOff}, x, d)
		VPXOR(d, hi, hi)
		VPCLMULQDQ(U8(0x00), Mem{Base: p, Disp: hOff + kkDelta}, tt, d)
		VPXOR(d, mi, mi)
		ADDQ(U8(16), p)
	}
	loop, tail, lengths := newLabel("aggloop"), newLabel("aggtail"), newLabel("agglen")
	if withAD {
		adloop, adtail, noad := newLabel("aggad"), newLabel("aggadtail"), newLabel("aggnoad")
		ad, an := Load(Param("ad").Base(), GP64()), Load(Param("ad").Len(), GP64())
		Label(adloop)
		CMPQ(an, U8(16))
		JB(LabelRef(adtail))
		x := XMM()
		VMOVDQU(Mem{Base: ad}, x)
		hash(x)
		ADDQ(U8(16), ad)
		SUBQ(U8(16), an)
		JMP(LabelRef(adloop))
		Label(adtail)
		TESTQ(U32(15), al)
		JZ(LabelRef(noad))
		at := Load(Param("adTail"), GP64())
		y := XMM()
		VMOVDQU(Mem{Base: at}, y)
		hash(y)
		Label(noad)
	}
	Comment("Whole blocks, one at a time.")
	Label(loop)
	CMPQ(n, U8(16))
	JB(LabelRef(tail))
	b := c.counter1()
	if c.open {
		y := XMM()
		VMOVDQU(Mem{Base: src}, y)
		hash(y)
	}
	c.rounds([]Register{b}, nil)
	c.lastRound([]VecVirtual{b}, src, dst)
	if !c.open {
		y := XMM()
		VMOVDQU(Mem{Base: dst}, y)
		hash(y)
	}
	c.advance(16, n, src, dst)
	JMP(LabelRef(loop))
	Label(tail)
	ANDQ(U8(15), tl)
	JZ(LabelRef(lengths))
	Comment("Partial block in tail (zero-padded by the caller).")
	tb := Load(Param("tail"), GP64())
	b1 := c.counter1()
	if c.open {
		y := XMM()
		VMOVDQU(Mem{Base: tb}, y)
		hash(y)
	}
	c.rounds([]Register{b1}, nil)
	c.lastRound([]VecVirtual{b1}, tb, tb)
	if !c.open {
		y, m := XMM(), GP64()
		LEAQ(tailMask, m)
		SUBQ(tl, m)
		VMOVDQU(Mem{Base: tb}, y)
		VPAND(Mem{Base: m, Disp: 16}, y, y)
		hash(y)
	}
	Label(lengths)
	Comment("Lengths block, as in memory: BE64(len(A)*8) || BE64(len(C)*8).")
	l, l2, g := XMM(), XMM(), GP64()
	Load(Param("adLen"), g)
	SHLQ(U8(3), g)
	BSWAPQ(g)
	VMOVQ(g, l)
	Load(Param("textLen"), g)
	SHLQ(U8(3), g)
	BSWAPQ(g)
	VMOVQ(g, l2)
	VPUNPCKLQDQ(l2, l, l)
	hash(l)
	Comment("mi = md + lo + hi; reduce into acc.")
	VPXOR(lo, mi, mi)
	VPXOR(hi, mi, mi)
	r := XMM()
	VPCLMULQDQ(U8(0x10), gfPoly, lo, r)
	VPSHUFD(U8(0x4e), lo, lo)
	VPXOR(lo, mi, mi)
	VPXOR(r, mi, mi)
	VPCLMULQDQ(U8(0x10), gfPoly, mi, r)
	VPSHUFD(U8(0x4e), mi, mi)
	VPXOR(mi, hi, hi)
	VPXOR(r, hi, c.acc.AsX())
	c.tagOut()
}
