//go:build arm64 && gc && !purego

// Hand-written ARMv8 assembly for the "arm64" AES-GCM kernel: AES-CTR with
// the AESE/AESMC instructions, 8 blocks per iteration, and GHASH with
// PMULL/PMULL2, 4 blocks per iteration with one reduction. Assembly is needed
// because Go has no intrinsics for these instructions. The Go wrapper
// (aesgcm_arm64.go) does the tails, the length block and the tag; the Go
// references of these functions are in aesgcm_generic.go, and
// aesgcm_arm64_test.go checks each function against its reference.

#include "textflag.h"

// Round keys. The last eleven round keys are always in K2..K11 and KL (the
// last one); AES-192's first two are in K0x and K1x, AES-256's first four in
// K0, K1, K0x and K1x. So every key size runs the same code from K2 on.
#define K0 V16
#define K1 V17
#define K0x V18
#define K1x V19
#define K2 V20
#define K3 V21
#define K4 V22
#define K5 V23
#define K6 V24
#define K7 V25
#define K8 V26
#define K9 V27
#define K10 V28
#define K11 V29
#define KL V30

// CTRT is the counter-block template (the nonce in bytes 0..11).
#define CTRT V31

// Counter blocks being encrypted (B0..B7) and input blocks (IN0..IN7).
#define B0 V0
#define B1 V1
#define B2 V2
#define B3 V3
#define B4 V4
#define B5 V5
#define B6 V6
#define B7 V7
#define IN0 V8
#define IN1 V9
#define IN2 V10
#define IN3 V11
#define IN4 V12
#define IN5 V13
#define IN6 V14
#define IN7 V15

// One AES round (AddRoundKey, SubBytes, ShiftRows, then MixColumns) on B.
#define ROUND(K, B) \
	AESE K.B16, B.B16; \
	AESMC B.B16, B.B16

#define ROUND8(K) \
	ROUND(K, B0); ROUND(K, B1); ROUND(K, B2); ROUND(K, B3); \
	ROUND(K, B4); ROUND(K, B5); ROUND(K, B6); ROUND(K, B7)

// Last round: no MixColumns, then the last round key.
#define LAST(B) \
	AESE K11.B16, B.B16; \
	VEOR KL.B16, B.B16, B.B16

// CTRBLK sets B to the template with the 32-bit big-endian counter R6 in
// bytes 12..15, and increments R6 modulo 2^32 (SP 800-38D inc32).
#define CTRBLK(B) \
	VMOV CTRT.B16, B.B16; \
	REVW R6, R7; \
	VMOV R7, B.S[3]; \
	ADDW $1, R6, R6

// func encryptBlockAsm(nr int, rk *[240]byte, dst, src *[16]byte)
TEXT ·encryptBlockAsm(SB), NOSPLIT, $0-32
	MOVD nr+0(FP), R0
	MOVD rk+8(FP), R1
	MOVD dst+16(FP), R2
	MOVD src+24(FP), R3
	VLD1 (R3), [B0.B16]

	// R7 = the round keys that are not among the last eleven.
	SUB  $10, R0, R7
	ADD  R7<<4, R1, R7
	VLD1.P 64(R7), [K2.B16, K3.B16, K4.B16, K5.B16]
	VLD1.P 64(R7), [K6.B16, K7.B16, K8.B16, K9.B16]
	VLD1 (R7), [K10.B16, K11.B16, KL.B16]
	CMP  $12, R0
	BLT  block128
	BEQ  block192
	VLD1 (R1), [K0.B16, K1.B16, K0x.B16, K1x.B16]
	ROUND(K0, B0)
	ROUND(K1, B0)
	ROUND(K0x, B0)
	ROUND(K1x, B0)
	B    block128

block192:
	VLD1 (R1), [K0x.B16, K1x.B16]
	ROUND(K0x, B0)
	ROUND(K1x, B0)

block128:
	ROUND(K2, B0)
	ROUND(K3, B0)
	ROUND(K4, B0)
	ROUND(K5, B0)
	ROUND(K6, B0)
	ROUND(K7, B0)
	ROUND(K8, B0)
	ROUND(K9, B0)
	ROUND(K10, B0)
	LAST(B0)
	VST1 [B0.B16], (R2)
	RET

