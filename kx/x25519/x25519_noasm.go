//go:build !((amd64 || arm64) && gc && !purego)

package x25519

import "github.com/tlscore/tlscore/dispatch"

func archImpls() []dispatch.Impl { return registered() }

func archLookup(name string) *implementation { return nil }
