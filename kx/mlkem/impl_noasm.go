//go:build !amd64 || !gc || purego

package mlkem

var archImpls = []*implementation{generic}

func nttAVX2(p *poly)                                           { nttGeneric(p) }
func invNTTAVX2(p *poly)                                        { invNTTGeneric(p) }
func basemulAccAVX2(r, a, b *poly)                              { basemulAccGeneric(r, a, b) }
func reduceAVX2(p *poly)                                        { reduceGeneric(p) }
func sampleMatrixX4(a *[maxK * maxK]poly, rho *[32]byte, k int) { sampleMatrixGeneric(a, rho, k) }
func sampleNoiseX4(ps []*poly, seed *[32]byte, nonce byte, eta int) {
	sampleNoiseGeneric(ps, seed, nonce, eta)
}
