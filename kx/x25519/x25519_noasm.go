package x25519

import "github.com/tlscore/tlscore/dispatch"

func archImpls() []dispatch.Impl { return registered()[3:] }

func archLookup(name string) *implementation { return nil }

func autoBatch() *implementation { return nil }
