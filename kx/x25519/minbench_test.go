//go:build amd64 && gc && !purego

package x25519

import (
	"crypto/ecdh"
	"os"
	"testing"
	"time"
)

// TestMinTimes prints the minimum time of each operation over many short
// runs (robust against a shared machine). Only with X25519_MINBENCH=1.
func TestMinTimes(t *testing.T) {
	if os.Getenv("X25519_MINBENCH") == "" {
		t.Skip("set X25519_MINBENCH=1")
	}
	k := *h32("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")
	u := *h32("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
	priv, _ := ecdh.X25519().NewPrivateKey(k[:])
	pub, _ := ecdh.X25519().NewPublicKey(u[:])
	var d [32]byte
	const n = 64
	dst, sc, pt := make([][32]byte, n), make([][32]byte, n), make([][32]byte, n)
	for i := range sc {
		sc[i], pt[i] = k, u
	}
	ops := []struct {
		name string
		per  int
		f    func()
	}{
		{"ecdh-shared", 1, func() { priv.ECDH(pub) }},
		{"ecdh-keygen", 1, func() { p, _ := ecdh.X25519().NewPrivateKey(k[:]); p.PublicKey() }},
		{"adx-shared", 1, func() { x25519ADX(&d, &k, &u) }},
		{"adx-base", 1, func() { baseADX(&d, &k) }},
		{"generic-shared", 1, func() { x25519Generic(&d, &k, &u) }},
		{"generic-base", 1, func() { baseGeneric(&d, &k) }},
		{"ifma-batch", n, func() { batchIFMA(dst, sc, pt) }},
	}
	baseADX(&d, &k)
	best := make([]time.Duration, len(ops))
	for round := 0; round < 30; round++ {
		for i, op := range ops {
			start := time.Now()
			reps := 20
			if op.per > 1 {
				reps = 1
			}
			for range reps {
				op.f()
			}
			el := time.Since(start) / time.Duration(reps*op.per)
			if best[i] == 0 || el < best[i] {
				best[i] = el
			}
		}
	}
	for i, op := range ops {
		t.Logf("%-16s %8.2f us  (%.3fx ecdh-shared)", op.name, float64(best[i].Nanoseconds())/1e3, float64(best[i])/float64(best[0]))
	}
}
