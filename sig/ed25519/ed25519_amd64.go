//go:build gc && !purego

package ed25519

import "github.com/tlscore/tlscore/internal/impl"

func archImpls() []impl.Impl { return registered() }

func archLookup(name string) (implementation, bool) {
	switch name {
	case implNameADX:
		return implADX, true
	case implNameIFMA:
		return implIFMA, true
	}
	return 0, false
}

func baseMultArch(im implementation, out *[32]byte, k *scalar) { baseMult64(out, k) }

func verifyArch(im implementation, R, a *[32]byte, k, s *scalar) bool {
	return verify64(R, a, k, s)
}

// verifyManyArch runs "avx512ifma"'s 8-lane verification; the other
// implementations verify one signature after another.
func verifyManyArch(im implementation, jobs []verifyJob, ok []bool) bool {
	if im != implIFMA {
		return false
	}
	verifyManyIFMA(jobs, ok)
	return true
}
