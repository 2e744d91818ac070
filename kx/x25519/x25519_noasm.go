//go:build !((amd64 || arm64) && gc && !purego)

package x25519

import "github.com/tlscore/tlscore/internal/impl"

func archImpls() []impl.Impl { return registered() }

func archLookup(name string) *implementation { return nil }

func batch62Arch(zeta int64, f, g, d, e *s62) int64 { return batch62(zeta, f, g, d, e) }
