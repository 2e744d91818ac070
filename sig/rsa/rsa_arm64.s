//go:build arm64 && gc && !purego

#include "textflag.h"

// func montMulARM64(z, x, y, m, t *uint64, k int, m0inv uint64)
//
// Montgomery multiplication z = x*y*2^(-64k) mod m (CIOS), for x < m and
// y < 2^(64k): for each word y[i], T += x*y[i] (pass A), then q = T[0]*m0inv
// and T = (T + m*q) / 2^64 (pass B, storing word j at j-1). T (k+2 words)
// stays below 2m, so T[k] <= 1; a constant-time conditional subtraction
// gives z < m. z is written only at the end, so it may alias x or y.
// Reference: montMulGeneric in rsa_generic.go.

#define ZP R0    // z
#define XP R1    // x
#define YP R2    // y, advanced one word per outer iteration
#define MP R3    // m
#define TP R4    // T
#define K R5     // k
#define M0INV R6 // -m^-1 mod 2^64
#define I R7     // outer counter
#define YI R8    // y[i], then q
#define SRC R9   // walks x or m
#define DST R10  // walks T
#define J R11    // inner counter
#define C R12    // carry word
#define W R13    // x[j] or m[j]
#define LO R14
#define HI R15
#define TJ R16
#define TMP R17

TEXT ·montMulARM64(SB), NOSPLIT, $0-56
	MOVD z+0(FP), ZP
	MOVD x+8(FP), XP
	MOVD y+16(FP), YP
	MOVD m+24(FP), MP
	MOVD t+32(FP), TP
	MOVD k+40(FP), K
	MOVD m0inv+48(FP), M0INV

	// T = 0 (k+2 words)
	MOVD TP, DST
	ADD  $2, K, J

zero:
	MOVD.P ZR, 8(DST)
	SUB    $1, J, J
	CBNZ   J, zero

	MOVD K, I

outer:
	// Pass A: T += x * y[i], carry word C.
	MOVD.P 8(YP), YI
	MOVD   XP, SRC
	MOVD   TP, DST
	MOVD   K, J
	MOVD   ZR, C

passA:
	MOVD.P 8(SRC), W
	MUL    W, YI, LO
	UMULH  W, YI, HI
	MOVD   (DST), TJ
	ADDS   TJ, LO, LO
	ADC    ZR, HI, HI
	ADDS   C, LO, LO
	ADC    ZR, HI, C
	MOVD.P LO, 8(DST)
	SUB    $1, J, J
	CBNZ   J, passA

	// T[k] += C, T[k+1] += carry
	MOVD (DST), TJ
	ADDS C, TJ, TJ
	MOVD TJ, (DST)
	MOVD 8(DST), TJ
	ADC  ZR, TJ, TJ
	MOVD TJ, 8(DST)

	// Pass B: q = T[0]*m0inv; T = (T + m*q) / 2^64.
	MOVD (TP), TJ
	MUL  M0INV, TJ, YI
	MOVD MP, SRC
	MOVD TP, DST

	// Word 0: T[0] + lo(m[0]*q) is 0 mod 2^64; keep its carry.
	MOVD.P 8(SRC), W
	MUL    W, YI, LO
	UMULH  W, YI, HI
	ADDS   TJ, LO, LO
	ADC    ZR, HI, C
	SUB    $1, K, J
	CBZ    J, passBdone

passB:
	MOVD.P 8(SRC), W
	MUL    W, YI, LO
	UMULH  W, YI, HI
	MOVD   8(DST), TJ
	ADDS   TJ, LO, LO
	ADC    ZR, HI, HI
	ADDS   C, LO, LO
	ADC    ZR, HI, C
	MOVD.P LO, 8(DST) // T[j-1]
	SUB    $1, J, J
	CBNZ   J, passB

passBdone:
	// DST = &T[k-1]: T[k-1] = T[k] + C, T[k] = T[k+1] + carry, T[k+1] = 0
	MOVD 8(DST), TJ
	ADDS C, TJ, TJ
	MOVD TJ, (DST)
	MOVD 16(DST), TJ
	ADC  ZR, TJ, TJ
	MOVD TJ, 8(DST)
	MOVD ZR, 16(DST)

	SUB  $1, I, I
	CBNZ I, outer

	// z = T - m (borrow chain in the C flag; loop control uses no flags)
	MOVD TP, DST
	MOVD MP, SRC
	MOVD ZP, TMP
	MOVD K, J
	CMP  ZR, ZR  // C = 1: no borrow

sub:
	MOVD.P 8(DST), TJ
	MOVD.P 8(SRC), W
	SBCS   W, TJ, LO
	MOVD.P LO, 8(TMP)
	SUB    $1, J, J
	CBNZ   J, sub

	// Borrow out of T[k] - borrow: C = 0 means T < m, keep T.
	MOVD (DST), TJ
	SBCS ZR, TJ, TJ

	MOVD TP, DST
	MOVD ZP, TMP
	MOVD K, J

sel:
	MOVD.P 8(DST), TJ
	MOVD   (TMP), LO
	CSEL   CS, LO, TJ, LO
	MOVD.P LO, 8(TMP)
	SUB    $1, J, J
	CBNZ   J, sel
	RET
