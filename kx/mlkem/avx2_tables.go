//go:build amd64 && gc && !purego

package mlkem

// The constant table of the AVX2 kernels (asm/mlkem), one flat array so
// that the assembly takes a single pointer. Offsets are in int16 units;
// keep them in sync with asm/mlkem/main.go (the kernels' differential tests
// against the generic code fail on any mismatch).
//
// The forward and inverse NTT keep the generic code's coefficient order
// in memory. Layers with butterfly distance 128..16 pair whole vectors of
// 16 coefficients (one zeta per vector, broadcast from the scalar table);
// the last three (distances 8, 4, 2) work on two vectors A, B at a time
// after shuffles that put the two halves of every butterfly in the same
// lane of two registers X and Y:
//
//	distance 8: X = [A.lo128, B.lo128], Y = [A.hi128, B.hi128] (VPERM2I128)
//	distance 4: X2 = per 128-bit lane [X.q0, Y.q0], Y2 = [X.q1, Y.q1] (VPUNPCKL/HQDQ)
//	distance 2: X3 = per lane [X2.d0, X2.d2, Y2.d0, Y2.d2], Y3 = [X2.d1, X2.d3, Y2.d1, Y2.d3] (VSHUFPS)
//
// and the inverse shuffles afterwards. The per-lane zetas of those layers
// are computed below by applying the same shuffles to coefficient indices.
const (
	tabQ        = 0    // q
	tabQInv     = 16   // q^-1 mod 2^16
	tabBarrettV = 32   // round(2^26/q)
	tabRound10  = 48   // 2^5: VPMULHRSW by it is a rounding shift right by 10
	tabF        = 64   // invNTTScale
	tabFQInv    = 80   // invNTTScale*q^-1 mod 2^16
	tabSwap     = 96   // VPSHUFB mask swapping adjacent int16s
	tabZetas    = 112  // zetas[128]
	tabZetasQ   = 240  // zetas[i]*q^-1 mod 2^16
	tabFwdL8    = 368  // per pair of vectors i < 8: zeta vector, zeta*q^-1 vector
	tabFwdL4    = 624  // (each 8 x 2 x 16)
	tabFwdL2    = 880  //
	tabInvL2    = 1136 //
	tabInvL4    = 1392 //
	tabInvL8    = 1648 //
	tabBasemul  = 1904 // per vector m < 16: zeta vector (even lanes), zeta*q^-1 vector
	tabLen      = 2416
)

var avx2Tab = buildAVX2Tab()

// lanes16 is the content of a ymm register as 16 int16 lanes.
type lanes16 [16]int

// perm2x128 is VPERM2I128 with imm 0x20 (hi=false: [a.lo, b.lo]) or 0x31
// ([a.hi, b.hi]).
func perm2x128(a, b lanes16, hi bool) (r lanes16) {
	o := 0
	if hi {
		o = 8
	}
	copy(r[:8], a[o:o+8])
	copy(r[8:], b[o:o+8])
	return
}

// unpackQ is VPUNPCKLQDQ (hi=false) or VPUNPCKHQDQ: per 128-bit lane,
// [a.q, b.q] with q the low or high quadword.
func unpackQ(a, b lanes16, hi bool) (r lanes16) {
	o := 0
	if hi {
		o = 4
	}
	for l := 0; l < 16; l += 8 {
		copy(r[l:l+4], a[l+o:l+o+4])
		copy(r[l+4:l+8], b[l+o:l+o+4])
	}
	return
}

// shufps is VSHUFPS with the dword selectors (s0, s1) from a and (s2, s3)
// from b in each 128-bit lane.
func shufps(a, b lanes16, s0, s1, s2, s3 int) (r lanes16) {
	for l := 0; l < 16; l += 8 {
		for d, src := range [4]struct {
			v lanes16
			s int
		}{{a, s0}, {a, s1}, {b, s2}, {b, s3}} {
			r[l+2*d] = src.v[l+2*src.s]
			r[l+2*d+1] = src.v[l+2*src.s+1]
		}
	}
	return
}

// pairLayouts returns, for the vector pair i (coefficients 32i..32i+31),
// the coefficient index in each lane of X (distance 8), X2 (distance 4)
// and X3 (distance 2): the low element of the butterfly in that lane.
func pairLayouts(i int) (x, x2, x3 lanes16) {
	var a, b lanes16
	for e := range a {
		a[e], b[e] = 32*i+e, 32*i+16+e
	}
	x, y := perm2x128(a, b, false), perm2x128(a, b, true)
	x2, y2 := unpackQ(x, y, false), unpackQ(x, y, true)
	x3 = shufps(x2, y2, 0, 2, 0, 2)
	return
}

func buildAVX2Tab() *[tabLen]int16 {
	t := new([tabLen]int16)
	fill := func(off int, v int16) {
		for e := 0; e < 16; e++ {
			t[off+e] = v
		}
	}
	fill(tabQ, q)
	fill(tabQInv, qInv)
	fill(tabBarrettV, barrettV)
	fill(tabRound10, 1<<5)
	fill(tabF, invNTTScale)
	f := int16(invNTTScale)
	fill(tabFQInv, f*qInv)
	for e := 0; e < 16; e++ {
		// Bytes 4e'..: swap the two int16s of each dword (per 128-bit lane).
		lo := byte(e*2) ^ 2
		t[tabSwap+e] = int16(uint16(lo) | uint16(lo+1)<<8)
	}
	for k, z := range zetas {
		t[tabZetas+k] = z
		t[tabZetasQ+k] = z * qInv
	}
	// zetaVec writes the zetas of lanes whose low coefficient is j[e], for
	// butterfly distance l, forward (k = 128/l + j/2l) or inverse
	// (k = 256/l - 1 - j/2l), at off.
	zetaVec := func(off int, j lanes16, l int, inverse bool) {
		for e := range j {
			k := 128/l + j[e]/(2*l)
			if inverse {
				k = 256/l - 1 - j[e]/(2*l)
			}
			t[off+e] = zetas[k]
			t[off+16+e] = zetas[k] * qInv
		}
	}
	for i := 0; i < 8; i++ {
		x, x2, x3 := pairLayouts(i)
		zetaVec(tabFwdL8+32*i, x, 8, false)
		zetaVec(tabFwdL4+32*i, x2, 4, false)
		zetaVec(tabFwdL2+32*i, x3, 2, false)
		zetaVec(tabInvL2+32*i, x3, 2, true)
		zetaVec(tabInvL4+32*i, x2, 4, true)
		zetaVec(tabInvL8+32*i, x, 8, true)
	}
	for m := 0; m < 16; m++ {
		for e := 0; e < 16; e++ {
			pair := 8*m + e/2
			z := zetas[64+pair/2]
			if pair%2 == 1 {
				z = -z
			}
			t[tabBasemul+32*m+e] = z
			t[tabBasemul+32*m+16+e] = z * qInv
		}
	}
	return t
}
