package mlkem

import (
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

// registered lists every implementation, fastest first, on every build;
// the registry marks those this build and CPU cannot run.
func registered() []impl.Impl {
	return []impl.Impl{
		{Name: implAVX2, Arch: "amd64", Features: []cpu.Feature{cpu.AVX2},
			Desc: "NTT, base multiplication and reduction on 16 x int16 per ymm (avo); matrix and noise with four-way SHAKE"},
		{Name: implARM64, Arch: "arm64", Features: []cpu.Feature{cpu.ASIMD},
			Desc: "NTT, base multiplication and reduction on 8 x int16 per NEON register (asm/mlkemarm64; tested under qemu only); matrix and noise with four-way SHAKE"},
		{Name: implGeneric, Desc: "constant-time Go, 16-bit Montgomery arithmetic, crypto/sha3"},
	}
}
