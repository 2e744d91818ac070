//go:build arm64 && gc && !purego

#include "textflag.h"

// ARMv8 NEON ChaCha20 (4 blocks per pass) and scalar Poly1305 (MUL and
// UMULH). Hand-written; each function has a Go reference in
// chacha20poly1305_generic.go (chachaXORGeneric, polyBlocksGeneric) and is
// tested against it under qemu-aarch64 in CI. Assembly because Go has no
// SIMD (NEON) and its bits.Mul64 code keeps the carry chain poorly.

// ChaCha20 in the vertical layout (Goll and Gueron): vector Vi holds state
// word i of 4 consecutive blocks, one block per 32-bit lane.
#define A0 V0
#define A1 V1
#define A2 V2
#define A3 V3
#define B0 V4
#define B1 V5
#define B2 V6
#define B3 V7
#define C0 V8
#define C1 V9
#define C2 V10
#define C3 V11
#define W0 V12
#define W1 V13
#define W2 V14
#define W3 V15
// IN0..IN3: the input block as four rows (words 0-3, 4-7, 8-11, 12-15).
#define IN0 V16
#define IN1 V17
#define IN2 V18
#define IN3 V19
// T0..T3: temporaries of the rotations, then the source data.
#define T0 V20
#define T1 V21
#define T2 V22
#define T3 V23
#define CTR V24   // block counters of the current pass: counter+0..3
#define FOUR V26  // 4 in every lane: the counter step
#define U0 V27    // transposition temporaries
#define U1 V28
#define U2 V29
#define U3 V30

// STEP does x += y; z ^= x; z <<<= 16 (when rot16) for four quarter rounds.
#define ADDXOR(x0, y0, z0, x1, y1, z1, x2, y2, z2, x3, y3, z3) \
	VADD y0.S4, x0.S4, x0.S4; VADD y1.S4, x1.S4, x1.S4; VADD y2.S4, x2.S4, x2.S4; VADD y3.S4, x3.S4, x3.S4; \
	VEOR x0.B16, z0.B16, z0.B16; VEOR x1.B16, z1.B16, z1.B16; VEOR x2.B16, z2.B16, z2.B16; VEOR x3.B16, z3.B16, z3.B16

#define ROT16(z0, z1, z2, z3) \
	VREV32 z0.H8, z0.H8; VREV32 z1.H8, z1.H8; VREV32 z2.H8, z2.H8; VREV32 z3.H8, z3.H8

// ADDXORROT does x += y; z = (z ^ x) <<< n for four quarter rounds: the
// XOR goes to T0..T3, a shift left and a shift-right-insert put the
// rotation back into z.
#define ADDXORROT(x0, y0, z0, x1, y1, z1, x2, y2, z2, x3, y3, z3, n, m) \
	VADD y0.S4, x0.S4, x0.S4; VADD y1.S4, x1.S4, x1.S4; VADD y2.S4, x2.S4, x2.S4; VADD y3.S4, x3.S4, x3.S4; \
	VEOR x0.B16, z0.B16, T0.B16; VEOR x1.B16, z1.B16, T1.B16; VEOR x2.B16, z2.B16, T2.B16; VEOR x3.B16, z3.B16, T3.B16; \
	VSHL $n, T0.S4, z0.S4; VSHL $n, T1.S4, z1.S4; VSHL $n, T2.S4, z2.S4; VSHL $n, T3.S4, z3.S4; \
	VSRI $m, T0.S4, z0.S4; VSRI $m, T1.S4, z1.S4; VSRI $m, T2.S4, z2.S4; VSRI $m, T3.S4, z3.S4

// ROUND is four quarter rounds (a, b, c, d) in parallel (RFC 8439 2.1).
#define ROUND(a0, b0, c0, d0, a1, b1, c1, d1, a2, b2, c2, d2, a3, b3, c3, d3) \
	ADDXOR(a0, b0, d0, a1, b1, d1, a2, b2, d2, a3, b3, d3); \
	ROT16(d0, d1, d2, d3); \
	ADDXORROT(c0, d0, b0, c1, d1, b1, c2, d2, b2, c3, d3, b3, 12, 20); \
	ADDXORROT(a0, b0, d0, a1, b1, d1, a2, b2, d2, a3, b3, d3, 8, 24); \
	ADDXORROT(c0, d0, b0, c1, d1, b1, c2, d2, b2, c3, d3, b3, 7, 25)

