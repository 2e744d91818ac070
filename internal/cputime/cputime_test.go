package cputime

import (
	"runtime"
	"testing"
)

// Best calls every op rounds times reps (or its own Reps) times, runs
// Setup once before each batch, and returns one figure per op.
func TestBestCalls(t *testing.T) {
	var calls [3]int
	var setups int
	order := []int{}
	ops := []Op{
		{F: func() { calls[0]++; order = append(order, 0) }},
		{F: func() { calls[1]++; order = append(order, 1) }, Setup: func() { setups++ }, Reps: 2},
		{F: func() { calls[2]++; order = append(order, 2) }, Per: 8},
	}
	best := Best(4, 3, ops...)
	if len(best) != 3 {
		t.Fatalf("len(best) = %d", len(best))
	}
	if calls != [3]int{12, 8, 12} || setups != 4 {
		t.Fatalf("calls %v, setups %d", calls, setups)
	}
	// Interleaved: round by round, each op's batch in turn.
	want := []int{0, 0, 0, 1, 1, 2, 2, 2}
	for i, op := range order[:len(want)] {
		if op != want[i] {
			t.Fatalf("order %v, want it to start %v", order, want)
		}
	}
	for i, b := range best {
		if b < 0 {
			t.Errorf("op %d: %v ns", i, b)
		}
	}
}

func TestThread(t *testing.T) {
	d0, ok := Thread()
	if runtime.GOOS == "linux" && !ok {
		t.Fatal("no thread CPU clock on Linux")
	}
	if !ok {
		return
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	x := 0
	for i := range 1 << 20 {
		x += i
	}
	if d1, _ := Thread(); d1 < d0 {
		t.Fatalf("thread time went back: %v, then %v (%d)", d0, d1, x)
	}
}
