package keccak

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tlscore/tlscore/dispatch"
)

// TestSelectWhileComputing switches the implementation while goroutines
// run PermuteX4 and PermuteX8 (for go test -race: the choice is one atomic
// value), and checks every result.
func TestSelectWhileComputing(t *testing.T) {
	var names []string
	for _, im := range dispatch.List(alg) {
		if im.Available {
			names = append(names, im.Name)
		}
	}
	defer dispatch.Reset(alg)
	var want State
	Permute(&want)
	var calls atomic.Int64
	done := make(chan struct{})
	errc := make(chan error, 2)
	for range 2 {
		go func() {
			for {
				select {
				case <-done:
					errc <- nil
					return
				default:
				}
				var x StateX4
				var y StateX8
				PermuteX4(&x)
				PermuteX8(&y)
				for j := range 8 {
					if j < 4 && lane(&x, j) != want {
						errc <- fmt.Errorf("PermuteX4 state %d: got %x, want %x", j, lane(&x, j), want)
						return
					}
					if lane8(&y, j) != want {
						errc <- fmt.Errorf("PermuteX8 state %d: got %x, want %x", j, lane8(&y, j), want)
						return
					}
				}
				calls.Add(1)
			}
		}()
	}
	waitCalls := func() {
		start := calls.Load()
		deadline := time.Now().Add(10 * time.Second)
		for calls.Load() < start+4 {
			if time.Now().After(deadline) {
				t.Fatal("the workers stopped making progress")
			}
			runtime.Gosched()
		}
	}
	for i := range 20 {
		waitCalls()
		name := names[i%len(names)]
		if err := dispatch.Select(alg, name); err != nil {
			t.Fatal(err)
		}
		if got, want := kind(chosen.Load()), must(lookup(name)); got != want {
			t.Fatalf("after Select(%q): kind %d, want %d", name, got, want)
		}
	}
	waitCalls()
	close(done)
	for range 2 {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
}
