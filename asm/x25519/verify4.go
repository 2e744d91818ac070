package main

// Single Ed25519 verification of the "avx512ifma" implementation: the
// double-scalar multiplication [k](-A) + [S]B by Straus' method with the
// width-5 NAF of k and the width-8 NAF of S (as verify in sig/ed25519),
// every doubling and addition with its four field multiplications in the
// 4 ymm lanes of one IFMA product (doublePoint and addEntry of base4.go),
// and the point in registers through the loop. Variable time: verification
// handles public values only; Go turns the NAF digits into table offsets.
//
// Tables: 160-byte entries [Y-X, Y+X, 2dT, 2Z] (the cached form; affine
// entries have Z = 1), entry 0 unused: offset 0 means "no addition".

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

func verify4Func() {
	vnew, vrow = YMM, 32
	defer func() { vnew, vrow = ZMM, 64 }()

	TEXT("verify4IFMA", 0, "func(s *[5][4]uint64, tabA *[17 * 20]uint64, tabB *[129 * 20]uint64, offA, offB *[256]uint64, n int)")
	Doc("verify4IFMA sets s = [X, Y, T, Z] of sum over j < n of 2^(n-1-j) (tabA[offA[j]] + tabB[offB[j]]),",
		"starting from s: for j = 0..n-1, s = 2s, then the additions of the entries at the byte",
		"offsets offA[j] and offB[j] (0: none). Entries are [Y-X, Y+X, 2dT, 2Z] in radix 2^51.")
	Pragma("noescape")
	Sfr := fe8At(AllocLocal(160))
	jSlot := AllocLocal(8)
	setLaneMasks()
	{
		in := fe8At(Mem{Base: Load(Param("s"), GP64())})
		for i := range 5 {
			r := YMM()
			VMOVDQU64(in[i], r)
			VMOVDQU64(r, Sfr[i])
		}
	}
	MOVQ(U32(0), jSlot)
	Label("v4loop")
	{
		S := doublePoint(loadFE8(Sfr))
		storeFE8(Sfr, [5]VecVirtual(S))
	}
	for _, t := range []struct{ tab, off, skip string }{{"tabA", "offA", "v4noA"}, {"tabB", "offB", "v4noB"}} {
		j, o := GP64(), GP64()
		MOVQ(jSlot, j)
		op := Load(Param(t.off), GP64())
		MOVQ(Mem{Base: op, Index: j, Scale: 8}, o)
		TESTQ(o, o)
		JZ(LabelRef(t.skip))
		ADDQ(Load(Param(t.tab), GP64()), o)
		N := loadFE8(fe8At(Mem{Base: o}))
		S := addEntry(loadFE8(Sfr), vec5(N))
		storeFE8(Sfr, [5]VecVirtual(S))
		Label(t.skip)
	}
	{
		j := GP64()
		MOVQ(jSlot, j)
		INCQ(j)
		MOVQ(j, jSlot)
		CMPQ(j, Load(Param("n"), GP64()))
		JLT(LabelRef("v4loop"))
	}
	out := fe8At(Mem{Base: Load(Param("s"), GP64())})
	for i := range 5 {
		r := YMM()
		VMOVDQU64(Sfr[i], r)
		VMOVDQU64(r, out[i])
	}
	VZEROUPPER()
	RET()
}

// table4Func emits the table of verify4IFMA for a point A: entries 1..8
// hold (2i-1) A in cached form [Y-X, Y+X, 2dT, 2Z] (an 8-lane product of
// [Y-X, Y+X, T, Z] by the constant [1, 1, 2d, 2] of base8.go), entries
// 9..16 their negations (lanes 0 and 1 swapped, lane 2 negated). One
// doubling and 7 additions of 2A, in ymm lanes as in verify4IFMA.
func table4Func() {
	vnew, vrow = YMM, 32
	defer func() { vnew, vrow = ZMM, 64 }()

	TEXT("table4IFMA", 0, "func(tab *[17 * 20]uint64, a *[5][4]uint64)")
	Doc("table4IFMA sets entries 1..8 of tab to the odd multiples A, 3A, ..., 15A of",
		"a = [X, Y, T, Z] in the cached form [Y-X, Y+X, 2dT, 2Z] of verify4IFMA,",
		"and entries 9..16 to their negations. Limbs below 2^52.")
	Pragma("noescape")
	Pfr := fe8At(AllocLocal(160))
	C2fr := fe8At(AllocLocal(160))
	setLaneMasks()
	var cm fe8 // the lower half of each row of [1, 1, 2d, 2]
	for i := range cm {
		cm[i] = cachedMul.Offset(64 * i)
	}
	zero := func() vec5 {
		var z vec5
		for i := range z {
			z[i] = zero8()
		}
		return z
	}
	cached := func(S vec5) vec5 {
		Sp := permR(S, permImm(1, 1, 2, 3))                                   // [Y, Y, T, Z]
		Sx := blendR(permR(S, permImm(0, 0, 0, 0)), ops(zero()), lane2|lane3) // [X, X, 0, 0]
		V1 := carryR(blendR(addR(Sp, Sx), ops(subR(Sp, Sx)), lane0))          // [Y-X, Y+X, T, Z]
		return mulR(V1, memOps(cm))
	}
	put := func(e int, N vec5) {
		tp := Load(Param("tab"), GP64())
		for i := range 5 {
			VMOVDQU64(N[i], Mem{Base: tp, Disp: entrySize*e + 32*i})
		}
		Nn := blendR(permR(N, permImm(1, 0, 2, 3)), ops(subR(zero(), N)), lane2)
		for i := range 5 {
			VMOVDQU64(Nn[i], Mem{Base: tp, Disp: entrySize*(e+8) + 32*i})
		}
	}
	A := loadFE8(fe8At(Mem{Base: Load(Param("a"), GP64())}))
	storeFE8(Pfr, A)
	Comment("A and the cached form of 2A")
	put(1, cached(vec5(A)))
	storeFE8(C2fr, [5]VecVirtual(cached(doublePoint(loadFE8(Pfr)))))
	for i := 2; i <= 8; i++ {
		Comment("entry " + string(rune('0'+i)) + ": the previous one + 2A")
		S := addEntry(loadFE8(Pfr), vec5(loadFE8(C2fr)))
		storeFE8(Pfr, [5]VecVirtual(S))
		put(i, cached(S))
	}
	VZEROUPPER()
	RET()
}
