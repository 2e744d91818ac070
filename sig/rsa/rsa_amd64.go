//go:build gc && !purego

package rsa

import "github.com/tlscore/tlscore/internal/cpu"

//go:generate go run -C ../../asm/rsa . -out ../../sig/rsa/rsa_amd64.s -stubs ../../sig/rsa/rsa_amd64_stubs.go -pkg rsa

// kernels returns the Montgomery multiplication and squaring for k-word
// moduli of implementation impl: MULX/ADCX/ADOX for 16, 24, 32, 48 and 64
// words when the CPU has them ("adx", and "avx512ifma" outside its own
// exponentiation), else the generic code.
func kernels(impl string, k int) (mul, sqr mulFunc) {
	if (impl == "adx" || impl == "avx512ifma") && cpu.X86HasADX && cpu.X86HasBMI2 {
		if f := adxKernel(k); f != nil {
			return f, f
		}
	}
	return montMulGeneric, montSqrGeneric
}

func adxKernel(k int) mulFunc {
	switch k {
	case 16:
		return mulADX16
	case 24:
		return mulADX24
	case 32:
		return mulADX32
	case 48:
		return mulADX48
	case 64:
		return mulADX64
	}
	return nil
}

func mulADX16(z, x, y []uint64, m *modulus) {
	montMulADX16((*[16]uint64)(z), (*[16]uint64)(x), (*[16]uint64)(y), (*[16]uint64)(m.n), m.m0inv)
}

func mulADX24(z, x, y []uint64, m *modulus) {
	montMulADX24((*[24]uint64)(z), (*[24]uint64)(x), (*[24]uint64)(y), (*[24]uint64)(m.n), m.m0inv)
}

func mulADX32(z, x, y []uint64, m *modulus) {
	montMulADX32((*[32]uint64)(z), (*[32]uint64)(x), (*[32]uint64)(y), (*[32]uint64)(m.n), m.m0inv)
}

func mulADX48(z, x, y []uint64, m *modulus) {
	montMulADX48((*[48]uint64)(z), (*[48]uint64)(x), (*[48]uint64)(y), (*[48]uint64)(m.n), m.m0inv)
}

func mulADX64(z, x, y []uint64, m *modulus) {
	montMulADX64((*[64]uint64)(z), (*[64]uint64)(x), (*[64]uint64)(y), (*[64]uint64)(m.n), m.m0inv)
}

func exp2Func(impl string, kp, kq int, sk *PrivateKey) func(*PrivateKey, []uint64, []uint64, []uint64, []uint64, *scratch) {
	return nil
}

func newScratchExtra(sk *PrivateKey, s *scratch) {}
