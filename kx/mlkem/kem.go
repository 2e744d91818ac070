package mlkem

import (
	"crypto/sha3"
	"crypto/subtle"
	"sync"
	"sync/atomic"
)

// The parameter-generic core: K-PKE and ML-KEM's internal algorithms (FIPS
// 203 sections 5 and 6) for k = 2, 3, 4. The exported 768 and 1024 types
// wrap it; ML-KEM-512 is kept for the Wycheproof and CCTV vectors only.

const maxK = 4

type params struct {
	k      int
	eta1   int
	du, dv uint
}

var (
	params512  = &params{k: 2, eta1: 3, du: 10, dv: 4}
	params768  = &params{k: 3, eta1: 2, du: 10, dv: 4}
	params1024 = &params{k: 4, eta1: 2, du: 11, dv: 5}
)

func (p *params) ekSize() int { return 384*p.k + 32 }
func (p *params) ctSize() int { return 32 * (int(p.du)*p.k + int(p.dv)) }

// dkSize is the length of the expanded decapsulation key of FIPS 203
// (dk_PKE || ek || H(ek) || z), used only in tests.
func (p *params) dkSize() int { return 768*p.k + 96 }

const (
	maxEKSize = 384*maxK + 32
	maxCTSize = 32 * (11*maxK + 5)
)

// encapsulationKey is a parsed and expanded encapsulation key.
type encapsulationKey struct {
	p   params            // a value, not a pointer: the key holds no pointers,
	im  implementation    // so the garbage collector never scans its 13 KB
	t   [maxK]poly        // t̂, NTT domain, coefficients in [0, q)
	a   [maxK * maxK]poly // Â[i][j] at a[i*k+j], NTT domain, in [0, q)
	rho [32]byte
	h   [32]byte // H(ek)
	ek  [maxEKSize]byte
}

// decapsulationKey is an expanded decapsulation key and its seed.
//
// Key generation leaves H(ek) to the first use (encapsulationKey.h is then
// zero and hDone false): a key that is never used (a TLS key share the
// server ignores) never pays for it, and the first decapsulation hashes ek
// in parallel with J(z || c) instead of in a chain of its own.
type decapsulationKey struct {
	encapsulationKey
	s     [maxK]poly // ŝ, NTT domain, |x| <= (q-1)/2
	d, z  [32]byte
	hOnce sync.Once   // publishes encapsulationKey.h
	hDone atomic.Bool // encapsulationKey.h is set
}

// setH publishes h as H(ek); every caller passes the same value.
func (dk *decapsulationKey) setH(h *[32]byte) {
	dk.hOnce.Do(func() {
		dk.h = *h
		dk.hDone.Store(true)
	})
}

// ensureH computes H(ek) if it is not known yet.
func (dk *decapsulationKey) ensureH() {
	if dk.hDone.Load() {
		return
	}
	var h [32]byte
	hj := [1]sampleJob{hashJob(&h, dk.bytes(), nil, true)}
	dk.im.sample(hj[:])
	dk.setH(&h)
}

func (ek *encapsulationKey) bytes() []byte { return ek.ek[:ek.p.ekSize()] }

// keyGen is ML-KEM.KeyGen_internal (FIPS 203 Algorithm 16) with
// K-PKE.KeyGen (Algorithm 13), keeping the expanded matrix.
func keyGen(dk *decapsulationKey, p *params, im *implementation, d, z *[32]byte) {
	dk.p, dk.im, dk.d, dk.z = *p, *im, *d, *z
	k := p.k

	var gIn [33]byte
	copy(gIn[:], d[:])
	gIn[32] = byte(k)
	g := sha3.Sum512(gIn[:])
	keyGenPKE(dk, (*[32]byte)(g[:32]), (*[32]byte)(g[32:]))
}

