//go:build arm64 && gc && !purego

package ed25519

import (
	"crypto/subtle"

	"github.com/tlscore/tlscore/internal/impl"
)

func archImpls() []impl.Impl { return registered() }

func archLookup(name string) (implementation, bool) {
	if name == implNameARM64 {
		return implARM64, true
	}
	return 0, false
}

// baseMultArch runs the fixed-base code with the DIT bit set
// (data-independent timing of the multiplier).
func baseMultArch(im implementation, out *[32]byte, k *scalar) {
	subtle.WithDataIndependentTiming(func() { baseMult64(out, k) })
}

func verifyArch(im implementation, R, a *[32]byte, k, s *scalar) bool {
	return verify64(R, a, k, s)
}

func verifyManyArch(im implementation, jobs []verifyJob, ok []bool) bool { return false }