// TRANSPOSE turns four registers holding words k..k+3 of blocks 0..3 into
// four holding words k..k+3 of block 0, 1, 2 and 3.
#define TRANSPOSE(x0, x1, x2, x3) \
	VZIP1 x1.S4, x0.S4, U0.S4; VZIP2 x1.S4, x0.S4, U1.S4; VZIP1 x3.S4, x2.S4, U2.S4; VZIP2 x3.S4, x2.S4, U3.S4; \
	VZIP1 U2.D2, U0.D2, x0.D2; VZIP2 U2.D2, U0.D2, x1.D2; VZIP1 U3.D2, U1.D2, x2.D2; VZIP2 U3.D2, U1.D2, x3.D2

// XORBLOCK XORs the next 64 source bytes with the four registers of one
// block and stores them.
#define XORBLOCK(w0, w1, w2, w3) \
	VLD1.P 64(R2), [T0.B16, T1.B16, T2.B16, T3.B16]; \
	VEOR w0.B16, T0.B16, T0.B16; VEOR w1.B16, T1.B16, T1.B16; VEOR w2.B16, T2.B16, T2.B16; VEOR w3.B16, T3.B16, T3.B16; \
	VST1.P [T0.B16, T1.B16, T2.B16, T3.B16], 64(R1)

// func chachaXORNEON(st *[16]uint32, dst, src []byte)
// len(src) is a multiple of 256; len(dst) >= len(src).
TEXT ·chachaXORNEON(SB), NOSPLIT, $0-56
	MOVD st+0(FP), R0
	MOVD dst_base+8(FP), R1
	MOVD src_base+32(FP), R2
	MOVD src_len+40(FP), R3
	VLD1 (R0), [IN0.S4, IN1.S4, IN2.S4, IN3.S4]
	MOVD $·chachaLanesARM64(SB), R4
	VLD1 (R4), [U0.S4]
	VDUP IN3.S[0], CTR.S4
	VADD U0.S4, CTR.S4, CTR.S4
	MOVW $4, R5
	VDUP R5, FOUR.S4
	CBZ  R3, done

loop:
	VDUP IN0.S[0], A0.S4
	VDUP IN0.S[1], A1.S4
	VDUP IN0.S[2], A2.S4
	VDUP IN0.S[3], A3.S4
	VDUP IN1.S[0], B0.S4
	VDUP IN1.S[1], B1.S4
	VDUP IN1.S[2], B2.S4
	VDUP IN1.S[3], B3.S4
	VDUP IN2.S[0], C0.S4
	VDUP IN2.S[1], C1.S4
	VDUP IN2.S[2], C2.S4
	VDUP IN2.S[3], C3.S4
	VMOV CTR.B16, W0.B16
	VDUP IN3.S[1], W1.S4
	VDUP IN3.S[2], W2.S4
	VDUP IN3.S[3], W3.S4
	MOVD $10, R6

rounds:
	// Column round, then diagonal round.
	ROUND(A0, B0, C0, W0, A1, B1, C1, W1, A2, B2, C2, W2, A3, B3, C3, W3)
	ROUND(A0, B1, C2, W3, A1, B2, C3, W0, A2, B3, C0, W1, A3, B0, C1, W2)
	SUBS $1, R6, R6
	BNE  rounds

	// Add the input block.
	VDUP IN0.S[0], U0.S4; VDUP IN0.S[1], U1.S4; VDUP IN0.S[2], U2.S4; VDUP IN0.S[3], U3.S4
	VADD U0.S4, A0.S4, A0.S4; VADD U1.S4, A1.S4, A1.S4; VADD U2.S4, A2.S4, A2.S4; VADD U3.S4, A3.S4, A3.S4
	VDUP IN1.S[0], U0.S4; VDUP IN1.S[1], U1.S4; VDUP IN1.S[2], U2.S4; VDUP IN1.S[3], U3.S4
	VADD U0.S4, B0.S4, B0.S4; VADD U1.S4, B1.S4, B1.S4; VADD U2.S4, B2.S4, B2.S4; VADD U3.S4, B3.S4, B3.S4
	VDUP IN2.S[0], U0.S4; VDUP IN2.S[1], U1.S4; VDUP IN2.S[2], U2.S4; VDUP IN2.S[3], U3.S4
	VADD U0.S4, C0.S4, C0.S4; VADD U1.S4, C1.S4, C1.S4; VADD U2.S4, C2.S4, C2.S4; VADD U3.S4, C3.S4, C3.S4
	VDUP IN3.S[1], U1.S4; VDUP IN3.S[2], U2.S4; VDUP IN3.S[3], U3.S4
	VADD CTR.S4, W0.S4, W0.S4; VADD U1.S4, W1.S4, W1.S4; VADD U2.S4, W2.S4, W2.S4; VADD U3.S4, W3.S4, W3.S4

	// Block j is (A_j, B_j, C_j, D_j) after the transpositions.
	TRANSPOSE(A0, A1, A2, A3)
	TRANSPOSE(B0, B1, B2, B3)
	TRANSPOSE(C0, C1, C2, C3)
	TRANSPOSE(W0, W1, W2, W3)
	XORBLOCK(A0, B0, C0, W0)
	XORBLOCK(A1, B1, C1, W1)
	XORBLOCK(A2, B2, C2, W2)
	XORBLOCK(A3, B3, C3, W3)

	VADD FOUR.S4, CTR.S4, CTR.S4
	SUBS $256, R3, R3
	BNE  loop

