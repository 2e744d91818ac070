// Package cryptotest holds the tests every tlscore implementation runs: the
// per-implementation loop and the conformance checks for AEADs.
package cryptotest

import (
	"runtime"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cpu"
)

// TestAllImplementations runs f once for every implementation of alg, as a
// subtest named after it, with that implementation selected in package
// dispatch. Implementations this machine cannot run are skipped, unless the
// CPU has every feature they need and TLSCORE_CPU did not switch one off:
// then "unavailable" is a bug in detection and the test fails.
//
// Tests using it must not run in parallel with each other (the selection is
// global), and f must construct its objects after it is called.
func TestAllImplementations(t *testing.T, alg string, f func(t *testing.T)) {
	impls := dispatch.List(alg)
	if len(impls) == 0 {
		t.Fatalf("algorithm %q is not registered", alg)
	}
	defer dispatch.Reset(alg)
	for _, im := range impls {
		t.Run(im.Name, func(t *testing.T) {
			status := "unavailable"
			defer func() {
				if im.Available {
					switch {
					case t.Failed():
						status = "failed"
					case t.Skipped():
						status = "skipped"
					default:
						status = "ran"
					}
				}
				logImplementation(t, alg, im.Name, im.Available, status)
			}()
			if !im.Available {
				if shouldBeAvailable(im) {
					t.Fatalf("%s %s: this CPU has %s but the implementation is unavailable", alg, im.Name, strings.Join(im.Features, ","))
				}
				t.Skipf("%s needs %s %s", im.Name, im.Arch, strings.Join(im.Features, ","))
			}
			if err := dispatch.Select(alg, im.Name); err != nil {
				t.Fatal(err)
			}
			defer dispatch.Reset(alg)
			f(t)
		})
	}
}

func shouldBeAvailable(im dispatch.Impl) bool {
	if im.Arch != "" && (im.Arch != runtime.GOARCH || purego) {
		return false
	}
	for _, f := range im.Features {
		if !cpu.Hardware(cpu.Feature(f)) || cpu.Masked(cpu.Feature(f)) {
			return false
		}
	}
	return true
}

// SkipTestAllocations skips allocation tests where the instrumentation of
// the build allocates (race detector, ASan, MSan, coverage) or where the
// compiler cannot inline as it does by default.
func SkipTestAllocations(t *testing.T) {
	if raceEnabled || testing.CoverMode() != "" {
		t.Skip("allocation counts are not meaningful under -race or -cover")
	}
}
