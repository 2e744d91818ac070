package main

// The "avx2" kernel: four states in the four qword lanes of ymm registers.
//
// AVX2 has 16 ymm registers, fewer than the 25 lanes, so the state lives
// in memory and every round streams through it: round r reads buffer A
// and writes buffer B, round r+1 reads B and writes A (A is the caller's
// state, B 800 bytes of frame; 24 rounds end in A). For each output row Y
// the round loads the five input lanes that ρ and π move there, XORs θ's
// D into each (the load is the XOR's memory operand) and rotates it, then
// computes χ's five outputs, stores them, and XORs them into the column
// parities C of the next round (XKCP's "prepare θ"), so the state is read
// once per round. Registers: C (5, built up over the round's rows), D (5),
// one row of ρ/π outputs b (5) and a temporary for rotations: all 16. At
// that pressure avo's allocator (greedy coloring, no spilling) runs out of
// the 16 registers VEX instructions can name, so this kernel assigns the
// registers itself (avx2Regs); the rest of the generated code uses virtual
// registers.

import (
	"fmt"

	. "github.com/mmcloughlin/avo/build"
	. "github.com/mmcloughlin/avo/operand"
	. "github.com/mmcloughlin/avo/reg"
)

// lanes addresses the 25 vectors of a state: lane i at base + stride*i.
type lanes struct {
	base   Mem
	stride int
}

func (l lanes) at(i int) Mem { return l.base.Offset(l.stride * i) }

// avx2Regs is the fixed register assignment of the kernel.
var (
	avx2C = [5]VecPhysical{Y0, Y1, Y2, Y3, Y4}      // θ's column parities C[x], of the round's input, then of its output
	avx2D = [5]VecPhysical{Y5, Y6, Y7, Y8, Y9}      // θ's D[x]
	avx2B = [5]VecPhysical{Y10, Y11, Y12, Y13, Y14} // one row b[X] of ρ/π outputs
	avx2T = Y15                                     // temporary
)

func avx2Kernel() {
	// Not NOSPLIT: the 800-byte frame is over the nosplit limit.
	TEXT("permuteX4AVX2", 0, "func(s *[25][4]uint64)")
	Doc("permuteX4AVX2 applies Keccak-f[1600] to each of the four interleaved",
		"states of s, with AVX2.")
	Pragma("noescape")
	s := Mem{Base: Load(Param("s"), GP64())}
	avx2Permute(lanes{s, 32}, lanes{AllocLocal(25 * 32), 32})
	VZEROUPPER()
	RET()

	TEXT("permuteX8AVX2", 0, "func(s *[25][8]uint64)")
	Doc("permuteX8AVX2 applies Keccak-f[1600] to each of the eight interleaved",
		"states of s, with AVX2: the four-state kernel on states 0-3, then on 4-7.")
	Pragma("noescape")
	s = Mem{Base: Load(Param("s"), GP64())}
	frame := lanes{AllocLocal(25 * 32), 32}
	avx2Permute(lanes{s, 64}, frame)
	avx2Permute(lanes{s.Offset(32), 64}, frame)
	VZEROUPPER()
	RET()
}

var labels int

// avx2Permute emits the 24 rounds on the state a (its own loop), with
// frame as the second buffer.
func avx2Permute(a, frame lanes) {
	Comment("Column parities C[x] of the input (θ).")
	c := avx2C
	for x := range 5 {
		VMOVDQU(a.at(x), c[x])
		for y := 1; y < 5; y++ {
			VPXOR(a.at(x+5*y), c[x], c[x])
		}
	}
	rc := GP64()
	LEAQ(rcTable4, rc)
	n := GP64()
	MOVQ(U32(12), n)
	labels++
	loop := fmt.Sprintf("avx2rounds%d", labels)
	Label(loop)
	Comment("Two rounds: A to the frame, then back.")
	avx2Round(a, frame, Mem{Base: rc})
	avx2Round(frame, a, Mem{Base: rc, Disp: 32})
	ADDQ(U8(64), rc)
	DECQ(n)
	JNZ(LabelRef(loop))
}

// avx2Round emits one round from src to dst. On entry avx2C holds the
// column parities of src, on exit those of dst. rc is ι's constant, 4
// times.
func avx2Round(src, dst lanes, rc Mem) {
	c, d, b, t := avx2C, avx2D, avx2B, avx2T
	Comment("θ: D[x] = C[x-1] ^ (C[x+1] <<< 1).")
	for x := range 5 {
		VPSLLQ(U8(1), c[(x+1)%5], t)
		VPSRLQ(U8(63), c[(x+1)%5], d[x])
		VPOR(t, d[x], d[x])
		VPXOR(c[(x+4)%5], d[x], d[x])
	}
	for Y := range 5 {
		Comment(fmt.Sprintf("Row %d: ρ and π bring in b[X] = (A[x, y] ^ D[x]) <<< r[x, y] with y = X, Y = 2x + 3y.", Y))
		for X := range 5 {
			x, y := piSource(X, Y)
			VPXOR(src.at(x+5*y), d[x], b[X])
			switch r := rotations[x+5*y]; r {
			case 0:
			case 8:
				VPSHUFB(shuf8, b[X], b[X])
			case 56:
				VPSHUFB(shuf56, b[X], b[X])
			default:
				VPSLLQ(U8(r), b[X], t)
				VPSRLQ(U8(64-r), b[X], b[X])
				VPOR(t, b[X], b[X])
			}
		}
		Comment("χ: A'[X] = b[X] ^ (^b[X+1] & b[X+2]); stored, and added to the next C[X].")
		for X := range 5 {
			out := t
			if Y == 0 {
				out = c[X] // the first row starts the next parities
			}
			VPANDN(b[(X+2)%5], b[(X+1)%5], out)
			VPXOR(b[X], out, out)
			if X == 0 && Y == 0 {
				Comment("ι")
				VPXOR(rc, out, out)
			}
			VMOVDQU(out, dst.at(X+5*Y))
			if Y != 0 {
				VPXOR(out, c[X], c[X])
			}
		}
	}
}
