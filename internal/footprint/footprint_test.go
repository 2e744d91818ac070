// Package footprint checks what a program that imports tlscore's library
// packages builds: nothing of the benchmark harness and its dependencies.
package footprint

import (
	"os/exec"
	"strings"
	"testing"
)

// harnessOnly are import path prefixes that belong to the harness
// (cmd/tlsbench, internal/benchharness) and must not reach a library user's
// binary.
var harnessOnly = []string{
	"github.com/tlscore/tlscore/internal/benchharness",
	"github.com/tlscore/tlscore/cmd/",
	"github.com/tlscore/tlscore/bench",
	"gonum.org/",
	"github.com/schollz/progressbar",
	"golang.org/x/term",
	"golang.org/x/image",
	"github.com/c2sp/wycheproof",
}

// TestLibraryDeps runs go list -deps on every library package and fails if
// one builds any of harnessOnly. (math/big is not on the list: crypto/rand
// imports it, so every package that draws randomness builds it.)
func TestLibraryDeps(t *testing.T) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command: this test inspects the build graph")
	}
	out, err := exec.Command(gobin, "list", "github.com/tlscore/tlscore/aead/...", "github.com/tlscore/tlscore/kx/...",
		"github.com/tlscore/tlscore/sig/...", "github.com/tlscore/tlscore/record/...", "github.com/tlscore/tlscore/dispatch").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	pkgs := strings.Fields(string(out))
	if len(pkgs) < 6 {
		t.Fatalf("go list found only %q", pkgs)
	}
	for _, pkg := range pkgs {
		deps, err := exec.Command(gobin, "list", "-deps", pkg).Output()
		if err != nil {
			t.Fatalf("go list -deps %s: %v", pkg, err)
		}
		for _, d := range strings.Fields(string(deps)) {
			for _, bad := range harnessOnly {
				if d == bad || strings.HasPrefix(d, bad) && (strings.HasSuffix(bad, "/") || strings.HasPrefix(d, bad+"/")) {
					t.Errorf("%s builds %s", pkg, d)
				}
			}
		}
	}
}
