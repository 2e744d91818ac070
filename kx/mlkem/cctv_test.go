package mlkem

import (
	"bufio"
	"bytes"
	"crypto/sha3"
	"encoding/hex"
	"fmt"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

var paramsBySize = map[int]*params{512: params512, 768: params768, 1024: params1024}

// TestCCTVUnlucky runs C2SP/CCTV's "unlucky" vectors, whose ρ makes
// SampleNTT(ρ || 0 || 0) read more than 575 bytes (a fourth SHAKE128
// block), through encapsulation and decapsulation (vectors/SOURCES.md says
// why not key generation).
func TestCCTVUnlucky(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		im := chosen.Load()
		for _, size := range []int{512, 768, 1024} {
			p := paramsBySize[size]
			b, err := vectors.Open(fmt.Sprintf("cctv/mlkem/unluckysample-%d.txt", size))
			if err != nil {
				t.Fatal(err)
			}
			v := map[string][]byte{}
			for _, line := range strings.Split(string(b), "\n") {
				if k, val, ok := strings.Cut(line, " = "); ok {
					if v[k], err = hex.DecodeString(val); err != nil {
						t.Fatal(err)
					}
				}
			}
			if n := xofBytesNeeded(v["ek"][len(v["ek"])-32:]); n <= 575 {
				t.Fatalf("%d: A[0][0] needs only %d XOF bytes", size, n)
			}
			ek := new(encapsulationKey)
			if !parseEK(ek, p, im, v["ek"]) {
				t.Fatalf("%d: ek rejected", size)
			}
			var k [32]byte
			c := make([]byte, p.ctSize())
			ek.encapsulate(&k, c, (*[32]byte)(v["m"]))
			if !bytes.Equal(c, v["c"]) || !bytes.Equal(k[:], v["K"]) {
				t.Errorf("%d: encapsulation differs", size)
			}
			dk := new(decapsulationKey)
			if !parseExpanded(dk, p, im, v["dk"]) {
				t.Fatalf("%d: dk rejected", size)
			}
			if got, err := decapsulate(dk, v["c"]); err != nil || !bytes.Equal(got, v["K"]) {
				t.Errorf("%d: decapsulation differs", size)
			}
		}
	})
}

// xofBytesNeeded returns how many SHAKE128(rho || 0 || 0) bytes SampleNTT
// reads, three at a time.
func xofBytesNeeded(rho []byte) int {
	x := sha3.NewSHAKE128()
	x.Write(rho)
	x.Write([]byte{0, 0})
	var p poly
	ctr, read := 0, 0
	var b [3]byte
	for ctr < n {
		x.Read(b[:])
		read += 3
		ctr = rejSampleGeneric(&p, ctr, b[:])
	}
	return read
}

// TestCCTVModulus: every encapsulation key of C2SP/CCTV's modulus vectors
// (each value from q to 4095 at each position) is rejected.
func TestCCTVModulus(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		for _, c := range []struct{ size, lines int }{{512, 775}, {768, 780}, {1024, 1040}} {
			b, err := vectors.Open(fmt.Sprintf("cctv/mlkem/modulus-%d.txt", c.size))
			if err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(bytes.NewReader(b))
			sc.Buffer(make([]byte, 8192), 8192)
			lines := 0
			for sc.Scan() {
				ekb, err := hex.DecodeString(sc.Text())
				if err != nil {
					t.Fatal(err)
				}
				lines++
				ok := parseEK(new(encapsulationKey), paramsBySize[c.size], chosen.Load(), ekb)
				switch c.size {
				case 768:
					_, err = NewEncapsulationKey768(ekb)
				case 1024:
					_, err = NewEncapsulationKey1024(ekb)
				default:
					err = errEK
				}
				if ok || err == nil {
					t.Fatalf("%d: line %d accepted", c.size, lines)
				}
			}
			if lines != c.lines {
				t.Errorf("%d: %d keys, want %d", c.size, lines, c.lines)
			}
		}
	})
}
