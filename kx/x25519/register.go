package x25519

import (
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

// The implementations' names, as package dispatch lists them.
const (
	implAVX512IFMA = "avx512ifma"
	implADX        = "adx"
	implARM64      = "arm64"
	implGeneric    = "generic"
)

// registered lists every implementation, fastest first, on every build;
// package dispatch marks those this build and CPU cannot run.
func registered() []impl.Impl {
	return []impl.Impl{
		{Name: implAVX512IFMA, Arch: "amd64", Features: []cpu.Feature{cpu.AVX512F, cpu.AVX512IFMA, cpu.AVX512VL},
			Desc: "radix 2^51 with VPMADD52LUQ/HUQ: each ladder step's products in 8 zmm lanes (AMD Zen 5 on) or 4 ymm lanes; 8-lane zmm batch"},
		{Name: implADX, Arch: "amd64", Features: []cpu.Feature{cpu.BMI2, cpu.ADX},
			Desc: "4 x 64-bit limbs with MULX/ADCX/ADOX, ladder loop in assembly"},
		{Name: implARM64, Arch: "arm64",
			Desc: "4 x 64-bit limbs with MUL/UMULH"},
		{Name: implGeneric, Desc: "5 x 51-bit limbs in Go"},
	}
}
