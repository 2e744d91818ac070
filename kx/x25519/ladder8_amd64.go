//go:build amd64 && gc && !purego

package x25519

import "github.com/tlscore/tlscore/internal/edwards25519"

// lanes8 loads up to 8 lanes (fewer than 8: the rest repeat lane 0, so
// the padding is valid input) into the ladder's inputs: the cswap masks
// (see ladderIFMA) and the u-coordinates. Constant time in the scalars.
func lanes8(swaps *[256]uint8, u *edwards25519.Fe8, scalars, points [][32]byte) {
	*swaps = [256]uint8{}
	for l := range 8 {
		src := l
		if l >= len(scalars) {
			src = 0
		}
		k := scalars[src]
		clamp(&k)
		var f fe
		edwards25519.FeFromBytes(&f, &points[src])
		for i := range 5 {
			u[i][l] = f[i]
		}
		prev := uint8(0) // bit 255
		for t := 254; t >= 0; t-- {
			b := k[t>>3] >> (t & 7) & 1
			swaps[t] |= (b ^ prev) << l
			prev = b
		}
		swaps[255] |= prev << l
	}
}
