//go:build gc && !purego

package x25519

import (
	"sync"
	"unsafe"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cpu"
)

//go:generate go run -C ../../asm/x25519 . -out ../../kx/x25519/x25519_amd64.s -stubs ../../kx/x25519/x25519_amd64_stubs.go -pkg x25519

func archImpls() []dispatch.Impl { return registered() }

var (
	adx  = &implementation{x25519: x25519ADX, base: baseADX}
	ifma = &implementation{x25519: x25519IFMA, base: baseIFMA, batch: batchIFMA}
)

func archLookup(name string) *implementation {
	switch name {
	case "adx":
		return adx
	case "avx512ifma":
		return ifma
	}
	return nil
}

// fe64 operations of this architecture (used by the shared 4 x 64-bit code).
func fe64Mul(z, x, y *fe64)     { feMulADX((*[4]uint64)(z), (*[4]uint64)(x), (*[4]uint64)(y)) }
func fe64Sqr(z, x *fe64, n int) { feSqrADX((*[4]uint64)(z), (*[4]uint64)(x), n) }
func fe64Add(z, x, y *fe64)     { feAddADX((*[4]uint64)(z), (*[4]uint64)(x), (*[4]uint64)(y)) }
func fe64Sub(z, x, y *fe64)     { feSubADX((*[4]uint64)(z), (*[4]uint64)(x), (*[4]uint64)(y)) }

// x25519ADX sets dst = X25519(scalar, point) with the assembly ladder.
func x25519ADX(dst, scalar, point *[32]byte) {
	k := scalarWords(scalar)
	var u fe64
	fe64FromBytes(&u, point)
	var xz [8]uint64
	ladderADX(&xz, &k, (*[4]uint64)(&u))
	x2, z2 := fe64(xz[:4]), fe64(xz[4:])
	fe64Invert(&z2, &z2)
	fe64Mul(&x2, &x2, &z2)
	fe64ToBytes(dst, &x2)
}

// baseADX sets dst = X25519(scalar, 9) with the fixed-base table.
func baseADX(dst, scalar *[32]byte) {
	scalarBaseMult64(dst, scalar)
}

func fe64Mul121665(z, x *fe64) { feMul121665ADX((*[4]uint64)(z), (*[4]uint64)(x)) }

func fe64Ladder(xz *[8]uint64, k, u *[4]uint64) { ladderADX(xz, k, u) }

// batchIFMA computes the lanes 8 at a time with the IFMA ladder, and
// inverts the z of up to 8 chunks (64 lanes) with one inversion
// (Montgomery's trick: prefix products, one inversion, then back).
func batchIFMA(dst, scalars, points [][32]byte) {
	const group = 8 // chunks of 8 lanes per inversion
	var swaps [256]uint8
	var u fe8
	var xz [group][2]fe8
	var pre [group]fe8
	for g := 0; g < len(dst); g += 8 * group {
		chunks := min(group, (len(dst)-g+7)/8)
		for c := range chunks {
			off := g + 8*c
			end := min(off+8, len(dst))
			lanes8(&swaps, &u, scalars[off:end], points[off:end])
			ladderIFMA((*[2][5][8]uint64)(unsafe.Pointer(&xz[c])), &swaps, (*[5][8]uint64)(&u))
			// A zero z (a low-order point: the result is 0) would zero the
			// whole product: use z = 1 there and zero x instead.
			z, x := &xz[c][1], &xz[c][0]
			for l := range 8 {
				var f fe
				var b [32]byte
				for i := range 5 {
					f[i] = z[i][l]
				}
				feToBytes(&b, &f)
				var acc byte
				for _, v := range b {
					acc |= v
				}
				mask := -((uint64(acc) - 1) >> 63) // all ones iff z = 0
				for i := range 5 {
					one := uint64(0)
					if i == 0 {
						one = 1
					}
					z[i][l] = z[i][l]&^mask | one&mask
					x[i][l] &^= mask
				}
			}
			if c == 0 {
				pre[0] = *z
			} else {
				fe8Mul(&pre[c], &pre[c-1], z)
			}
		}
		var inv, zi fe8
		fe8Invert(&inv, &pre[chunks-1])
		for c := chunks - 1; c >= 0; c-- {
			if c > 0 {
				fe8Mul(&zi, &inv, &pre[c-1])
				fe8Mul(&inv, &inv, &xz[c][1])
			} else {
				zi = inv
			}
			x := &xz[c][0]
			fe8Mul(x, x, &zi)
			off := g + 8*c
			for l := range min(8, len(dst)-off) {
				var f fe
				for i := range 5 {
					f[i] = x[i][l]
				}
				feToBytes(&dst[off+l], &f)
			}
		}
	}
}

// x25519IFMA sets dst = X25519(scalar, point) with ladder4IFMA, the
// ladder whose multiplications run 4 at a time in ymm lanes.
func x25519IFMA(dst, scalar, point *[32]byte) {
	var init [2][5][4]uint64
	var x1 [5][4]uint64
	var sel [256]uint64
	ladder4Inputs(&init, &x1, &sel, scalar, point)
	var out [2][5][4]uint64
	ladder4IFMA(&out, &init, &x1, &sel)
	var x2, z2 fe
	for i := range 5 {
		x2[i], z2[i] = out[0][i][2], out[1][i][2]
	}
	projectiveToBytes(dst, &x2, &z2)
}

