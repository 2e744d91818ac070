package mlkem

import (
	"crypto/sha3"
	"sync/atomic"

	"github.com/tlscore/tlscore/internal/impl"
	"github.com/tlscore/tlscore/internal/keccak"
)

// Sampling of the matrix and the noise (FIPS 203 Algorithms 7 and 8, with
// the XOF and PRF of section 4.1) as a list of jobs, so that an
// implementation can hash several at once. The generic implementation runs
// one crypto/sha3 instance per job; the others run four jobs at a time in
// the four states of internal/keccak's PermuteX4 (or eight with PermuteX8
// where that costs no more), refilling a state with
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

// xLane is the state of one lane of sampleX.
type xLane struct {
	job  int // index in jobs, or -1 when idle
	rate int
	ctr  int  // coefficients (matrix) or bytes (noise) produced so far, or bytes absorbed (hash)
	done bool // hash: the padded last block has been absorbed
}

// blkSize is a SHAKE128 block and 8 bytes that the AVX2 rejection sampling
// may read past it (its last 32-byte load starts at byte 144).
const blkSize = keccak.Rate128 + 8

// xSampler is the state of sampleX: w = 4 lanes in s4, or 8 in s8.
type xSampler struct {
	w     int
	s4    keccak.StateX4
	s8    keccak.StateX8
	lanes [8]xLane
	blk   [8][blkSize]byte
	noise [8][2 * keccak.Rate256]byte // CBD_3 needs 192 bytes: two blocks
	jobs  []sampleJob
	next  int
	vec   bool
}

// useX8 reports whether internal/keccak's chosen implementation permutes
// eight states for about the price of four ("avx512", zmm), kept up to
// date by the registry.
var useX8 atomic.Bool

func init() {
	impl.OnChange("keccak", func(name string) { useX8.Store(name == "avx512") })
}

// sampleX runs the jobs four or eight at a time (eight where PermuteX8
// costs what PermuteX4 does); vec selects the vector rejection sampling
// (AVX2 or NEON) and CBD_2 (AVX2).
func sampleX(jobs []sampleJob, vec bool) {
	w := 4
	if useX8.Load() && len(jobs) > 4 {
		w = 8
	}
	sampleXW(jobs, vec, w)
}

// sampleXW is sampleX with w (4 or 8) lanes.
func sampleXW(jobs []sampleJob, vec bool, w int) {
	var x xSampler
	x.w, x.jobs, x.vec = w, jobs, vec
	for l := 0; l < x.w; l++ {
		x.start(l)
	}
	for x.active() {
		var out [8][]byte
		for l := 0; l < x.w; l++ {
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
		x.permuteExtract(&out)
		for l := 0; l < x.w; l++ {
			x.consume(l)
		}
	}
}

func (x *xSampler) active() bool {
	for l := 0; l < x.w; l++ {
		if x.lanes[l].job >= 0 {
			return true
		}
	}
	return false
}

// permuteExtract permutes the states and copies out[l] from state l.
func (x *xSampler) permuteExtract(out *[8][]byte) {
	if x.w == 8 {
		keccak.PermuteX8(&x.s8)
		keccak.ExtractBytesX8(&x.s8, out)
		return
	}
	keccak.PermuteX4(&x.s4)
	keccak.ExtractBytesX4(&x.s4, (*[4][]byte)(out[:4]))
}

// consume uses the block just extracted from lane l.
func (x *xSampler) consume(l int) {
	ln := &x.lanes[l]
	if ln.job < 0 {
		return
	}
	j := &x.jobs[ln.job]
	switch {
	case j.out != nil:
		if ln.done {
			copy(j.out[:], x.blk[l][:32])
			x.start(l)
		} else {
			x.feed(l)
		}
	case j.matrix:
		ln.ctr = rejSample(j.p, ln.ctr, &x.blk[l], x.vec)
		if ln.ctr == n {
			x.start(l)
		}
	default:
		ln.ctr += copy(x.noise[l][ln.ctr:], x.blk[l][:keccak.Rate256])
		if ln.ctr >= 64*j.eta {
			if j.eta == 2 {
				cbd2Vec(j.p, x.noise[l][:128], x.vec)
			} else {
				cbd3(j.p, x.noise[l][:192])
			}
			x.start(l)
		}
	}
}

// start absorbs the next job into lane l, or marks the lane idle.
func (x *xSampler) start(l int) {
	if x.w == 8 {
		for i := range x.s8 {
			x.s8[i][l] = 0
		}
	} else {
		for i := range x.s4 {
			x.s4[i][l] = 0
		}
	}
	if x.next == len(x.jobs) {
		x.lanes[l] = xLane{job: -1}
		return
	}
	j := &x.jobs[x.next]
	rate := keccak.Rate256
	if j.matrix {
		rate = keccak.Rate128
	}
	x.lanes[l] = xLane{job: x.next, rate: rate}
	x.next++
	x.feed(l)
}

// feed XORs the next block of lane l's input into its state: the whole
// padded input of a matrix or noise job (shorter than a block), or the
// next block of a hash job's input, padded if it is the last.
func (x *xSampler) feed(l int) {
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
	var xs [8][]byte
	xs[l] = b[:rate]
	if x.w == 8 {
		keccak.XORBytesX8(&x.s8, &xs)
	} else {
		keccak.XORBytesX4(&x.s4, (*[4][]byte)(xs[:4]))
	}
}
