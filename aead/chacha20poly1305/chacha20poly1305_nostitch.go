//go:build !(amd64 && gc && !purego)

package chacha20poly1305

// The stitched ChaCha20-Poly1305 kernels exist only on amd64: every other
// build (arm64, purego, other architectures) reports them absent here, and
// the Go code in chacha20poly1305.go takes its unstitched paths.

// stitched reports whether im has a stitched ChaCha20-Poly1305 kernel.
func stitched(impl) bool { return false }

func xorBlocks(impl, []byte, []byte, []byte) int { return 0 }

func stitchGeometry(impl) (chunk, macPer int) { return 512, 512 }

func chachaPoly(impl, *[16]uint32, []byte, []byte, *polyState, []byte) {
	panic("chacha20poly1305: internal error: no stitched kernel")
}

func chachaFirst(impl, *[16]uint32, *[wideMax]byte, []byte, []byte) bool { return false }

func polyAEAD(impl, *polyState, []byte, []byte, *[16]byte) bool { return false }

func flexStitched(impl) bool { return false }

func chachaPolyFlex(impl, *[16]uint32, *[512]byte, *[512]byte, *polyState, []byte) {
	panic("chacha20poly1305: internal error: no stitched kernel")
}

func polyEnd(impl, *polyState, []byte, int, int, *[16]byte) bool { return false }

func chachaFirst8(impl, *[16]uint32, *[64]byte, []byte, []byte) {
	panic("chacha20poly1305: internal error: no 8-block first pass")
}

func polyXOR(impl, bool, *polyState, []byte, []byte, []byte, []byte, *[16]byte) bool { return false }

func sealOpenShort(impl, *[16]uint32, []byte, []byte, []byte, *[16]byte, bool) bool { return false }

func shortMaxFor(impl) int { return -1 }

func openHead(impl, *[16]uint32, *polyState, []byte, []byte, []byte) {
	panic("chacha20poly1305: internal error: no Open head kernel")
}

func polySealEnd(impl, *polyState, []byte, []byte, []byte, int, int, *[16]byte) bool { return false }
