package mlkem

// Arithmetic modulo q = 3329 on 16-bit signed coefficients (FIPS 203 section
// 4.3): Montgomery multiplication with R = 2^16 and Barrett reduction, so
// that no operation divides and none branches. Every function here is the
// Go reference of a vector kernel (impl_asm.go, asm/mlkem) and documents the input
// range it accepts and the output range it guarantees.

import "math/bits"

const (
	n = 256  // coefficients per polynomial
	q = 3329 // the ML-KEM prime, 13*2^8 + 1

	// qInv is q^-1 mod 2^16 as a signed 16-bit value: q*qInv = 1 mod 2^16.
	qInv = -3327
	// mont2 is R^2 mod q = 2^32 mod q, used to enter Montgomery form.
	mont2 = 1353
	// invNTTScale is R^2/128 mod q: the final factor of the inverse NTT,
	// which undoes the 2^7 the butterflies add and leaves one factor R that
	// cancels the R^-1 of a preceding base multiplication.
	invNTTScale = 1441
	// barrettV is round(2^26/q), the Barrett constant.
	barrettV = ((1 << 26) + q/2) / q
)

// poly is a polynomial of R_q = Z_q[X]/(X^256+1), or its NTT representation
// (128 degree-one polynomials, coefficient pairs in bit-reversed order as in
// FIPS 203 section 4.3). Coefficients are signed; each function states the
// range it expects.
type poly [n]int16

// montReduce returns a*R^-1 mod q in (-q, q) for |a| < q*2^15.
func montReduce(a int32) int16 {
	t := int16(a) * qInv
	return int16((a - int32(t)*q) >> 16)
}

// fqmul returns a*b*R^-1 mod q in (-q, q) for |a*b| < q*2^15.
func fqmul(a, b int16) int16 {
	return montReduce(int32(a) * int32(b))
}

// barrettReduce returns the representative of a mod q in [-(q-1)/2, (q-1)/2]
// for any int16 a.
func barrettReduce(a int16) int16 {
	t := int16((int32(barrettV)*int32(a) + (1 << 25)) >> 26)
	return a - t*q
}

// canonical maps a in (-q, q) to [0, q) without a branch.
func canonical(a int16) int16 {
	return a + (a>>15)&q
}

// zetas[i] = 17^bitrev7(i) * R mod q, centred: the twiddle factors of the
// NTT in the order its layers use them (FIPS 203 Appendix A, in Montgomery
// form). zetas[0] is unused by the transforms.
var zetas = func() (z [128]int16) {
	for i := range z {
		e := bits.Reverse8(uint8(i)) >> 1
		v := 1
		for range e {
			v = v * 17 % q
		}
		v = v * (1 << 16) % q
		if v > q/2 {
			v -= q
		}
		z[i] = int16(v)
	}
	return
}()
