//go:build arm64 && gc && !purego

package mlkem

// The constant table of the NEON kernels (mlkem_arm64.s, printed by
// asm/mlkemarm64), one flat array so that the assembly takes a single
// pointer. Offsets are in int16 units; keep them in sync with
// asm/mlkemarm64/main.go (the kernels' differential tests against the
// generic code fail on any mismatch).
//
// The transforms keep the generic code's coefficient order in memory.
// Layers with butterfly distance 128..8 pair whole vectors of eight
// coefficients (one zeta per vector, taken by element from V1 or from the
// block's first vector). For distances 4 and 2 a block of 32 coefficients
// is transposed as a 4x4 matrix of coefficient pairs: register t_k holds
// the pairs k, k+4, k+8, k+12 (coefficients 2k+8m, 2k+8m+1 in lanes 2m,
// 2m+1), so distance 4 pairs t0 with t2 and t1 with t3, distance 2 pairs
// t0 with t1 and t2 with t3, lane by lane, with one zeta per lane pair.
const (
	neonTabConst   = 0    // q, q^-1, round(2^26/q), F, F*q^-1, 0, 0, 0
	neonTabZetas   = 8    // zetas[0..7], then their q^-1 multiples
	neonTabFwd     = 24   // per block b < 8, 7 vectors: see buildNEONTab
	neonTabInv     = 472  // per block b < 8, 7 vectors
	neonTabBasemul = 920  // per 8 pairs m < 16: zeta vector, zeta*q^-1 vector
	neonTabLen     = 1176 //
)

var neonTab = buildNEONTab()

func buildNEONTab() *[neonTabLen]int16 {
	t := new([neonTabLen]int16)
	f := int16(invNTTScale)
	copy(t[neonTabConst:], []int16{q, qInv, barrettV, f, f * qInv})
	for k := 0; k < 8; k++ {
		t[neonTabZetas+k] = zetas[k]
		t[neonTabZetas+8+k] = zetas[k] * qInv
	}
	// elems writes one vector with the zetas ks in lanes 0..2 and their
	// q^-1 multiples in lanes 4..6 (for by-element operands).
	elems := func(off int, ks ...int) {
		for i, k := range ks {
			t[off+i] = zetas[k]
			t[off+4+i] = zetas[k] * qInv
		}
	}
	// lanes writes a vector with zetas[k(m)] in lanes 2m, 2m+1 (pair m),
	// then the vector of their q^-1 multiples.
	lanes := func(off int, k func(m int) int) {
		for e := 0; e < 8; e++ {
			z := zetas[k(e/2)]
			t[off+e] = z
			t[off+8+e] = z * qInv
		}
	}
	for b := 0; b < 8; b++ {
		// Forward: distances 16 and 8; 4 (t0-t2, t1-t3); 2 for t0-t1
		// (coefficients 8m) and t2-t3 (8m+4). Zeta index: 128/l + j/2l.
		o := neonTabFwd + 56*b
		elems(o, 8+b, 16+2*b, 17+2*b)
		lanes(o+8, func(m int) int { return 32 + 4*b + m })
		lanes(o+24, func(m int) int { return 64 + 8*b + 2*m })
		lanes(o+40, func(m int) int { return 64 + 8*b + 2*m + 1 })
		// Inverse: distance 2 for t0-t1 and t2-t3; 4; then 8 (two
		// halves) and 16. Zeta index: 256/l - 1 - j/2l.
		o = neonTabInv + 56*b
		lanes(o, func(m int) int { return 127 - 8*b - 2*m })
		lanes(o+16, func(m int) int { return 127 - 8*b - 2*m - 1 })
		lanes(o+32, func(m int) int { return 63 - 4*b - m })
		elems(o+48, 31-2*b, 30-2*b, 15-b)
	}
	// Base multiplication: pair P = 8m + e (coefficients 2P, 2P+1) is
	// multiplied modulo X^2 - zetas[64+P/2], negated for odd P.
	for m := 0; m < 16; m++ {
		for e := 0; e < 8; e++ {
			p := 8*m + e
			z := zetas[64+p/2]
			if p%2 == 1 {
				z = -z
			}
			t[neonTabBasemul+16*m+e] = z
			t[neonTabBasemul+16*m+8+e] = z * qInv
		}
	}
	return t
}
