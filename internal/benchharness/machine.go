package benchharness

import (
	"os"
	"runtime"
	"strings"

	"github.com/tlscore/tlscore/internal/cpu"
)

// CollectMachine records this machine: the CPU identity and features from
// internal/cpu (after TLSCORE_CPU), the Go runtime, the kernel and its load.
func CollectMachine() Machine {
	id := cpu.Machine
	m := Machine{
		Vendor: id.Vendor, Brand: strings.TrimSpace(id.Brand), Family: id.Family, Model: id.Model,
		Stepping: id.Stepping, Microarch: id.Microarch, LogicalCores: id.LogicalCores,
		L1D: id.L1D, L2: id.L2, L3: id.L3, AvoidZMM: id.AvoidZMM,
		Features: cpu.Enabled(), Disabled: cpu.Disabled(), TLSCoreCPU: os.Getenv(cpu.Env),
		GOMAXPROCS: runtime.GOMAXPROCS(0), GoVersion: runtime.Version(),
		GOOS: runtime.GOOS, GOARCH: runtime.GOARCH,
		Kernel: kernel(), Purego: purego,
	}
	if b, err := os.ReadFile("/proc/loadavg"); err == nil {
		if f := strings.Fields(string(b)); len(f) >= 3 {
			m.LoadAvg = strings.Join(f[:3], " ")
		}
	}
	return m
}
