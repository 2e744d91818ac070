package mlkem

import (
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
	implARM64   = "arm64"
)

//go:generate go run -C ../../asm/mlkemarm64 . -out ../../kx/mlkem/mlkem_arm64.s

// implementation is one set of kernels. A key keeps the implementation that
// was chosen when it was made. Its methods call the kernels directly (no
// function values), so that escape analysis keeps every temporary
// polynomial on the stack.
type implementation struct {
	avx2 bool // the AVX2 kernels (impl_asm.go)
	neon bool // the arm64 NEON kernels (impl_arm64.go)
}

var generic = &implementation{}

// ntt, invNTT, basemulAcc and reduce: see nttGeneric & co. for the ranges
// each accepts and produces.
func (im *implementation) ntt(p *poly) {
	if im.avx2 {
		nttAVX2Go(p)
		return
	}
	if im.neon {
		nttNEON(p)
		return
	}
	nttGeneric(p)
}

func (im *implementation) invNTT(p *poly) {
	if im.avx2 {
		invNTTAVX2Go(p)
		return
	}
	if im.neon {
		invNTTNEON(p)
		return
	}
	invNTTGeneric(p)
}

func (im *implementation) basemulAcc(r, a, b *poly) {
	if im.avx2 {
		basemulAccAVX2Go(r, a, b)
		return
	}
	if im.neon {
		basemulAccNEON(r, a, b)
		return
	}
	basemulAccGeneric(r, a, b)
}

func (im *implementation) reduce(p *poly) {
	if im.avx2 {
		reduceAVX2Go(p)
		return
	}
	if im.neon {
		reduceNEON(p)
		return
	}
	reduceGeneric(p)
}

func (im *implementation) compressEncode(b []byte, p *poly, d uint) {
	if im.avx2 {
		compressEncodeAVX2(b, p, d)
		return
	}
	if im.neon {
		compressEncodeNEON(b, p, d)
		return
	}
	compressEncode(b, p, d)
}

func (im *implementation) decodeDecompress(p *poly, b []byte, d uint) {
	if im.avx2 {
		decodeDecompressAVX2(p, b, d)
		return
	}
	if im.neon {
		decodeDecompressNEON(p, b, d)
		return
	}
	decodeDecompress(p, b, d)
}

// sample runs the sampling jobs (see sample.go).
func (im *implementation) sample(jobs []sampleJob) {
	if im.avx2 {
		sampleX(jobs, true)
		return
	}
	if im.neon {
		sampleX(jobs, true)
		return
	}
	sampleGeneric(jobs)
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
	switch name {
	case implAVX2:
		return avx2
	case implARM64:
		return neon
	}
	return generic
}
