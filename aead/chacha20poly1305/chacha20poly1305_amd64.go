//go:build amd64 && gc && !purego

package chacha20poly1305

import (
	"unsafe"
)

//go:generate go run -C ../../asm/chacha20poly1305 . -out ../../aead/chacha20poly1305/chacha20poly1305_amd64.s -stubs ../../aead/chacha20poly1305/chacha20poly1305_amd64_stubs.go -pkg chacha20poly1305

// chachaXOR XORs src (a multiple of 256 bytes, or for avx512 also 128 or
// 384) with keystream into dst, starting at block st[12], and advances
// st[12].
func chachaXOR(im impl, st *[16]uint32, dst, src []byte) {
	dst = dst[:len(src)]
	switch im {
	case implAVX512:
		switch len(src) {
		case 128:
			chachaRows2AVX512(st, (*[128]byte)(dst), (*[128]byte)(src))
		case 256:
			chachaRows4AVX512(st, (*[256]byte)(dst), (*[256]byte)(src))
		case 384:
			chachaRows6AVX512(st, (*[384]byte)(dst), (*[384]byte)(src))
		default:
			chachaXORAVX512(st, dst, src)
		}
	case implAVX2:
		chachaXORAVX2(st, dst, src)
	default:
		chachaXORGeneric(st, dst, src)
	}
}

// ifmaMin is the input length from which the IFMA Poly1305 (8 blocks per
// step, after computing r^2..r^8) beats the scalar MULX loop.
const ifmaMin = 256

// polyBlocks absorbs the full 16-byte blocks of msg into p.
func polyBlocks(im impl, p *polyState, msg []byte) {
	switch im {
	case implAVX512:
		if len(msg) >= ifmaMin {
			n := len(msg) &^ 127
			polyBlocksIFMA((*[7]uint64)(unsafe.Pointer(p)), msg[:n])
			msg = msg[n:]
		}
		polyBlocksMULX((*[7]uint64)(unsafe.Pointer(p)), msg)
	case implAVX2:
		polyBlocksMULX((*[7]uint64)(unsafe.Pointer(p)), msg)
	default:
		polyBlocksGeneric(p, msg)
	}
}

// xorBlocks sets dst = src ^ ks for the whole 64-byte blocks of src, if
// im has a kernel for that, and returns how many bytes it did.
func xorBlocks(im impl, dst, src, ks []byte) int {
	n := len(src) &^ 63
	if im != implAVX512 || n == 0 {
		return 0
	}
	xorBlocksAVX512(dst[:n], src[:n], ks[:n])
	return n
}

// stitched reports whether im has a stitched ChaCha20-Poly1305 kernel.
func stitched(im impl) bool { return im == implAVX2 || im == implAVX512 }

// stitchGeometry returns the chunk size of im's stitched kernel and the
// Poly1305 input it absorbs per chunk. The AVX2 kernel absorbs all of it;
// the wide zmm pass is fast enough that the scalar Poly1305 keeps up with
// only 640 of its 2048 bytes, and the IFMA kernel takes the rest.
// Keep in sync with stitchBlocksPerRound in asm/chacha20poly1305.
func stitchGeometry(im impl) (chunk, macPer int) {
	if im == implAVX512 {
		return 2048, 320
	}
	return 512, 512
}

// chachaPoly encrypts src into dst (whole chunks) while it absorbs
// len(src)/chunk*macPer bytes of mac into p; see chachaPolyAVX2 and
// chachaPolyAVX512 for how mac may overlap dst.
func chachaPoly(im impl, st *[16]uint32, dst, src []byte, p *polyState, mac []byte) {
	chunk, macPer := stitchGeometry(im)
	if len(src)%chunk != 0 || len(src) == 0 {
		panic("chacha20poly1305: internal error: bad stitched call")
	}
	pp := (*[7]uint64)(unsafe.Pointer(p))
	dst, mac = dst[:len(src)], mac[:len(src)/chunk*macPer]
	switch im {
	case implAVX2:
		chachaPolyAVX2(st, dst, src, pp, mac)
	case implAVX512:
		chachaPolyAVX512(st, dst, src, pp, mac)
	default:
		panic("chacha20poly1305: internal error: no stitched kernel")
	}
}

// chachaFirst, for a message of at least 960 bytes, makes block 0 into
// ks[:64] and encrypts pt[:960] into out[:960] with blocks 1..15, if im has
// a kernel for that, and reports whether it did.
func chachaFirst(im impl, st *[16]uint32, ks *[wideMax]byte, out, pt []byte) bool {
	if im != implAVX512 {
		return false
	}
	chachaFirstAVX512(st, (*[64]byte)(ks[:64]), (*[960]byte)(out[:960]), (*[960]byte)(pt[:960]))
	return true
}

// polyAEAD writes the Poly1305 tag of ad and ct (RFC 8439 section 2.8)
// with p keyed, in few assembly calls, if im has them, and reports
// whether it did.
func polyAEAD(im impl, p *polyState, ad, ct []byte, tag *[16]byte) bool {
	switch {
	case im == implAVX2 || im == implAVX512 && len(ct) < ifmaMin && len(ad) < ifmaMin:
		polyAEADMULX((*[7]uint64)(unsafe.Pointer(p)), ad, ct, uint64(len(ad)), uint64(len(ct)), tag)
		return true
	case im == implAVX512:
		p.absorbPadded(im, ad)
		return polyEnd(im, p, ct, len(ad), len(ct), tag)
	}
	return false
}

