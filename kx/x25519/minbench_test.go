//go:build amd64 && gc && !purego

package x25519

import (
	"crypto/ecdh"
	"os"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/internal/cputime"
	"github.com/tlscore/tlscore/internal/edwards25519"
)

// TestMinTimes prints the minimum thread CPU time of each operation over
// many short runs, the operations interleaved (robust against a shared
// machine). Only with X25519_MINBENCH=1.
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
	inv := edwards25519.Fe64{1, 2, 3, 4}
	fg := fe{1, 2, 3, 4, 5}
	ep := edwards25519.ExtPoint64{Y: edwards25519.Fe64{1}, Z: edwards25519.Fe64{1}}
	tb := edwards25519.Table64()
	var nn edwards25519.Niels64
	var xz [8]uint64
	kw, uw := [4]uint64{1, 2, 3, 1 << 62}, [4]uint64{9}
	var f8 edwards25519.Fe8
	var xz8 [2][5][8]uint64
	var sw [256]uint8
	var u8 [5][8]uint64
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
		{"ifma-shared", 1, func() { x25519IFMA(&d, &k, &u) }},
		{"ifma8x1-shared", 1, func() { x25519IFMA8x1(&d, &k, &u) }},
		{"ifma4-shared", 1, func() { x25519IFMA4(&d, &k, &u) }},
		{"ifma-base", 1, func() { baseIFMA(&d, &k) }},
		{"fe64-invert", 1, func() { edwards25519.Fe64Invert(&inv, &inv) }},
		{"fe-invert-fermat", 1, func() { edwards25519.FeInvertFermat(&fg, &fg) }},
		{"fe-invert-safegcd", 1, func() { edwards25519.FeInvert(&fg, &fg) }},
		{"fe64-sqr x100", 100, func() { edwards25519.Fe64Sqr(&inv, &inv, 100) }},
		{"fe64-mul", 1, func() { edwards25519.Fe64Mul(&inv, &inv, &inv) }},
		{"addNiels", 1, func() { edwards25519.AddNielsArch(&ep, &tb[3][2]) }},
		{"selectNiels", 1, func() { edwards25519.SelectNielsArch(&nn, &tb[3], -5) }},
		{"ladder", 1, func() { fe64Ladder(&xz, &kw, &uw) }},
		{"fe8-invert/8", 8, func() { edwards25519.Fe8Invert(&f8, &f8) }},
		{"ladderIFMA/8", 8, func() { ladderIFMA(&xz8, &sw, &u8) }},
	}
	baseADX(&d, &k)
	baseIFMA(&d, &k)
	runs := make([]cputime.Op, len(ops))
	for i, op := range ops {
		runs[i] = cputime.Op{F: op.f, Per: op.per}
		if op.per > 1 {
			runs[i].Reps = 1
		}
	}
	best := cputime.Best(60, 20, runs...)
	for i, op := range ops {
		ref, refName := best[0], "crypto/ecdh shared"
		if strings.Contains(op.name, "base") || op.name == "ecdh-keygen" {
			ref, refName = best[1], "crypto/ecdh keygen"
		}
		t.Logf("%-16s %9.3f us  %.3fx %s", op.name, best[i]/1e3, best[i]/ref, refName)
	}
}
