//go:build !((amd64 || arm64) && gc && !purego)

package ed25519

import "github.com/tlscore/tlscore/internal/impl"

func archImpls() []impl.Impl { return registered() }

func archLookup(name string) (implementation, bool) { return 0, false }

func baseMultArch(im implementation, out *[32]byte, k *scalar) { baseMultGeneric(out, k) }

func verifyArch(im implementation, R, a *[32]byte, k, s *scalar) bool {
	return verifyGeneric(R, a, k, s)
}

func verifyManyArch(im implementation, jobs []verifyJob, ok []bool) bool { return false }
