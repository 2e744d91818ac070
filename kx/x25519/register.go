package x25519

import "github.com/tlscore/tlscore/dispatch"

// registered lists every implementation, fastest first, on every build;
// package dispatch marks those this build and CPU cannot run.
func registered() []dispatch.Impl {
	return []dispatch.Impl{
		{Name: "avx512ifma", Arch: "amd64", Features: []string{"avx512f", "avx512ifma", "avx512vl"},
			Desc:    "8-lane Montgomery ladder in radix 2^52 with VPMADD52LUQ/HUQ (batch)",
			NotAuto: ifmaNotAuto},
		{Name: "adx", Arch: "amd64", Features: []string{"bmi2", "adx"},
			Desc: "4 x 64-bit limbs with MULX/ADCX/ADOX, ladder loop in assembly"},
		{Name: "arm64", Arch: "arm64",
			Desc: "4 x 64-bit limbs with MUL/UMULH"},
		{Name: "generic", Desc: "5 x 51-bit limbs in Go"},
	}
}

// ifmaNotAuto keeps the single ladder on "adx": see the benchmark results
// in bench/results/x25519.txt. X25519Batch uses IFMA regardless.
const ifmaNotAuto = "the 8-lane ladder is slower than adx for a single X25519; X25519Batch still uses it"
