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

	// A hash job (out != nil) computes H(in1 || in2) = SHA3-256 (sha3) or
	// J(in1 || in2) = SHAKE256(·, 32) (FIPS 203 section 4.1) into out,
	// absorbing one block per permutation.
	out      *[32]byte
	in1, in2 []byte
	sha3     bool
}

func hashJob(out *[32]byte, in1, in2 []byte, isSHA3 bool) sampleJob {
	return sampleJob{out: out, in1: in1, in2: in2, sha3: isSHA3}
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
		if j.out != nil {
			if j.sha3 {
				h := sha3.New256()
				h.Write(j.in1)
				h.Write(j.in2)
				h.Sum(j.out[:0])
			} else {
				var x sha3.SHAKE
				x.Write(j.in1)
				x.Write(j.in2)
				x.Read(j.out[:])
			}
			continue
		}
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

// dsShake and dsSHA3 are the SHAKE and SHA-3 domain separation suffixes
// with the first padding bit (FIPS 202 sections 5.1 and 6.2).
const (
	dsShake = 0x1f
	dsSHA3  = 0x06
)

// x4Lane is the state of one of the four lanes of sampleX4.
type x4Lane struct {
	job  int // index in jobs, or -1 when idle
	rate int
	ctr  int  // coefficients (matrix) or bytes (noise) produced so far, or bytes absorbed (hash)
	done bool // hash: the padded last block has been absorbed
}

// blkSize is a SHAKE128 block and 8 bytes that the AVX2 rejection sampling
// may read past it (its last 32-byte load starts at byte 144).
const blkSize = keccak.Rate128 + 8

// x4Sampler is the state of sampleX4.
type x4Sampler struct {
	s     keccak.StateX4
	lanes [4]x4Lane
	blk   [4][blkSize]byte
	noise [4][2 * keccak.Rate256]byte // CBD_3 needs 192 bytes: two blocks
	jobs  []sampleJob
	next  int
}

// sampleX4 runs the jobs four at a time on keccak.PermuteX4; vecRej selects
// the AVX2 rejection sampling and CBD_2.
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
			ln := &x.lanes[l]
			switch {
			case ln.job < 0:
			case x.jobs[ln.job].out != nil:
				if ln.done {
					out[l] = x.blk[l][:32]
				}
			default:
				out[l] = x.blk[l][:ln.rate]
			}
		}
		keccak.ExtractBytesX4(&x.s, &out)
		for l := range x.lanes {
			ln := &x.lanes[l]
			if ln.job < 0 {
				continue
			}
			j := &jobs[ln.job]
			if j.out != nil {
				if ln.done {
					copy(j.out[:], x.blk[l][:32])
					x.start(l)
				} else {
					x.feed(l)
				}
				continue
			}
			if j.matrix {
				ln.ctr = rejSample(j.p, ln.ctr, &x.blk[l], vecRej)
				if ln.ctr == n {
					x.start(l)
				}
				continue
			}
			ln.ctr += copy(x.noise[l][ln.ctr:], x.blk[l][:keccak.Rate256])
			if ln.ctr >= 64*j.eta {
				if j.eta == 2 {
					cbd2Vec(j.p, x.noise[l][:128], vecRej)
				} else {
					cbd3(j.p, x.noise[l][:192])
				}
				x.start(l)
			}
		}
	}
}

// start absorbs the next job into lane l, or marks the lane idle.
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
	x.feed(l)
}

// feed XORs the next block of lane l's input into its state: the whole
// padded input of a matrix or noise job (shorter than a block), or the
// next block of a hash job's input, padded if it is the last.
func (x *x4Sampler) feed(l int) {
	ln := &x.lanes[l]
	j := &x.jobs[ln.job]
	b := &x.blk[l]
	rate := ln.rate
	clear(b[:rate])
	var il int
	ds := byte(dsShake)
	if j.out == nil {
		var in [34]byte
		il = j.input(&in)
		copy(b[:], in[:il])
		ln.done = true
	} else {
		// Bytes ln.ctr.. of in1 || in2.
		off := ln.ctr
		if off < len(j.in1) {
			il = copy(b[:rate], j.in1[off:])
		}
		if il < rate {
			o2 := max(off-len(j.in1), 0)
			il += copy(b[il:rate], j.in2[o2:])
		}
		ln.ctr += il
		if j.sha3 {
			ds = dsSHA3
		}
		ln.done = il < rate
	}
	if ln.done {
		b[il] ^= ds
		b[rate-1] ^= 0x80
	}
	var xs [4][]byte
	xs[l] = b[:rate]
	keccak.XORBytesX4(&x.s, &xs)
}
