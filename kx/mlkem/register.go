package mlkem

import "github.com/tlscore/tlscore/internal/impl"

// registered lists every implementation, fastest first, on every build;
// the registry marks those this build and CPU cannot run.
func registered() []impl.Impl {
	return []impl.Impl{
		{Name: implGeneric, Desc: "constant-time Go, 16-bit Montgomery arithmetic, crypto/sha3"},
	}
}
