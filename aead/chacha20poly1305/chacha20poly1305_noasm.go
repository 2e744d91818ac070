//go:build !((amd64 || arm64) && gc && !purego)

package chacha20poly1305

func chachaXOR(_ impl, st *[16]uint32, dst, src []byte) { chachaXORGeneric(st, dst, src) }

func polyBlocks(_ impl, p *polyState, msg []byte) { polyBlocksGeneric(p, msg) }
