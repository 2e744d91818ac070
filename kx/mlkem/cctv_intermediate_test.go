package mlkem

import (
	"bytes"
	"crypto/sha3"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

// cctvIntermediate reads a C2SP/CCTV intermediate-values file: lines
// "name = value", where the value is hex, or "{c0, c1, ...} = hex" for a
// polynomial, or "NTT(s) = hex" after dkPKE. It returns, per name, the hex
// values in order (a name may appear twice: r is the 32-byte seed, then
// the sampled vector), and the coefficient lists under name+"{}".
func cctvIntermediate(t *testing.T, size int) map[string][]string {
	b, err := vectors.Open(fmt.Sprintf("cctv/mlkem/intermediate-%d.txt", size))
	if err != nil {
		t.Fatal(err)
	}
	v := map[string][]string{}
	for _, line := range strings.Split(string(b), "\n") {
		name, rest, ok := strings.Cut(line, " = ")
		if !ok {
			continue
		}
		if i, j := strings.Index(rest, "{"), strings.Index(rest, "}"); i >= 0 && j > i {
			v[name+"{}"] = append(v[name+"{}"], rest[i:j+1])
		}
		if i := strings.LastIndex(rest, " = "); i >= 0 {
			rest = rest[i+3:]
		}
		if !strings.HasPrefix(rest, "{") {
			v[name] = append(v[name], rest)
		}
	}
	return v
}

func mustHex(t *testing.T, s string) []byte {
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// g32 returns the second half of G(m || h) = SHA3-512(m || h).
func g32(m, h []byte) []byte {
	g := sha3.Sum512(append(bytes.Clone(m), h...))
	return g[32:]
}

func coeffs(t *testing.T, s string) (p poly) {
	f := strings.Split(strings.Trim(s, "{}"), ", ")
	if len(f) != n {
		t.Fatalf("%d coefficients", len(f))
	}
	for i, x := range f {
		c, err := strconv.Atoi(x)
		if err != nil {
			t.Fatal(err)
		}
		p[i] = int16(c)
	}
	return
}

// encodeAll returns ByteEncode_12 of the polynomials, reduced into [0, q).
func encodeAll(ps []poly) []byte {
	out := make([]byte, 0, 384*len(ps))
	for i := range ps {
		var x poly
		for c := range x {
			x[c] = canonical(barrettReduce(ps[i][c]))
		}
		var b [384]byte
		encode12(b[:], &x)
		out = append(out, b[:]...)
	}
	return out
}

// TestCCTVIntermediate checks the intermediate values of C2SP/CCTV's
// ML-KEM vectors step by step, for every implementation: the matrix from
// ρ, NTT(s) from the noise of σ (and one NTT as coefficients), t̂ and ek,
// H(ek), then encapsulation (r, c, K), decapsulation (K) and the
// implicit-rejection key K̄ = J(z || c). Their ρ and σ come
// from the FIPS 203 draft's G(d), so key generation is checked from ρ and
// σ on (vectors/SOURCES.md).
func TestCCTVIntermediate(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		im := chosen.Load()
		for _, size := range []int{512, 768, 1024} {
			v := cctvIntermediate(t, size)
			p := paramsBySize[size]
			k := p.k
			one := func(name string) string {
				if len(v[name]) == 0 {
					t.Fatalf("%d: no %q", size, name)
				}
				return v[name][0]
			}
			dk := new(decapsulationKey)
			dk.p, dk.im = *p, *im
			keyGenPKE(dk, (*[32]byte)(mustHex(t, one("ρ"))), (*[32]byte)(mustHex(t, one("σ"))))
			if got := encodeAll(dk.a[:k*k]); !bytes.Equal(got, mustHex(t, one("A"))) {
				t.Errorf("%d: matrix A differs", size)
			}
			// ŝ against NTT(s), and one NTT as coefficients.
			if got := encodeAll(dk.s[:k]); !bytes.Equal(got, mustHex(t, one("dkPKE"))) {
				t.Errorf("%d: NTT(s) differs", size)
			}
			s0 := coeffs(t, one("s[0]{}"))
			for i := range s0 {
				if s0[i] > q/2 {
					s0[i] -= q
				}
			}
			im.ntt(&s0)
			if got, want := encodeAll([]poly{s0}), encodeAll([]poly{coeffs(t, one("NTT(s[0]){}"))}); !bytes.Equal(got, want) {
				t.Errorf("%d: NTT(s[0]) differs", size)
			}
			if !bytes.Equal(dk.bytes()[:384*k], mustHex(t, one("t"))) || !bytes.Equal(dk.bytes(), mustHex(t, one("ek"))) {
				t.Errorf("%d: t or ek differs", size)
			}

			// Encapsulation of m, with the r of G(m || H(ek)).
			ek := new(encapsulationKey)
			if !parseEK(ek, p, im, mustHex(t, one("ek"))) || !bytes.Equal(ek.h[:], mustHex(t, one("H(ek)"))) {
				t.Fatalf("%d: ek rejected or H(ek) differs", size)
			}
			var key [32]byte
			c := make([]byte, p.ctSize())
			ek.encapsulate(&key, c, (*[32]byte)(mustHex(t, one("m"))))
			if !bytes.Equal(c, mustHex(t, one("c"))) || !bytes.Equal(key[:], mustHex(t, one("K"))) {
				t.Errorf("%d: encapsulation differs", size)
			}
			if !bytes.Equal(mustHex(t, v["r"][0]), g32(mustHex(t, one("m")), ek.h[:])) {
				t.Errorf("%d: r differs", size)
			}
			// Decapsulation of c gives K; K̄ = J(z || c) is the rejection key.
			d := new(decapsulationKey)
			if !parseExpanded(d, p, im, mustHex(t, one("dk"))) {
				t.Fatalf("%d: dk rejected", size)
			}
			if got, err := decapsulate(d, c); err != nil || !bytes.Equal(got, mustHex(t, one("K"))) {
				t.Errorf("%d: decapsulation differs", size)
			}
			j := hashJob(&key, d.z[:], c, false)
			sampleGeneric([]sampleJob{j})
			if !bytes.Equal(key[:], mustHex(t, one("KBar"))) {
				t.Errorf("%d: J(z || c) differs from KBar", size)
			}
		}
	})
}
