//go:build !((amd64 || arm64) && gc && !purego)

package x25519

import "github.com/tlscore/tlscore/internal/impl"

func archImpls() []impl.Impl { return registered() }

func archLookup(name string) *implementation { return nil }
