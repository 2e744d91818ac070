package cpu

import (
	"os"
	"strings"
	"testing"
)

// TestHardwareMatchesProcCPUInfo checks the feature detection against an
// independent source, the flags the Linux kernel reports in /proc/cpuinfo,
// so that a detection bug (a feature read as missing) cannot pass
// unnoticed: cryptotest.TestAllImplementations trusts Hardware to decide
// which implementations must be available.
func TestHardwareMatchesProcCPUInfo(t *testing.T) {
	data, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		t.Skipf("no /proc/cpuinfo: %v", err)
	}
	var flags map[string]bool
	for line := range strings.Lines(string(data)) {
		name, value, ok := strings.Cut(line, ":")
		if !ok || strings.TrimSpace(name) != "flags" {
			continue
		}
		flags = map[string]bool{}
		for _, f := range strings.Fields(value) {
			flags[f] = true
		}
		break
	}
	if flags == nil {
		t.Fatal("/proc/cpuinfo has no flags line")
	}
	kernelName := map[string]string{
		"aesni": "aes", "pclmulqdq": "pclmulqdq", "ssse3": "ssse3", "avx": "avx",
		"avx2": "avx2", "bmi2": "bmi2", "adx": "adx", "avx512f": "avx512f",
		"avx512bw": "avx512bw", "avx512vl": "avx512vl", "avx512ifma": "avx512ifma",
		"avx512vbmi2": "avx512_vbmi2", "vaes": "vaes", "vpclmulqdq": "vpclmulqdq",
		"gfni": "gfni",
	}
	checked := 0
	for _, name := range Names() {
		k, ok := kernelName[name]
		if !ok {
			continue
		}
		checked++
		if got, want := Hardware(Feature(name)), flags[k]; got != want {
			t.Errorf("%s: detected %v, /proc/cpuinfo says %v (flag %q)", name, got, want, k)
		}
	}
	if checked != len(kernelName) {
		t.Errorf("checked %d features, want all %d the test knows", checked, len(kernelName))
	}
}
