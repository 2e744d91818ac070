//go:build arm64 && gc && !purego

#include "textflag.h"

// Montgomery multiplication on arm64 (MUL for low halves, UMULH for high
// halves), CIOS with the running value in six registers that rotate by one
// limb per round, so that no limb is ever moved. Go reference:
// montMulGeneric (same interface, same results). Why assembly: Go's
// bits.Mul64/Add64 code keeps the carries in registers poorly and spills
// limbs; this is about twice as fast.

#define X0 R4
#define X1 R5
#define X2 R6
#define X3 R7
#define M0 R8
#define M1 R9
#define M2 R10
#define M3 R11
#define M0INV R16
#define Y R17   // y[i], then u = t[0]·m0inv
#define T0 R21  // partial products
#define T1 R22
#define T2 R23
#define T3 R24

// ROUND adds x·Y into the running value A..E (F, the top, is zero on entry)
// and then u·m for u = A·m0inv, which clears A: the value, divided by 2^64,
// is then B..F, and A is the zero top of the next round.
#define ROUND(A, B, C, D, E, F) \
	MUL   X0, Y, T0;  \
	MUL   X1, Y, T1;  \
	MUL   X2, Y, T2;  \
	MUL   X3, Y, T3;  \
	ADDS  T0, A;      \
	ADCS  T1, B;      \
	ADCS  T2, C;      \
	ADCS  T3, D;      \
	ADCS  ZR, E;      \
	ADC   ZR, ZR, F;  \
	UMULH X0, Y, T0;  \
	UMULH X1, Y, T1;  \
	UMULH X2, Y, T2;  \
	UMULH X3, Y, T3;  \
	ADDS  T0, B;      \
	ADCS  T1, C;      \
	ADCS  T2, D;      \
	ADCS  T3, E;      \
	ADC   ZR, F;      \
	MUL   M0INV, A, Y; \
	MUL   M0, Y, T0;  \
	MUL   M1, Y, T1;  \
	MUL   M2, Y, T2;  \
	MUL   M3, Y, T3;  \
	ADDS  T0, A;      \
	ADCS  T1, B;      \
	ADCS  T2, C;      \
	ADCS  T3, D;      \
	ADCS  ZR, E;      \
	ADC   ZR, F;      \
	UMULH M0, Y, T0;  \
	UMULH M1, Y, T1;  \
	UMULH M2, Y, T2;  \
	UMULH M3, Y, T3;  \
	ADDS  T0, B;      \
	ADCS  T1, C;      \
	ADCS  T2, D;      \
	ADCS  T3, E;      \
	ADC   ZR, F

// func montMulARM64(z, x, y, m *[4]uint64, m0inv uint64)
TEXT ·montMulARM64(SB), NOSPLIT, $0-40
	MOVD x+8(FP), R1
	MOVD y+16(FP), R2
	MOVD m+24(FP), R3
	MOVD m0inv+32(FP), M0INV
	LDP  0(R1), (X0, X1)
	LDP  16(R1), (X2, X3)
	LDP  0(R3), (M0, M1)
	LDP  16(R3), (M2, M3)

	// running value t: R12 R13 R14 R15 R19 R20, zero
	MOVD ZR, R12
	MOVD ZR, R13
	MOVD ZR, R14
	MOVD ZR, R15
	MOVD ZR, R19
	MOVD ZR, R20

	MOVD 0(R2), Y
	ROUND(R12, R13, R14, R15, R19, R20)
	MOVD 8(R2), Y
	ROUND(R13, R14, R15, R19, R20, R12)
	MOVD 16(R2), Y
	ROUND(R14, R15, R19, R20, R12, R13)
	MOVD 24(R2), Y
	ROUND(R15, R19, R20, R12, R13, R14)

	// t = R19 R20 R12 R13, top R14, below 2m: subtract m unless that
	// borrows (C clear after the last SBCS).
	SUBS M0, R19, T0
	SBCS M1, R20, T1
	SBCS M2, R12, T2
	SBCS M3, R13, T3
	SBCS ZR, R14, R14
	CSEL CS, T0, R19, R19
	CSEL CS, T1, R20, R20
	CSEL CS, T2, R12, R12
	CSEL CS, T3, R13, R13
	MOVD z+0(FP), R0
	STP  (R19, R20), 0(R0)
	STP  (R12, R13), 16(R0)
	RET
