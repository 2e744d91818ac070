package cryptotest

import (
	"runtime"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

func init() {
	impl.Register("cryptotest-alg",
		impl.Impl{Name: "elsewhere", Arch: "not-this-arch"},
		impl.Impl{Name: "generic"},
	)
}

func TestAllImplementationsSelects(t *testing.T) {
	var ran []string
	TestAllImplementations(t, "cryptotest-alg", func(t *testing.T) {
		ran = append(ran, dispatch.Chosen("cryptotest-alg"))
	})
	if len(ran) != 1 || ran[0] != "generic" {
		t.Errorf("ran %v, want [generic]", ran)
	}
	if dispatch.Chosen("cryptotest-alg") != "generic" {
		t.Error("selection not reset")
	}
}

func TestShouldBeAvailable(t *testing.T) {
	if shouldBeAvailable(dispatch.Impl{Name: "x", Arch: "not-this-arch"}) {
		t.Error("an implementation for another architecture should not be expected")
	}
	if !shouldBeAvailable(dispatch.Impl{Name: "generic"}) {
		t.Error("generic must always be expected")
	}
	if runtime.GOARCH == "amd64" && !purego && cpu.Hardware(cpu.AVX2) && !cpu.Masked(cpu.AVX2) {
		if !shouldBeAvailable(dispatch.Impl{Name: "y", Arch: "amd64", Features: []string{"avx2"}}) {
			t.Error("an AVX2 implementation on an AVX2 machine should be expected")
		}
	}
	if shouldBeAvailable(dispatch.Impl{Name: "z", Arch: runtime.GOARCH, Features: []string{"no-such-feature"}}) {
		t.Error("an implementation needing a missing feature should not be expected")
	}
}
