package main

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// The AVX-512 IFMA functions work on numbers in 52-bit limbs, one per 64-bit
// lane, N limbs (N = 20, 32, 40 for 1024-, 1536- and 2048-bit primes: 5, 8
// and 10 ymm registers). They use only 256-bit registers (EVEX-encoded, so
// Y16-Y31 and opmasks are available) because 512-bit code lowers the clock
// on some CPUs, as OpenSSL's rsaz-avx512 does. Each function handles the two
// halves of an RSA-CRT private-key operation (mod p and mod q, same size) in
// one pass: the two dependency chains interleave and fill each other's
// latency. The Go reference of the AMM is ammRef in sig/rsa/ifma_ref_amd64.go.
//
// Almost Montgomery Multiplication (AMM, Gueron): r = a*b*2^(-52N) mod m up
// to one extra m, for a, b < 2m < 2^(52N)/2 with limbs below 2^52: r < 2m.

func ifmaFuncs() {
	for _, n := range []int{20, 32, 40} {
		ammX(n, 2)
		ammX(n, 1)
		selectX2(n)
	}
}

// ammX emits ammIFMA<N>x<H>: H = 2 interleaves the two CRT halves; H = 1
// serves the public-key operation.
func ammX(N, H int) {
	NR := N / 4
	TEXT(fmt.Sprintf("ammIFMA%dx%d", N, H), NOSPLIT, fmt.Sprintf("func(r, a, b, m *[%d]uint64, k0 *[%d]uint64)", H*N, H))
	Pragma("noescape")
	if H == 2 {
		Doc(fmt.Sprintf("ammIFMA%dx2 sets r[h] = a[h]*b[h]*2^(-%d) mod m[h] (plus at most m[h]) for the halves h = 0, 1", N, 52*N),
			fmt.Sprintf("(limbs h*%d to h*%d+%d), with 52-bit limbs; k0[h] = -m[h]^-1 mod 2^52. r may alias a or b.", N, N, N-1),
			"It executes in constant time.")
	} else {
		Doc(fmt.Sprintf("ammIFMA%dx1 sets r = a*b*2^(-%d) mod m (plus at most m), with 52-bit limbs;", N, 52*N),
			"k0[0] = -m^-1 mod 2^52. r may alias a or b. It executes in constant time.")
	}

	ap := Mem{Base: Load(Param("a"), GP64())}
	bp := Load(Param("b"), GP64())
	mp := Mem{Base: Load(Param("m"), GP64())}
	k0p := Mem{Base: Load(Param("k0"), GP64())}

	mask := GP64()
	MOVQ(U64(1<<52-1), mask)
	zero := YMM()
	VPXORQ(zero, zero, zero)

	var acc [2][]VecVirtual
	var acc0 [2]GPVirtual
	for h := range H {
		for range NR {
			v := YMM()
			VPXORQ(v, v, v)
			acc[h] = append(acc[h], v)
		}
		acc0[h] = GP64()
		XORQ(acc0[h], acc0[h])
	}
	n := GP64()
	MOVQ(U32(N), n)

	Comment("Loop over the limbs b[i] of b: A = (A + a*b[i] + m*y) / 2^52 with y = A0*k0 mod 2^52.",
		"acc holds A in 64-bit lanes (unnormalized), except that lane 0 lives in acc0,",
		"a scalar copy (for 32 and 40 limbs, what the vector lane 0 lacks, added to it",
		"each iteration; for 20 limbs, the whole value). Low halves of the products",
		"go in, then A shifts down one lane (VALIGNQ), then the high halves go in at the",
		"same positions, which is one limb up from where their low halves were.")
	if N == 20 {
		Comment("For 20 limbs (1024-bit primes) the loop is short enough that the chain from",
			"one y to the next bounds it: the next acc0 is computed in scalar registers from",
			"lane 1 as it stands at the start of the iteration instead of read back from the",
			"vector (the vector's lane 0 is then computed but never read):",
			"acc0' = (acc0 + lo(a0*bi) + m0*y) >> 52 + lane1 + lo(a1*bi) + hi(a0*bi) + lo(m1*y),",
			"lo and hi being the low and high 52 bits of a 104-bit product. 4% faster for",
			"RSA-2048 on Zen 4; 3-4% slower for 32 and 40 limbs, whose loops are bound by",
			"the vector pipes, so they keep the read-back.")
	}
	Label(fmt.Sprintf("amm%dx%dloop", N, H))
	for h := range H {
		bi := Mem{Base: bp, Disp: 8 * h * N}
		a := ap.Offset(8 * h * N)
		m := mp.Offset(8 * h * N)
		B, Y := YMM(), YMM()
		VPBROADCASTQ(bi, B)
		if N == 20 {
			Comment("w = lane 1 of A, before this limb's products")
			w, t, lo, hi := GP64(), GP64(), GP64(), GP64()
			l1 := YMM()
			VALIGNQ(Imm(1), acc[h][0], acc[h][0], l1)
			VMOVQ(l1.AsX(), w)
			Comment("acc0 += lo(a0*bi); w += hi(a0*bi) + lo(a1*bi)")
			MOVQ(bi, RDX)
			MULXQ(a, lo, hi)
			MOVQ(lo, t)
			ANDQ(mask, t)
			ADDQ(t, acc0[h])
			SHRQ(Imm(52), hi, lo)
			ADDQ(lo, w)
			MOVQ(a.Offset(8), t)
			IMULQ(RDX, t)
			ANDQ(mask, t)
			ADDQ(t, w)
			Comment("y = acc0*k0 mod 2^52; w += lo(m1*y); acc0 = (acc0 + m0*y) >> 52 + w")
			y := GP64()
			MOVQ(acc0[h], y)
			IMULQ(k0p.Offset(8*h), y)
			ANDQ(mask, y)
			VPBROADCASTQ(y, Y)
			MOVQ(m.Offset(8), t)
			IMULQ(y, t)
			ANDQ(mask, t)
			ADDQ(t, w)
			MOVQ(y, RDX)
			MULXQ(m, lo, hi)
			ADDQ(acc0[h], lo)
			ADCQ(Imm(0), hi)
			SHRQ(Imm(52), hi, lo)
			ADDQ(w, lo)
			MOVQ(lo, acc0[h])
		} else {
			Comment("acc0 += lo52(a[0]*b[i]); y = acc0*k0 mod 2^52; acc0 = (acc0 + lo52(m[0]*y)) >> 52")
			t, y := GP64(), GP64()
			MOVQ(a, t)
			IMULQ(bi, t)
			ANDQ(mask, t)
			ADDQ(t, acc0[h])
			MOVQ(acc0[h], y)
			IMULQ(k0p.Offset(8*h), y)
			ANDQ(mask, y)
			VPBROADCASTQ(y, Y)
			MOVQ(m, t)
			IMULQ(y, t)
			ANDQ(mask, t)
			ADDQ(t, acc0[h])
			SHRQ(Imm(52), acc0[h])
		}
		for r := range NR {
			VPMADD52LUQ(a.Offset(32*r), B, acc[h][r])
			VPMADD52LUQ(m.Offset(32*r), Y, acc[h][r])
		}
		for r := range NR {
			next := zero
			if r+1 < NR {
				next = acc[h][r+1]
			}
			VALIGNQ(Imm(1), acc[h][r], next, acc[h][r])
		}
		for r := range NR {
			VPMADD52HUQ(a.Offset(32*r), B, acc[h][r])
			VPMADD52HUQ(m.Offset(32*r), Y, acc[h][r])
		}
		if N != 20 {
			t := GP64()
			VMOVQ(acc[h][0].AsX(), t)
			ADDQ(t, acc0[h])
		}
	}
	ADDQ(Imm(8), bp)
	DECQ(n)
	JNZ(LabelRef(fmt.Sprintf("amm%dx%dloop", N, H)))

	Comment("Normalize to 52-bit limbs: put acc0 into lane 0, add each lane's bits 52-63",
		"into the next lane, then ripple the remaining 0/1 carries with opmask arithmetic:",
		"G = lanes above 2^52-1, P = lanes equal to 2^52-1, carry-in lanes = ((G<<1) + P) ^ P.")
	maskV, one := YMM(), YMM()
	VPBROADCASTQ(mask, maskV)
	VPSRLQ(Imm(51), maskV, one)
	k1 := K()
	lane0 := GP64()
	MOVQ(U32(1), lane0)
	KMOVW(lane0.As32(), k1)
	rp := Mem{Base: Load(Param("r"), GP64())}
	for h := range H {
		VPBROADCASTQ(acc0[h], k1, acc[h][0])
		hi, lo, cp := YMM(), YMM(), YMM()
		for r := NR - 1; r >= 0; r-- {
			VPSRLQ(Imm(52), acc[h][r], hi)
			if r > 0 {
				VPSRLQ(Imm(52), acc[h][r-1], lo)
				VALIGNQ(Imm(3), lo, hi, cp)
			} else {
				VALIGNQ(Imm(3), zero, hi, cp)
			}
			VPANDQ(maskV, acc[h][r], acc[h][r])
			VPADDQ(cp, acc[h][r], acc[h][r])
		}
		g, p, t := GP64(), GP64(), GP64()
		XORQ(g, g)
		XORQ(p, p)
		kg, kp := K(), K()
		for r := NR - 1; r >= 0; r-- {
			VPCMPUQ(Imm(6), maskV, acc[h][r], kg) // lane > 2^52-1
			VPCMPUQ(Imm(0), maskV, acc[h][r], kp) // lane == 2^52-1
			SHLQ(Imm(4), g)
			SHLQ(Imm(4), p)
			KMOVW(kg, t.As32())
			ORQ(t, g)
			KMOVW(kp, t.As32())
			ORQ(t, p)
		}
		SHLQ(Imm(1), g)
		ADDQ(p, g)
		XORQ(p, g) // g = lanes receiving a carry
		for r := range NR {
			kc := K()
			KMOVW(g.As32(), kc)
			SHRQ(Imm(4), g)
			VPADDQ(one, acc[h][r], kc, acc[h][r])
			VPANDQ(maskV, acc[h][r], acc[h][r])
			VMOVDQU64(acc[h][r], rp.Offset(8*h*N+32*r))
		}
	}
	VZEROUPPER()
	RET()
}

