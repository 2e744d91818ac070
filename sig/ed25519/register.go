package ed25519

import "github.com/tlscore/tlscore/internal/impl"

// Implementation names.
const (
	implNameGeneric = "generic"
)

// registered lists every implementation, fastest first, on every build;
// the registry marks those this build and CPU cannot run.
func registered() []impl.Impl {
	return []impl.Impl{
		{Name: implNameGeneric, Desc: "5 x 51-bit limbs in Go"},
	}
}

func archImpls() []impl.Impl { return registered() }

func archLookup(name string) (implementation, bool) { return 0, false }

func baseMultArch(im implementation, out *[32]byte, k *scalar) { baseMultGeneric(out, k) }

func verifyArch(im implementation, R, a *[32]byte, k, s *scalar) bool {
	return verifyGeneric(R, a, k, s)
}

func verifyManyArch(im implementation, jobs []verifyJob, ok []bool) bool { return false }
