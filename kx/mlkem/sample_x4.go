package mlkem

import (
	"crypto/sha3"

	"github.com/tlscore/tlscore/internal/keccak"
)

// Matrix expansion and noise sampling four polynomials at a time, with
// internal/keccak's four-way SHAKE (one PermuteX4 per block of four
// outputs; AVX2 or AVX-512 where the keccak package has them). A batch
// that would have a single polynomial goes through crypto/sha3 instead,
// and a batch of two or three repeats its last input in the spare lanes.

// sampleMatrixX4 is sampleMatrixGeneric four entries at a time.
func sampleMatrixX4(a *[maxK * maxK]poly, rho *[32]byte, k int) {
	entries := k * k
	var in [4][34]byte
	var buf [4][3 * keccak.Rate128]byte
	for start := 0; start < entries; start += 4 {
		if entries-start == 1 {
			sampleMatrixEntry(&a[start], rho, start/k, start%k)
			break
		}
		var inputs, out [4][]byte
		var entry [4]int
		for l := range 4 {
			e := min(start+l, entries-1)
			entry[l] = e
			copy(in[l][:], rho[:])
			in[l][32], in[l][33] = byte(e%k), byte(e/k) // rho || j || i
			inputs[l] = in[l][:]
			out[l] = buf[l][:]
		}
		var x keccak.ShakeX4
		x.Init128(&inputs)
		x.SqueezeBlocks(&out)
		var ctr [4]int
		for l := range 4 {
			ctr[l] = rejSampleGeneric(&a[entry[l]], 0, buf[l][:])
		}
		for ctr[0] < n || ctr[1] < n || ctr[2] < n || ctr[3] < n {
			for l := range 4 {
				out[l] = buf[l][:keccak.Rate128]
			}
			x.SqueezeBlocks(&out)
			for l := range 4 {
				ctr[l] = rejSampleGeneric(&a[entry[l]], ctr[l], buf[l][:keccak.Rate128])
			}
		}
	}
}

// sampleNoiseX4 is sampleNoiseGeneric four polynomials at a time.
func sampleNoiseX4(ps []*poly, seed *[32]byte, nonce byte, eta int) {
	var in [4][33]byte
	var buf [4][192]byte
	size := 64 * eta
	for start := 0; start < len(ps); start += 4 {
		if len(ps)-start == 1 {
			sampleNoiseGeneric(ps[start:], seed, nonce+byte(start), eta)
			break
		}
		var inputs, out [4][]byte
		for l := range 4 {
			e := min(start+l, len(ps)-1)
			copy(in[l][:], seed[:])
			in[l][32] = nonce + byte(e)
			inputs[l] = in[l][:]
			out[l] = buf[l][:size]
		}
		var x keccak.ShakeX4
		x.Init256(&inputs)
		x.Squeeze(&out)
		for l := 0; l < 4 && start+l < len(ps); l++ {
			if eta == 2 {
				cbd2(ps[start+l], buf[l][:128])
			} else {
				cbd3(ps[start+l], buf[l][:192])
			}
		}
	}
}

// sampleMatrixEntry sets p = SampleNTT(rho || j || i) with crypto/sha3.
func sampleMatrixEntry(p *poly, rho *[32]byte, i, j int) {
	var in [34]byte
	copy(in[:], rho[:])
	in[32], in[33] = byte(j), byte(i)
	var buf [3 * 168]byte
	x := sha3.NewSHAKE128()
	x.Write(in[:])
	x.Read(buf[:])
	ctr := rejSampleGeneric(p, 0, buf[:])
	for ctr < n {
		x.Read(buf[:168])
		ctr = rejSampleGeneric(p, ctr, buf[:168])
	}
}
