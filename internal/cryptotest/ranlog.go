package cryptotest

import (
	"fmt"
	"os"
	"sync"
	"testing"
)

// The implementation log: when TLSCORE_IMPL_LOG names a file, every run of
// TestAllImplementations appends one line per implementation to it,
//
//	alg <TAB> impl <TAB> available(0/1) <TAB> status <TAB> package dir <TAB> test
//
// with status "ran", "failed", "skipped" (f called t.Skip) or "unavailable".
// CI runs the tests with it (go test -count=1, so no result comes from the
// cache) and cmd/implcheck (internal/cryptotest/implcheck) prints, per
// algorithm, which implementations ran how many tests, and fails if an
// implementation this CPU can run ran none. Lines are written with one
// O_APPEND write each, so the test binaries of parallel packages can share
// the file.
var (
	implLogOnce sync.Once
	implLog     *os.File
	implLogDir  string
)

func logImplementation(t *testing.T, alg, impl string, available bool, status string) {
	implLogOnce.Do(func() {
		name := os.Getenv("TLSCORE_IMPL_LOG")
		if name == "" {
			return
		}
		f, err := os.OpenFile(name, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
		if err != nil {
			t.Fatalf("TLSCORE_IMPL_LOG: %v", err)
		}
		implLog = f
		implLogDir, _ = os.Getwd()
	})
	if implLog == nil {
		return
	}
	av := 0
	if available {
		av = 1
	}
	line := fmt.Sprintf("%s\t%s\t%d\t%s\t%s\t%s\n", alg, impl, av, status, implLogDir, t.Name())
	if _, err := implLog.WriteString(line); err != nil {
		t.Fatalf("TLSCORE_IMPL_LOG: %v", err)
	}
}
