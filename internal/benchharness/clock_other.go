//go:build !linux

package benchharness

import "time"

// threadTime is not available here: rows are timed by the wall clock.
func threadTime() (time.Duration, bool) { return 0, false }
