package main

// The fixed base of Ed25519 signing with "avx512ifma": the method of
// base4.go with two accumulators, one per 256-bit half of zmm registers.
// Row j of the table serves the digits e[2j+1] (lower half: the odd digits,
// whose sum is multiplied by 16 at the end) and e[2j] (upper half: the
// even digits), so the 64 additions take 32 zmm steps; on cores with
// full-width 512-bit units (Zen 5) a zmm step costs what a ymm step does.
// Then the lower half is doubled 4 times and the two accumulators added:
//
//	[k]B = 16 * sum_{i odd} e[i] 16^(i-1) B + sum_{i even} e[i] 16^i B
//
// The upper accumulator is put in cached form [Y-X, Y+X, 2dT, 2Z] (one
// 8-lane product by [1, 1, 2d, 2]) before the doublings and added to the
// lower one with addEntry on ymm. Constant time: digits only form blend
// masks, as in base4.go.

import (
	"math/big"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// cachedMul is the 8-lane constant [1, 1, 2d, 2] in both halves, 5 rows.
var cachedMul Mem

func cachedMulConst() {
	p := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))
	d := new(big.Int).Mul(big.NewInt(-121665), new(big.Int).ModInverse(big.NewInt(121666), p))
	d2 := new(big.Int).Mod(new(big.Int).Lsh(d, 1), p)
	cachedMul = GLOBL("ifmaCachedMul", RODATA|NOPTR)
	mask := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 51), big.NewInt(1))
	for r := range 5 {
		limb := new(big.Int).And(new(big.Int).Rsh(d2, uint(51*r)), mask).Uint64()
		var one, two uint64
		if r == 0 {
			one, two = 1, 2
		}
		for h := range 2 {
			for l, v := range []uint64{one, one, limb, two} {
				DATA(64*r+32*h+8*l, U64(v))
			}
		}
	}
}

// selectEntry2 returns, in the lower half, the entry of row (8 entries at
// rowp) for the digit |absLo| with sign mask negLo (0 or 0xf), and in the
// upper half that of absHi, negHi: every entry is broadcast to both halves
// and blended under a mask.
func selectEntry2(rowp GPVirtual, absLo, negLo, absHi, negHi Op, ident fe8) vec5 {
	var N vec5
	for i := range N {
		N[i] = ZMM()
		VMOVDQU64(ident[i], N[i])
	}
	lo, hi := GP64(), GP64()
	MOVQ(absLo, lo)
	MOVQ(absHi, hi)
	for e := 1; e <= 8; e++ {
		mask := func(a GPVirtual, bits uint8) GPVirtual {
			m, t := GP64(), GP64()
			MOVQ(a, t)
			XORQ(U8(e), t) // 0 iff a == e
			SUBQ(U8(1), t) // borrows iff a == e
			SBBQ(m, m)     // -1 iff a == e
			ANDL(U32(uint32(bits)), m.As32())
			return m
		}
		m := mask(lo, 0x0f)
		ORQ(mask(hi, 0xf0), m)
		KMOVW(m.As32(), K7)
		for i := range N {
			b := ZMM()
			VBROADCASTI64X4(Mem{Base: rowp, Disp: entrySize*(e-1) + 32*i}, b)
			VPBLENDMQ(b, N[i], K7, N[i])
		}
	}
	Comment("negative digits: swap lanes 0 and 1, lane 2 = 2p - 2dxy")
	zero := vec5{}
	for i := range zero {
		zero[i] = zero8()
	}
	Nn := blendR(permR(N, permImm(1, 0, 2, 3)), ops(subR(zero, N)), lane2)
	nl, nh := GP64(), GP64()
	MOVQ(negLo, nl)
	MOVQ(negHi, nh)
	SHLQ(U8(4), nh)
	ORQ(nh, nl)
	KMOVW(nl.As32(), K7)
	for i := range N {
		VPBLENDMQ(Nn[i], N[i], K7, N[i])
	}
	return N
}

