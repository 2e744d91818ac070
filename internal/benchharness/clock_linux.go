package benchharness

import (
	"time"

	"golang.org/x/sys/unix"
)

// ThreadTime returns the CPU time the calling OS thread has used, and false
// where the system cannot tell. Lock the goroutine to its thread
// (runtime.LockOSThread) around the work it times.
func ThreadTime() (time.Duration, bool) {
	var ts unix.Timespec
	if unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts) != nil {
		return 0, false
	}
	return time.Duration(ts.Nano()), true
}
