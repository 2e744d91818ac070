package main

// The fixed-base scalar multiplication of the "avx512ifma" implementation:
// the algorithm of internal/edwards25519/edwards.go (64 mixed additions of table
// entries selected by signed radix-16 digits, 4 doublings), with each
// addition's and doubling's field multiplications done in the 4 ymm lanes
// of one IFMA product, and every value of the loop in registers.
//
// Lanes: the point is S = [X, Y, T, Z]; a table entry is stored as the
// vector N = [y-x, y+x, 2dxy, 2] (the 2 makes the fourth lane compute 2Z).
//
//	addition:  V1 = [Y-X, Y+X, T, Z]           M1 = V1*N  = [A, B, C, D]
//	           W  = [B-A, A+B, D-C, C+D]        = [E, H, F, G]
//	           L  = [E, G, E, F], R = [F, H, H, G], S' = L*R = [X', Y', T', Z']
//	doubling:  V1 = [X, Y, Z, X+Y]             M1 = V1*V1 = [X^2, Y^2, Z^2, (X+Y)^2]
//	           W  = [A+B-(X+Y)^2, A+B, A-B+2Z^2, A-B] (the negated E, F, G, H of
//	           double in edwards.go), then L, R and S' as above.

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

const entrySize = 160 // 5 rows of 4 lanes

// permImm returns the VPERMQ immediate selecting lanes l0..l3.
func permImm(l0, l1, l2, l3 int) uint8 { return uint8(l0 | l1<<2 | l2<<4 | l3<<6) }

// finishAdd computes S' = L*R from W = [E, H, F, G] (carried).
func finishAdd(W vec5) vec5 {
	L := permR(W, permImm(0, 3, 0, 2))
	R := permR(W, permImm(2, 1, 1, 3))
	return mulR(L, ops(R))
}

// addEntry returns S + N.
func addEntry(S vec5, N vec5) vec5 {
	Sp := permR(S, permImm(1, 1, 2, 3)) // [Y, Y, T, Z]
	zero := vec5{}
	for i := range zero {
		zero[i] = zero8()
	}
	Sx := blendR(permR(S, permImm(0, 0, 0, 0)), ops(zero), lane2|lane3) // [X, X, 0, 0]
	V1 := carryR(blendR(addR(Sp, Sx), ops(subR(Sp, Sx)), lane0))        // [Y-X, Y+X, T, Z]
	M1 := mulR(V1, ops(N))
	M1s := permR(M1, permImm(1, 0, 3, 2)) // [B, A, D, C]
	W := carryR(blendR(subR(M1s, M1), ops(addR(M1, M1s)), lane1|lane3))
	return finishAdd(W)
}

// doublePoint returns 2S.
func doublePoint(S vec5) vec5 {
	P0 := permR(S, permImm(0, 1, 3, 0)) // [X, Y, Z, X]
	P1 := permR(S, permImm(0, 1, 3, 1)) // [X, Y, Z, Y]
	V1 := carryR(blendR(P0, ops(addR(P0, P1)), lane3))
	M1 := mulR(V1, ops(V1)) // [A, B, Z^2, (X+Y)^2]
	Ma := permR(M1, permImm(0, 0, 0, 0))
	Mb := permR(M1, permImm(1, 1, 1, 1))
	base := carryR(blendR(addR(Ma, Mb), ops(subR(Ma, Mb)), lane2|lane3)) // [A+B, A+B, A-B, A-B]
	Ms := permR(M1, permImm(3, 2, 2, 2))                                 // [(X+Y)^2, Z^2, Z^2, Z^2]
	zero := vec5{}
	for i := range zero {
		zero[i] = zero8()
	}
	neg := subR(zero, Ms)                                            // lane 0: -(X+Y)^2 (as 2p - it)
	dbl := addR(Ms, Ms)                                              // lane 2: 2Z^2
	addend := blendR(blendR(zero, ops(neg), lane0), ops(dbl), lane2) // [-(X+Y)^2, 0, 2Z^2, 0]
	W := carryR(addR(base, addend))
	return finishAdd(W)
}

