package main

import (
	"fmt"
	"strings"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The "vaes-avx512" kernel: VAES and VPCLMULQDQ on zmm registers, each
// holding 4 blocks.
//   - Short messages (AAD <= 64 bytes, text <= 256 bytes: most TLS records
//     of small payloads) take one path with a single aggregated GHASH of the
//     AAD, the text and the lengths block (see small).
//   - Otherwise the AAD is hashed 16 blocks at a time, then the main loops
//     handle 32 blocks (512 bytes) per iteration: 8 zmm of AES-CTR with the
//     GHASH of 32 blocks (powers K_32..K_1, Karatsuba, one reduction)
//     interleaved between the AES rounds. Seal hashes the previous
//     iteration's ciphertext, Open the ciphertext it is decrypting. Then one
//     16-block step, then a tail of 1..255 bytes.
//   - Tails use masked loads and stores (K registers), never byte loops.
//   - The tag is written out (Seal) or compared in constant time (Open).
// On Zen 4, VAESENC and VPCLMULQDQ on zmm share two 256-bit pipes (measured:
// VAESENC zmm 1/cycle, VPCLMULQDQ zmm 1 per 2 cycles, and each VPCLMULQDQ
// delays VAESENC by about 1.25 cycles): AES-128 alone would run at 40
// cycles per 256 bytes, and the 13 VPCLMULQDQ of their GHASH cost about 16
// more; the loop runs about 12% above that bound.

// z holds the registers that live through a whole zmm function.
type z struct {
	ks     GPVirtual  // key material (see main.go)
	nr     GPVirtual  // AES rounds: 10, 12 or 14
	lastRK GPVirtual  // ks + 64*nr: the last round key
	bswap  VecVirtual // bswapMask
	ctr    VecVirtual // next 4 counter blocks, byte-reflected (counter in dword 0 of each lane)
	acc    VecVirtual // GHASH accumulator, reflected, in lane 0 (other lanes zero)
	j0     VecVirtual // J0 (xmm), until E(K, J0) is stored in the tag output
	// rkr[0] and rkr[10] hold round keys 0 and nr (the others are read
	// from memory, see roundKey).
	rkr [11]VecVirtual
	// open is set for Open: the tag parameter is then the expected tag, and
	// E(K, J0) waits in a stack slot.
	open bool
	ej0  Mem
}

// prologue loads the key, the constants and the nonce, and computes J0 and
// the first counters.
func (c *z) prologue() {
	c.ks = Load(Param("ks"), GP64()).(GPVirtual)
	c.nr = Load(Param("nr"), GP64()).(GPVirtual)
	c.lastRK = GP64()
	Comment("lastRK = ks + 64*nr")
	MOVQ(c.nr, c.lastRK)
	SHLQ(U8(6), c.lastRK)
	ADDQ(c.ks, c.lastRK)
	c.bswap, c.ctr, c.acc, c.j0 = ZMM(), ZMM(), ZMM(), ZMM()
	VMOVDQU64(bswapMask, c.bswap)
	VPXORD(c.acc, c.acc, c.acc)
	Comment("Round keys 0 and nr into registers.")
	c.rkr[0], c.rkr[10] = ZMM(), ZMM()
	VMOVDQU64(rk(c.ks, 0), c.rkr[0])
	VMOVDQU64(Mem{Base: c.lastRK}, c.rkr[10])

	Comment("J0 = nonce || 00 00 00 01 (SP 800-38D 7.1, 96-bit IV).")
	nonce := Load(Param("nonce").Base(), GP64())
	m, k := GP64(), K()
	MOVQ(U32(0xfff), m)
	KMOVQ(m, k)
	VMOVDQU8_Z(Mem{Base: nonce}, k, c.j0.AsX())
	VPORD(j0One, c.j0.AsX(), c.j0.AsX())
	Comment("ctr = reflected J0 in every lane, plus 1..4: the first data blocks use J0+1...")
	VSHUFI64X2(U8(0), c.j0, c.j0, c.ctr)
	VPSHUFB(c.bswap, c.ctr, c.ctr)
	VPADDD(inc1234, c.ctr, c.ctr)
}

// storeEJ0 computes E(K, J0), which masks the tag, and stores it in the tag
// output (Seal) or a stack slot (Open); tagOut adds it. (The tag output
// overlaps neither src nor dst; it is written after the AAD is read, in
// case the AAD overlaps it.)
func (c *z) storeEJ0() {
	Comment("tag = E(K, J0) for now.")
	VPXORD(c.rkr[0].AsX(), c.j0.AsX(), c.j0.AsX())
	c.rounds([]Register{c.j0.AsX()}, nil)
	VAESENCLAST(c.rkr[10].AsX(), c.j0.AsX(), c.j0.AsX())
	if c.open {
		c.ej0 = AllocLocal(16)
	} else {
		c.ej0 = Mem{Base: Load(Param("tag"), GP64())}
	}
	VMOVDQU64(c.j0.AsX(), c.ej0)
}

// roundKey returns round key nr-10+r (r = 1..9). The middle round keys stay
// in memory: the loops need the registers, and each round loads its key
// once for all its states (see rounds).
func (c *z) roundKey(r int) Mem {
	return Mem{Base: c.lastRK, Disp: -rkStride * (10 - r)}
}

// counters sets each of s to the next 4 counter blocks, whitened with round
// key 0, and advances ctr.
func (c *z) counters(s []VecVirtual) {
	for _, x := range s {
		VPSHUFB(c.bswap, c.ctr, x)
		VPXORD(c.rkr[0], x, x)
		VPADDD(inc4, c.ctr, c.ctr)
	}
}

// batchCounters is counters for the 8 zmm of the main loops, with the fast
// path of v.batchCounters: when the last byte of the big-endian counter
// cannot carry within the 32 blocks, byte-swap ctr once and add constants.
func (c *z) batchCounters(s []VecVirtual) {
	slow, done := newLabel("ctrslow"), newLabel("ctrdone")
	t := GP32()
	VMOVD(c.ctr.AsX(), t)
	ANDL(U32(0xff), t)
	CMPL(t, U32(256-4*len(s)))
	JA(LabelRef(slow))
	be := ZMM()
	VPSHUFB(c.bswap, c.ctr, be)
	for i, x := range s {
		VPADDD(beInc64.Offset(64*i), be, x)
		VPXORD(c.rkr[0], x, x)
	}
	for range len(s) / 4 {
		VPADDD(inc16, c.ctr, c.ctr)
	}
	JMP(LabelRef(done))
	Label(slow)
	c.counters(s)
	Label(done)
}

// rounds applies AES rounds 1..nr-1 to the states s, emitting the steps
// (independent GHASH work) between the rounds. The last round is the
// caller's: VAESENCLAST with (last round key XOR data) gives the output
// directly.
func (c *z) rounds(s []Register, steps []func()) {
	two := newLabel("aes192")
	Comment("AES-192: 2 more rounds, AES-256: 4, from memory.")
	CMPQ(c.nr, U8(10))
	JE(LabelRef(two + "_done"))
	CMPQ(c.nr, U8(12))
	JE(LabelRef(two))
	for _, d := range []int{13, 12} {
		for _, x := range s {
			VAESENC(Mem{Base: c.lastRK, Disp: -rkStride * d}, x, x)
		}
	}
	Label(two)
	for _, d := range []int{11, 10} {
		for _, x := range s {
			VAESENC(Mem{Base: c.lastRK, Disp: -rkStride * d}, x, x)
		}
	}
	Label(two + "_done")
	total, did := len(steps), 0
	for r := 1; r <= 9; r++ {
		var k Op = c.roundKey(r)
		if len(s) > 1 {
			kr := ZMM()
			VMOVDQU64(k, kr)
			k = kr
		}
		for _, x := range s {
			VAESENC(k, x, x)
		}
		// Spread the steps evenly: ceil(r*total/9) done after round r.
		for ; did < (r*total+8)/9; did++ {
			steps[did]()
		}
	}
}

// key returns the round key register k at the width of x.
func key(k VecVirtual, x Register) Register {
	switch x.Size() {
	case 16:
		return k.AsX()
	case 32:
		return k.AsY()
	}
	return k
}

// ghash returns the steps that hash the blocks in (as in memory, 4 per
// zmm) into acc: in[i] is multiplied by the 4 powers at pw(i), the products
// are summed unreduced, reduced once, and the 4 lanes folded into acc.
func (c *z) ghash(in []VecVirtual, pw func(i int) Mem) []func() {
	lo, mi, hi := ZMM(), ZMM(), ZMM()
	var steps []func()
	// mulx multiplies in[i] (4 blocks) by its powers, giving lo, hi and md
	// products in the registers r.
	mulx := func(i int, r [3]VecVirtual) {
		x, p, t := ZMM(), ZMM(), ZMM()
		VPSHUFB(c.bswap, in[i], x)
		if i == 0 {
			VPXORD(c.acc, x, x)
		}
		VMOVDQU64(pw(i), p)
		VPSHUFD(U8(0x4e), x, t)
		VPXORD(x, t, t)
		VPCLMULQDQ(U8(0x00), p, x, r[0])
		VPCLMULQDQ(U8(0x11), p, x, r[1])
		VPCLMULQDQ(U8(0x00), Mem{Base: pw(i).Base, Disp: pw(i).Disp + kkDelta}, t, r[2])
	}
	acc := [3]VecVirtual{lo, hi, mi}
	for i := 0; i < len(in); i += 2 {
		steps = append(steps, func() {
			Comment("GHASH: byte-reflect 4 or 8 blocks (and add acc to the first);",
				"Karatsuba: lo = xL*kL, hi = xH*kH, md = (xL+xH)*(kL+kH), summed.")
			if i == 0 {
				mulx(0, acc)
			}
			var a, b [3]VecVirtual
			for j := range a {
				a[j], b[j] = ZMM(), ZMM()
			}
			switch {
			case i > 0 && i+1 < len(in):
				mulx(i, a)
				mulx(i+1, b)
				for j := range a {
					VPTERNLOGD(U8(0x96), a[j], b[j], acc[j])
				}
			case i > 0:
				mulx(i, a)
				for j := range a {
					VPXORD(a[j], acc[j], acc[j])
				}
			case i+1 < len(in):
				mulx(1, a)
				for j := range a {
					VPXORD(a[j], acc[j], acc[j])
				}
			}
		})
	}
	steps = append(steps, func() {
		Comment("mi = md + lo + hi; reduce: fold lo's low qword into mi ...")
		VPTERNLOGD(U8(0x96), lo, hi, mi)
		t := ZMM()
		VPCLMULQDQ(U8(0x10), gfPoly, lo, t)
		VPSHUFD(U8(0x4e), lo, lo)
		VPTERNLOGD(U8(0x96), t, lo, mi)
	}, func() {
		Comment("... and mi's low qword into hi.")
		t := ZMM()
		VPCLMULQDQ(U8(0x10), gfPoly, mi, t)
		VPSHUFD(U8(0x4e), mi, mi)
		VPTERNLOGD(U8(0x96), t, mi, hi)
	}, func() {
		Comment("acc = XOR of the 4 lanes of hi.")
		y, t := YMM(), XMM()
		VEXTRACTI64X4(U8(1), hi, y)
		VPXORD(y, hi.AsY(), y)
		VEXTRACTI32X4(U8(1), y, t)
		VPXORD(t, y.AsX(), c.acc.AsX())
	})
	return steps
}

func run(steps []func()) {
	for _, f := range steps {
		f()
	}
}

// fullPowers are K_16..K_1, for 16 blocks.
func (c *z) fullPowers(i int) Mem { return Mem{Base: c.ks, Disp: hOff + 256 + 64*i} }

// powers32 are K_32..K_1, for 32 blocks.
func (c *z) powers32(i int) Mem { return Mem{Base: c.ks, Disp: hOff + 64*i} }

// tailPowers returns, for a tail of n bytes (1..255) in nz zmm, the powers
// K_nb, ..., K_1 for its nb = ceil(n/16) blocks (then whatever follows in
// the table: the data is zero past its end). With lengths, the lengths
// block follows in register nz: the text gets K_(nb+1), ..., K_2 and the
// lengths block K_1, 0, 0, 0.
func (c *z) tailPowers(n Register, nz int, lengths bool) func(int) Mem {
	p := GP64()
	disp := hOff + 512
	if lengths {
		disp -= 16
	}
	Commentf("pw = ks - 16*ceil(n/16): powers at pw+%d", disp)
	LEAQ(Mem{Base: n, Disp: 15}, p)
	ANDQ(I8(-16), p)
	NEGQ(p)
	ADDQ(c.ks, p)
	return func(i int) Mem {
		if lengths && i == nz {
			return Mem{Base: c.ks, Disp: hOff + 31*16}
		}
		return Mem{Base: p, Disp: disp + 64*i}
	}
}

// maskFor returns a mask of the bytes of the last zmm of an nz-zmm tail
// of n bytes: the low n-64*(nz-1) bits set, from a table (BZHI would need
// BMI2, which the registration does not list).
func maskFor(n Register, nz int) Register {
	m, t, k := GP64(), GP64(), K()
	LEAQ(Mem{Base: n, Disp: -64 * (nz - 1)}, m)
	LEAQ(byteMasks, t)
	KMOVQ(Mem{Base: t, Index: m, Scale: 8}, k)
	return k
}

// byTailSize dispatches on n (1..256 bytes) to body(nz), nz = ceil(n/64)
// zmm registers, each variant ending with a jump to done.
func byTailSize(n Register, done string, body func(nz int)) {
	l := [5]string{}
	for nz := 1; nz <= 4; nz++ {
		l[nz] = newLabel("tail")
	}
	CMPQ(n, U8(64))
	JBE(LabelRef(l[1]))
	CMPQ(n, U32(128))
	JBE(LabelRef(l[2]))
	CMPQ(n, U32(192))
	JBE(LabelRef(l[3]))
	for nz := 4; nz >= 1; nz-- {
		Label(l[nz])
		Commentf("Tail of %d zmm.", nz)
		body(nz)
		JMP(LabelRef(done))
	}
}

// hashAAD hashes the additional data into acc: 256 bytes per iteration,
// then a masked tail.
func (c *z) hashAAD() {
	ad := Load(Param("ad").Base(), GP64())
	n := Load(Param("ad").Len(), GP64())
	loop, tail, done := newLabel("aadloop"), newLabel("aadtail"), newLabel("aaddone")
	Comment("Hash the additional data.")
	Label(loop)
	CMPQ(n, U32(256))
	JB(LabelRef(tail))
	x := []VecVirtual{ZMM(), ZMM(), ZMM(), ZMM()}
	for i := range x {
		VMOVDQU64(Mem{Base: ad, Disp: 64 * i}, x[i])
	}
	run(c.ghash(x, c.fullPowers))
	ADDQ(U32(256), ad)
	SUBQ(U32(256), n)
	JMP(LabelRef(loop))
	Label(tail)
	TESTQ(n, n)
	JZ(LabelRef(done))
	byTailSize(n, done, func(nz int) {
		k := maskFor(n, nz)
		x := make([]VecVirtual, nz)
		for i := range x {
			x[i] = ZMM()
			if i < nz-1 {
				VMOVDQU64(Mem{Base: ad, Disp: 64 * i}, x[i])
			} else {
				VMOVDQU8_Z(Mem{Base: ad, Disp: 64 * i}, k, x[i])
			}
		}
		run(c.ghash(x, c.tailPowers(n, nz, false)))
	})
	Label(done)
}

// lengths hashes the lengths block alone (when the text ends on a 256-byte
// boundary: tails hash it with their data).
func (c *z) lengths() {
	Comment("Lengths block (SP 800-38D 7.1 step 5), reflected: [len(C)*8, len(A)*8].")
	cl, al := Load(Param("src").Len(), GP64()), Load(Param("ad").Len(), GP64())
	SHLQ(U8(3), cl)
	SHLQ(U8(3), al)
	a, l, p := c.acc.AsX(), XMM(), XMM()
	VMOVQ(cl, l)
	VMOVQ(al, p)
	VPUNPCKLQDQ(p, l, l)
	VPXORD(l, a, a)
	Comment("acc = acc * H")
	lo, mi, hi, t := XMM(), XMM(), XMM(), XMM()
	VMOVDQU64(Mem{Base: c.ks, Disp: hOff + 31*16}, p)
	VPCLMULQDQ(U8(0x00), p, a, lo)
	VPCLMULQDQ(U8(0x11), p, a, hi)
	VPCLMULQDQ(U8(0x01), p, a, mi)
	VPCLMULQDQ(U8(0x10), p, a, t)
	VPXORD(t, mi, mi)
	VPCLMULQDQ(U8(0x10), gfPoly, lo, t)
	VPSHUFD(U8(0x4e), lo, lo)
	VPTERNLOGD(U8(0x96), t, lo, mi)
	VPCLMULQDQ(U8(0x10), gfPoly, mi, t)
	VPSHUFD(U8(0x4e), mi, mi)
	VPTERNLOGD(U8(0x96), t, mi, hi)
	VMOVDQA64(hi, a)
}

// lengthsBlock returns the lengths block as in memory, BE64(len(A)*8) ||
// BE64(len(C)*8), in lane 0 of a zmm.
func (c *z) lengthsBlock() VecVirtual {
	Comment("Lengths block, as in memory: BE64(len(A)*8) || BE64(len(C)*8).")
	l, x, t := ZMM(), XMM(), GP64()
	Load(Param("ad").Len(), t)
	SHLQ(U8(3), t)
	BSWAPQ(t)
	VMOVQ(t, l.AsX())
	Load(Param("src").Len(), t)
	SHLQ(U8(3), t)
	BSWAPQ(t)
	VMOVQ(t, x)
	VPUNPCKLQDQ(x, l.AsX(), l.AsX())
	return l
}

// tagOut computes the tag from acc and E(K, J0), and stores it (Seal) or
// compares it with the expected one (Open).
func (c *z) tagOut() {
	Comment("tag = E(K, J0) XOR GHASH")
	hi := c.acc.AsX()
	VPSHUFB(c.bswap.AsX(), hi, hi)
	VPXORD(c.ej0, hi, hi)
	tag := Load(Param("tag"), GP64())
	if !c.open {
		VMOVDQU64(hi, Mem{Base: tag})
		VZEROUPPER()
		RET()
		return
	}
	Comment("Compare with the expected tag, in constant time.")
	k, ok := K(), GP8()
	VPXORD(Mem{Base: tag}, hi, hi)
	VPTESTMQ(hi, hi, k)
	KORTESTW(k, k)
	SETEQ(ok)
	Store(ok, ReturnIndex(0))
	VZEROUPPER()
	RET()
}

func vaes512() {
	sig := fmt.Sprintf("func(ks *[%d]byte, nr int, dst, src, nonce, ad []byte, tag *[16]byte)", keySize)
	TEXT("sealVAES512", NOSPLIT, sig)
	Doc("sealVAES512 encrypts src into dst (same length; dst may alias src exactly)",
		"and writes the tag, for AES-GCM with the key material ks (nr rounds), the",
		"12-byte nonce and the additional data ad. Requires AVX512F/BW/VL, VAES,",
		"VPCLMULQDQ. Reference: the generic kernel (aesgcm_generic.go).")
	Pragma("noescape")
	sealVAES512()

	TEXT("openVAES512", NOSPLIT, strings.Replace(sig, ")", ") bool", 1))
	Doc("openVAES512 decrypts src into dst (same length; dst may alias src exactly)",
		"and reports whether tag is the right one (compared in constant time), for",
		"AES-GCM with the key material ks (nr rounds), the 12-byte nonce and the",
		"additional data ad. Requires as sealVAES512. Reference: the generic kernel.")
	Pragma("noescape")
	openVAES512()
}

func sealVAES512() {
	var c z
	c.prologue()
	general := newLabel("general")
	c.small(general)
	Label(general)
	c.hashAAD()
	c.storeEJ0()
	dst, src := Load(Param("dst").Base(), GP64()), Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	loop, last, short, tagout := newLabel("sealloop"), newLabel("seallast"), newLabel("sealshort"), newLabel("sealtag")
	CMPQ(n, U32(512))
	JB(LabelRef(short))

	Comment("First 512 bytes: CTR only; their GHASH runs in the next iteration.",
		"Registers: s8 = 8 zmm of AES states (32 counter blocks), ct8 = the",
		"ciphertext of the previous iteration, ks/lastRK = key material,",
		"ctr = next counters, acc = GHASH, src/dst/n = text pointers and bytes left.")
	s8, sr8 := zmms(8)
	ct8, _ := zmms(8)
	c.batchCounters(s8)
	c.rounds(sr8, nil)
	c.lastRound(s8, ct8, src, dst)
	c.advance(512, n, src, dst)

	Comment("Main loop: CTR of 32 blocks, GHASH of the previous 32 ciphertext blocks (in ct8).")
	Label(loop)
	CMPQ(n, U32(512))
	JB(LabelRef(last))
	c.batchCounters(s8)
	c.rounds(sr8, c.ghash(ct8, c.powers32))
	c.lastRound(s8, ct8, src, dst)
	c.advance(512, n, src, dst)
	JMP(LabelRef(loop))

	Comment("0..511 bytes left; the GHASH of ct8 is pending.")
	Comment("(Round keys stay in memory here: the pending ct8 needs the registers.)")
	Label(last)
	c.sealRest(n, src, dst, c.ghash(ct8, c.powers32), tagout)

	Comment("Less than 512 bytes in all: nothing pending.")
	Label(short)
	c.sealRest(n, src, dst, nil, tagout)

	Label(tagout)
	c.tagOut()
}

// sealRest encrypts and hashes the last n < 512 bytes, with the pending
// GHASH steps stitched into the first AES rounds it runs, and jumps to
// tagout with the GHASH in acc. (It is emitted once per pending state, so
// every path keeps the stitching.)
func (c *z) sealRest(n, src, dst Register, pending []func(), tagout string) {
	tail := newLabel("sealtail")
	CMPQ(n, U32(256))
	JB(LabelRef(tail))
	Comment("256 bytes more.")
	s4, sr4 := zmms(4)
	ct4, _ := zmms(4)
	c.counters(s4)
	c.rounds(sr4, pending)
	c.lastRound(s4, ct4, src, dst)
	c.advance(256, n, src, dst)
	c.sealTail(n, src, dst, c.ghash(ct4, c.fullPowers), tagout)
	Label(tail)
	c.sealTail(n, src, dst, pending, tagout)
}

// sealTail encrypts and hashes the last n < 256 bytes with the lengths
// block, the pending GHASH steps stitched into the AES rounds, and jumps to
// tagout.
func (c *z) sealTail(n, src, dst Register, pending []func(), tagout string) {
	some := newLabel("sealsome")
	TESTQ(n, n)
	JNZ(LabelRef(some))
	run(pending)
	c.lengths()
	JMP(LabelRef(tagout))
	Label(some)
	byTailSize(n, tagout, func(nz int) {
		s, sr := zmms(nz)
		c.counters(s)
		k := maskFor(n, nz)
		pw := c.tailPowers(n, nz, true)
		c.rounds(sr, pending)
		out, _ := zmms(nz)
		for i := range s {
			m, d := Mem{Base: src, Disp: 64 * i}, Mem{Base: dst, Disp: 64 * i}
			if i < nz-1 {
				VMOVDQU64(m, out[i])
			} else {
				VMOVDQU8_Z(m, k, out[i])
			}
			VPXORD(c.rkr[10], out[i], out[i])
			VAESENCLAST(out[i], s[i], out[i])
			if i < nz-1 {
				VMOVDQU64(out[i], d)
			} else {
				Comment("Zero the bytes past the end (GHASH pads with zeros), store the rest.")
				VMOVDQU8_Z(out[i], k, out[i])
				VMOVDQU8(out[i], k, d)
			}
		}
		run(c.ghash(append(out, c.lengthsBlock()), pw))
	})
}

// advance moves src and dst forward by k bytes and decreases n.
func (c *z) advance(k int, n, src, dst Register) {
	ADDQ(U32(k), src)
	ADDQ(U32(k), dst)
	SUBQ(U32(k), n)
}

// lastRound finishes the AES of s with the data at src (XORed into the last
// round key, so VAESENCLAST outputs the data XOR keystream), into out, and
// stores out at dst.
func (c *z) lastRound(s, out []VecVirtual, src, dst Register) {
	for i := range s {
		VMOVDQU64(Mem{Base: src, Disp: 64 * i}, out[i])
		VPXORD(c.rkr[10], out[i], out[i])
		VAESENCLAST(out[i], s[i], out[i])
		VMOVDQU64(out[i], Mem{Base: dst, Disp: 64 * i})
	}
}

func openVAES512() {
	c := z{open: true}
	c.prologue()
	general := newLabel("general")
	c.small(general)
	Label(general)
	c.hashAAD()
	c.storeEJ0()
	dst, src := Load(Param("dst").Base(), GP64()), Load(Param("src").Base(), GP64())
	n := Load(Param("src").Len(), GP64())
	loop, half, tail, some, tagout := newLabel("openloop"), newLabel("openhalf"), newLabel("opentail"), newLabel("opensome"), newLabel("opentag")
	Comment("Main loop: CTR of 32 blocks, GHASH of the same 32 ciphertext blocks.",
		"Registers: s8 = AES states, in8 = ciphertext (then plaintext), acc = GHASH.")
	s8, sr8 := zmms(8)
	in8, _ := zmms(8)
	Label(loop)
	CMPQ(n, U32(512))
	JB(LabelRef(half))
	c.decrypt(s8, sr8, in8, src, dst, c.powers32)
	c.advance(512, n, src, dst)
	JMP(LabelRef(loop))

	Label(half)
	CMPQ(n, U32(256))
	JB(LabelRef(tail))
	Comment("256 bytes more.")
	s4, sr4 := zmms(4)
	in4, _ := zmms(4)
	c.decrypt(s4, sr4, in4, src, dst, c.fullPowers)
	c.advance(256, n, src, dst)

	Label(tail)
	TESTQ(n, n)
	JNZ(LabelRef(some))
	c.lengths()
	JMP(LabelRef(tagout))
	Label(some)
	byTailSize(n, tagout, func(nz int) {
		s, sr := zmms(nz)
		in, _ := zmms(nz)
		k := maskFor(n, nz)
		pw := c.tailPowers(n, nz, true)
		for i := range in {
			m := Mem{Base: src, Disp: 64 * i}
			if i < nz-1 {
				VMOVDQU64(m, in[i])
			} else {
				VMOVDQU8_Z(m, k, in[i])
			}
		}
		c.counters(s)
		c.rounds(sr, c.ghash(append(in, c.lengthsBlock()), pw))
		for i := range in {
			VPXORD(c.rkr[10], in[i], in[i])
			VAESENCLAST(in[i], s[i], in[i])
			d := Mem{Base: dst, Disp: 64 * i}
			if i < nz-1 {
				VMOVDQU64(in[i], d)
			} else {
				VMOVDQU8(in[i], k, d)
			}
		}
	})
	Label(tagout)
	c.tagOut()
}

// decrypt decrypts len(s) zmm of ciphertext at src into dst, hashing it
// (with the powers pw) between the AES rounds.
func (c *z) decrypt(s []VecVirtual, sr []Register, in []VecVirtual, src, dst Register, pw func(int) Mem) {
	for i := range in {
		VMOVDQU64(Mem{Base: src, Disp: 64 * i}, in[i])
	}
	if len(s) == 8 {
		c.batchCounters(s)
	} else {
		c.counters(s)
	}
	c.rounds(sr, c.ghash(in, pw))
	for i := range in {
		VPXORD(c.rkr[10], in[i], in[i])
		VAESENCLAST(in[i], s[i], in[i])
		VMOVDQU64(in[i], Mem{Base: dst, Disp: 64 * i})
	}
}

// zmms returns n new zmm registers, also as []Register.
func zmms(n int) ([]VecVirtual, []Register) {
	v, r := make([]VecVirtual, n), make([]Register, n)
	for i := range v {
		v[i] = ZMM()
		r[i] = v[i]
	}
	return v, r
}

// small emits the path for short messages, len(ad) <= 64 and len(src) <=
// 256 (TLS records of up to 256 bytes, QUIC packets' headers): one
// aggregated GHASH of the AAD (1 zmm), the text (0..4 zmm) and the lengths
// block, with one reduction, instead of three dependent ones. With nbA AAD
// blocks and nb text blocks, the AAD is multiplied by K_(nbA+nb+1), ..., the
// text by K_(nb+1), ..., and the lengths block by K_1.
func (c *z) small(general string) {
	adp, an := Load(Param("ad").Base(), GP64()), Load(Param("ad").Len(), GP64())
	n := Load(Param("src").Len(), GP64())
	CMPQ(an, U8(64))
	JA(LabelRef(general))
	CMPQ(n, U32(256))
	JA(LabelRef(general))
	Comment("Short message: load the AAD (masked), then E(K, J0).")
	a := ZMM()
	VMOVDQU8_Z(Mem{Base: adp}, maskFor(an, 1), a)
	c.storeEJ0()
	l := c.lengthsBlock()
	Comment("Powers: text from pd = ks - 16*nb, AAD from pa = pd - 16*nbA (+ hOff + 496).")
	pd, pa := GP64(), GP64()
	LEAQ(Mem{Base: n, Disp: 15}, pd)
	ANDQ(I8(-16), pd)
	NEGQ(pd)
	ADDQ(c.ks, pd)
	LEAQ(Mem{Base: an, Disp: 15}, pa)
	ANDQ(I8(-16), pa)
	NEGQ(pa)
	ADDQ(pd, pa)
	pw := func(nz int) func(int) Mem {
		return func(i int) Mem {
			switch {
			case i == 0:
				return Mem{Base: pa, Disp: hOff + 512 - 16}
			case i <= nz:
				return Mem{Base: pd, Disp: hOff + 512 - 16 + 64*(i-1)}
			}
			return Mem{Base: c.ks, Disp: hOff + 31*16}
		}
	}
	dst, src := Load(Param("dst").Base(), GP64()), Load(Param("src").Base(), GP64())
	done, empty := newLabel("smalldone"), newLabel("smallempty")
	TESTQ(n, n)
	JZ(LabelRef(empty))
	byTailSize(n, done, func(nz int) {
		s, sr := zmms(nz)
		in, _ := zmms(nz)
		k := maskFor(n, nz)
		for i := range in {
			m := Mem{Base: src, Disp: 64 * i}
			if i < nz-1 {
				VMOVDQU64(m, in[i])
			} else {
				VMOVDQU8_Z(m, k, in[i])
			}
		}
		c.counters(s)
		if c.open {
			Comment("Open: hash the ciphertext while decrypting it.")
			c.rounds(sr, c.ghash(append(append([]VecVirtual{a}, in...), l), pw(nz)))
		} else {
			c.rounds(sr, nil)
		}
		for i := range in {
			VPXORD(c.rkr[10], in[i], in[i])
			VAESENCLAST(in[i], s[i], in[i])
			d := Mem{Base: dst, Disp: 64 * i}
			if i < nz-1 {
				VMOVDQU64(in[i], d)
			} else {
				VMOVDQU8(in[i], k, d)
				if !c.open {
					Comment("Zero the bytes past the end for GHASH.")
					VMOVDQU8_Z(in[i], k, in[i])
				}
			}
		}
		if !c.open {
			run(c.ghash(append(append([]VecVirtual{a}, in...), l), pw(nz)))
		}
	})
	Label(empty)
	run(c.ghash([]VecVirtual{a, l}, pw(0)))
	Label(done)
	c.tagOut()
}
