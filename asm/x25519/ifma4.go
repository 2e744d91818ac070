package main

// The single X25519 ladder of the "avx512ifma" implementation: one
// scalar multiplication, with the independent field multiplications of each
// ladder step done together in the 4 lanes of ymm registers (the 2-way /
// 4-way vectorized ladder of Faz-Hernandez and Lopez, "Fast implementation
// of Curve25519 using AVX2", and Hisil, Egrioglu, "Accelerating X25519 with
// IFMA"-style lane layouts), with the radix-2^51 IFMA row operations of
// ifma.go on 4 lanes instead of 8.
//
// Lanes of one ladder step (after the conditional swap):
//
//	P  = [x3, x3, x2, x2]            Q  = [z3, z3, z2, z2]
//	X  = [D, C, A, B]                Y  = [A, B, A, B]           (P -/+ Q)
//	M1 = X*Y = [DA, CB, AA, BB]
//	X2 = [DA+CB, DA-CB, AA, E]       Y2 = [DA+CB, DA-CB, BB, a24]
//	M2 = X2*Y2 = [x3', Z, x2', a24*E]
//	X3 = [x1, x1, x1, E]             Y3 = [_, Z, _, AA + a24*E]
//	M3 = X3*Y3 = [_, z3', _, z2']
//
// and the next P, Q are lane permutations of M2 and M3 whose index vector
// also performs the next conditional swap (exchanging lanes 0,1 with 2,3):
// VPERMQ's timing does not depend on the indices.

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Lane masks for VPBLENDD (one bit per dword, two per qword lane).
const (
	lane1 = 0x0c
	lane2 = 0x30
	lane3 = 0xc0
	lane0 = 0x03
)

// perm4 emits z = x with lanes permuted by the immediate.
func perm4(z, x fe8, imm uint8) {
	for i := range 5 {
		r := YMM()
		VPERMQ(U8(imm), x[i], r)
		VMOVDQU64(r, z[i])
	}
}

// permVar4 emits z = x with lanes permuted by the index vector idx.
func permVar4(z, x fe8, idx VecVirtual) {
	for i := range 5 {
		r := YMM()
		VPERMQ(x[i], idx, r)
		VMOVDQU64(r, z[i])
	}
}

// blend4 emits z = a with the lanes of mask taken from b.
func blend4(z, a, b fe8, mask uint8) {
	for i := range 5 {
		r, s := YMM(), YMM()
		VMOVDQU64(a[i], r)
		VPBLENDD(U8(mask), b[i], r, s)
		VMOVDQU64(s, z[i])
	}
}

// addRaw4 emits z = x + y and subRaw4 z = x + 2p - y without carries;
// carry4 normalizes z in place.
func addRaw4(z, x, y fe8) {
	for i := range 5 {
		r := YMM()
		VMOVDQU64(x[i], r)
		VPADDQ(y[i], r, r)
		VMOVDQU64(r, z[i])
	}
}

func subRaw4(z, x, y fe8) {
	for i := range 5 {
		c := c2p1
		if i == 0 {
			c = c2p0
		}
		r := YMM()
		VMOVDQU64(x[i], r)
		VPADDQ_BCST(c, r, r)
		VPSUBQ(y[i], r, r)
		VMOVDQU64(r, z[i])
	}
}

func carry4(z fe8) {
	r := loadFE8(z)
	carry8(r)
	storeFE8(z, r)
}

