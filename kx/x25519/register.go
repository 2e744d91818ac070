package x25519

import "github.com/tlscore/tlscore/dispatch"

// registered lists every implementation, fastest first, on every build;
// package dispatch marks those this build and CPU cannot run.
func registered() []dispatch.Impl {
	return []dispatch.Impl{
		{Name: "avx512ifma", Arch: "amd64", Features: []string{"avx512f", "avx512ifma", "avx512vl"},
			Desc: "radix 2^51 with VPMADD52LUQ/HUQ: each ladder step's products in 4 ymm lanes; 8-lane zmm batch"},
		{Name: "adx", Arch: "amd64", Features: []string{"bmi2", "adx"},
			Desc: "4 x 64-bit limbs with MULX/ADCX/ADOX, ladder loop in assembly"},
		{Name: "arm64", Arch: "arm64",
			Desc: "4 x 64-bit limbs with MUL/UMULH"},
		{Name: "generic", Desc: "5 x 51-bit limbs in Go"},
	}
}
