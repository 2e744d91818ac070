package mlkem

import (
	"bytes"
	"crypto/sha3"
	"testing"
)

// TestSampleX runs mixed job lists through the four- and eight-way
// schedulers (with and without the vector kernels) and the crypto/sha3 one
// and compares every output: hash jobs of every length
// from 0 to 600 bytes (each split into two parts at several points, so
// that the padding falls at every position of a block, including a whole
// number of blocks), with matrix and noise jobs of both etas around them.
func TestSampleX(t *testing.T) {
	data := make([]byte, 600)
	for i := range data {
		data[i] = byte(i*7 + 3)
	}
	var rho, sigma [32]byte
	copy(rho[:], data[100:])
	copy(sigma[:], data[200:])
	for l := 0; l <= len(data); l++ {
		for _, split := range []int{0, l / 3, l} {
			var outs [5][4][32]byte
			var polys [5][6]poly
			for v := 0; v < 5; v++ {
				jobs := []sampleJob{
					matrixJob(&polys[v][0], &rho, l%4, 2),
					hashJob(&outs[v][0], data[:split], data[split:l], true),
					noiseJob(&polys[v][1], &sigma, byte(l), 2),
					hashJob(&outs[v][1], data[:split], data[split:l], false),
					noiseJob(&polys[v][2], &sigma, byte(l+1), 3),
					matrixJob(&polys[v][3], &rho, 1, l%3),
					hashJob(&outs[v][2], data[l:], nil, true),
				}
				switch v {
				case 0:
					sampleGeneric(jobs)
				default:
					sampleXW(jobs, v%2 == 0, 4<<(v/3))
				}
			}
			for v := 1; v < 5; v++ {
				if outs[0] != outs[v] || polys[0] != polys[v] {
					t.Fatalf("length %d split %d: sampler %d differs from crypto/sha3", l, split, v)
				}
			}
			want := sha3.Sum256(data[:l])
			if !bytes.Equal(outs[0][0][:], want[:]) {
				t.Fatalf("length %d: H differs from sha3.Sum256", l)
			}
		}
	}
}