// polyEnd absorbs rest (the end of the ciphertext, with the part before it
// absorbed in whole blocks) padded, the length block of adLen and ctLen,
// and writes the tag, in few assembly calls if im has them, and reports
// whether it did.
func polyEnd(im impl, p *polyState, rest []byte, adLen, ctLen int, tag *[16]byte) bool {
	if im != implAVX2 && im != implAVX512 {
		return false
	}
	pp := (*[7]uint64)(unsafe.Pointer(p))
	if im == implAVX512 && len(rest) >= ifmaMin {
		n := len(rest) &^ 127
		polyBlocksIFMA(pp, rest[:n])
		rest = rest[n:]
	}
	polyAEADMULX(pp, nil, rest, uint64(adLen), uint64(ctLen), tag)
	return true
}

// flexStitched reports whether im has chachaPolyFlex.
func flexStitched(im impl) bool { return im == implAVX2 }

// chachaPolyFlex XORs src with 8 blocks of keystream into dst while it
// absorbs the full blocks of mac (at most 512 bytes) into p; all of mac
// is read before dst is written.
func chachaPolyFlex(im impl, st *[16]uint32, dst, src *[512]byte, p *polyState, mac []byte) {
	if im != implAVX2 || len(mac) > 512 {
		panic("chacha20poly1305: internal error: bad flexible stitched call")
	}
	chachaPolyFlexAVX2(st, dst, src, (*[7]uint64)(unsafe.Pointer(p)), mac)
}

// chachaFirst8 makes block 0 into key and encrypts pt[:448] into
// out[:448] with blocks 1..7 (im must have a flexible stitched kernel).
func chachaFirst8(im impl, st *[16]uint32, key *[64]byte, out, pt []byte) {
	if im != implAVX2 {
		panic("chacha20poly1305: internal error: no 8-block first pass")
	}
	chachaFirstAVX2(st, key, (*[448]byte)(out[:448]), (*[448]byte)(pt[:448]))
}

// polyXOR sets dst = src ^ ks and writes the Poly1305 tag of ad and the
// ciphertext (dst if seal, else src), with p keyed, in one assembly call,
// if that is im's fastest way for these lengths, and reports whether it
// did. dst may be src.
func polyXOR(im impl, seal bool, p *polyState, ad, dst, src, ks []byte, tag *[16]byte) bool {
	if im == implAVX2 || im == implAVX512 && len(src) <= ifmaMin && len(ad) < ifmaMin {
		pp := (*[7]uint64)(unsafe.Pointer(p))
		dst, ks = dst[:len(src)], ks[:len(src)]
		if seal {
			polySealMULX(pp, ad, dst, src, ks, uint64(len(ad)), uint64(len(src)), tag)
		} else {
			polyOpenMULX(pp, ad, dst, src, ks, uint64(len(ad)), uint64(len(src)), tag)
		}
		return true
	}
	return false
}

// polySealEnd sets dst = src ^ ks and absorbs dst (padded; all before it
// absorbed in whole blocks) and the length block of adLen and ctLen, and
// writes the tag, in one assembly call if im has one, and reports whether
// it did. dst may be src.
func polySealEnd(im impl, p *polyState, dst, src, ks []byte, adLen, ctLen int, tag *[16]byte) bool {
	if im == implAVX2 || im == implAVX512 && len(src) < ifmaMin {
		dst, ks = dst[:len(src)], ks[:len(src)]
		polySealMULX((*[7]uint64)(unsafe.Pointer(p)), nil, dst, src, ks, uint64(adLen), uint64(ctLen), tag)
		return true
	}
	return false
}

// shortMax is the longest message sealOpenShort takes: 3 row sets make
// 6 blocks, block 0 for the Poly1305 key.
const shortMax = 320

// sealOpenShort seals (seal) or opens src into dst and writes the tag in
// one assembly call (sealOpen*), if im has one for len(src), and reports
// whether it did. st, the input block with counter 0, is not advanced.
// Opening writes the plaintext before the tag is checked.
func sealOpenShort(im impl, st *[16]uint32, ad, dst, src []byte, tag *[16]byte, seal bool) bool {
	n := len(src)
	if n > shortMax || im != implAVX2 && im != implAVX512 {
		return false
	}
	dst = dst[:n]
	switch {
	case n <= 64 && im == implAVX2:
		sealOpen2AVX2(st, ad, dst, src, tag, seal)
	case n <= 64:
		sealOpen2AVX512(st, ad, dst, src, tag, seal)
	case n <= 192 && im == implAVX2:
		sealOpen4AVX2(st, ad, dst, src, tag, seal)
	case n <= 192:
		sealOpen4AVX512(st, ad, dst, src, tag, seal)
	case im == implAVX2:
		sealOpen6AVX2(st, ad, dst, src, tag, seal)
	default:
		sealOpen6AVX512(st, ad, dst, src, tag, seal)
	}
	return true
}

// shortMaxFor returns the longest message sealOpenShort takes for im, or
// -1.
func shortMaxFor(im impl) int {
	if im == implAVX2 || im == implAVX512 {
		return shortMax
	}
	return -1
}

// openHead keys p with block st[12], absorbs ad (padded) and ct[:64],
// decrypts ct[:64] into out[:64] with block st[12]+1 and advances st[12]
// by 2 (im must have a flexible stitched kernel).
func openHead(im impl, st *[16]uint32, p *polyState, ad, out, ct []byte) {
	if im != implAVX2 {
		panic("chacha20poly1305: internal error: no Open head kernel")
	}
	openHeadAVX2(st, (*[7]uint64)(unsafe.Pointer(p)), ad, (*[64]byte)(out[:64]), (*[64]byte)(ct[:64]))
}
