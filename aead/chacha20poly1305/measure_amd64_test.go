//go:build linux && gc && !purego

package chacha20poly1305

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

func TestMeasureRows(t *testing.T) {
	if os.Getenv("CHACHA_MEASURE") == "" {
		t.Skip("set CHACHA_MEASURE=1")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	cpuNow := func() time.Duration {
		var ts syscall.Timespec
		syscall.Syscall(syscall.SYS_CLOCK_GETTIME, 3, uintptr(unsafe.Pointer(&ts)), 0)
		return time.Duration(ts.Nano())
	}
	m := func(name string, f func()) {
		best := 1e18
		for range 15 {
			t0 := cpuNow()
			for range 2000 {
				f()
			}
			best = min(best, float64(cpuNow()-t0)/2000)
		}
		fmt.Printf("%-30s %8.1fns\n", name, best)
	}
	var st [16]uint32
	var a, b [128]byte
	m("rows2 ymm avx512", func() { chachaRows2AVX512(&st, &a, &b) })
	m("rows2 xmm avx512", func() { chachaRowsX2AVX512(&st, &a, &b) })
	m("rows2 ymm avx2", func() { chachaRows2AVX2(&st, &a, &b) })
	m("rows2 xmm avx2", func() { chachaRowsX2AVX2(&st, &a, &b) })
	var h [8]uint32
	m("hchacha avx512", func() { hchachaAVX512(&h, &st) })
}
