package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// Poly1305 with AVX-512 IFMA, 8 blocks per iteration (Goll and Gueron,
// "Vectorization of Poly1305 Message Authentication Code"; the radix and
// the use of VPMADD52 follow the idea of OpenSSL's poly1305_blocks_vpmadd52).
//
// Numbers mod 2^130-5 are kept in radix 2^44: x = x0 + x1*2^44 + x2*2^88
// with x0, x1 < 2^44 and x2 < 2^42 after a carry pass (a little more is
// allowed in between: every VPMADD52 input stays below 2^52). Since
// 2^132 = 4*2^130 = 20 mod p, a product is
//
//	d0 = a0*r0 + a1*20r2 + a2*20r1
//	d1 = a0*r1 + a1*r0   + a2*20r2
//	d2 = a0*r2 + a1*r1   + a2*r0
//
// VPMADD52LUQ adds the low 52 bits of each 104-bit product to L_k and
// VPMADD52HUQ the high 52 bits to H_k, which are worth H_k*2^52: 2^8 times
// the next limb, so d1 += H0<<8, d2 += H1<<8 and, as limb 3 is 20 times
// limb 0, d0 += H2*2^8*20 = H2*5120.
//
// Lane i of the accumulator absorbs blocks i, i+8, i+16, ... by Horner's
// rule with r^8; the last step multiplies lane i by r^(8-i) instead, and
// the lanes are summed. A step's chain of dependent VPMADD52s (latency 4
// on Zen 5) and carries is about 40 cycles, while the IFMA units take two
// VPMADD52s per cycle: so from 4 groups of 8 blocks on, two accumulators
// take alternate groups, each times r^16 per step, and from 16 groups on,
// four take every fourth, times r^32 (measured on 16 KiB: one 1067 ns,
// two 680 ns, four 545 ns); at the end they are folded together with
// r^8 in the order of their last groups. Loading two zmm of message and unpacking their
// qwords puts block b in lane [0 4 1 5 2 6 3 7][b], so the powers are
// stored in that order.

// powerLane is the lane that holds the block multiplied by r^k in the
// final step.
var powerLane = map[int]int{8: 0, 4: 1, 7: 2, 3: 3, 6: 4, 2: 5, 5: 6, 1: 7}

