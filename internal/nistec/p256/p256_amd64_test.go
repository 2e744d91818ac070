//go:build amd64 && gc && !purego

package p256

import (
	mrand "math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

func TestSqrChainADX(t *testing.T) {
	if !cpu.X86HasBMI2 || !cpu.X86HasADX {
		t.Skip("no BMI2/ADX")
	}
	r := mrand.New(mrand.NewPCG(5, 6))
	vals := append(edgeElems(&fp.m), randElem(r, &fp.m), randElem(r, &fp.m))
	for _, x := range vals {
		for n := 1; n <= 5; n++ {
			want := x
			for range n {
				montMulGeneric(&want, &want, &want, &fp.m, fp.m0inv)
			}
			var got elem
			p256SqrADX((*[4]uint64)(&got), (*[4]uint64)(&x), n)
			if got != want {
				t.Fatalf("p256SqrADX(%x, %d) = %x, want %x", x, n, got, want)
			}
		}
	}
}
