package mlkem

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/c2sp/wycheproof"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

// mlkemCase holds the fields of every ML-KEM Wycheproof schema
// (mlkem_test, mlkem_encaps_test, mlkem_keygen_seed_test,
// mlkem_semi_expanded_decaps_test).
type mlkemCase struct {
	vectors.Case
	Seed vectors.Hex `json:"seed"`
	EK   vectors.Hex `json:"ek"`
	DK   vectors.Hex `json:"dk"`
	M    vectors.Hex `json:"m"`
	C    vectors.Hex `json:"c"`
	K    vectors.Hex `json:"K"`
}

type mlkemGroup struct {
	Type         string      `json:"type"`
	ParameterSet string      `json:"parameterSet"`
	Tests        []mlkemCase `json:"tests"`
}

var paramsByName = map[string]*params{"ML-KEM-512": params512, "ML-KEM-768": params768, "ML-KEM-1024": params1024}

// TestWycheproof runs every case of every ML-KEM file of the pinned
// Wycheproof module. The expected counts are those of the pinned version;
// a mismatch means a file changed or cases were skipped.
func TestWycheproof(t *testing.T) {
	files := []struct {
		name string
		want int
	}{
		{"mlkem_512_test.json", 193}, {"mlkem_768_test.json", 193}, {"mlkem_1024_test.json", 193},
		{"mlkem_512_encaps_test.json", 261}, {"mlkem_768_encaps_test.json", 265}, {"mlkem_1024_encaps_test.json", 269},
		{"mlkem_512_keygen_seed_test.json", 100}, {"mlkem_768_keygen_seed_test.json", 100}, {"mlkem_1024_keygen_seed_test.json", 100},
		{"mlkem_512_semi_expanded_decaps_test.json", 7}, {"mlkem_768_semi_expanded_decaps_test.json", 7}, {"mlkem_1024_semi_expanded_decaps_test.json", 7},
	}
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		im := chosen.Load()
		for _, f := range files {
			var w vectors.Wycheproof[mlkemGroup]
			if err := vectors.LoadWycheproof(wycheproof.TestVectors, f.name, &w); err != nil {
				t.Fatal(err)
			}
			ran := 0
			for _, g := range w.TestGroups {
				p := paramsByName[g.ParameterSet]
				if p == nil {
					t.Fatalf("%s: unknown parameter set %q", f.name, g.ParameterSet)
				}
				for _, c := range g.Tests {
					if err := runWycheproofCase(im, g.Type, p, c); err != nil {
						t.Errorf("%s %v: %v", f.name, c.Case, err)
					}
					ran++
				}
			}
			if ran != f.want || ran != w.NumberOfTests {
				t.Errorf("%s: ran %d cases, want %d (file says %d)", f.name, ran, f.want, w.NumberOfTests)
			}
		}
	})
}

func runWycheproofCase(im *implementation, typ string, p *params, c mlkemCase) error {
	switch typ {
	case "MLKEMTest": // seed -> ek; decapsulate c -> K
		dk := new(decapsulationKey)
		if len(c.Seed) != SeedSize {
			if !c.Invalid() {
				return fmt.Errorf("valid case with a %d-byte seed", len(c.Seed))
			}
			return nil // the API rejects the seed: newKey checks the length
		}
		keyGen(dk, p, im, (*[32]byte)(c.Seed[:32]), (*[32]byte)(c.Seed[32:]))
		if !bytes.Equal(dk.bytes(), c.EK) {
			return fmt.Errorf("ek mismatch")
		}
		if len(c.C) != p.ctSize() {
			if !c.Invalid() {
				return fmt.Errorf("valid case with a %d-byte ciphertext", len(c.C))
			}
			if _, err := decapsulate(dk, c.C); err == nil {
				return fmt.Errorf("decapsulated a %d-byte ciphertext", len(c.C))
			}
			return nil
		}
		k, err := decapsulate(dk, c.C)
		if err != nil || !bytes.Equal(k, c.K) || !c.Valid() {
			return fmt.Errorf("K = %x, %v; want %x", k, err, []byte(c.K))
		}
	case "MLKEMEncapsTest": // ek, m -> c, K
		ek := new(encapsulationKey)
		if !parseEK(ek, p, im, c.EK) {
			if c.Valid() {
				return fmt.Errorf("valid ek rejected")
			}
			return nil
		}
		if !c.Valid() {
			return fmt.Errorf("invalid ek accepted")
		}
		if len(c.M) != 32 {
			return fmt.Errorf("m of %d bytes", len(c.M))
		}
		var k [32]byte
		ct := make([]byte, p.ctSize())
		ek.encapsulate(&k, ct, (*[32]byte)(c.M))
		if !bytes.Equal(ct, c.C) || !bytes.Equal(k[:], c.K) {
			return fmt.Errorf("got c %x..., K %x", ct[:16], k)
		}
	case "MLKEMKeyGen": // seed -> ek, dk
		dk := new(decapsulationKey)
		keyGen(dk, p, im, (*[32]byte)(c.Seed[:32]), (*[32]byte)(c.Seed[32:]))
		if !bytes.Equal(dk.bytes(), c.EK) || !bytes.Equal(dk.expandedBytes(), c.DK) || !c.Valid() {
			return fmt.Errorf("ek or dk mismatch")
		}
	case "MLKEMDecapsValidationTest": // expanded dk, c -> accept or reject
		dk := new(decapsulationKey)
		ok := parseExpanded(dk, p, im, c.DK)
		if ok {
			_, err := decapsulate(dk, c.C)
			ok = err == nil
		}
		if ok != c.Valid() {
			return fmt.Errorf("accepted = %v", ok)
		}
	default:
		return fmt.Errorf("unknown test type %q", typ)
	}
	return nil
}
