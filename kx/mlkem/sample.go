package mlkem

import (
	"crypto/sha3"

	"github.com/tlscore/tlscore/internal/keccak"
)

// Sampling of the matrix and the noise (FIPS 203 Algorithms 7 and 8, with
// the XOF and PRF of section 4.1) as a list of jobs, so that an
// implementation can hash several at once. The generic implementation runs
// one crypto/sha3 instance per job; the others run four jobs at a time in
// the four states of internal/keccak's PermuteX4, refilling a state with
// the next job as soon as its job is done (matrix entries need 3 to 5
// SHAKE128 blocks, noise polynomials one or two SHAKE256 blocks), so that
// hardly any lane is permuted for nothing.

// sampleJob is one polynomial to sample.
type sampleJob struct {
	p      *poly
	seed   *[32]byte
	matrix bool // SampleNTT(seed || b0 || b1) with SHAKE128; else CBD_eta(PRF(seed, b0))
	b0, b1 byte
	eta    int
}

func matrixJob(p *poly, rho *[32]byte, i, j int) sampleJob {
	return sampleJob{p: p, seed: rho, matrix: true, b0: byte(j), b1: byte(i)}
}

func noiseJob(p *poly, seed *[32]byte, nonce byte, eta int) sampleJob {
	return sampleJob{p: p, seed: seed, b0: nonce, eta: eta}
}

// input writes the XOF or PRF input of j into b and returns its length.
func (j *sampleJob) input(b *[34]byte) int {
	copy(b[:], j.seed[:])
	b[32] = j.b0
	if j.matrix {
		b[33] = j.b1
		return 34
	}
	return 33
}

// sampleGeneric runs every job with its own crypto/sha3 instance.
func sampleGeneric(jobs []sampleJob) {
	var in [34]byte
	var buf [3 * keccak.Rate128]byte
	for i := range jobs {
		j := &jobs[i]
		l := j.input(&in)
		if j.matrix {
			x := sha3.NewSHAKE128()
			x.Write(in[:l])
			x.Read(buf[:])
			ctr := rejSampleGeneric(j.p, 0, buf[:])
			for ctr < n {
				x.Read(buf[:keccak.Rate128])
				ctr = rejSampleGeneric(j.p, ctr, buf[:keccak.Rate128])
			}
			continue
		}
		var x sha3.SHAKE // SHAKE256
		x.Write(in[:l])
		x.Read(buf[:64*j.eta])
		cbd(j.p, buf[:64*j.eta], j.eta)
	}
}

func cbd(p *poly, b []byte, eta int) {
	if eta == 2 {
		cbd2(p, b)
	} else {
		cbd3(p, b)
	}
}

// dsShake is the SHAKE domain separation and first padding bit (FIPS 202
// sections 5.1 and 6.2).
const dsShake = 0x1f

// x4Lane is the state of one of the four lanes of sampleX4.
type x4Lane struct {
	job  int // index in jobs, or -1 when idle
	rate int
	ctr  int // coefficients (matrix) or bytes (noise) produced so far
}

// x4Sampler is the state of sampleX4.
type x4Sampler struct {
	s     keccak.StateX4
	lanes [4]x4Lane
	blk   [4][keccak.Rate128]byte
	noise [4][2 * keccak.Rate256]byte // CBD_3 needs 192 bytes: two blocks
	jobs  []sampleJob
	next  int
}

// sampleX4 runs the jobs four at a time on keccak.PermuteX4; vecRej selects
// the AVX2 rejection sampling.
func sampleX4(jobs []sampleJob, vecRej bool) {
	var x x4Sampler
	x.jobs = jobs
	for l := range x.lanes {
		x.start(l)
	}
	for x.lanes[0].job >= 0 || x.lanes[1].job >= 0 || x.lanes[2].job >= 0 || x.lanes[3].job >= 0 {
		keccak.PermuteX4(&x.s)
		var out [4][]byte
		for l := range x.lanes {
			if x.lanes[l].job >= 0 {
				out[l] = x.blk[l][:x.lanes[l].rate]
			}
		}
		keccak.ExtractBytesX4(&x.s, &out)
		for l := range x.lanes {
			ln := &x.lanes[l]
			if ln.job < 0 {
				continue
			}
			j := &jobs[ln.job]
			if j.matrix {
				ln.ctr = rejSample(j.p, ln.ctr, &x.blk[l], vecRej)
				if ln.ctr == n {
					x.start(l)
				}
				continue
			}
			ln.ctr += copy(x.noise[l][ln.ctr:], x.blk[l][:keccak.Rate256])
			if ln.ctr >= 64*j.eta {
				cbd(j.p, x.noise[l][:64*j.eta], j.eta)
				x.start(l)
			}
		}
	}
}

// start absorbs the next job into lane l (the inputs are shorter than a
// block, so absorbing is one padded block XORed into a zeroed state), or
// marks the lane idle.
func (x *x4Sampler) start(l int) {
	for i := range x.s {
		x.s[i][l] = 0
	}
	if x.next == len(x.jobs) {
		x.lanes[l] = x4Lane{job: -1}
		return
	}
	j := &x.jobs[x.next]
	rate := keccak.Rate256
	if j.matrix {
		rate = keccak.Rate128
	}
	x.lanes[l] = x4Lane{job: x.next, rate: rate}
	x.next++
	var in [34]byte
	il := j.input(&in)
	b := &x.blk[l]
	clear(b[:rate])
	copy(b[:], in[:il])
	b[il] ^= dsShake
	b[rate-1] ^= 0x80
	var xs [4][]byte
	xs[l] = b[:rate]
	keccak.XORBytesX4(&x.s, &xs)
}
