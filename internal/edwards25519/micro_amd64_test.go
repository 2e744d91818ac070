//go:build amd64 && gc && !purego && linux

package edwards25519

import (
	"os"
	"testing"

	"github.com/tlscore/tlscore/internal/cputime"
)

// TestVerifyParts prints the thread CPU time of the pieces of Ed25519
// verification (best of 30 rounds of 200 calls, the pieces interleaved), for tuning on a shared
// machine. EDWARDS_MINBENCH=1 go test -run TestVerifyParts -v ./internal/edwards25519
func TestVerifyParts(t *testing.T) {
	if os.Getenv("EDWARDS_MINBENCH") == "" {
		t.Skip("set EDWARDS_MINBENCH=1")
	}
	B := BasePoint()
	var enc [32]byte
	Encode(&enc, &B.X, &B.Y)
	var p64 ExtPoint64
	var p8 P3x8
	x64 := Fe64{1, 2, 3, 4}
	var x8 Fe8
	x8[0][0] = 5
	var tabA [17 * 20]uint64
	var offA, offB [256]uint64
	for j := 0; j < 253; j += 6 {
		offA[j] = 160
	}
	for j := 0; j < 253; j += 9 {
		offB[j] = 320
	}
	tabB := BaseOddMultiples4()
	PutEntry4(tabA[160/8:], &feOne, &feOne, &Fe{}, &Fe{2})
	var s [5][4]uint64
	var kb [32]byte
	kb[5] = 0x55
	var ep ExtPoint
	parts := []struct {
		name string
		f    func()
	}{
		{"Decompress64", func() { Decompress64(&p64, &enc) }},
		{"Fe64Invert", func() { Fe64Invert(&x64, &x64) }},
		{"Fe64Pow22523", func() { Fe64Pow22523(&x64, &x64) }},
		{"Decompress8 (2 lanes)", func() { Decompress8(&p8, []*[32]byte{&enc, &enc}) }},
		{"Fe8Pow22523", func() { Fe8Pow22523(&x8, &x8) }},
		{"Verify4 253 steps, 42+28 adds", func() { s[0][1], s[0][3] = 1, 1; Verify4(&s, &tabA, tabB, &offA, &offB, 253) }},
		{"ScalarBaseMultIFMA8", func() { ScalarBaseMultIFMA8(&ep, &kb) }},
		{"ScalarBaseMultIFMA", func() { ScalarBaseMultIFMA(&ep, &kb) }},
	}
	ops := make([]cputime.Op, len(parts))
	for i, p := range parts {
		ops[i] = cputime.Op{F: p.f}
	}
	best := cputime.Best(30, 200, ops...)
	for i, p := range parts {
		t.Logf("%-32s %8.2f us", p.name, best[i]/1e3)
	}
}
