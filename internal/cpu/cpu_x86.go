//go:build 386 || amd64

package cpu

import (
	"github.com/klauspost/cpuid/v2"
	"golang.org/x/sys/cpu"
)

func detect() {
	x := cpu.X86
	X86HasAESNI = x.HasAES
	X86HasPCLMULQDQ = x.HasPCLMULQDQ
	X86HasSSSE3 = x.HasSSSE3
	X86HasAVX = x.HasAVX
	X86HasAVX2 = x.HasAVX2
	X86HasBMI2 = x.HasBMI2
	X86HasADX = x.HasADX
	// x/sys/cpu reports the AVX-512 bits only when the OS saves the zmm
	// state, which is what "usable" means here.
	X86HasAVX512F = x.HasAVX512F
	X86HasAVX512BW = x.HasAVX512F && x.HasAVX512BW
	X86HasAVX512VL = x.HasAVX512F && x.HasAVX512VL
	X86HasAVX512IFMA = x.HasAVX512F && x.HasAVX512IFMA
	X86HasAVX512VBMI2 = x.HasAVX512F && x.HasAVX512VBMI2
	// x/sys/cpu reports VAES and VPCLMULQDQ only together with AVX-512, so
	// a VAES-on-AVX2 CPU (Zen 3, Alder Lake) would read false there. cpuid
	// reads leaf 7 itself; require AVX2 (which implies OS ymm support).
	X86HasVAES = x.HasAVX2 && cpuid.CPU.Supports(cpuid.VAES)
	X86HasVPCLMULQDQ = x.HasAVX2 && cpuid.CPU.Supports(cpuid.VPCLMULQDQ)
	X86HasGFNI = cpuid.CPU.Supports(cpuid.GFNI)

	register("amd64", "aesni", &X86HasAESNI)
	register("amd64", "pclmulqdq", &X86HasPCLMULQDQ)
	register("amd64", "ssse3", &X86HasSSSE3)
	register("amd64", "avx", &X86HasAVX)
	register("amd64", "avx2", &X86HasAVX2)
	register("amd64", "bmi2", &X86HasBMI2)
	register("amd64", "adx", &X86HasADX)
	register("amd64", "avx512f", &X86HasAVX512F)
	register("amd64", "avx512bw", &X86HasAVX512BW)
	register("amd64", "avx512vl", &X86HasAVX512VL)
	register("amd64", "avx512ifma", &X86HasAVX512IFMA)
	register("amd64", "avx512vbmi2", &X86HasAVX512VBMI2)
	register("amd64", "vaes", &X86HasVAES)
	register("amd64", "vpclmulqdq", &X86HasVPCLMULQDQ)
	register("amd64", "gfni", &X86HasGFNI)
}
