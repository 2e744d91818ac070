package main

// The single X25519 ladder of the "avx512ifma" implementation on cores
// that run 512-bit code at full width (Zen 5): one scalar multiplication
// with the multiplications of each ladder step in the 8 lanes of zmm
// registers, two rounds of 8 products per step instead of the three rounds
// of 4 products of ladder4IFMA (ifma4.go).
//
// A ladder step needs 9 full products (DA, CB, AA, BB; (DA+CB)^2,
// (DA-CB)^2, AA*BB, E*(AA + a24*E); x1*(DA-CB)^2), three deep: the
// product by x1 waits for the square. The depth drops to two by carrying,
// beside each coordinate, the same coordinate times x1 (the u-coordinate
// of the input point): with x1A = x1*A and so on,
//
//	round 1: [D*A, C*B, A*A, B*B, x1D*A, x1C*B, x1A*A, x1B*B]
//	round 2: x3' = W*W, z3' = V*U, x2' = AA*BB, z2' = E*F,
//	         x1x3' = W'*W, x1z3' = U*U, x1x2' = x1AA*BB, x1z2' = x1E*F
//
// with W = DA+CB, V = DA-CB, W' = x1DA + x1CB = x1*W, U = x1DA - x1CB =
// x1*V, E = AA-BB, x1E = x1AA - x1BB and F = AA + a24*E, computed as
// AA + a24*AA + a24*(2p - BB) (products by the small constant a24 = 121665:
// 20 masked IFMA instructions, not a round) so that it does not wait for E
// and runs beside X2. Each
// lane is the plain ladder's value or exactly x1 times it, so the result
// is the plain ladder's, projective representative included.
//
// Lanes between steps (after the conditional swap):
//
//	P  = [x3, x3, x2, x2, x1x3, x1x3, x1x2, x1x2]
//	Q  = [z3, z3, z2, z2, x1z3, x1z3, x1z2, x1z2]
//	X  = [D, C, A, B, x1D, x1C, x1A, x1B]      (P -/+ Q)
//	Y  = [A, B, A, B, A, B, A, B]
//	M1 = X*Y = [DA, CB, AA, BB, x1DA, x1CB, x1AA, x1BB]
//	X2 = [W, V, AA, E, W', U, x1AA, x1E]
//	Y2 = [W, U, BB, F, W, U, BB, F]
//	M2 = X2*Y2 = [x3, z3, x2, z2, x1x3, x1z3, x1x2, x1z2] (the next step's)
//
// and P, Q are permutations of M2 (left uncarried: the sums and
// differences of P and Q are carried, with 2^11*p added to the differences) by index vectors XORed with the swap bit
// (2: exchanging the x2 and x3 lanes); VPERMQ's timing does not depend on
// the indices. M2 stays in registers from one step to the next (no frame).
// The row arithmetic (mulR, addR, subR, permR) is ifma4.go's
// on zmm registers.

