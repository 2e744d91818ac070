package mlkem

import (
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cpu"
)

// TestDispatch checks which implementation the automatic choice takes for
// this build and CPU (avx2 exactly when the build has the assembly and
// AVX2 is present and not masked by TLSCORE_CPU, arm64 likewise with ASIMD), and that keys made under
// each selection run that implementation's kernels.
func TestDispatch(t *testing.T) {
	want := implGeneric
	if haveAVX2Kernels && cpu.Has(cpu.AVX2) {
		want = implAVX2
	}
	if haveNEONKernels && cpu.Has(cpu.ASIMD) {
		want = implARM64
	}
	if got := dispatch.Chosen(alg); got != want {
		t.Fatalf("automatic choice %q, want %q", got, want)
	}
	defer dispatch.Reset(alg)
	seed := make([]byte, SeedSize)
	for _, im := range dispatch.List(alg) {
		if !im.Available {
			continue
		}
		if err := dispatch.Select(alg, im.Name); err != nil {
			t.Fatal(err)
		}
		dk, _ := NewDecapsulationKey768(seed)
		ek, _ := NewEncapsulationKey1024(make([]byte, EncapsulationKeySize1024))
		for _, got := range []implementation{dk.dk.im, ek.ek.im} {
			if got.avx2 != (im.Name == implAVX2) || got.neon != (im.Name == implARM64) {
				t.Errorf("%s selected: a key runs avx2=%v, neon=%v", im.Name, got.avx2, got.neon)
			}
		}
	}
}