// func ctrAsm(nr int, rk *[240]byte, iv *[16]byte, dst, src []byte)
//
// ctrAsm XORs src (a multiple of 16 bytes long) with the AES-CTR key stream
// whose first counter block is iv, and writes the result to dst, which is at
// least as long and may be src itself. The counter is the big-endian 32-bit
// word in iv[12:16] and wraps modulo 2^32.
//
// R0 rounds, R1 round keys, R3 dst, R4 src, R5 bytes left, R6 counter.
TEXT ·ctrAsm(SB), NOSPLIT, $0-72
	MOVD nr+0(FP), R0
	MOVD rk+8(FP), R1
	MOVD iv+16(FP), R2
	MOVD dst_base+24(FP), R3
	MOVD src_base+48(FP), R4
	MOVD src_len+56(FP), R5
	VLD1 (R2), [CTRT.B16]
	MOVWU 12(R2), R6
	REVW R6, R6

	SUB  $10, R0, R7
	ADD  R7<<4, R1, R7
	VLD1.P 64(R7), [K2.B16, K3.B16, K4.B16, K5.B16]
	VLD1.P 64(R7), [K6.B16, K7.B16, K8.B16, K9.B16]
	VLD1 (R7), [K10.B16, K11.B16, KL.B16]
	CMP  $12, R0
	BLT  keys128
	BEQ  keys192
	VLD1 (R1), [K0.B16, K1.B16, K0x.B16, K1x.B16]
	B    keys128

keys192:
	VLD1 (R1), [K0x.B16, K1x.B16]

keys128:
	CMP $128, R5
	BLT single

octet:
	// Eight blocks per iteration: the AESE/AESMC pairs of different
	// blocks are independent, which hides their latency.
	CTRBLK(B0)
	CTRBLK(B1)
	CTRBLK(B2)
	CTRBLK(B3)
	CTRBLK(B4)
	CTRBLK(B5)
	CTRBLK(B6)
	CTRBLK(B7)
	CMP  $12, R0
	BLT  octet128
	BEQ  octet192
	ROUND8(K0)
	ROUND8(K1)

octet192:
	ROUND8(K0x)
	ROUND8(K1x)

octet128:
	ROUND8(K2)
	ROUND8(K3)
	ROUND8(K4)
	ROUND8(K5)
	ROUND8(K6)
	ROUND8(K7)
	ROUND8(K8)
	ROUND8(K9)
	ROUND8(K10)
	LAST(B0)
	LAST(B1)
	LAST(B2)
	LAST(B3)
	LAST(B4)
	LAST(B5)
	LAST(B6)
	LAST(B7)
	VLD1.P 64(R4), [IN0.B16, IN1.B16, IN2.B16, IN3.B16]
	VLD1.P 64(R4), [IN4.B16, IN5.B16, IN6.B16, IN7.B16]
	VEOR B0.B16, IN0.B16, IN0.B16
	VEOR B1.B16, IN1.B16, IN1.B16
	VEOR B2.B16, IN2.B16, IN2.B16
	VEOR B3.B16, IN3.B16, IN3.B16
	VEOR B4.B16, IN4.B16, IN4.B16
	VEOR B5.B16, IN5.B16, IN5.B16
	VEOR B6.B16, IN6.B16, IN6.B16
	VEOR B7.B16, IN7.B16, IN7.B16
	VST1.P [IN0.B16, IN1.B16, IN2.B16, IN3.B16], 64(R3)
	VST1.P [IN4.B16, IN5.B16, IN6.B16, IN7.B16], 64(R3)
	SUB  $128, R5
	CMP  $128, R5
	BGE  octet

single:
	CBZ R5, done

single1:
	CTRBLK(B0)
	CMP  $12, R0
	BLT  single128
	BEQ  single192
	ROUND(K0, B0)
	ROUND(K1, B0)

single192:
	ROUND(K0x, B0)
	ROUND(K1x, B0)

single128:
	ROUND(K2, B0)
	ROUND(K3, B0)
	ROUND(K4, B0)
	ROUND(K5, B0)
	ROUND(K6, B0)
	ROUND(K7, B0)
	ROUND(K8, B0)
	ROUND(K9, B0)
	ROUND(K10, B0)
	LAST(B0)
	VLD1.P 16(R4), [IN0.B16]
	VEOR B0.B16, IN0.B16, IN0.B16
	VST1.P [IN0.B16], 16(R3)
	SUBS $16, R5
	BNE  single1

