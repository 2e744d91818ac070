package mlkem

import (
	"crypto/sha3"
	"sync/atomic"

	"github.com/tlscore/tlscore/internal/impl"
)

// alg is the name of this package's algorithm in the registry
// (internal/impl; package dispatch steers it).
const alg = "mlkem"

// Implementation names in the registry.
const (
	implGeneric = "generic"
	implAVX2    = "avx2"
)

// implementation is one set of kernels. A key keeps the implementation that
// was chosen when it was made. Its methods call the kernels directly (no
// function values), so that escape analysis keeps every temporary
// polynomial on the stack.
type implementation struct {
	name string
	avx2 bool // the AVX2 kernels of poly_amd64.go
}

var generic = &implementation{name: implGeneric}

// ntt, invNTT, basemulAcc and reduce: see nttGeneric & co. for the ranges
// each accepts and produces.
func (im *implementation) ntt(p *poly) {
	if im.avx2 {
		nttAVX2Go(p)
		return
	}
	nttGeneric(p)
}

func (im *implementation) invNTT(p *poly) {
	if im.avx2 {
		invNTTAVX2Go(p)
		return
	}
	invNTTGeneric(p)
}

func (im *implementation) basemulAcc(r, a, b *poly) {
	if im.avx2 {
		basemulAccAVX2Go(r, a, b)
		return
	}
	basemulAccGeneric(r, a, b)
}

func (im *implementation) reduce(p *poly) {
	if im.avx2 {
		reduceAVX2Go(p)
		return
	}
	reduceGeneric(p)
}

func (im *implementation) compressEncode(b []byte, p *poly, d uint) {
	compressEncode(b, p, d)
}

func (im *implementation) decodeDecompress(p *poly, b []byte, d uint) {
	decodeDecompress(p, b, d)
}

// sampleMatrix sets a[i*k+j] = SampleNTT(rho || j || i) for i, j < k.
func (im *implementation) sampleMatrix(a *[maxK * maxK]poly, rho *[32]byte, k int) {
	if im.avx2 {
		sampleMatrixX4(a, rho, k)
		return
	}
	sampleMatrixGeneric(a, rho, k)
}

// sampleNoise sets *ps[i] = SamplePolyCBD_eta(PRF_eta(seed, nonce+i)).
func (im *implementation) sampleNoise(ps []*poly, seed *[32]byte, nonce byte, eta int) {
	if im.avx2 {
		sampleNoiseX4(ps, seed, nonce, eta)
		return
	}
	sampleNoiseGeneric(ps, seed, nonce, eta)
}

// chosen is the implementation new keys get, kept up to date by
// impl.OnChange so that constructors read it without a lock.
var chosen atomic.Pointer[implementation]

func init() {
	impl.Register(alg, registered()...)
	impl.OnChange(alg, func(name string) {
		chosen.Store(byName(name))
	})
}

func byName(name string) *implementation {
	for _, im := range archImpls {
		if im.name == name {
			return im
		}
	}
	return generic
}

// sampleMatrixGeneric expands Â with one SHAKE128 per entry (FIPS 203
// Algorithm 7 and the loops of Algorithms 13 and 14).
func sampleMatrixGeneric(a *[maxK * maxK]poly, rho *[32]byte, k int) {
	for i := 0; i < k; i++ {
		for j := 0; j < k; j++ {
			sampleMatrixEntry(&a[i*k+j], rho, i, j)
		}
	}
}

// sampleNoiseGeneric samples each polynomial with its own SHAKE256 (PRF_eta
// of FIPS 203 (4.3) and Algorithm 8).
func sampleNoiseGeneric(ps []*poly, seed *[32]byte, nonce byte, eta int) {
	var in [33]byte
	copy(in[:], seed[:])
	var buf [192]byte
	for i, p := range ps {
		in[32] = nonce + byte(i)
		var x sha3.SHAKE
		x.Write(in[:])
		if eta == 2 {
			x.Read(buf[:128])
			cbd2(p, buf[:128])
		} else {
			x.Read(buf[:192])
			cbd3(p, buf[:192])
		}
	}
}
