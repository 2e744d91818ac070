package mlkem

import "github.com/tlscore/tlscore/dispatch"

// registered lists every implementation, fastest first, on every build;
// package dispatch marks those this build and CPU cannot run.
func registered() []dispatch.Impl {
	return []dispatch.Impl{
		{Name: implGeneric, Desc: "constant-time Go, 16-bit Montgomery arithmetic, crypto/sha3"},
	}
}
