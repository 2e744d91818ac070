package main

// The single X25519 ladder of the "avx512ifma" implementation: one
// scalar multiplication, with the independent field multiplications of each
// ladder step done together in the 4 lanes of ymm registers (the 2-way /
// 4-way vectorized ladder idea of Faz-Hernandez and Lopez, "Fast
// Implementation of Curve25519 Using AVX2", LATINCRYPT 2015), with the
// radix-2^51 IFMA row arithmetic of ifma.go on 4 lanes instead of 8. Every
// value of a step stays in registers (the frame holds P and Q between
// steps, and constants): that, not the multiplications, is what makes it
// faster than the 4 x 64-bit MULX ladder.
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

// Register versions of the row operations: values are [5]VecVirtual.
type vec5 [5]VecVirtual

func addR(x, y vec5) vec5 {
	var z vec5
	for i := range z {
		z[i] = vnew()
		VPADDQ(y[i], x[i], z[i])
	}
	return z
}

// subR returns x + 2p - y.
func subR(x, y vec5) vec5 { return subMulR(x, y, c2p0, c2p1) }

// subMulR returns x + m - y for a multiple m of p whose limb 0 is the
// constant c0 and limbs 1..4 are c1.
func subMulR(x, y vec5, c0, c1 Mem) vec5 {
	var z vec5
	for i := range z {
		c := c1
		if i == 0 {
			c = c0
		}
		z[i] = vnew()
		VPADDQ_BCST(c, x[i], z[i])
		VPSUBQ(y[i], z[i], z[i])
	}
	return z
}

// laneK holds the opmask register set up for each lane mask (VPBLENDD is
// VEX-only and cannot reach Y16-Y31, so blends use VPBLENDMQ).
var laneK = map[uint8]Register{}

// setLaneMasks loads the opmask registers of the lane masks used (of the 4
// lanes of a ymm register).
func setLaneMasks() { setLaneMasksN(4) }

// setLaneMasksN loads them for n lanes: with 8 (zmm), each mask applies to
// both 256-bit halves.
func setLaneMasksN(n int) {
	r := GP32()
	for i, m := range []uint8{lane0 | lane3, lane1 | lane3, lane2, lane3, lane0, lane2 | lane3} {
		k := []Register{K1, K2, K3, K4, K5, K6}[i]
		var bits uint32
		for l := range 4 {
			if m>>(2*l)&3 != 0 {
				bits |= 1 << l
			}
		}
		if n == 8 {
			bits |= bits << 4
		}
		MOVL(U32(bits), r)
		KMOVW(r, k)
		laneK[m] = k
	}
}

// blendR returns a with the lanes of mask taken from b (b may be memory).
// The copy first: avo counts the destination of a masked instruction as an
// input.
func blendR(a vec5, b [5]Op, mask uint8) vec5 {
	var z vec5
	for i := range z {
		z[i] = vnew()
		VMOVDQA64(a[i], z[i])
		VPBLENDMQ(b[i], z[i], laneK[mask], z[i])
	}
	return z
}

func ops(v vec5) [5]Op {
	var o [5]Op
	for i := range v {
		o[i] = v[i]
	}
	return o
}

func memOps(m fe8) [5]Op {
	var o [5]Op
	for i := range m {
		o[i] = m[i]
	}
	return o
}

func permR(x vec5, imm uint8) vec5 {
	var z vec5
	for i := range z {
		z[i] = vnew()
		VPERMQ(U8(imm), x[i], z[i])
	}
	return z
}

// mulR returns x * y (the mul8 arithmetic with both operands in registers).
func mulR(x vec5, y [5]Op) vec5 {
	return carryR(mulRLazy(x, y))
}

// mulRLazy returns x * y without the final carry pass: limbs below 2^61
// (column k below 15*2^52 < 2^56 before the fold, plus 19 times another).
func mulRLazy(x vec5, y [5]Op) vec5 {
	var L [10]VecVirtual
	var H [9]VecVirtual
	acc := func(r *VecVirtual) VecVirtual {
		if *r == nil {
			*r = zero8()
		}
		return *r
	}
	for i := range 5 {
		for j := range 5 {
			VPMADD52LUQ(y[j], x[i], acc(&L[i+j]))
			VPMADD52HUQ(y[j], x[i], acc(&H[i+j]))
		}
	}
	acc(&L[9])
	for k := 1; k < 10; k++ {
		VPADDQ(H[k-1], H[k-1], H[k-1])
		VPADDQ(H[k-1], L[k], L[k])
	}
	t, u := vnew(), vnew()
	for k := range 5 {
		VPSLLQ(U8(4), L[k+5], t)
		VPSLLQ(U8(1), L[k+5], u)
		VPADDQ(u, t, t)
		VPADDQ(L[k+5], t, t)
		VPADDQ(t, L[k], L[k])
	}
	return vec5{L[0], L[1], L[2], L[3], L[4]}
}

