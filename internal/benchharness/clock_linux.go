package benchharness

import (
	"time"

	"golang.org/x/sys/unix"
)

// threadTime returns the CPU time the calling OS thread has used.
func threadTime() (time.Duration, bool) {
	var ts unix.Timespec
	if unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts) != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