func base8Func() {
	cachedMulConst()
	TEXT("base8IFMA", 0, "func(s *[5][4]uint64, table *[32 * 8 * 20]uint64, abs, negk *[64]uint64)")
	Doc("base8IFMA sets s = [X, Y, T, Z] of the fixed-base multiple whose signed",
		"radix-16 digits have absolute values abs and sign masks negk (0 or 0xf),",
		"with two accumulators in the halves of zmm registers. Constant time.")
	Pragma("noescape")
	Sfr := fe8At(AllocLocal(320))
	Cfr := fe8At(AllocLocal(320))
	ident := fe8At(AllocLocal(320))
	jSlot := AllocLocal(8)
	setLaneMasksN(8)
	zreg = zero8()
	defer func() { zreg = nil }()
	Comment("identity entry [1, 1, 0, 2] and identity point [0, 1, 0, 1], both halves")
	{
		z := zero8()
		for i := range 5 {
			VMOVDQU64(z, ident[i])
			VMOVDQU64(z, Sfr[i])
		}
		for h := range 2 {
			for l, c := range []uint32{1, 1, 0, 2} {
				MOVQ(U32(c), ident[0].Offset(32*h+8*l))
			}
			for l, c := range []uint32{0, 1, 0, 1} {
				MOVQ(U32(c), Sfr[0].Offset(32*h+8*l))
			}
		}
	}
	MOVQ(U32(0), jSlot)
	Label("base8loop")
	{
		j, rowp, i := GP64(), GP64(), GP64()
		MOVQ(jSlot, j)
		MOVQ(j, rowp)
		IMUL3Q(U32(8*entrySize), rowp, rowp)
		ADDQ(Load(Param("table"), GP64()), rowp)
		ap, np := Load(Param("abs"), GP64()), Load(Param("negk"), GP64())
		LEAQ(Mem{Base: j, Index: j, Scale: 1}, i) // 2j
		N := selectEntry2(rowp,
			Mem{Base: ap, Index: i, Scale: 8, Disp: 8}, Mem{Base: np, Index: i, Scale: 8, Disp: 8},
			Mem{Base: ap, Index: i, Scale: 8}, Mem{Base: np, Index: i, Scale: 8}, ident)
		S := addEntry(loadFE8(Sfr), N)
		storeFE8(Sfr, [5]VecVirtual(S))
		INCQ(jSlot)
		CMPQ(jSlot, U8(32))
		JLT(LabelRef("base8loop"))
	}
	Comment("cached form of both accumulators: [Y-X, Y+X, T, Z] * [1, 1, 2d, 2]")
	{
		S := loadFE8(Sfr)
		Sp := permR(S, permImm(1, 1, 2, 3)) // [Y, Y, T, Z]
		zero := vec5{}
		for i := range zero {
			zero[i] = zero8()
		}
		Sx := blendR(permR(S, permImm(0, 0, 0, 0)), ops(zero), lane2|lane3) // [X, X, 0, 0]
		V1 := carryR(blendR(addR(Sp, Sx), ops(subR(Sp, Sx)), lane0))        // [Y-X, Y+X, T, Z]
		C := mulR(V1, memOps(fe8At(cachedMul)))
		storeFE8(Cfr, [5]VecVirtual(C))
	}
	Comment("times 16 (the lower half; the upper one is not used again)")
	for range 4 {
		storeFE8(Sfr, [5]VecVirtual(doublePoint(loadFE8(Sfr))))
	}
	Comment("lower + upper, on ymm")
	vnew, zreg = YMM, nil
	defer func() { vnew = ZMM }()
	var P, N vec5
	for i := range 5 {
		P[i], N[i] = YMM(), YMM()
		VMOVDQU64(Sfr[i], P[i])            // lanes 0-3
		VMOVDQU64(Cfr[i].Offset(32), N[i]) // lanes 4-7
	}
	R := addEntry(P, N)
	out := Mem{Base: Load(Param("s"), GP64())}
	for i := range 5 {
		VMOVDQU64(R[i], out.Offset(32*i))
	}
	VZEROUPPER()
	RET()
}
