package mlkem

import (
	"crypto/mlkem"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cputime"
)

// TestMeasure prints, for each operation, the fastest of many short rounds
// of each implementation and of crypto/mlkem, interleaved in one run and
// timed by the thread's CPU time (steadier than medians on a shared
// machine), and the ratios. Only with MLKEM_MEASURE=1; it asserts nothing.
//
//	MLKEM_MEASURE=1 go test -count=1 -run TestMeasure -v ./kx/mlkem/
func TestMeasure(t *testing.T) {
	if os.Getenv("MLKEM_MEASURE") == "" {
		t.Skip("set MLKEM_MEASURE=1")
	}
	defer dispatch.Reset(alg)
	seed := make([]byte, SeedSize)
	std768, _ := mlkem.NewDecapsulationKey768(seed)
	std1024, _ := mlkem.NewDecapsulationKey1024(seed)
	ek768, ek1024 := std768.EncapsulationKey().Bytes(), std1024.EncapsulationKey().Bytes()
	_, c768 := std768.EncapsulationKey().Encapsulate()
	_, c1024 := std1024.EncapsulationKey().Encapsulate()
	type op struct {
		name string
		f    func()
	}
	impls := []string{"crypto/mlkem"}
	for _, im := range dispatch.List(alg) {
		if im.Available {
			impls = append(impls, im.Name)
		}
	}
	opsFor := func(impl string) []op {
		if impl == "crypto/mlkem" {
			return []op{
				{"768 keygen", func() { mlkem.GenerateKey768() }},
				{"768 encaps", func() { ek, _ := mlkem.NewEncapsulationKey768(ek768); ek.Encapsulate() }},
				{"768 decaps", func() { std768.Decapsulate(c768) }},
				{"768 keygen+decaps", func() { k, _ := mlkem.GenerateKey768(); k.Decapsulate(c768) }},
				{"1024 keygen", func() { mlkem.GenerateKey1024() }},
				{"1024 encaps", func() { ek, _ := mlkem.NewEncapsulationKey1024(ek1024); ek.Encapsulate() }},
				{"1024 decaps", func() { std1024.Decapsulate(c1024) }},
			}
		}
		dispatch.Select(alg, impl)
		d768, _ := NewDecapsulationKey768(seed)
		d1024, _ := NewDecapsulationKey1024(seed)
		return []op{
			{"768 keygen", func() { GenerateKey768() }},
			{"768 encaps", func() { ek, _ := NewEncapsulationKey768(ek768); ek.Encapsulate() }},
			{"768 decaps", func() { d768.Decapsulate(c768) }},
			{"768 keygen+decaps", func() { k, _ := GenerateKey768(); k.Decapsulate(c768) }},
			{"1024 keygen", func() { GenerateKey1024() }},
			{"1024 encaps", func() { ek, _ := NewEncapsulationKey1024(ek1024); ek.Encapsulate() }},
			{"1024 decaps", func() { d1024.Decapsulate(c1024) }},
		}
	}
	ops := make([][]op, len(impls))
	var all []cputime.Op
	for i, im := range impls {
		ops[i] = opsFor(im)
		for _, o := range ops[i] {
			c := cputime.Op{F: o.f}
			if im != "crypto/mlkem" {
				// Keygen and parsing ask the registry.
				c.Setup = func() { dispatch.Select(alg, im) }
			}
			all = append(all, c)
		}
	}
	flat := cputime.Best(200, 20, all...)
	best := make([][]time.Duration, len(impls))
	for i := range best {
		best[i] = make([]time.Duration, len(ops[i]))
		for j := range best[i] {
			best[i][j] = time.Duration(flat[0])
			flat = flat[1:]
		}
	}
	for j, o := range ops[0] {
		line := o.name + ":"
		for i, im := range impls {
			line += " " + im + " " + best[i][j].Round(10*time.Nanosecond).String()
			if i > 0 {
				line += " (" + ratio(best[i][j], best[0][j]) + ")"
			}
		}
		t.Log(line)
	}
}

func ratio(a, b time.Duration) string {
	return strconv.FormatFloat(float64(a)/float64(b), 'f', 3, 64) + "x"
}
