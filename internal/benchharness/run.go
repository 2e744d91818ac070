package benchharness

import (
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cputime"
)

// Run measures every case with profile p and returns one result per case,
// in order. A case whose setup fails, or which panics, gets a result with
// Err set and no numbers; the others go on. progress, if not nil, is called
// before each case with its index.
func Run(cases []Case, p Profile, progress func(i int, c Case)) []Result {
	out := make([]Result, 0, len(cases))
	for i, c := range cases {
		if progress != nil {
			progress(i, c)
		}
		out = append(out, measure(c, p))
	}
	return out
}

// measure runs one case: setup per goroutine (with the implementation
// selected), warm-up and calibration, then p.Rounds timed rounds.
func measure(c Case, p Profile) (res Result) {
	res = Result{
		Family: c.Op.Family, Verb: c.Op.Verb, Alg: c.Op.Alg, Impl: c.Impl, Source: c.Source,
		Unit: c.Op.Unit, Size: c.Size, Procs: c.Procs, AllocsPerOp: -1,
	}
	defer func() {
		if r := recover(); r != nil {
			res.Err = fmt.Sprint("panic: ", r)
			res.Rounds = nil
			res.Stats = Stats{}
		}
	}()
	// The selection holds for the whole row: objects keep the
	// implementation they were built with, and function APIs (x25519.ECDH,
	// p256.ECDH) ask dispatch on every call.
	if c.Source == SourceTLSCore && c.Op.Alg != "" {
		if err := dispatch.Select(c.Op.Alg, c.Impl); err != nil {
			res.Err = err.Error()
			return res
		}
		defer dispatch.Reset(c.Op.Alg)
	}
	runs, err := setupAll(c)
	if err != nil {
		res.Err = err.Error()
		return res
	}
	runtime.GC()

	// Warm up on one goroutine, doubling the batch until the warm-up time is
	// spent; the last batch estimates the time of one operation.
	n, total := 1, time.Duration(0)
	var per time.Duration
	for {
		d := timeRun(runs[0], n, p.Clock)
		total += d
		per = d / time.Duration(n)
		if total >= p.Warmup || n >= 1<<30 {
			break
		}
		n *= 2
	}
	iters := 1
	if per > 0 {
		iters = max(1, int(p.Round/per))
	}
	if c.Procs > 1 && p.Warmup > 0 {
		timeParallel(runs, iters, p.Clock) // warm the other goroutines' state too
	}

	var ms0, ms1 runtime.MemStats
	if c.Procs == 1 {
		runtime.ReadMemStats(&ms0)
	}
	res.Iters = iters
	res.Rounds = make([]float64, 0, p.Rounds)
	for range p.Rounds {
		var d time.Duration
		if c.Procs == 1 {
			d = timeRun(runs[0], iters, p.Clock)
		} else {
			d = timeParallel(runs, iters, p.Clock)
		}
		res.Rounds = append(res.Rounds, float64(d.Nanoseconds())/float64(iters*c.Procs))
	}
	if c.Procs == 1 {
		runtime.ReadMemStats(&ms1)
		res.AllocsPerOp = float64(ms1.Mallocs-ms0.Mallocs) / float64(iters*p.Rounds)
	}
	res.Stats = Summarize(res.Rounds)
	return res
}

// setupAll builds the state of every goroutine of c.
func setupAll(c Case) ([]func(int), error) {
	runs := make([]func(int), c.Procs)
	for i := range runs {
		run, err := c.setup(c.Size)
		if err != nil {
			return nil, fmt.Errorf("setup: %w", err)
		}
		runs[i] = run
	}
	return runs, nil
}

// timeRun runs n operations on this goroutine, locked to its OS thread,
// and returns the time they took: the thread's CPU time with ClockThread
// (time other processes took the core away is not counted), else the wall
// time.
func timeRun(run func(int), n int, clock string) time.Duration {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	if clock == ClockThread {
		if t0, ok := cputime.Thread(); ok {
			run(n)
			t1, _ := cputime.Thread()
			return t1 - t0
		}
	}
	t := time.Now()
	run(n)
	return time.Since(t)
}

// Clocks that time the rows.
const (
	ClockWall   = "wall"
	ClockThread = "thread" // CPU time of the measuring thread (Linux)
)

// DefaultClock is the thread clock where the OS has one, else the wall
// clock.
func DefaultClock() string {
	if _, ok := cputime.Thread(); ok {
		return ClockThread
	}
	return ClockWall
}

// timeParallel runs n operations on each goroutine at once. With the wall
// clock it returns the time from the common start to the last finish; with
// ClockThread (used only when there are at least as many CPUs as
// goroutines) the largest CPU time of the goroutines' threads, which counts
// what the goroutines cost each other (shared caches, SMT siblings, memory)
// but not time other processes took.
func timeParallel(runs []func(int), n int, clock string) time.Duration {
	if clock == ClockThread && len(runs) > runtime.NumCPU() {
		clock = ClockWall
	}
	var ready, done sync.WaitGroup
	var mu sync.Mutex
	var panicked any
	var longest time.Duration
	start := make(chan struct{})
	ready.Add(len(runs))
	done.Add(len(runs))
	for _, run := range runs {
		go func() {
			defer done.Done()
			defer func() {
				if r := recover(); r != nil {
					mu.Lock()
					panicked = r
					mu.Unlock()
				}
			}()
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			ready.Done()
			<-start
			if clock == ClockThread {
				if t0, ok := cputime.Thread(); ok {
					run(n)
					t1, _ := cputime.Thread()
					mu.Lock()
					longest = max(longest, t1-t0)
					mu.Unlock()
					return
				}
			}
			run(n)
		}()
	}
	ready.Wait()
	t := time.Now()
	close(start)
	done.Wait()
	d := time.Since(t)
	if panicked != nil {
		panic(panicked) // recovered by measure, reported as the row's error
	}
	if longest > 0 {
		return longest
	}
	return d
}
