//go:build linux

package ed25519

import (
	"crypto"
	"crypto/ed25519"
	"os"
	"testing"

	"github.com/tlscore/tlscore/internal/cputime"
	"github.com/tlscore/tlscore/internal/impl"
)

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
	ops := make([]cputime.Op, len(rows))
	for i, r := range rows {
		ops[i] = cputime.Op{F: r.f, Per: r.per}
		if r.per > 1 {
			ops[i].Reps = 1
		}
		ops[i].Setup = func() {
			if r.impl != "crypto/ed25519" {
				if err := impl.Select(alg, r.impl); err != nil {
					t.Fatal(err)
				}
			}
			r.f() // untimed: warm the caches
		}
	}
	best := cputime.Best(40, 20, ops...)
	ref := map[string]float64{"sign": best[0], "verify": best[1], "verify-many": best[1]}
	for i, r := range rows {
		t.Logf("%-12s %-15s %8.2f us  %.3fx crypto/ed25519 %s", r.name, r.impl, best[i]/1e3,
			best[i]/ref[r.name], map[bool]string{true: "Verify", false: r.name}[r.name == "verify-many"])
	}
}