func polyIFMA() {
	TEXT("polyBlocksIFMA", NOSPLIT, "func(p *[7]uint64, msg []byte)")
	Pragma("noescape")
	Doc(
		"polyBlocksIFMA absorbs msg into the Poly1305 state p (a *polyState), as",
		"polyBlocksGeneric. len(msg) must be a non-zero multiple of 128. It",
		"needs AVX-512 F, VL and IFMA, and BMI2 for the powers of r.",
		"Assembly because Go has no SIMD: 8 blocks per step in 64-bit lanes.",
	)
	pp := Mem{Base: Load(Param("p"), GP64())}
	msg := Load(Param("msg").Base(), GP64())
	n := Load(Param("msg").Len(), GP64())
	table := AllocLocal(3 * 64) // limb j of the power for lane i at 64*j + 8*i

	Comment("r^1 .. r^8 with the scalar multiplier, in radix 2^44, by lane.")
	r0, r1 := GP64(), GP64()
	MOVQ(pp.Offset(offR0), r0)
	MOVQ(pp.Offset(offR1), r1)
	k0, k1, k2 := GP64(), GP64(), GP64()
	MOVQ(r0, k0)
	MOVQ(r1, k1)
	XORQ(k2, k2)
	m44 := GP64()
	MOVQ(U64(1<<44-1), m44)
	for k := 1; k <= 8; k++ {
		if k > 1 {
			polyMulMULX(k0, k1, k2, r0, r1)
		}
		l0, l1, l2 := toRadix44(k0, k1, k2, m44)
		lane := powerLane[k]
		MOVQ(l0, table.Offset(8*lane))
		MOVQ(l1, table.Offset(64+8*lane))
		MOVQ(l2, table.Offset(128+8*lane))
	}

	Comment("Constants and r^8 in every lane.")
	mask44, mask42, hibit, zero := ZMM(), ZMM(), ZMM(), ZMM()
	VPXORQ(zero, zero, zero)
	VPBROADCASTQ(m44, mask44)
	t := GP64()
	MOVQ(U64(1<<42-1), t)
	VPBROADCASTQ(t, mask42)
	MOVQ(U64(1<<40), t)
	VPBROADCASTQ(t, hibit)
	r8 := func() (R [3]VecVirtual, S1, S2 VecVirtual) {
		R = [3]VecVirtual{ZMM(), ZMM(), ZMM()}
		for j := range R {
			VPBROADCASTQ(table.Offset(64*j+8*powerLane[8]), R[j])
		}
		return R, times20(R[1]), times20(R[2])
	}

	Comment("The accumulator h goes into lane 0 of A (block 0), then add blocks 0..7.")
	h0, h1, h2 := GP64(), GP64(), GP64()
	MOVQ(pp.Offset(offH0), h0)
	MOVQ(pp.Offset(offH1), h1)
	MOVQ(pp.Offset(offH2), h2)
	a0, a1, a2 := toRadix44(h0, h1, h2, m44)
	A := [3]VecVirtual{ZMM(), ZMM(), ZMM()}
	VMOVQ(a0, A[0].AsX())
	VMOVQ(a1, A[1].AsX())
	VMOVQ(a2, A[2].AsX())
	addMessage(A, msg, mask44, hibit)
	ADDQ(U32(128), msg)
	SUBQ(U32(128), n)
	JZ(LabelRef("ifma_last"))

	CMPQ(n, U32(384))
	JAE(LabelRef("ifma_two"))
	Comment("Up to 3 groups left: one accumulator, A = A*r^8 + the next 8 blocks",
		"(two would first need r^16).")
	Label("ifma_one")
	{
		R, S1, S2 := r8()
		M := splitMessage(Mem{Base: msg}, mask44, hibit)
		mulCarry(A, R, S1, S2, mask44, mask42, [3]VecVirtual{zero, zero, zero}, M)
	}
	ADDQ(U32(128), msg)
	SUBQ(U32(128), n)
	JNZ(LabelRef("ifma_one"))
	JMP(LabelRef("ifma_last"))

	Label("ifma_two")
	CMPQ(n, U32(15*128))
	JAE(LabelRef("ifma_four"))
	Comment("Two accumulators: A takes the even groups of 8 blocks, B the odd",
		"ones, each times r^16 per step, so that the two multiply chains,",
		"bound by latency, overlap.")
	B := splitMessage(Mem{Base: msg}, mask44, hibit)
	ADDQ(U32(128), msg)
	SUBQ(U32(128), n)
	R16 := [3]VecVirtual{ZMM(), ZMM(), ZMM()}
	{
		R, S1, S2 := r8()
		for j := range R16 {
			VMOVDQA64(R[j], R16[j])
		}
		mulCarry(R16, R, S1, S2, mask44, mask42, [3]VecVirtual{zero, zero, zero}, [3]VecVirtual{zero, zero, zero})
	}
	S16a, S16b := times20(R16[1]), times20(R16[2])
	CMPQ(n, U32(256))
	JB(LabelRef("ifma_odd"))

	Label("ifma_loop")
	Comment("A = A*r^16 + the next 8 blocks, B = B*r^16 + the 8 after them.")
	M := splitMessage(Mem{Base: msg}, mask44, hibit)
	mulCarry(A, R16, S16a, S16b, mask44, mask42, [3]VecVirtual{zero, zero, zero}, M)
	M = splitMessage(Mem{Base: msg, Disp: 128}, mask44, hibit)
	mulCarry(B, R16, S16a, S16b, mask44, mask42, [3]VecVirtual{zero, zero, zero}, M)
	ADDQ(U32(256), msg)
	SUBQ(U32(256), n)
	CMPQ(n, U32(256))
	JAE(LabelRef("ifma_loop"))
	TESTQ(n, n)
	JZ(LabelRef("ifma_even"))

	Label("ifma_odd")
	Comment("One group left: A takes it, and B, 8 blocks before it, catches up:",
		"A = B*r^8 + A*r^16 + the group.")
	M = splitMessage(Mem{Base: msg}, mask44, hibit)
	mulCarry(A, R16, S16a, S16b, mask44, mask42, [3]VecVirtual{zero, zero, zero}, M)
	{
		R, S1, S2 := r8()
		mulCarry(B, R, S1, S2, mask44, mask42, [3]VecVirtual{zero, zero, zero}, A)
		for j := range A {
			VMOVDQA64(B[j], A[j])
		}
	}
	JMP(LabelRef("ifma_last"))

	Label("ifma_even")
	Comment("B's last group follows A's: A = A*r^8 + B.")
	{
		R, S1, S2 := r8()
		mulCarry(A, R, S1, S2, mask44, mask42, [3]VecVirtual{zero, zero, zero}, B)
	}
	JMP(LabelRef("ifma_last"))

	Label("ifma_four")
	Comment("At least 16 groups: four accumulators, A, B, C and D taking the",
		"groups by their number mod 4, each times r^32 per step. Two chains",
		"still leave the IFMA units idle half the time; four fill them.")
	acc := [4][3]VecVirtual{A}
	for k := 1; k < 4; k++ {
		acc[k] = splitMessage(Mem{Base: msg, Disp: 128 * (k - 1)}, mask44, hibit)
	}
	ADDQ(U32(3*128), msg)
	SUBQ(U32(3*128), n)
	Comment("r^32 = ((r^8)^2)^2.")
	R32 := [3]VecVirtual{ZMM(), ZMM(), ZMM()}
	{
		R, S1, S2 := r8()
		for j := range R32 {
			VMOVDQA64(R[j], R32[j])
		}
		mulCarry(R32, R, S1, S2, mask44, mask42, [3]VecVirtual{zero, zero, zero}, [3]VecVirtual{zero, zero, zero})
		R16 := [3]VecVirtual{ZMM(), ZMM(), ZMM()}
		for j := range R16 {
			VMOVDQA64(R32[j], R16[j])
		}
		mulCarry(R32, R16, times20(R16[1]), times20(R16[2]), mask44, mask42, [3]VecVirtual{zero, zero, zero}, [3]VecVirtual{zero, zero, zero})
	}
	S32a, S32b := times20(R32[1]), times20(R32[2])
	step := func(k, off int) {
		M := splitMessage(Mem{Base: msg, Disp: off}, mask44, hibit)
		mulCarry(acc[k], R32, S32a, S32b, mask44, mask42, [3]VecVirtual{zero, zero, zero}, M)
	}
	Label("ifma_four_loop")
	Comment("Each accumulator times r^32 plus its next group.")
	for k := 0; k < 4; k++ {
		step(k, 128*k)
	}
	ADDQ(U32(512), msg)
	SUBQ(U32(512), n)
	CMPQ(n, U32(512))
	JAE(LabelRef("ifma_four_loop"))
	Comment("0 to 3 groups left, for A, B, C; then the accumulators in the",
		"order of their last groups, t of them having taken one more:",
		"X = X*r^8 + the next.")
	for t := 3; t >= 0; t-- {
		Label(fmt.Sprintf("ifma_four_t%d", t))
		if t > 0 {
			CMPQ(n, U32(128*t))
			JNE(LabelRef(fmt.Sprintf("ifma_four_t%d", t-1)))
		}
		for k := 0; k < t; k++ {
			step(k, 128*k)
		}
		R, S1, S2 := r8()
		X := acc[t%4]
		for i := 1; i < 4; i++ {
			mulCarry(X, R, S1, S2, mask44, mask42, [3]VecVirtual{zero, zero, zero}, acc[(t+i)%4])
		}
		if t%4 != 0 {
			for j := range A {
				VMOVDQA64(X[j], A[j])
			}
		}
		if t > 0 {
			JMP(LabelRef("ifma_last"))
		}
	}

	Label("ifma_last")
	Comment("Multiply lane i by its power of r and sum the lanes.")
	Rv := [3]VecVirtual{ZMM(), ZMM(), ZMM()}
	for j := range Rv {
		VMOVDQU64(table.Offset(64*j), Rv[j])
	}
	mulCarry(A, Rv, times20(Rv[1]), times20(Rv[2]), mask44, mask42, [3]VecVirtual{zero, zero, zero}, [3]VecVirtual{zero, zero, zero})
	s0, s1, s2 := hsum(A[0]), hsum(A[1]), hsum(A[2])

	Comment("Back to radix 2^64: h = s0 + s1*2^44 + s2*2^88 (each s < 2^48).")
	MOVQ(s1, h0)
	SHLQ(U8(44), h0)
	SHRQ(U8(20), s1)
	MOVQ(s2, h1)
	SHLQ(U8(24), h1)
	MOVQ(s2, h2)
	SHRQ(U8(40), h2)
	ADDQ(s0, h0)
	ADCQ(s1, h1)
	ADCQ(U8(0), h2)
	Comment("Partial reduction: bits from 2^130 up come back times 5.")
	MOVQ(h2, t)
	SHRQ(U8(2), t)
	ANDQ(U8(3), h2)
	LEAQ(Mem{Base: t, Index: t, Scale: 4}, t)
	ADDQ(t, h0)
	ADCQ(U8(0), h1)
	ADCQ(U8(0), h2)
	MOVQ(h0, pp.Offset(offH0))
	MOVQ(h1, pp.Offset(offH1))
	MOVQ(h2, pp.Offset(offH2))
	VZEROUPPER()
	RET()
}

