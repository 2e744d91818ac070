package p384

import (
	"math/big"
	mrand "math/rand/v2"
	"testing"
)

// TestInverseVartime compares the variable-time inversion mod n with
// math/big on edge values (0, 1, 2, n-1, ...) and random ones, and checks
// ninvPublic (Montgomery form) against the constant-time ninv.
func TestInverseVartime(t *testing.T) {
	nb := bigOf(&fn.m)
	r := mrand.New(mrand.NewPCG(1, 2))
	vals := append(edgeElems(&fn.m), elem{2}, elem{3})
	n := 3000
	if testing.Short() {
		n = 300
	}
	for range n {
		vals = append(vals, randElem(r, &fn.m))
	}
	for _, x := range vals {
		var z elem
		fnInv.inverseVartime(&z, &x)
		want := new(big.Int).ModInverse(bigOf(&x), nb)
		if want == nil {
			want = new(big.Int) // 0 for 0
		}
		if bigOf(&z).Cmp(want) != 0 {
			t.Fatalf("inverseVartime(%x) = %x, want %x", x, z, want)
		}
		var xm, a, b elem
		toMont(implGeneric, &xm, &x, &fn)
		implGeneric.ninv(&a, &xm)
		implGeneric.ninvPublic(&b, &xm)
		if a != b {
			t.Fatalf("ninvPublic(%x) = %x, ninv = %x", xm, b, a)
		}
	}
}