// keyGenPKE is K-PKE.KeyGen (FIPS 203 Algorithm 13) from step 2 on: the
// matrix from rho, the noise from sigma, ŝ, t̂ and ek. dk.p and dk.im must
// be set.
func keyGenPKE(dk *decapsulationKey, rho, sigma *[32]byte) {
	p, im, k := &dk.p, &dk.im, dk.p.k
	dk.rho = *rho
	var e [maxK]poly
	var jobs [maxK*maxK + 2*maxK]sampleJob
	nj := 0
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			jobs[nj] = matrixJob(&dk.a[i*k+j], &dk.rho, i, j)
			nj++
		}
	}
	for i := 0; i < k; i++ {
		jobs[nj] = noiseJob(&dk.s[i], sigma, byte(i), p.eta1)
		jobs[nj+1] = noiseJob(&e[i], sigma, byte(k+i), p.eta1)
		nj += 2
	}
	im.sample(jobs[:nj])
	for i := 0; i < k; i++ {
		im.ntt(&dk.s[i])
		im.ntt(&e[i])
	}
	for i := 0; i < k; i++ {
		t := &dk.t[i]
		*t = poly{}
		for j := 0; j < k; j++ {
			im.basemulAcc(t, &dk.a[i*k+j], &dk.s[j])
		}
		im.reduce(t)
		toMont(t)
		polyAdd(t, t, &e[i])
		im.reduce(t)
		for c := range t {
			t[c] = canonical(t[c])
		}
		encode12(dk.ek[384*i:], t)
	}
	copy(dk.ek[384*k:], dk.rho[:])
	// H(ek) is left to the first use: see decapsulationKey.
}

// parseEK sets ek from its encoding b, which must have the right length.
// It returns false if a coefficient is not below q (FIPS 203 section 7.2,
// the modulus check; ek is public, so the check may branch).
func parseEK(ek *encapsulationKey, p *params, im *implementation, b []byte) bool {
	if len(b) != p.ekSize() {
		return false
	}
	ek.p, ek.im = *p, *im
	k := p.k
	for i := 0; i < k; i++ {
		if !decode12(&ek.t[i], b[384*i:]) {
			return false
		}
	}
	copy(ek.ek[:], b)
	copy(ek.rho[:], b[384*k:])
	// H(ek) first: it is the longest job.
	var jobs [maxK*maxK + 1]sampleJob
	jobs[0] = hashJob(&ek.h, ek.ek[:len(b)], nil, true)
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			jobs[1+i*k+j] = matrixJob(&ek.a[i*k+j], &ek.rho, i, j)
		}
	}
	im.sample(jobs[:1+k*k])
	return true
}

// encrypt is K-PKE.Encrypt (FIPS 203 Algorithm 14) writing the ciphertext
// into c (p.ctSize() bytes).
// extra, if not nil, is one more sampling job to run with the noise.
func (ek *encapsulationKey) encrypt(c []byte, m, r *[32]byte, extra *sampleJob) {
	p, im, k := ek.p, ek.im, ek.p.k
	var y, e1 [maxK]poly
	var e2, mu, v poly
	// y uses eta1, e1 and e2 use eta2 = 2; nonces 0..k-1, k..2k-1, 2k.
	var jobs [2*maxK + 2]sampleJob
	nj := 0
	if extra != nil {
		jobs[0] = *extra
		nj++
	}
	for i := 0; i < k; i++ {
		jobs[nj+i] = noiseJob(&y[i], r, byte(i), p.eta1)
		jobs[nj+k+i] = noiseJob(&e1[i], r, byte(k+i), 2)
	}
	jobs[nj+2*k] = noiseJob(&e2, r, byte(2*k), 2)
	im.sample(jobs[:nj+2*k+1])
	for i := 0; i < k; i++ {
		im.ntt(&y[i])
	}
	du, dv := p.du, p.dv
	var u poly
	for i := 0; i < k; i++ {
		u = poly{}
		for j := 0; j < k; j++ {
			im.basemulAcc(&u, &ek.a[j*k+i], &y[j]) // Âᵀ
		}
		im.invNTT(&u)
		polyAdd(&u, &u, &e1[i])
		im.reduce(&u)
		im.compressEncode(c[32*du*uint(i):], &u, du)
	}
	for j := 0; j < k; j++ {
		im.basemulAcc(&v, &ek.t[j], &y[j])
	}
	im.invNTT(&v)
	decodeMessage(&mu, m)
	polyAdd(&v, &v, &e2)
	polyAdd(&v, &v, &mu)
	im.reduce(&v)
	im.compressEncode(c[32*du*uint(k):], &v, dv)
}