// toRadix44 returns the 44-bit limbs of x0 + x1*2^64 + x2*2^128 (x < 2^131).
func toRadix44(x0, x1, x2, m44 GPVirtual) (GPVirtual, GPVirtual, GPVirtual) {
	l0, l1, l2 := GP64(), GP64(), GP64()
	MOVQ(x0, l0)
	ANDQ(m44, l0)
	MOVQ(x0, l1)
	SHRQ(U8(44), x1, l1) // x0>>44 | x1<<20
	ANDQ(m44, l1)
	MOVQ(x1, l2)
	SHRQ(U8(24), x2, l2) // x1>>24 | x2<<40
	return l0, l1, l2
}

// times20 returns 20*x per lane, as 16x + 4x.
func times20(x VecVirtual) VecVirtual {
	y, t := ZMM(), ZMM()
	VPSLLQ(U8(4), x, y)
	VPSLLQ(U8(2), x, t)
	VPADDQ(t, y, y)
	return y
}

// addMessage adds 8 blocks (128 bytes at msg) with their 2^128 bits to A,
// block b in lane [0 4 1 5 2 6 3 7][b].
func addMessage(A [3]VecVirtual, msg Register, mask44, hibit VecVirtual) {
	m := splitMessage(Mem{Base: msg}, mask44, hibit)
	VPADDQ(m[0], A[0], A[0])
	VPADDQ(m[1], A[1], A[1])
	VPADDQ(m[2], A[2], A[2])
}