// selectEntry returns the entry of row (8 entries of entrySize bytes at
// rowp) for the digit whose absolute value is in abs (0..8) and whose sign
// mask (0 or 0xf, a K mask of all lanes) is in negk: every entry is loaded
// and blended under a mask (constant time).
func selectEntry(rowp GPVirtual, abs, negk Op, ident fe8) vec5 {
	var N vec5
	for i := range N {
		N[i] = YMM()
		VMOVDQU64(ident[i], N[i])
	}
	a := GP64()
	MOVQ(abs, a)
	for e := 1; e <= 8; e++ {
		m, t := GP64(), GP64()
		MOVQ(a, t)
		XORQ(U8(e), t) // 0 iff abs == e
		SUBQ(U8(1), t) // borrows iff abs == e
		SBBQ(m, m)     // -1 iff abs == e
		ANDL(U8(0xf), m.As32())
		KMOVW(m.As32(), K7)
		for i := range N {
			VPBLENDMQ(Mem{Base: rowp, Disp: entrySize*(e-1) + 32*i}, N[i], K7, N[i])
		}
	}
	Comment("negative digit: swap lanes 0 and 1, lane 2 = 2p - 2dxy")
	zero := vec5{}
	for i := range zero {
		zero[i] = zero8()
	}
	Nn := blendR(permR(N, permImm(1, 0, 2, 3)), ops(subR(zero, N)), lane2)
	nk := GP64()
	MOVQ(negk, nk)
	KMOVW(nk.As32(), K7)
	for i := range N {
		VPBLENDMQ(Nn[i], N[i], K7, N[i])
	}
	return N
}

func base4Func() {
	vnew, vrow = YMM, 32
	defer func() { vnew, vrow = ZMM, 64 }()

	TEXT("base4IFMA", 0, "func(s *[5][4]uint64, table *[32 * 8 * 20]uint64, abs, negk *[64]uint64)")
	Doc("base4IFMA sets s = [X, Y, T, Z] of the fixed-base multiple whose signed",
		"radix-16 digits have absolute values abs and sign masks negk (0 or 0xf).",
		"Constant time: digits only select table entries through blend masks.")
	Pragma("noescape")
	Sfr := fe8At(AllocLocal(160))
	ident := fe8At(AllocLocal(160))
	iSlot := AllocLocal(8)
	setLaneMasks()
	Comment("identity entry [1, 1, 0, 2] and identity point [0, 1, 0, 1]")
	{
		z := zero8()
		for i := range 5 {
			VMOVDQU64(z, ident[i])
			VMOVDQU64(z, Sfr[i])
		}
		for l, c := range []uint32{1, 1, 0, 2} {
			MOVQ(U32(c), ident[0].Offset(8*l))
		}
		for l, c := range []uint32{0, 1, 0, 1} {
			MOVQ(U32(c), Sfr[0].Offset(8*l))
		}
	}
	pass := func(name string, first int) {
		MOVQ(U32(first), iSlot)
		Label(name)
		i, rowp := GP64(), GP64()
		MOVQ(iSlot, i)
		MOVQ(i, rowp)
		SHRQ(U8(1), rowp)
		IMUL3Q(U32(8*entrySize), rowp, rowp)
		ADDQ(Load(Param("table"), GP64()), rowp)
		ap, np := Load(Param("abs"), GP64()), Load(Param("negk"), GP64())
		N := selectEntry(rowp, Mem{Base: ap, Index: i, Scale: 8}, Mem{Base: np, Index: i, Scale: 8}, ident)
		S := addEntry(loadFE8(Sfr), N)
		storeFE8(Sfr, [5]VecVirtual(S))
		ADDQ(U8(2), iSlot)
		CMPQ(iSlot, U8(64))
		JLT(LabelRef(name))
	}
	Comment("odd digits")
	pass("base4odd", 1)
	Comment("times 16")
	for range 4 {
		storeFE8(Sfr, [5]VecVirtual(doublePoint(loadFE8(Sfr))))
	}
	Comment("even digits")
	pass("base4even", 0)
	out := fe8At(Mem{Base: Load(Param("s"), GP64())})
	for i := range 5 {
		r := YMM()
		VMOVDQU64(Sfr[i], r)
		VMOVDQU64(r, out[i])
	}
	VZEROUPPER()
	RET()
}
