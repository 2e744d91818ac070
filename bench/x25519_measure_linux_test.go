package bench

import (
	"crypto/ecdh"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/benchharness"
	"github.com/tlscore/tlscore/kx/x25519"
)

// TestX25519Measure prints the X25519 shared-secret cost of every available
// implementation in thread CPU time (robust on a loaded machine): best of 40
// rounds of 50 operations, each implementation and crypto/ecdh interleaved
// round by round. Run with X25519_MEASURE=1:
//
//	X25519_MEASURE=1 go test -run TestX25519Measure -v ./bench/
func TestX25519Measure(t *testing.T) {
	if os.Getenv("X25519_MEASURE") == "" {
		t.Skip("set X25519_MEASURE=1")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	defer dispatch.Reset("x25519")
	cpuNow := func() time.Duration {
		d, _ := benchharness.ThreadTime()
		return d
	}
	priv, _ := ecdh.X25519().NewPrivateKey(x25519Scalar[:])
	pub, _ := ecdh.X25519().NewPublicKey(x25519Point[:])
	var dst [32]byte
	type run struct {
		name string
		f    func()
	}
	runs := []run{{"crypto/ecdh", func() { priv.ECDH(pub) }}}
	for _, im := range dispatch.List("x25519") {
		if !im.Available {
			continue
		}
		runs = append(runs, run{im.Name, func() {
			if err := dispatch.Select("x25519", im.Name); err != nil {
				t.Fatal(err)
			}
		}})
	}
	const rounds, ops = 40, 50
	best := make([]time.Duration, len(runs))
	for i := range best {
		best[i] = 1 << 62
	}
	for range rounds {
		for i, r := range runs {
			f := r.f
			if i > 0 {
				r.f() // select the implementation
				f = func() { x25519.ECDH(&dst, &x25519Scalar, &x25519Point) }
			}
			t0 := cpuNow()
			for range ops {
				f()
			}
			best[i] = min(best[i], cpuNow()-t0)
		}
	}
	ref := float64(best[0]) / ops / 1e3
	for i, r := range runs {
		o := float64(best[i]) / ops / 1e3
		t.Logf("X25519 shared %-12s %7.2f us  ratio to crypto/ecdh %.3f", r.name, o, o/ref)
	}
}