done:
	RET

// GHASH registers. A block X is kept "lane-swapped": lane 0 holds the
// big-endian value of bytes 0..7 (the high half of the 128-bit integer),
// lane 1 that of bytes 8..15; REV64 of the loaded bytes gives exactly this.
// The powers of H are stored the same way, premultiplied by x^-1 (see
// aesgcm_arm64.go), so a product needs no shift before the reduction.
#define Y V0
#define X0 V1
#define X1 V2
#define X2 V3
#define X3 V4
#define X4 V5
#define X5 V6
#define X6 V7
#define X7 V8
#define LO V9   // low 128 bits of the unreduced 256-bit sum (lane 0 lowest)
#define HI V10  // high 128 bits
#define MID V11 // Karatsuba middle products
#define T0 V12
#define T1 V13
#define T2 V14
#define T3 V15
#define H1 V16
#define H2 V17
#define H3 V18
#define H4 V19
#define H5 V20
#define H6 V21
#define H7 V22
#define H8 V23
#define K12 V24 // lane 0: H1's high^low, lane 1: H2's
#define K34 V25 // lane 0: H3's, lane 1: H4's
#define K56 V26
#define K78 V27
#define POLY V30 // 0xc2<<56 in both lanes
#define ZERO V31

// MULACC adds X * H (unreduced, Karatsuba) to HI, LO, MID. With X = (x1, x0)
// and H = (h1, h0) in lanes 0 and 1: HI += x1h1, LO += x0h0,
// MID += (x1^x0)(h1^h0), where h1^h0 is lane LANE of register K and KMUL is
// VPMULL for lane 0 (LANE D1), VPMULL2 for lane 1 (LANE D2).
#define MULACC(X, H, KMUL, K, LANE) \
	VPMULL X.D1, H.D1, T0.Q1; \
	VPMULL2 X.D2, H.D2, T1.Q1; \
	VEXT $8, X.B16, X.B16, T2.B16; \
	VEOR X.B16, T2.B16, T2.B16; \
	KMUL T2.LANE, K.LANE, T3.Q1; \
	VEOR T0.B16, HI.B16, HI.B16; \
	VEOR T1.B16, LO.B16, LO.B16; \
	VEOR T3.B16, MID.B16, MID.B16

// REDUCE sets Y (lane-swapped) to the reduction of the 256-bit value
// HI:LO + MID<<64 modulo x^128 + x^7 + x^2 + x + 1 in GHASH's reflected
// bit order. With LO = (u0, u1) and HI = (c2, c3), the generic code
// (ghashKey.mul) computes
//   W = u0<<63 ^ u0<<62 ^ u0<<57, u1' = u1 ^ W,
//   R = HI ^ U' ^ U'>>1 ^ U'>>2 ^ U'>>7 with U' = (u0, u1'), 128-bit shifts.
// The carry-less product of a word v by C = 0xc2<<56 = 2^63+2^62+2^57 is
// (low: v<<63 ^ v<<62 ^ v<<57, high: v>>1 ^ v>>2 ^ v>>7), so with
// P0 = u0*C and P1 = u1'*C:
//   u1' = u1 ^ P0.low,
//   R = HI ^ (u0 ^ P0.high ^ P1.low, u1' ^ P1.high)
//     = HI ^ X ^ P1 where X = LO ^ swap(P0) = (u0 ^ P0.high, u1').
#define REDUCE \
	VEOR HI.B16, MID.B16, MID.B16; \
	VEOR LO.B16, MID.B16, MID.B16; \
	VEXT $8, MID.B16, ZERO.B16, T0.B16; \
	VEOR T0.B16, LO.B16, LO.B16; \
	VEXT $8, ZERO.B16, MID.B16, T0.B16; \
	VEOR T0.B16, HI.B16, HI.B16; \
	VPMULL LO.D1, POLY.D1, T0.Q1; \
	VEXT $8, T0.B16, T0.B16, T0.B16; \
	VEOR T0.B16, LO.B16, LO.B16; \
	VPMULL2 LO.D2, POLY.D2, T1.Q1; \
	VEOR LO.B16, HI.B16, HI.B16; \
	VEOR T1.B16, HI.B16, HI.B16; \
	VEXT $8, HI.B16, HI.B16, Y.B16