import (
	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// qwordTable emits a read-only table of 8 quadwords.
func qwordTable(name string, v [8]uint64) Mem {
	m := GLOBL(name, RODATA|NOPTR)
	for i, x := range v {
		DATA(8*i, U64(x))
	}
	return m
}

func zeroR() vec5 {
	var z vec5
	for i := range z {
		z[i] = zero8()
	}
	return z
}

func copyR(a vec5) vec5 {
	var z vec5
	for i := range z {
		z[i] = vnew()
		VMOVDQA64(a[i], z[i])
	}
	return z
}

// subBigR returns x + 2^11*p - y, for x, y with limbs below 2^61 (lazy
// products, mulRLazy): limbs below 2^61 + 2^62 < 2^63, for carry8.
func subBigR(x, y vec5) vec5 { return subMulR(x, y, c2p11x0, c2p11x1) }

// blendK returns a with the lanes of opmask k taken from b.
func blendK(a vec5, b [5]Op, k Register) vec5 {
	var z vec5
	for i := range z {
		z[i] = vnew()
		VMOVDQA64(a[i], z[i])
		VPBLENDMQ(b[i], z[i], k, z[i])
	}
	return z
}

var (
	c2p11x0 Mem // limb 0 of 2^11*p in radix 2^51: 2^11*(2^51 - 19)
	c2p11x1 Mem // limbs 1..4: 2^11*(2^51 - 1)
)

func ladder8x1Func() {
	vnew, vrow = ZMM, 64
	c2p11x0 = ConstData("ifma2p11x0", U64(1<<11*(1<<51-19)))
	c2p11x1 = ConstData("ifma2p11x1", U64(1<<11*(1<<51-1)))

	idxP := qwordTable("ladder8x1IdxP", [8]uint64{0, 0, 2, 2, 4, 4, 6, 6})
	idxQ := qwordTable("ladder8x1IdxQ", [8]uint64{1, 1, 3, 3, 5, 5, 7, 7})
	idxY := qwordTable("ladder8x1IdxY", [8]uint64{2, 3, 2, 3, 2, 3, 2, 3})
	// Y2 from the two tables X2 (indices 0-7) and F (8-15).
	idxY2 := qwordTable("ladder8x1IdxY2", [8]uint64{0, 5, 8 + 2, 8 + 3, 0, 5, 8 + 2, 8 + 3})

	TEXT("ladder8x1IFMA", 0, "func(out *[2][5][8]uint64, init *[5][8]uint64, sel *[256]uint64)")
	Doc("ladder8x1IFMA runs one X25519 Montgomery ladder with the multiplications of",
		"each step in 8 zmm lanes, two rounds per step. init holds the M2 vector",
		"before the first step ([u, 1, 1, 0, u^2, u, u, 0]), sel[0] the initial swap",
		"and sel[i] the swap after step 255-i (0 or 2 each). out receives the final",
		"P and Q; x2 and z2 are their lane 2.")
	Pragma("noescape")
	Comment("lane masks: K1 the lanes of X from P-Q, K2 those of X2 from P'-M1, K3 from M1, K4 the lane of F")
	kX, kT, kM, kF := K1, K2, K3, K4
	{
		r := GP32()
		for _, m := range []struct {
			k    Register
			bits uint32
		}{{kX, 0x99}, {kT, 0xaa}, {kM, 0x44}, {kF, 0x08}} {
			MOVL(U32(m.bits), r)
			KMOVW(r, m.k)
		}
	}
	sp := Load(Param("sel"), GP64())
	// permPQ returns P, Q = the permutations of m of swap sel[i].
	permPQ := func(m vec5, i GPVirtual) (vec5, vec5) {
		s, ip, iq := ZMM(), ZMM(), ZMM()
		VPBROADCASTQ(Mem{Base: sp, Index: i, Scale: 8}, s)
		VPXORQ(idxP, s, ip)
		VPXORQ(idxQ, s, iq)
		var P, Q vec5
		for k := range 5 {
			P[k], Q[k] = ZMM(), ZMM()
			VPERMQ(m[k], ip, P[k])
			VPERMQ(m[k], iq, Q[k])
		}
		return P, Q
	}

	Comment("M: the M2 vector of the last step, in registers across the loop")
	M := vec5(loadFE8(fe8At(Mem{Base: Load(Param("init"), GP64())})))
	i := GP64()
	XORQ(i, i)

	Label("ladder8x1loop")
	Comment("X = [D, C, A, B, x1D, x1C, x1A, x1B], Y = [A, B, A, B, A, B, A, B], M1 = X*Y")
	P, Q := permPQ(M, i)
	X := carryR(blendK(addR(P, Q), ops(subBigR(P, Q)), kX))
	var Y vec5
	{
		ix := ZMM()
		VMOVDQU64(idxY, ix)
		for k := range 5 {
			Y[k] = ZMM()
			VPERMQ(X[k], ix, Y[k])
		}
	}
	M1 := mulR(X, ops(Y))

	Comment("X2 = [W, V, AA, E, W', U, x1AA, x1E]")
	M1s := permR(M1, 0xb1)  // [CB, DA, BB, AA, x1CB, x1DA, x1BB, x1AA]
	NB := subR(zeroR(), M1) // 2p - M1: lane 3 is 2p - BB
	X2 := carryR(blendK(blendK(addR(M1, M1s), ops(subR(M1s, M1)), kT), ops(M1), kM))
	Comment("F = [_, _, BB, AA + a24*E, ...]: lane 3 = AA + a24*AA + a24*(2p - BB), beside X2 (not after E)")
	F := copyR(M1s)
	{
		// Radix 2^51 with high halves at 2^52: column k+1 gets twice the
		// high halves of column k; the top column folds into limb 0 as
		// 38*H_4. H_k < 2^18, so the columns stay below 2^54 and one
		// carry pass follows.
		var H [5]VecVirtual
		for k := range 5 {
			H[k] = zero8()
			VPMADD52LUQ_BCST(cA24, M1s[k], kF, F[k])
			VPMADD52HUQ_BCST(cA24, M1s[k], kF, H[k])
			VPMADD52LUQ_BCST(cA24, NB[k], kF, F[k])
			VPMADD52HUQ_BCST(cA24, NB[k], kF, H[k])
		}
		for k := range 4 {
			VPADDQ(H[k], H[k], H[k])
			VPADDQ(H[k], F[k+1], F[k+1])
		}
		VPMADD52LUQ_BCST(c38, H[4], F[0])
		carryR(F)
	}
	Comment("Y2 = [W, U, BB, F, W, U, BB, F] from X2 and F")
	var Y2 vec5
	{
		ix := ZMM()
		VMOVDQU64(idxY2, ix)
		for k := range 5 {
			Y2[k] = ZMM()
			VMOVDQA64(X2[k], Y2[k])
			VPERMT2Q(F[k], ix, Y2[k])
		}
	}
	Comment("M2 = X2*Y2, not carried: the next step's sums and differences are carried")
	M2 := mulRLazy(X2, ops(Y2))
	for k := range 5 {
		VMOVDQA64(M2[k], M[k])
	}
	INCQ(i)
	CMPQ(i, U32(255))
	JLT(LabelRef("ladder8x1loop"))

	Comment("the last swap")
	P, Q = permPQ(M, i)
	for h, v := range []vec5{carryR(P), carryR(Q)} {
		out := fe8At(Mem{Base: Load(Param("out"), GP64()), Disp: 320 * h})
		storeFE8(out, v)
	}
	VZEROUPPER()
	RET()
}
