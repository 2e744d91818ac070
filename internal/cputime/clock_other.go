//go:build !linux

package cputime

import "time"

// Thread is not available here: Best and the benchmark harness time by the
// wall clock.
func Thread() (time.Duration, bool) { return 0, false }
