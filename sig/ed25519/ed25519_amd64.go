//go:build gc && !purego

package ed25519

import "github.com/tlscore/tlscore/internal/impl"

func archImpls() []impl.Impl { return registered() }

func archLookup(name string) (implementation, bool) {
	switch name {
	case implNameADX:
		return implADX, true
	}
	return 0, false
}

func baseMultArch(im implementation, out *[32]byte, k *scalar) { baseMult64(out, k) }

func verifyArch(im implementation, R, a *[32]byte, k, s *scalar) bool {
	return verify64(R, a, k, s)
}

func verifyManyArch(im implementation, jobs []verifyJob, ok []bool) bool { return false }