// ladder4Inputs prepares the inputs of ladder4IFMA (see its comment).
// Constant time in the scalar.
func ladder4Inputs(init *[2][5][4]uint64, x1 *[5][4]uint64, sel *[256]uint64, scalar, point *[32]byte) {
	k := *scalar
	clamp(&k)
	var u fe
	feFromBytes(&u, point)
	for i := range 5 {
		for l := range 4 {
			x1[i][l] = u[i]
		}
		init[0][i][0] = u[i]
	}
	init[0][0][2] = 1 // x2 = 1
	init[1][0][1] = 1 // z3 = 1
	bit := func(t int) uint64 { return uint64(k[t>>3]>>(t&7)) & 1 }
	sel[0] = 2 * bit(254)
	for i := 1; i < 256; i++ {
		t := 255 - i // the step just done
		if t > 0 {
			sel[i] = 2 * (bit(t-1) ^ bit(t))
		} else {
			sel[i] = 2 * bit(0)
		}
	}
}

// projectiveToBytes writes x/z, with the adx inversion where the CPU has it.
func projectiveToBytes(dst *[32]byte, x, z *fe) {
	if cpu.X86HasBMI2 && cpu.X86HasADX {
		var b [32]byte
		var x64, z64 fe64
		feToBytes(&b, x)
		fe64FromBytes(&x64, &b)
		feToBytes(&b, z)
		fe64FromBytes(&z64, &b)
		fe64Invert(&z64, &z64)
		fe64Mul(&x64, &x64, &z64)
		fe64ToBytes(dst, &x64)
		return
	}
	var zi fe
	feInvert(&zi, z)
	feMul(&zi, &zi, x)
	feToBytes(dst, &zi)
}

// baseIFMA sets dst = X25519(scalar, 9) with base4IFMA: the fixed-base
// method of edwards.go with each addition's multiplications in 4 ymm lanes.
func baseIFMA(dst, scalar *[32]byte) {
	t := tableIFMA()
	k := *scalar
	clamp(&k)
	e := signedDigits(&k)
	var abs, negk [64]uint64
	for i, d := range e {
		neg := uint64(uint8(d) >> 7)
		abs[i] = uint64(uint8(d^-int8(neg)) + uint8(neg))
		negk[i] = -neg & 0xf
	}
	var s [5][4]uint64
	base4IFMA(&s, t, &abs, &negk)
	var y, z, num, den fe
	for i := range 5 {
		y[i], z[i] = s[i][1], s[i][3]
	}
	feAdd(&num, &z, &y) // u = (Z+Y)/(Z-Y)
	feSub(&den, &z, &y)
	projectiveToBytes(dst, &num, &den)
}

// tableIFMA is the fixed-base table for base4IFMA: entry (j, i) is the
// 4-lane vector [y-x, y+x, 2dxy, 2] of (i+1) * 256^j * B in radix 2^51,
// 5 rows of 4 lanes, canonical limbs.
var tableIFMA = sync.OnceValue(func() *[32 * 8 * 20]uint64 {
	src := genericTable()
	t := new([32 * 8 * 20]uint64)
	for j := range src {
		for i := range src[j] {
			n := &src[j][i]
			off := (j*8 + i) * 20
			for l, v := range []*fe{&n.YminusX, &n.YplusX, &n.XY2d} {
				var b [32]byte
				var c fe
				feToBytes(&b, v)
				feFromBytes(&c, &b)
				for r := range 5 {
					t[off+4*r+l] = c[r]
				}
			}
			t[off+3] = 2
		}
	}
	return t
})

func fe8Mul(z, x, y *fe8) { feMul8IFMA((*[5][8]uint64)(z), (*[5][8]uint64)(x), (*[5][8]uint64)(y)) }

func fe8Sqr(z, x *fe8, n int) { feSqr8IFMA((*[5][8]uint64)(z), (*[5][8]uint64)(x), n) }

// fe8Invert sets v = 1/a in every lane with the addition chain of feInvert.
func fe8Invert(v, a *fe8) {
	var z2, z9, z11, z5, z10, z20, z50, z100, t fe8
	fe8Sqr(&z2, a, 1)
	fe8Sqr(&t, &z2, 2)
	fe8Mul(&z9, &t, a)
	fe8Mul(&z11, &z9, &z2)
	fe8Sqr(&t, &z11, 1)
	fe8Mul(&z5, &t, &z9)
	fe8Sqr(&t, &z5, 5)
	fe8Mul(&z10, &t, &z5)
	fe8Sqr(&t, &z10, 10)
	fe8Mul(&z20, &t, &z10)
	fe8Sqr(&t, &z20, 20)
	fe8Mul(&t, &t, &z20)
	fe8Sqr(&t, &t, 10)
	fe8Mul(&z50, &t, &z10)
	fe8Sqr(&t, &z50, 50)
	fe8Mul(&z100, &t, &z50)
	fe8Sqr(&t, &z100, 100)
	fe8Mul(&t, &t, &z100)
	fe8Sqr(&t, &t, 50)
	fe8Mul(&t, &t, &z50)
	fe8Sqr(&t, &t, 5)
	fe8Mul(v, &t, &z11)
}

// addNielsArch is addNiels64 in one assembly function.
func addNielsArch(p *extPoint64, q *niels64) {
	addNielsADX((*[16]uint64)(unsafe.Pointer(p)), (*[12]uint64)(unsafe.Pointer(q)))
}

// selectNielsArch is selectNiels64 in assembly (CMOV scan of the row).
func selectNielsArch(n *niels64, row *[8]niels64, e int8) {
	neg := uint64(uint8(e) >> 7)
	abs := uint64(uint8(e^-int8(neg)) + uint8(neg))
	selectNielsADX((*[12]uint64)(unsafe.Pointer(n)), (*[96]uint64)(unsafe.Pointer(row)), abs, neg)
}
