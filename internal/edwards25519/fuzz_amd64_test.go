//go:build amd64 && gc && !purego

package edwards25519

import (
	"encoding/binary"
	"testing"
)

// feFromFuzz reads a field element with limbs below 2^51 from 40 bytes of
// b (zero-padded).
func feFromFuzz(b []byte, i int) Fe {
	var buf [40]byte
	if 40*i < len(b) {
		copy(buf[:], b[40*i:])
	}
	var f Fe
	for j := range f {
		f[j] = binary.LittleEndian.Uint64(buf[8*j:]) & (1<<51 - 1)
	}
	return f
}

// FuzzWindow8 checks window8IFMA against window8Generic on inputs from
// the fuzzer (10 field elements per lane pattern, repeated over lanes with
// small changes).
func FuzzWindow8(f *testing.F) {
	f.Add(make([]byte, 400))
	f.Add([]byte{1, 2, 3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x07})
	f.Fuzz(func(t *testing.T, in []byte) {
		skipNoIFMA8(t)
		var p, p2 [3]Fe8
		var a [4]Fe8
		var b [3]Fe8
		n := 0
		for _, v := range [][]Fe8{p[:], a[:], b[:]} {
			for i := range v {
				for l := range 8 {
					e := feFromFuzz(in, n)
					e[l%5] ^= uint64(l) // differ between lanes
					SetFe8Lane(&v[i], l, &e)
				}
				n++
			}
		}
		p2 = p
		Window8(&p, &a, &b)
		window8Generic(&p2, &a, &b)
		for i := range p {
			if !fe8EqualModP(&p[i], &p2[i]) {
				t.Fatalf("coordinate %d differs", i)
			}
		}
	})
}

// FuzzScalarBaseMultIFMA8 checks base8IFMA and base4IFMA against the
// generic fixed base.
func FuzzScalarBaseMultIFMA8(f *testing.F) {
	f.Add(make([]byte, 32))
	f.Add([]byte{0xff, 0xff, 0xff, 0xff})
	f.Fuzz(func(t *testing.T, in []byte) {
		skipNoIFMA8(t)
		var k [32]byte
		copy(k[:], in)
		k[31] &= 0x7f
		var want, got ExtPoint
		ScalarBaseMult(&want, &k, GenericTable())
		ScalarBaseMultIFMA8(&got, &k)
		var w, g [32]byte
		Encode(&w, mulInv(&want.X, &want.Z), mulInv(&want.Y, &want.Z))
		Encode(&g, mulInv(&got.X, &got.Z), mulInv(&got.Y, &got.Z))
		if g != w {
			t.Fatalf("k %x: base8 %x, want %x", k, g, w)
		}
	})
}