// splitMessage returns the radix 2^44 limbs of 8 blocks (128 bytes at
// at msg) with their 2^128 bits, block b in lane [0 4 1 5 2 6 3 7][b].
func splitMessage(msg Mem, mask44, hibit VecVirtual) [3]VecVirtual {
	z0, z1 := ZMM(), ZMM()
	VMOVDQU64(msg, z0)
	VMOVDQU64(msg.Offset(64), z1)
	lo, hi := ZMM(), ZMM()
	VPUNPCKLQDQ(z1, z0, lo)
	VPUNPCKHQDQ(z1, z0, hi)
	m0, m1, m2 := ZMM(), ZMM(), ZMM()
	VPANDQ(mask44, lo, m0)
	VPSRLQ(U8(44), lo, m1)
	VPSLLQ(U8(20), hi, lo)
	VPTERNLOGQ(U8(0xa8), mask44, lo, m1) // m1 = (m1 | lo) & mask44
	VPSRLQ(U8(24), hi, m2)
	VPORQ(hibit, m2, m2)
	return [3]VecVirtual{m0, m1, m2}
}

// mulCarry sets A = A*R per lane (S1 = 20*R1, S2 = 20*R2) and carries it
// back to limbs below 2^44, 2^44 and 2^42 (plus a little in limb 0).
//
// zero is a register holding 0, copied into the accumulators (avo's
// liveness does not know the VPXORQ x, x, x idiom).
//
// The low accumulators start from seed (the next message limbs, or zero)
// and are consumed; zero must hold 0.
func mulCarry(A, R [3]VecVirtual, S1, S2, mask44, mask42 VecVirtual, zero, seed [3]VecVirtual) {
	// Products by output limb k and input limb i: A[i] * terms[k][i].
	terms := [3][3]VecVirtual{
		{R[0], S2, S1},   // d0 = a0*r0 + a1*20r2 + a2*20r1
		{R[1], R[0], S2}, // d1 = a0*r1 + a1*r0 + a2*20r2
		{R[2], R[1], R[0]},
	}
	// Each limb's low and high sums are chains of three dependent
	// VPMADD52s into one accumulator each: the two-accumulator loop hides
	// the latency, and fewer registers to clear and add up are fewer
	// instructions in a loop bound by throughput.
	var L, H [3]VecVirtual
	for k := 0; k < 3; k++ {
		L[k], H[k] = seed[k], ZMM()
		if seed[k] == zero[k] {
			L[k] = ZMM()
			VMOVDQA64(zero[k], L[k])
		}
		VMOVDQA64(zero[k], H[k])
		for i := 0; i < 3; i++ {
			VPMADD52LUQ(terms[k][i], A[i], L[k])
			VPMADD52HUQ(terms[k][i], A[i], H[k])
		}
	}
	Comment("Fold the high halves: H0, H1 into the next limb, H2 into limb 0 times 5120.")
	t := ZMM()
	VPSLLQ(U8(8), H[0], H[0])
	VPADDQ(H[0], L[1], L[1])
	VPSLLQ(U8(8), H[1], H[1])
	VPADDQ(H[1], L[2], L[2])
	VPSLLQ(U8(12), H[2], t)
	VPSLLQ(U8(10), H[2], H[2])
	VPADDQ(t, L[0], L[0])
	VPADDQ(H[2], L[0], L[0])
	Comment("Carry.")
	VPSRLQ(U8(44), L[0], t)
	VPANDQ(mask44, L[0], A[0])
	VPADDQ(t, L[1], L[1])
	VPSRLQ(U8(44), L[1], t)
	VPANDQ(mask44, L[1], A[1])
	VPADDQ(t, L[2], L[2])
	VPSRLQ(U8(42), L[2], t)
	VPANDQ(mask42, L[2], A[2])
	VPADDQ(t, A[0], A[0])
	VPSLLQ(U8(2), t, t)
	VPADDQ(t, A[0], A[0])
}

// hsum returns the sum of the 8 qword lanes of z in a general register.
func hsum(z VecVirtual) GPVirtual {
	y, x, w := YMM(), XMM(), XMM()
	VEXTRACTI64X4(U8(1), z, y)
	VPADDQ(z.AsY(), y, y)
	VEXTRACTI32X4(U8(1), y, x)
	VPADDQ(y.AsX(), x, x)
	VPSHUFD(U8(0x4e), x, w)
	VPADDQ(w, x, x)
	g := GP64()
	VMOVQ(x, g)
	return g
}
