package cpu

import (
	"strings"
	"testing"
)

// withFeatures runs f with the feature variables restored afterwards.
func withFeatures(t *testing.T, f func()) {
	saved := make([]bool, len(features))
	for i, ft := range features {
		saved[i] = *ft.v
	}
	defer func() {
		for i, ft := range features {
			*ft.v = saved[i]
		}
	}()
	f()
}

func TestApply(t *testing.T) {
	withFeatures(t, func() {
		for _, f := range features {
			*f.v = true
		}
		if errs := apply("-avx512, -vaes"); len(errs) != 0 {
			t.Fatalf("errors for valid spec: %v", errs)
		}
		for _, f := range features {
			off := strings.HasPrefix(string(f.name), "avx512") || f.name == "vaes"
			if *f.v == off {
				t.Errorf("%s = %v after -avx512,-vaes", f.name, *f.v)
			}
		}
	})
}

func TestApplyAll(t *testing.T) {
	withFeatures(t, func() {
		apply("-all")
		if e := Enabled(); len(e) != 0 {
			t.Errorf("features left after -all: %v", e)
		}
	})
}

func TestApplyErrors(t *testing.T) {
	withFeatures(t, func() {
		for _, spec := range []string{"-nosuch", "avx2", "-avx3"} {
			if errs := apply(spec); len(errs) != 1 {
				t.Errorf("apply(%q) = %v, want one error", spec, errs)
			}
		}
		// A feature of the other architecture is not an error.
		for _, spec := range []string{"-aes,-pmull", "-aesni,-adx", ""} {
			if errs := apply(spec); len(errs) != 0 {
				t.Errorf("apply(%q) = %v, want none", spec, errs)
			}
		}
	})
}

func TestNamesRegistered(t *testing.T) {
	for _, f := range features {
		if !knownName(string(f.name)) {
			t.Errorf("feature %q is not in Names()", f.name)
		}
	}
}

func TestIdentity(t *testing.T) {
	if Machine.Vendor == "" || Machine.Microarch == "" {
		t.Errorf("empty identity: %+v", Machine)
	}
	t.Logf("%+v", Machine)
	t.Logf("enabled: %v", Enabled())
}

func TestMicroarch(t *testing.T) {
	if got := amdMicroarch(0x1a, 0x44); got != "Zen 5" {
		t.Errorf("family 1Ah model 44h = %q, want Zen 5", got)
	}
	if got := amdMicroarch(0x19, 0x61); got != "Zen 4" {
		t.Errorf("family 19h model 61h = %q, want Zen 4", got)
	}
	if _, avoid := intelMicroarch(6, 0x6a); !avoid {
		t.Error("Ice Lake-SP should avoid zmm")
	}
	if _, avoid := intelMicroarch(6, 0x8f); avoid {
		t.Error("Sapphire Rapids should not avoid zmm")
	}
}
