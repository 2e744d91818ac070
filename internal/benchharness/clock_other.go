//go:build !linux

package benchharness

import "time"

// ThreadTime is not available here: rows are timed by the wall clock.
func ThreadTime() (time.Duration, bool) { return 0, false }