// decrypt is K-PKE.Decrypt (FIPS 203 Algorithm 15).
func (dk *decapsulationKey) decrypt(m *[32]byte, c []byte) {
	p, im, k := dk.p, dk.im, dk.p.k
	var u [maxK]poly
	var w, v poly
	for i := 0; i < k; i++ {
		im.decodeDecompress(&u[i], c[32*p.du*uint(i):], p.du)
		im.ntt(&u[i])
		im.basemulAcc(&w, &dk.s[i], &u[i])
	}
	im.invNTT(&w)
	im.decodeDecompress(&v, c[32*p.du*uint(k):], p.dv)
	polySub(&w, &v, &w)
	im.reduce(&w)
	encodeMessage(m, &w)
}

// encapsulate is ML-KEM.Encaps_internal (FIPS 203 Algorithm 17).
func (ek *encapsulationKey) encapsulate(key *[32]byte, c []byte, m *[32]byte) {
	var gIn [64]byte
	copy(gIn[:32], m[:])
	copy(gIn[32:], ek.h[:])
	g := sha3.Sum512(gIn[:])
	copy(key[:], g[:32])
	ek.encrypt(c, m, (*[32]byte)(g[32:]), nil)
}

// decapsulate is ML-KEM.Decaps_internal (FIPS 203 Algorithm 18), with the
// implicit rejection in constant time. c must have the right length.
func (dk *decapsulationKey) decapsulate(key *[32]byte, c []byte) {
	var m [32]byte
	dk.decrypt(&m, c)
	// K̄ = J(z || c) = SHAKE256(z || c, 32): hashed with the noise of the
	// re-encryption, or, on a key's first use, beside H(ek).
	j := hashJob(key, dk.z[:], c, false)
	extra := &j
	var gIn [64]byte
	copy(gIn[:32], m[:])
	if dk.hDone.Load() {
		copy(gIn[32:], dk.h[:])
	} else {
		var h [32]byte
		jobs := [2]sampleJob{hashJob(&h, dk.bytes(), nil, true), j}
		dk.im.sample(jobs[:])
		dk.setH(&h)
		copy(gIn[32:], h[:])
		extra = nil
	}
	g := sha3.Sum512(gIn[:])

	var c2 [maxCTSize]byte
	ct := c2[:len(c)]
	dk.encrypt(ct, &m, (*[32]byte)(g[32:]), extra)

	eq := subtle.ConstantTimeCompare(c, ct)
	subtle.ConstantTimeCopy(eq, key[:], g[:32])
}

// expandedBytes returns the expanded decapsulation key of FIPS 203
// (dk_PKE || ek || H(ek) || z), for tests.
func (dk *decapsulationKey) expandedBytes() []byte {
	dk.ensureH()
	k := dk.p.k
	out := make([]byte, dk.p.dkSize())
	for i := 0; i < k; i++ {
		var t poly
		for c := range t {
			t[c] = canonical(dk.s[i][c])
		}
		encode12(out[384*i:], &t)
	}
	b := out[384*k:]
	copy(b, dk.bytes())
	copy(b[dk.p.ekSize():], dk.h[:])
	copy(b[dk.p.ekSize()+32:], dk.z[:])
	return out
}

// parseExpanded sets dk from an expanded decapsulation key, with the checks
// of FIPS 203 section 7.3 (length, the hash of ek, and ek's modulus check).
// The seed d is unknown and left zero. For tests only.
func parseExpanded(dk *decapsulationKey, p *params, im *implementation, b []byte) bool {
	if len(b) != p.dkSize() {
		return false
	}
	k := p.k
	ekb := b[384*k : 384*k+p.ekSize()]
	if !parseEK(&dk.encapsulationKey, p, im, ekb) {
		return false
	}
	h := b[384*k+p.ekSize():][:32]
	if subtle.ConstantTimeCompare(h, dk.h[:]) != 1 {
		return false
	}
	dk.hDone.Store(true) // parseEK computed it
	for i := 0; i < k; i++ {
		if !decode12(&dk.s[i], b[384*i:]) {
			return false
		}
	}
	copy(dk.z[:], b[384*k+p.ekSize()+32:])
	return true
}
