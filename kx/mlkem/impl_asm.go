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

// rejSample is rejSampleGeneric on one SHAKE128 block (the first 168
// bytes of blk), or its AVX2 version when vec is set.
func rejSample(p *poly, ctr int, blk *[blkSize]byte, vec bool) int {
	if !vec {
		return rejSampleGeneric(p, ctr, blk[:168])
	}
	var tmp [128]int16
	k := rejSampleAVX2(&tmp, blk, &rejShuffle)
	return ctr + copy(p[ctr:], tmp[:k])
}

// rejShuffle[m] is the VPSHUFB control that moves the words of an 8-word
// vector whose bits are set in m to the front, in order.
var rejShuffle = func() (t [256][16]byte) {
	for m := range t {
		k := 0
		for j := 0; j < 8; j++ {
			if m>>j&1 == 1 {
				t[m][2*k], t[m][2*k+1] = byte(2*j), byte(2*j+1)
				k++
			}
		}
		for ; k < 8; k++ {
			t[m][2*k], t[m][2*k+1] = 0x80, 0x80 // zero
		}
	}
	return
}()

// cbd2Vec is cbd2, in AVX2 when vec is set.
func cbd2Vec(p *poly, b []byte, vec bool) {
	if vec {
		cbd2AVX2((*[256]int16)(p), (*[128]byte)(b))
		return
	}
	cbd2(p, b)
}

// compressEncodeAVX2 is compressEncode with the compression in AVX2.
func compressEncodeAVX2(b []byte, p *poly, d uint) {
	var c [n]uint16
	compressAVX2(&c, (*[256]int16)(p), uint64(d))
	packBits(b, &c, d)
}

// haveAVX2Kernels reports whether this build has the AVX2 assembly.
const haveAVX2Kernels = true
