// Command aesgcm generates the amd64 assembly of package aead/aesgcm:
// the key-setup helpers shared by every kernel and the "vaes-avx512",
// "vaes-avx2" and "aesni" AES-GCM kernels.
//
// Run it through go:generate in aead/aesgcm (see aesgcm_amd64.go).
//
// Representation of GHASH values (used by every kernel). A 16-byte GCM
// block B is loaded byte-reversed (VPSHUFB with bswapMask), so the 128-bit
// integer r(B) has the coefficient of x^i in bit 127-i ("bit-reflected"). The
// carry-less product of two such values is a 255-bit reflected value of
// A*B*x (the reflection loses one bit position), and the reduction (the
// "Reduce" steps of the ghash functions, and gfMul) folds its 128
// high-degree coefficients (the low bits) into the others, 64 at a time by a
// multiplication by 0xc2<<56, giving the reflected value of A*B*x mod g(x), with
// g = x^128 + x^7 + x^2 + x + 1. To cancel the extra x, the key stores
// K_i = H^i * x^-1 (for H^1: r(H) shifted left by one bit, with a
// conditional XOR of 0xc2000...01, which is x^-1 mod g); then
// mul(K_a, K_b) = K_(a+b) and mul(X, K_i) = X*H^i. Reductions are linear,
// so the unreduced products of up to 32 blocks by K_32..K_1 are summed and
// reduced once (aggregated reduction, Gueron-Kounavis). Products use
// Karatsuba (3 carry-less multiplications) with the XOR of each K_i's
// halves precomputed.
//
// Techniques learned from (no code taken): the Linux kernel's
// aes-gcm-avx10-x86_64.S and aes-gcm-vaes-avx2.S (E. Biggers), BoringSSL's
// aes-gcm-avx512-x86_64.pl, Go's crypto/internal/fips140/aes/gcm generator,
// and Gueron-Kounavis, "Intel Carry-Less Multiplication Instruction and its
// Usage for Computing the GCM Mode".
package main

import (
	. "github.com/mmcloughlin/avo/build"
)

// Layout of the key material, a [keySize]byte in Go (keep in sync with
// aesgcm_amd64.go). Each AES round key is stored 4 times (64 bytes) so that
// the zmm kernel can use it as a memory operand; the ymm and xmm kernels
// read its first 32 or 16 bytes.
const (
	rkOff    = 0            // 15 round keys, rkStride bytes apart
	rkStride = 64           //
	hOff     = 15 * 64      // K_32, K_31, ..., K_1 (16 bytes each), then 4 zero entries
	kkOff    = hOff + 36*16 // for each entry above: its two qwords XORed, in both qwords (Karatsuba)
	kkDelta  = kkOff - hOff //
	keySize  = kkOff + 36*16
)

func main() {
	ConstraintExpr("amd64,gc,!purego")
	constants()
	keySetup()
	vaes512()
	vexKernels()
	Generate()
}
