//go:build amd64 && gc && !purego

package mlkem

// The "avx2" implementation: the polynomial kernels in assembly generated
// by asm/mlkem (16 coefficients per ymm register; see avx2_tables.go for
// the layout), the hashing of the matrix and the noise four at a time with
// internal/keccak's four-way SHAKE.
//
//go:generate go run -C ../../asm/mlkem . -out ../../kx/mlkem/mlkem_amd64.s -stubs ../../kx/mlkem/mlkem_amd64_stubs.go -pkg mlkem

var avx2 = &implementation{avx2: true}

func nttAVX2Go(p *poly)    { nttAVX2((*[256]int16)(p), avx2Tab) }
func invNTTAVX2Go(p *poly) { invNTTAVX2((*[256]int16)(p), avx2Tab) }
func basemulAccAVX2Go(r, a, b *poly) {
	basemulAccAVX2((*[256]int16)(r), (*[256]int16)(a), (*[256]int16)(b), avx2Tab)
}
func reduceAVX2Go(p *poly) { reduceAVX2((*[256]int16)(p), avx2Tab) }

// rejSample is rejSampleGeneric on one SHAKE128 block, or its AVX2 version.
func rejSample(p *poly, ctr int, blk *[168]byte, vec bool) int {
	return rejSampleGeneric(p, ctr, blk[:])
}
