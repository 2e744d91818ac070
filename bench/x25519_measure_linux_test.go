package bench

import (
	"crypto/ecdh"
	"os"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cputime"
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
	defer dispatch.Reset("x25519")
	priv, _ := ecdh.X25519().NewPrivateKey(x25519Scalar[:])
	pub, _ := ecdh.X25519().NewPublicKey(x25519Point[:])
	var dst [32]byte
	names := []string{"crypto/ecdh"}
	runs := []cputime.Op{{F: func() { priv.ECDH(pub) }}}
	for _, im := range dispatch.List("x25519") {
		if !im.Available {
			continue
		}
		names = append(names, im.Name)
		runs = append(runs, cputime.Op{
			Setup: func() {
				if err := dispatch.Select("x25519", im.Name); err != nil {
					t.Fatal(err)
				}
			},
			F: func() { x25519.ECDH(&dst, &x25519Scalar, &x25519Point) },
		})
	}
	const rounds, ops = 40, 50
	best := cputime.Best(rounds, ops, runs...)
	ref := best[0] / 1e3
	for i, name := range names {
		o := best[i] / 1e3
		t.Logf("X25519 shared %-12s %7.2f us  ratio to crypto/ecdh %.3f", name, o, o/ref)
	}
}
