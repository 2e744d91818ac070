//go:build linux

package ed25519

import (
	"crypto"
	"crypto/ed25519"
	"os"
	"runtime"
	"testing"
	"time"

	"github.com/tlscore/tlscore/internal/benchharness"

	"github.com/tlscore/tlscore/internal/impl"
)

// threadTime returns the CPU time of the calling thread.
func threadTime() time.Duration {
	d, _ := benchharness.ThreadTime()
	return d
}

// TestMinTimes prints, for every implementation and for crypto/ed25519,
// the best thread CPU time per operation over 40 rounds, the rounds of
// all rows interleaved (robust against other jobs on a shared machine),
// and the ratios the targets are stated in. Only with
// ED25519_MINBENCH=1:
//
//	ED25519_MINBENCH=1 go test -count=1 -run TestMinTimes -v ./sig/ed25519/
func TestMinTimes(t *testing.T) {
	if os.Getenv("ED25519_MINBENCH") == "" {
		t.Skip("set ED25519_MINBENCH=1")
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	std := ed25519.NewKeyFromSeed(make([]byte, 32))
	pub := std.Public().(ed25519.PublicKey)
	msg := make([]byte, 130) // a TLS 1.3 CertificateVerify's content
	sig := ed25519.Sign(std, msg)
	const n = 64
	pubs, msgs, sigs := make([]ed25519.PublicKey, n), make([][]byte, n), make([][]byte, n)
	for i := range n {
		seed := make([]byte, 32)
		seed[0] = byte(i)
		k := ed25519.NewKeyFromSeed(seed)
		pubs[i], msgs[i], sigs[i] = k.Public().(ed25519.PublicKey), msg, ed25519.Sign(k, msg)
	}
	type row struct {
		name, impl string
		per        int
		f          func()
	}
	rows := []row{
		{"sign", "crypto/ed25519", 1, func() { std.Sign(nil, msg, crypto.Hash(0)) }},
		{"verify", "crypto/ed25519", 1, func() { ed25519.Verify(pub, msg, sig) }},
	}
	defer impl.Reset(alg)
	for _, im := range impl.List(alg) {
		if !im.Available {
			continue
		}
		name := im.Name
		k, err := NewPrivateKey(std)
		if err != nil {
			t.Fatal(err)
		}
		rows = append(rows,
			row{"sign", name, 1, func() { k.Sign(nil, msg, crypto.Hash(0)) }},
			row{"verify", name, 1, func() { Verify(pub, msg, sig) }},
			row{"verify-many", name, n, func() { VerifyMany(pubs, msgs, sigs) }})
	}
	best := make([]time.Duration, len(rows))
	for range 40 {
		for i, r := range rows {
			reps := 20
			if r.per > 1 {
				reps = 1
			}
			if r.impl != "crypto/ed25519" {
				if err := impl.Select(alg, r.impl); err != nil {
					t.Fatal(err)
				}
			}
			r.f()
			t0 := threadTime()
			for range reps {
				r.f()
			}
			el := (threadTime() - t0) / time.Duration(reps*r.per)
			if best[i] == 0 || el < best[i] {
				best[i] = el
			}
		}
	}
	ref := map[string]time.Duration{"sign": best[0], "verify": best[1], "verify-many": best[1]}
	for i, r := range rows {
		t.Logf("%-12s %-15s %8.2f us  %.3fx crypto/ed25519 %s", r.name, r.impl, float64(best[i])/1e3,
			float64(best[i])/float64(ref[r.name]), map[bool]string{true: "Verify", false: r.name}[r.name == "verify-many"])
	}
}