func ladder4Func() {
	vnew, vrow = YMM, 32
	defer func() { vnew, vrow = ZMM, 64 }()

	TEXT("ladder4IFMA", 0, "func(out *[2][5][4]uint64, init *[2][5][4]uint64, x1 *[5][4]uint64, sel *[256]uint64)")
	Doc("ladder4IFMA runs one X25519 Montgomery ladder with the multiplications of",
		"each step in 4 ymm lanes. init holds the M2 and M3 vectors before the first",
		"step ([u, _, 1, _] and [_, 1, _, 0]), x1 the u-coordinate in every lane,",
		"sel[0] the initial swap and sel[i] the swap after step 255-i (0 or 2 each).",
		"out receives the final P and Q; x2 and z2 are their lane 2.")
	Pragma("noescape")
	el := func() fe8 { return fe8At(AllocLocal(160)) }
	P, Q, X, Y, M1, M1s, S, D := el(), el(), el(), el(), el(), el(), el(), el()
	X2, Y2, M2, M3, X3, Y3, T, A24 := el(), el(), el(), el(), el(), el(), el(), el()
	idxP, idxQ := AllocLocal(32), AllocLocal(32)
	iSlot := AllocLocal(8)

	Comment("constants in the frame: a24 in lane 3 of limb 0, the base index vectors")
	{
		r := GP64()
		z := zero8()
		for i := range 5 {
			VMOVDQU64(z, A24[i])
		}
		MOVQ(U32(121665), r)
		v := YMM()
		VPBROADCASTQ(r, v)
		VMOVDQU64(v, A24[0])
		for l, c := range []uint64{0, 0, 2, 2} {
			MOVQ(U32(c), idxP.Offset(8*l))
			MOVQ(U32(c+1), idxQ.Offset(8*l))
		}
	}
	newPQ := func(m2, m3 fe8, i GPVirtual) {
		Comment("P, Q = permutations of M2, M3 that include the conditional swap sel[i]")
		sp := Load(Param("sel"), GP64())
		s, ip, iq := YMM(), YMM(), YMM()
		VPBROADCASTQ(Mem{Base: sp, Index: i, Scale: 8}, s)
		VPXORQ(idxP, s, ip)
		VPXORQ(idxQ, s, iq)
		permVar4(P, m2, ip)
		permVar4(Q, m3, iq)
	}
	{
		in := Load(Param("init"), GP64())
		i := GP64()
		XORQ(i, i)
		newPQ(fe8At(Mem{Base: in}), fe8At(Mem{Base: in, Disp: 160}), i)
	}
	x1 := func() fe8 { return fe8At(Mem{Base: Load(Param("x1"), GP64())}) }
	MOVQ(U32(1), iSlot)

	Label("ladder4loop")
	Comment("X = [D, C, A, B], Y = [A, B, A, B], M1 = X*Y = [DA, CB, AA, BB]")
	addRaw4(T, P, Q)
	subRaw4(S, P, Q)
	blend4(X, T, S, lane0|lane3)
	carry4(X)
	perm4(Y, X, 0xee) // [2, 3, 2, 3]
	mul8(M1, X, Y)
	Comment("X2 = [DA+CB, DA-CB, AA, E], Y2 = [DA+CB, DA-CB, BB, a24], M2 = X2*Y2")
	perm4(M1s, M1, 0xb1) // [1, 0, 3, 2]: [CB, DA, BB, AA]
	addRaw4(S, M1, M1s)
	subRaw4(D, M1s, M1) // [CB-DA, DA-CB, BB-AA, AA-BB]
	blend4(T, S, D, lane1|lane3)
	blend4(X2, T, M1, lane2)
	carry4(X2)
	blend4(T, X2, M1s, lane2)
	blend4(Y2, T, A24, lane3)
	mul8(M2, X2, Y2)
	Comment("X3 = [x1, x1, x1, E], Y3 = [_, Z, _, AA + a24*E], M3 = X3*Y3")
	perm4(T, X2, 0xa4) // [0, 1, 2, 2]: lane 3 = AA
	addRaw4(S, M2, T)
	blend4(Y3, M2, S, lane3)
	carry4(Y3)
	blend4(X3, x1(), X2, lane3)
	mul8(M3, X3, Y3)
	{
		i := GP64()
		MOVQ(iSlot, i)
		newPQ(M2, M3, i)
	}
	INCQ(iSlot)
	CMPQ(iSlot, U32(256))
	JLT(LabelRef("ladder4loop"))

	out := fe8At(Mem{Base: Load(Param("out"), GP64())})
	for i := range 5 {
		r := YMM()
		VMOVDQU64(P[i], r)
		VMOVDQU64(r, out[i])
	}
	out2 := fe8At(Mem{Base: Load(Param("out"), GP64()), Disp: 160})
	for i := range 5 {
		r := YMM()
		VMOVDQU64(Q[i], r)
		VMOVDQU64(r, out2[i])
	}
	VZEROUPPER()
	RET()
}

var _ = Y0
