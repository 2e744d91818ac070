package impl

import (
	"errors"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

func init() {
	Register("test-avx512",
		Impl{Name: "zmm", Arch: "amd64", Features: []cpu.Feature{cpu.AVX512F, cpu.AVX512BW}},
		Impl{Name: "ymm", Arch: "amd64", Features: []cpu.Feature{cpu.AVX2}},
		Impl{Name: "generic"},
	)
}

// TestEnvMask runs this test binary again with TLSCORE_CPU=-avx512 and
// checks, in the child, that the AVX-512 implementation is unavailable and
// the automatic choice moved down.
func TestEnvMask(t *testing.T) {
	if os.Getenv("TLSCORE_DISPATCH_CHILD") == "1" {
		if List("test-avx512")[0].Available {
			t.Fatal("zmm implementation available under TLSCORE_CPU=-avx512")
		}
		if Chosen("test-avx512") == "zmm" {
			t.Fatal("zmm chosen under TLSCORE_CPU=-avx512")
		}
		if err := Select("test-avx512", "zmm"); err == nil {
			t.Fatal("Select of a masked implementation succeeded")
		}
		return
	}
	if runtime.GOARCH != "amd64" || purego || !cpu.Hardware("avx512f") {
		t.Skip("needs an amd64 AVX-512 machine and assembly")
	}
	if got := Chosen("test-avx512"); got != "zmm" {
		t.Fatalf("without a mask the choice is %q, want zmm", got)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEnvMask$", "-test.v")
	cmd.Env = append(os.Environ(), "TLSCORE_DISPATCH_CHILD=1", "TLSCORE_CPU=-avx512")
	out, err := cmd.CombinedOutput()
	if err != nil || !strings.Contains(string(out), "PASS") {
		t.Fatalf("child failed: %v\n%s", err, out)
	}
}

// TestEnvUnknown checks that an unknown TLSCORE_CPU name is reported on
// standard error.
func TestEnvUnknown(t *testing.T) {
	if os.Getenv("TLSCORE_DISPATCH_CHILD") == "1" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEnvUnknown$")
	cmd.Env = append(os.Environ(), "TLSCORE_DISPATCH_CHILD=1", "TLSCORE_CPU=-avx9000")
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		// Under qemu-user without binfmt_misc the binary cannot start itself.
		t.Skipf("cannot run the test binary again: %v", err)
	}
	if !strings.Contains(string(out), `unknown feature "avx9000"`) {
		t.Fatalf("no complaint about an unknown feature:\n%s", out)
	}
}
