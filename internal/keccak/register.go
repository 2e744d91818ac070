package keccak

import (
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

// registered lists every implementation, fastest first, on every build;
// the registry marks those this build and CPU cannot run.
func registered() []impl.Impl {
	return []impl.Impl{
		{Name: implAVX512, Arch: "amd64", Features: []cpu.Feature{cpu.AVX512F, cpu.AVX512VL, cpu.AVX512BW},
			Desc: "the state in registers, VPROLQ and VPTERNLOGQ: 4 states on ymm, 8 on zmm"},
		{Name: implAVX2, Arch: "amd64", Features: []cpu.Feature{cpu.AVX2},
			Desc: "4 states on ymm, streamed through memory"},
		{Name: implARM64, Arch: "arm64", Features: []cpu.Feature{cpu.SHA3},
			Desc: "2 states per NEON register with EOR3, RAX1, XAR and BCAX"},
		{Name: implGeneric, Desc: "one state at a time in Go"},
	}
}
