//go:build arm64 && gc && !purego

package chacha20poly1305

import (
	"unsafe"
)

// chachaXORNEON XORs src with len(src)/64 blocks of ChaCha20 keystream into
// dst and advances the counter st[12]. len(src) must be a multiple of 256
// and len(dst) at least len(src).
//
//go:noescape
func chachaXORNEON(st *[16]uint32, dst, src []byte)

// polyBlocksARM64 absorbs len(msg)/16 full blocks into the Poly1305 state
// p (a *polyState), as polyBlocksGeneric.
//
//go:noescape
func polyBlocksARM64(p *[7]uint64, msg []byte)

// chachaXOR XORs src (a multiple of 64 bytes) with keystream into dst,
// starting at block st[12], and advances st[12]. The NEON kernel takes
// multiples of 256 bytes; the seal and open paths only ask for those.
func chachaXOR(im impl, st *[16]uint32, dst, src []byte) {
	dst = dst[:len(src)]
	if im == implARM64 {
		n := len(src) &^ 255
		chachaXORNEON(st, dst[:n], src[:n])
		dst, src = dst[n:], src[n:]
	}
	chachaXORGeneric(st, dst, src)
}

// polyBlocks absorbs the full 16-byte blocks of msg into p.
func polyBlocks(im impl, p *polyState, msg []byte) {
	if im == implARM64 {
		polyBlocksARM64((*[7]uint64)(unsafe.Pointer(p)), msg)
		return
	}
	polyBlocksGeneric(p, msg)
}
