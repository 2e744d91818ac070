//go:build !(amd64 && gc && !purego)

package mlkem

// avx2 is never chosen here: the registry marks it unavailable.
var avx2 = generic

// Without assembly the "avx2" kernels are never selected; these keep the
// dispatch in impl.go compiling.

func nttAVX2Go(p *poly)              { nttGeneric(p) }
func invNTTAVX2Go(p *poly)           { invNTTGeneric(p) }
func basemulAccAVX2Go(r, a, b *poly) { basemulAccGeneric(r, a, b) }
func reduceAVX2Go(p *poly)           { reduceGeneric(p) }

func compressEncodeAVX2(b []byte, p *poly, d uint) { compressEncode(b, p, d) }

// haveAVX2Kernels reports whether this build has the AVX2 assembly.
const haveAVX2Kernels = false

func decodeDecompressAVX2(p *poly, b []byte, d uint) { decodeDecompress(p, b, d) }
