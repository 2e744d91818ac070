//go:build !((amd64 || arm64) && gc && !purego)

package mlkem

// rejSample is rejSampleGeneric on one SHAKE128 block (the first 168
// bytes of blk).
func rejSample(p *poly, ctr int, blk *[blkSize]byte, vec bool) int {
	return rejSampleGeneric(p, ctr, blk[:168])
}

// cbd2Vec is cbd2.
func cbd2Vec(p *poly, b []byte, vec bool) { cbd2(p, b) }