// selectX2 emits selectIFMA<N>x2: r = tbl[i0] for half 0 and tbl[i1] for half
// 1, reading every entry.
func selectX2(N int) {
	NR := N / 4
	TEXT(fmt.Sprintf("selectIFMA%dx2", N), NOSPLIT, fmt.Sprintf("func(r *[%d]uint64, tbl *[%d]uint64, i0, i1 uint64)", 2*N, 32*2*N))
	Pragma("noescape")
	Doc(fmt.Sprintf("selectIFMA%dx2 sets the half h of r to the half h of entry ih of tbl (32 entries of %d", N, 2*N),
		"limbs). It reads every entry and executes in constant time.")
	tp := Load(Param("tbl"), GP64())
	idx := [2]VecVirtual{YMM(), YMM()}
	t := GP64()
	Load(Param("i0"), t)
	VPBROADCASTQ(t, idx[0])
	Load(Param("i1"), t)
	VPBROADCASTQ(t, idx[1])
	ctr, one := YMM(), YMM()
	VPXORQ(ctr, ctr, ctr)
	MOVQ(U32(1), t)
	VPBROADCASTQ(t, one)
	var acc [2][]VecVirtual
	for h := range 2 {
		for range NR {
			v := YMM()
			VPXORQ(v, v, v)
			acc[h] = append(acc[h], v)
		}
	}
	n := GP64()
	MOVQ(U32(32), n)
	Label(fmt.Sprintf("sel%dloop", N))
	for h := range 2 {
		k := K()
		VPCMPEQQ(idx[h], ctr, k)
		for r := range NR {
			v := YMM()
			VMOVDQU64(Mem{Base: tp, Disp: 8*h*N + 32*r}, v)
			VPORQ(v, acc[h][r], k, acc[h][r])
		}
	}
	VPADDQ(one, ctr, ctr)
	ADDQ(U32(8*2*N), tp)
	DECQ(n)
	JNZ(LabelRef(fmt.Sprintf("sel%dloop", N)))
	rp := Mem{Base: Load(Param("r"), GP64())}
	for h := range 2 {
		for r := range NR {
			VMOVDQU64(acc[h][r], rp.Offset(8*h*N+32*r))
		}
	}
	VZEROUPPER()
	RET()
}
