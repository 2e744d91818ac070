// Command chacha20poly1305 generates aead/chacha20poly1305's amd64
// assembly: the ChaCha20 kernels for AVX2 (8 blocks on ymm) and AVX-512
// (two interleaved sets of up to 16 blocks on zmm with VPROLD), the
// stitched ChaCha20-Poly1305 passes, and the Poly1305 block loops (scalar
// MULX, and AVX-512 IFMA for long inputs).
//
// Each kernel does the hot loop only; key setup, padding, tails and the
// final reduction stay in Go, and every kernel has a Go reference in
// chacha20poly1305_generic.go that the tests compare it with.
//
// Run it through go generate in aead/chacha20poly1305.
package main

import (
	. "github.com/mmcloughlin/avo/build"
)

func main() {
	ConstraintExpr("amd64,gc,!purego")
	constants()
	rowConstants()
	wideConstants()
	chachaAVX2()
	chachaWideAVX512()
	chachaPolyAVX2()
	chachaPolyWideAVX512()
	chachaPolyFlexAVX2()
	chachaFirstAVX512()
	chachaFirstAVX2()
	chachaRows("chachaRows2AVX512", 1, true)
	chachaRows("chachaRows4AVX512", 2, true)
	chachaRows("chachaRows6AVX512", 3, true)
	shortAEAD("sealOpen2AVX2", 1, false)
	shortAEAD("sealOpen4AVX2", 2, false)
	shortAEAD("sealOpen6AVX2", 3, false)
	shortAEAD("sealOpen2AVX512", 1, true)
	shortAEAD("sealOpen4AVX512", 2, true)
	shortAEAD("sealOpen6AVX512", 3, true)
	openHead("openHeadAVX2", false)
	xorAVX512()
	polyMULX()
	polyIFMA()
	polyAEAD()
	polyXOR("polySealMULX", true)
	polyXOR("polyOpenMULX", false)
	Generate()
}
