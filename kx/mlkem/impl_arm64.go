//go:build arm64 && gc && !purego

package mlkem

// The "arm64" implementation: NTT, inverse NTT, base multiplication and
// Barrett reduction on eight coefficients per NEON register, in
// mlkem_arm64.s, printed by asm/mlkemarm64 (Go's arm64 assembler has no
// vector integer multiplies, so the generator encodes them). The hashing
// runs four lanes at a time on internal/keccak's PermuteX4 (sample.go),
// with the Keccak implementation that package chose (FEAT_SHA3 where
// present); the matrix's rejection sampling, CBD_2, compression and
// decompression (d = 4, 10) are in NEON too. Bit packing and the other
// decodings stay in Go.
//
// Why assembly: Go does not vectorise; each kernel does eight lanes per
// instruction. Tested and fuzzed against the generic kernels under
// qemu-aarch64 -cpu max; not measured on arm64 hardware.

//go:noescape
func nttARM64(p *[256]int16, tab *[neonTabLen]int16)

//go:noescape
func invNTTARM64(p *[256]int16, tab *[neonTabLen]int16)

//go:noescape
func basemulAccARM64(r, a, b *[256]int16, tab *[neonTabLen]int16)

//go:noescape
func reduceARM64(p *[256]int16, tab *[neonTabLen]int16)

// rejSampleARM64 parses the first 168 bytes of buf into 112 12-bit
// candidates and writes those below q, in order, to the front of out; it
// returns their number. It writes up to 16 bytes past the last one (out
// has room). The input is public (the matrix seed's SHAKE128 output), so
// the table index and the count may depend on it.
//
//go:noescape
func rejSampleARM64(out *[128]int16, buf *[blkSize]byte, shuf *[256][16]byte) int

var neon = &implementation{neon: true}

func nttNEON(p *poly)    { nttARM64((*[256]int16)(p), neonTab) }
func invNTTNEON(p *poly) { invNTTARM64((*[256]int16)(p), neonTab) }
func basemulAccNEON(r, a, b *poly) {
	basemulAccARM64((*[256]int16)(r), (*[256]int16)(a), (*[256]int16)(b), neonTab)
}
func reduceNEON(p *poly) { reduceARM64((*[256]int16)(p), neonTab) }

// cbd2ARM64 sets p = SamplePolyCBD_2(b) (cbd2).
//
//go:noescape
func cbd2ARM64(p *[256]int16, b *[128]byte)

// rejSample is rejSampleGeneric on one SHAKE128 block (the first 168
// bytes of blk), or its NEON version when vec is set.
func rejSample(p *poly, ctr int, blk *[blkSize]byte, vec bool) int {
	if !vec {
		return rejSampleGeneric(p, ctr, blk[:168])
	}
	var tmp [128]int16
	k := rejSampleARM64(&tmp, blk, &rejShuffle)
	return ctr + copy(p[ctr:], tmp[:k])
}

// cbd2Vec is cbd2, in NEON when vec is set.
func cbd2Vec(p *poly, b []byte, vec bool) {
	if vec {
		cbd2ARM64((*[256]int16)(p), (*[128]byte)(b))
		return
	}
	cbd2(p, b)
}

// compressARM64 sets out[i] = Compress_d(p[i] mod q) for coefficients in
// (-q, q), as compress(canonical(p[i]), d) does, with c =
// &compressConsts[d], 1 <= d <= 11.
//
//go:noescape
func compressARM64(out *[256]uint16, p *[256]int16, c *[8]int16)

// compressConsts[d] holds the constants of compressARM64 for d:
// M = ceil(2^(12+d)/q), 2^d, 2^d - 1, q, (q-1)/2.
var compressConsts = func() (t [12][8]int16) {
	for d := 1; d <= 11; d++ {
		m := (1<<(12+d) + q - 1) / q // int: 2^(12+d) overflows int16
		t[d] = [8]int16{int16(m), 1 << d, 1<<d - 1, q, q / 2}
	}
	return
}()

// compressEncodeNEON is compressEncode with the compression in NEON.
func compressEncodeNEON(b []byte, p *poly, d uint) {
	var c [n]uint16
	compressARM64(&c, (*[256]int16)(p), &compressConsts[d])
	packBits(b, &c, d)
}

// decompress4ARM64 and decompress10ARM64 are decodeDecompress with d = 4
// and with d = 10 (on the first 320 bytes of b; the kernel loads 6 bytes
// past them).
//
//go:noescape
func decompress4ARM64(p *[256]int16, b *[128]byte)

//go:noescape
func decompress10ARM64(p *[256]int16, b *[328]byte)

// decodeDecompressNEON is decodeDecompress, in NEON for d = 10 and d = 4
// (ML-KEM-768's u and v).
func decodeDecompressNEON(p *poly, b []byte, d uint) {
	switch d {
	case 10:
		var buf [328]byte
		copy(buf[:], b[:320])
		decompress10ARM64((*[256]int16)(p), &buf)
	case 4:
		decompress4ARM64((*[256]int16)(p), (*[128]byte)(b[:128]))
	default:
		decodeDecompress(p, b, d)
	}
}

// haveNEONKernels reports whether this build has the arm64 assembly.
const haveNEONKernels = true
