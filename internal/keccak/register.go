package keccak

import "github.com/tlscore/tlscore/internal/impl"

// registered lists every implementation, fastest first, on every build;
// the registry marks those this build and CPU cannot run.
func registered() []impl.Impl {
	return []impl.Impl{
		{Name: implGeneric, Desc: "four calls of the Go permutation"},
	}
}
