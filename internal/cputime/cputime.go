// Package cputime times code by the CPU time of the calling thread, for the
// opt-in measure tests (P256_MEASURE=1 and the like, see BENCHMARKS.md) and
// the benchmark harness of cmd/tlsbench. On a shared machine the thread's
// CPU time does not count the time other processes took the core away, and
// the fastest of many short rounds, ours and the reference interleaved
// round by round, is steadier than a mean or a median.
//
// No library package imports it.
package cputime

import (
	"runtime"
	"time"
)

// Op is one operation that Best measures.
type Op struct {
	// F is the operation.
	F func()
	// Setup, if not nil, runs untimed before each timed batch of F: to
	// select an implementation, or to warm a cache with a first call.
	Setup func()
	// Reps is the number of calls of F in a timed batch; 0 means the reps
	// argument of Best.
	Reps int
	// Per is the number of operations one call of F does (a batch API,
	// several handshakes in one call); 0 means 1.
	Per int
}

// Best returns, for each of ops, its fastest time per operation in
// nanoseconds over rounds timed batches. The ops are interleaved: each
// round times one batch of every op in turn, so a burst of load on a
// shared machine hits ours and the reference alike.
//
// Best locks the goroutine to its OS thread and times by the thread's CPU
// time (Thread), or by the wall clock where the system has no thread clock.
func Best(rounds, reps int, ops ...Op) []float64 {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	clock := now()
	best := make([]float64, len(ops))
	for i := range best {
		best[i] = -1
	}
	for range rounds {
		for i, op := range ops {
			n, per := reps, 1
			if op.Reps > 0 {
				n = op.Reps
			}
			if op.Per > 0 {
				per = op.Per
			}
			if op.Setup != nil {
				op.Setup()
			}
			t0 := clock()
			for range n {
				op.F()
			}
			ns := float64(clock()-t0) / float64(n*per)
			if best[i] < 0 || ns < best[i] {
				best[i] = ns
			}
		}
	}
	return best
}

// now returns the clock Best times by: the thread's CPU time, or the wall
// time since the call.
func now() func() time.Duration {
	if _, ok := Thread(); ok {
		return func() time.Duration { d, _ := Thread(); return d }
	}
	start := time.Now()
	return func() time.Duration { return time.Since(start) }
}