#define CLEARACC \
	VEOR LO.B16, LO.B16, LO.B16; \
	VEOR HI.B16, HI.B16, HI.B16; \
	VEOR MID.B16, MID.B16, MID.B16

// func ghashAsm(ht *[24]uint64, y *[16]byte, data []byte)
//
// ghashAsm absorbs data (a multiple of 16 bytes long) into the GHASH state
// y, kept as the 16 bytes of the standard representation: 8 blocks per
// iteration with one reduction, then 4, then one at a time.
//
// R0 table, R1 y, R2 data, R3 bytes left.
TEXT ·ghashAsm(SB), NOSPLIT, $0-40
	MOVD ht+0(FP), R0
	MOVD y+8(FP), R1
	MOVD data_base+16(FP), R2
	MOVD data_len+24(FP), R3
	VEOR ZERO.B16, ZERO.B16, ZERO.B16
	MOVD $0xc200000000000000, R4
	VDUP R4, POLY.D2
	VLD1.P 64(R0), [H1.B16, H2.B16, H3.B16, H4.B16]
	VLD1.P 64(R0), [H5.B16, H6.B16, H7.B16, H8.B16]
	VLD1 (R0), [K12.B16, K34.B16, K56.B16, K78.B16]
	VLD1 (R1), [Y.B16]
	VREV64 Y.B16, Y.B16
	CMP $128, R3
	BLT ghash4

ghash8:
	// Y = (Y^X0)H^8 + X1 H^7 + ... + X7 H, one reduction.
	VLD1.P 64(R2), [X0.B16, X1.B16, X2.B16, X3.B16]
	VLD1.P 64(R2), [X4.B16, X5.B16, X6.B16, X7.B16]
	VREV64 X0.B16, X0.B16
	VREV64 X1.B16, X1.B16
	VREV64 X2.B16, X2.B16
	VREV64 X3.B16, X3.B16
	VREV64 X4.B16, X4.B16
	VREV64 X5.B16, X5.B16
	VREV64 X6.B16, X6.B16
	VREV64 X7.B16, X7.B16
	VEOR Y.B16, X0.B16, X0.B16
	CLEARACC
	MULACC(X0, H8, VPMULL2, K78, D2)
	MULACC(X1, H7, VPMULL, K78, D1)
	MULACC(X2, H6, VPMULL2, K56, D2)
	MULACC(X3, H5, VPMULL, K56, D1)
	MULACC(X4, H4, VPMULL2, K34, D2)
	MULACC(X5, H3, VPMULL, K34, D1)
	MULACC(X6, H2, VPMULL2, K12, D2)
	MULACC(X7, H1, VPMULL, K12, D1)
	REDUCE
	SUB $128, R3
	CMP $128, R3
	BGE ghash8

ghash4:
	CMP $64, R3
	BLT ghash1
	VLD1.P 64(R2), [X0.B16, X1.B16, X2.B16, X3.B16]
	VREV64 X0.B16, X0.B16
	VREV64 X1.B16, X1.B16
	VREV64 X2.B16, X2.B16
	VREV64 X3.B16, X3.B16
	VEOR Y.B16, X0.B16, X0.B16
	CLEARACC
	MULACC(X0, H4, VPMULL2, K34, D2)
	MULACC(X1, H3, VPMULL, K34, D1)
	MULACC(X2, H2, VPMULL2, K12, D2)
	MULACC(X3, H1, VPMULL, K12, D1)
	REDUCE
	SUB $64, R3

ghash1:
	CBZ R3, ghashDone

ghash1loop:
	VLD1.P 16(R2), [X0.B16]
	VREV64 X0.B16, X0.B16
	VEOR Y.B16, X0.B16, X0.B16
	CLEARACC
	MULACC(X0, H1, VPMULL, K12, D1)
	REDUCE
	SUBS $16, R3
	BNE ghash1loop

ghashDone:
	VREV64 Y.B16, Y.B16
	VST1 [Y.B16], (R1)
	RET