func carryR(v vec5) vec5 {
	carry8([5]VecVirtual(v))
	return v
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
	Pfr, Qfr, A24 := fe8At(AllocLocal(160)), fe8At(AllocLocal(160)), fe8At(AllocLocal(160))
	idxP, idxQ := AllocLocal(32), AllocLocal(32)
	iSlot := AllocLocal(8)

	Comment("constants in the frame: a24 in every lane of limb 0, the base index vectors; lane masks in K1-K4")
	setLaneMasks()
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
	// newPQ stores P, Q = permutations of m2, m3 that include the
	// conditional swap sel[i] (m2, m3 may be registers or memory).
	newPQ := func(m2, m3 [5]Op, i GPVirtual) {
		sp := Load(Param("sel"), GP64())
		s, ip, iq := YMM(), YMM(), YMM()
		VPBROADCASTQ(Mem{Base: sp, Index: i, Scale: 8}, s)
		VPXORQ(idxP, s, ip)
		VPXORQ(idxQ, s, iq)
		for k := range 5 {
			r := YMM()
			VPERMQ(m2[k], ip, r)
			VMOVDQU64(r, Pfr[k])
		}
		for k := range 5 {
			r := YMM()
			VPERMQ(m3[k], iq, r)
			VMOVDQU64(r, Qfr[k])
		}
	}
	{
		in := Load(Param("init"), GP64())
		i := GP64()
		XORQ(i, i)
		newPQ(memOps(fe8At(Mem{Base: in})), memOps(fe8At(Mem{Base: in, Disp: 160})), i)
	}
	MOVQ(U32(1), iSlot)

	Label("ladder4loop")
	Comment("X = [D, C, A, B], Y = [A, B, A, B], M1 = X*Y = [DA, CB, AA, BB]")
	P, Q := loadFE8(Pfr), loadFE8(Qfr)
	X := carryR(blendR(addR(P, Q), ops(subR(P, Q)), lane0|lane3))
	Y := permR(X, 0xee) // [2, 3, 2, 3]
	M1 := mulR(X, ops(Y))
	Comment("X2 = [DA+CB, DA-CB, AA, E], Y2 = [DA+CB, DA-CB, BB, a24], M2 = X2*Y2")
	M1s := permR(M1, 0xb1) // [1, 0, 3, 2]: [CB, DA, BB, AA]
	T := blendR(addR(M1, M1s), ops(subR(M1s, M1)), lane1|lane3)
	X2 := carryR(blendR(T, ops(M1), lane2))
	Y2 := blendR(blendR(X2, ops(M1s), lane2), memOps(A24), lane3)
	M2 := mulR(X2, ops(Y2))
	{
		Comment("next P = permutation of M2, computed now to free its registers")
		i, sp := GP64(), Load(Param("sel"), GP64())
		MOVQ(iSlot, i)
		s, ip := YMM(), YMM()
		VPBROADCASTQ(Mem{Base: sp, Index: i, Scale: 8}, s)
		VPXORQ(idxP, s, ip)
		for k := range 5 {
			r := YMM()
			VPERMQ(M2[k], ip, r)
			VMOVDQU64(r, Pfr[k]) // P was loaded into registers at the top
		}
	}
	Comment("X3 = [x1, x1, x1, E], Y3 = [_, Z, _, AA + a24*E], M3 = X3*Y3")
	Y3 := carryR(blendR(M2, ops(addR(M2, permR(X2, 0xa4))), lane3)) // [0, 1, 2, 2]: lane 3 = AA
	x1 := fe8At(Mem{Base: Load(Param("x1"), GP64())})
	X3 := blendR(loadFE8(x1), ops(X2), lane3)
	M3 := mulR(X3, ops(Y3))
	{
		i, sp := GP64(), Load(Param("sel"), GP64())
		MOVQ(iSlot, i)
		s, iq := YMM(), YMM()
		VPBROADCASTQ(Mem{Base: sp, Index: i, Scale: 8}, s)
		VPXORQ(idxQ, s, iq)
		for k := range 5 {
			r := YMM()
			VPERMQ(M3[k], iq, r)
			VMOVDQU64(r, Qfr[k])
		}
	}
	INCQ(iSlot)
	CMPQ(iSlot, U32(256))
	JLT(LabelRef("ladder4loop"))

	out := fe8At(Mem{Base: Load(Param("out"), GP64())})
	for i := range 5 {
		r := YMM()
		VMOVDQU64(Pfr[i], r)
		VMOVDQU64(r, out[i])
	}
	out2 := fe8At(Mem{Base: Load(Param("out"), GP64()), Disp: 160})
	for i := range 5 {
		r := YMM()
		VMOVDQU64(Qfr[i], r)
		VMOVDQU64(r, out2[i])
	}
	VZEROUPPER()
	RET()
}