done:
	// st[12] += len(src)/64
	MOVD  src_len+40(FP), R3
	LSR   $6, R3, R3
	MOVWU 48(R0), R4
	ADDW  R3, R4, R4
	MOVW  R4, 48(R0)
	RET

// The lane offsets of the block counter.
DATA ·chachaLanesARM64+0(SB)/4, $0
DATA ·chachaLanesARM64+4(SB)/4, $1
DATA ·chachaLanesARM64+8(SB)/4, $2
DATA ·chachaLanesARM64+12(SB)/4, $3
GLOBL ·chachaLanesARM64(SB), RODATA|NOPTR, $16

// Poly1305 with 64-bit limbs: h = (h + m + 2^128) * r mod 2^130-5,
// partially reduced, as polyBlocksGeneric. p is a *polyState:
// h0 h1 h2 r0 r1 at offsets 0, 8, 16, 24, 32.
#define H0 R4
#define H1 R5
#define H2 R6
#define R0L R7  // r0
#define R1L R8  // r1
#define M0 R9
#define M1 R10
#define TT0 R11
#define TT1 R12
#define TT2 R13
#define TT3 R14
#define X R15
#define Y R16
#define Z R17

// func polyBlocksARM64(p *[7]uint64, msg []byte)
TEXT ·polyBlocksARM64(SB), NOSPLIT, $0-32
	MOVD p+0(FP), R0
	MOVD msg_base+8(FP), R1
	MOVD msg_len+16(FP), R2
	LDP  0(R0), (H0, H1)
	MOVD 16(R0), H2
	LDP  24(R0), (R0L, R1L)
	LSR  $4, R2, R2
	CBZ  R2, polydone

polyloop:
	// h += m + 2^128
	LDP.P 16(R1), (M0, M1)
	ADDS  M0, H0, H0
	ADCS  M1, H1, H1
	ADC   ZR, H2, H2
	ADD   $1, H2, H2

	// t = h * r in four words (r0, r1 < 2^60 keeps t3 from overflowing).
	MUL   R0L, H0, TT0
	UMULH R0L, H0, TT1
	MUL   R0L, H1, X
	UMULH R0L, H1, TT2
	ADDS  X, TT1, TT1
	ADC   ZR, TT2, TT2
	MUL   R1L, H0, X
	UMULH R1L, H0, Y
	MUL   R1L, H1, Z
	UMULH R1L, H1, TT3
	ADDS  X, TT1, TT1
	ADCS  Y, TT2, TT2
	ADC   ZR, TT3, TT3
	ADDS  Z, TT2, TT2
	ADC   ZR, TT3, TT3
	MUL   R0L, H2, X
	MUL   R1L, H2, Y
	ADDS  X, TT2, TT2
	ADC   Y, TT3, TT3

	// Reduce: with q = t >> 130, h = t mod 2^130 + 4q + q.
	MOVD  TT0, H0
	MOVD  TT1, H1
	AND   $3, TT2, H2
	AND   $-4, TT2, X
	ADDS  X, H0, H0
	ADCS  TT3, H1, H1
	ADC   ZR, H2, H2
	EXTR  $2, TT2, TT3, X
	LSR   $2, TT3, Y
	ADDS  X, H0, H0
	ADCS  Y, H1, H1
	ADC   ZR, H2, H2

	SUBS $1, R2, R2
	BNE  polyloop

polydone:
	STP  (H0, H1), 0(R0)
	MOVD H2, 16(R0)
	RET
