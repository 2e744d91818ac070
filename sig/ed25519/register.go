package ed25519

import "github.com/tlscore/tlscore/dispatch"

// registered lists every implementation, fastest first, on every build;
// package dispatch marks those this build and CPU cannot run.
func registered() []dispatch.Impl {
	return []dispatch.Impl{
		{Name: "generic", Desc: "5 x 51-bit limbs in Go"},
	}
}

func archImpls() []dispatch.Impl { return registered() }

func archLookup(name string) (implementation, bool) { return 0, false }

func baseMultArch(im implementation, out *[32]byte, k *scalar) { baseMultGeneric(out, k) }

func verifyArch(im implementation, R, a *[32]byte, k, s *scalar) bool {
	return verifyGeneric(R, a, k, s)
}

func verifyManyArch(im implementation, jobs []verifyJob, ok []bool) bool { return false }
