package ed25519

import (
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

// Implementation names.
const (
	implNameIFMA    = "avx512ifma"
	implNameADX     = "adx"
	implNameARM64   = "arm64"
	implNameGeneric = "generic"
)

// registered lists every implementation, fastest first, on every build;
// the registry marks those this build and CPU cannot run.
func registered() []impl.Impl {
	return []impl.Impl{
		{Name: implNameIFMA, Arch: "amd64", Features: []cpu.Feature{cpu.AVX512F, cpu.AVX512IFMA, cpu.AVX512VL, cpu.BMI2, cpu.ADX},
			Desc: "radix 2^51 with VPMADD52LUQ/HUQ: each point operation's products in 4 ymm lanes (Sign's fixed base, Verify's double-scalar loop); VerifyMany 8 signatures per pass in zmm lanes"},
		{Name: implNameADX, Arch: "amd64", Features: []cpu.Feature{cpu.BMI2, cpu.ADX},
			Desc: "4 x 64-bit limbs with MULX/ADCX/ADOX; fixed-base scan and mixed addition in assembly"},
		{Name: implNameARM64, Arch: "arm64",
			Desc: "4 x 64-bit limbs with MUL/UMULH"},
		{Name: implNameGeneric, Desc: "5 x 51-bit limbs in Go"},
	}
}
