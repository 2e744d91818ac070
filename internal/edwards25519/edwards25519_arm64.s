//go:build arm64 && gc && !purego

#include "textflag.h"

// Field arithmetic mod p = 2^255-19 on 4 x 64-bit limbs for arm64, with
// MUL (low 64 bits of a product) and UMULH (high 64 bits). Values are
// partially reduced: any 256-bit value congruent to the element. The Go
// references, which compute the same limbs, are fe64MulGeneric and
// fe64SqrGeneric in fe64.go.
//
// Why assembly: the compiler's code for the 4 x 4 product with
// bits.Mul64/bits.Add64 spills and re-materializes carries; here the whole
// 8-limb product and its reduction stay in registers.

// Registers (same names in both functions):
#define Y0 R4  // y limbs
#define Y1 R5
#define Y2 R6
#define Y3 R7
#define XI R8  // x limb of the current row
#define P0 R9  // 8-limb product P0..P7
#define P1 R10
#define P2 R11
#define P3 R12
#define P4 R13
#define P5 R14
#define P6 R15
#define P7 R16
#define T0 R17 // partial products
#define T1 R19
#define T2 R20
#define T3 R21
#define C38 R22 // the constant 38 (2^256 = 38 mod p)
#define SQ0 R23 // more partial products (squaring)
#define SQ1 R24
#define SQ2 R25

// ROW0 sets P0..P4 = XI * (Y0..Y3).
#define ROW0 \
	MUL   Y0, XI, P0 \
	MUL   Y1, XI, P1 \
	MUL   Y2, XI, P2 \
	MUL   Y3, XI, P3 \
	UMULH Y0, XI, T0 \
	UMULH Y1, XI, T1 \
	UMULH Y2, XI, T2 \
	UMULH Y3, XI, P4 \
	ADDS  T0, P1     \
	ADCS  T1, P2     \
	ADCS  T2, P3     \
	ADC   ZR, P4

// ROW adds XI * (Y0..Y3) to a..d,e where e is a new limb: low halves
// first (carry into e), then high halves one limb up.
#define ROW(a, b, c, d, e) \
	MUL   Y0, XI, T0 \
	MUL   Y1, XI, T1 \
	MUL   Y2, XI, T2 \
	MUL   Y3, XI, T3 \
	ADDS  T0, a      \
	ADCS  T1, b      \
	ADCS  T2, c      \
	ADCS  T3, d      \
	ADC   ZR, ZR, e  \
	UMULH Y0, XI, T0 \
	UMULH Y1, XI, T1 \
	UMULH Y2, XI, T2 \
	UMULH Y3, XI, T3 \
	ADDS  T0, b      \
	ADCS  T1, c      \
	ADCS  T2, d      \
	ADC   T3, e

// REDUCE sets P0..P3 = P0..P3 + 38 * P4..P7 folded below 2^256: the
// carry limb (below 2^6) is multiplied by 38 and added, and a last carry
// out adds 38 once more (it cannot carry again).
#define REDUCE \
	MUL   C38, P4, T0 \
	MUL   C38, P5, T1 \
	MUL   C38, P6, T2 \
	MUL   C38, P7, T3 \
	ADDS  T0, P0      \
	ADCS  T1, P1      \
	ADCS  T2, P2      \
	ADCS  T3, P3      \
	ADC   ZR, ZR, XI  \
	UMULH C38, P4, T0 \
	UMULH C38, P5, T1 \
	UMULH C38, P6, T2 \
	UMULH C38, P7, T3 \
	ADDS  T0, P1      \
	ADCS  T1, P2      \
	ADCS  T2, P3      \
	ADC   T3, XI      \
	MUL   C38, XI, T0 \
	ADDS  T0, P0      \
	ADCS  ZR, P1      \
	ADCS  ZR, P2      \
	ADCS  ZR, P3      \
	CSEL  HS, C38, ZR, T0 \
	ADD   T0, P0

// MULXY sets P0..P3 = X * Y mod p (partially) with X at R1 and Y0..Y3
// loaded.
#define MULXY \
	MOVD  0(R1), XI           \
	ROW0                      \
	MOVD  8(R1), XI           \
	ROW(P1, P2, P3, P4, P5)   \
	MOVD  16(R1), XI          \
	ROW(P2, P3, P4, P5, P6)   \
	MOVD  24(R1), XI          \
	ROW(P3, P4, P5, P6, P7)   \
	REDUCE

// func feMulARM64(z, x, y *[4]uint64)
TEXT ·feMulARM64(SB), NOSPLIT, $0-24
	MOVD z+0(FP), R0
	MOVD x+8(FP), R1
	MOVD y+16(FP), R2
	MOVD $38, C38
	LDP  0(R2), (Y0, Y1)
	LDP  16(R2), (Y2, Y3)
	MULXY
	STP  (P0, P1), 0(R0)
	STP  (P2, P3), 16(R0)
	RET

// SQR sets P0..P3 = Y^2 mod p (partially) for Y = Y0..Y3: the six cross
// products once, doubled, plus the four squares (10 multiplications of
// 64 x 64 bits instead of 16), then REDUCE.
#define SQR \
	MUL   Y1, Y0, P1      \
	UMULH Y1, Y0, P2      \
	MUL   Y2, Y0, T0      \
	UMULH Y2, Y0, P3      \
	MUL   Y3, Y0, T1      \
	UMULH Y3, Y0, P4      \
	ADDS  T0, P2          \
	ADCS  T1, P3          \
	ADC   ZR, P4          \
	MUL   Y2, Y1, T0      \
	UMULH Y2, Y1, T1      \
	MUL   Y3, Y1, T2      \
	UMULH Y3, Y1, P5      \
	ADDS  T0, P3          \
	ADCS  T2, P4          \
	ADC   ZR, P5          \
	ADDS  T1, P4          \
	ADC   ZR, P5          \
	MUL   Y3, Y2, T0      \
	UMULH Y3, Y2, P6      \
	ADDS  T0, P5          \
	ADC   ZR, P6          \
	ADDS  P1, P1          \
	ADCS  P2, P2          \
	ADCS  P3, P3          \
	ADCS  P4, P4          \
	ADCS  P5, P5          \
	ADCS  P6, P6          \
	ADC   ZR, ZR, P7      \
	MUL   Y0, Y0, P0      \
	UMULH Y0, Y0, T0      \
	MUL   Y1, Y1, T1      \
	UMULH Y1, Y1, T2      \
	MUL   Y2, Y2, T3      \
	UMULH Y2, Y2, SQ0     \
	MUL   Y3, Y3, SQ1     \
	UMULH Y3, Y3, SQ2     \
	ADDS  T0, P1          \
	ADCS  T1, P2          \
	ADCS  T2, P3          \
	ADCS  T3, P4          \
	ADCS  SQ0, P5         \
	ADCS  SQ1, P6         \
	ADC   SQ2, P7         \
	REDUCE

// func feSqrARM64(z, x *[4]uint64, n int)
// z = x^(2^n), n >= 1: n squarings of the running value, kept in Y0..Y3.
TEXT ·feSqrARM64(SB), NOSPLIT, $0-24
	MOVD z+0(FP), R0
	MOVD x+8(FP), R1
	MOVD n+16(FP), R3
	MOVD $38, C38
	LDP  0(R1), (Y0, Y1)
	LDP  16(R1), (Y2, Y3)

loop:
	SQR
	MOVD P0, Y0
	MOVD P1, Y1
	MOVD P2, Y2
	MOVD P3, Y3
	SUBS $1, R3
	BNE  loop
	STP  (Y0, Y1), 0(R0)
	STP  (Y2, Y3), 16(R0)
	RET
