//go:build !(arm64 && gc && !purego)

package mlkem

// neon is never chosen here: the registry marks "arm64" unavailable.
var neon = generic

// Without the arm64 assembly these keep the dispatch in impl.go compiling.

func nttNEON(p *poly)              { nttGeneric(p) }
func invNTTNEON(p *poly)           { invNTTGeneric(p) }
func basemulAccNEON(r, a, b *poly) { basemulAccGeneric(r, a, b) }
func reduceNEON(p *poly)           { reduceGeneric(p) }

func compressEncodeNEON(b []byte, p *poly, d uint) { compressEncode(b, p, d) }

func decodeDecompressNEON(p *poly, b []byte, d uint) { decodeDecompress(p, b, d) }

// haveNEONKernels reports whether this build has the arm64 assembly.
const haveNEONKernels = false
