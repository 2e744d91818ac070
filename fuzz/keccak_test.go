package fuzz

import (
	"bytes"
	"crypto/sha3"
	"encoding/binary"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/keccak"
)

// FuzzKeccak checks PermuteX4 and PermuteX8 of every implementation
// against calls of Permute (the generic code), and ShakeX4 and ShakeX8
// against crypto/sha3, on states (or inputs) cut from the fuzzer's data.
func FuzzKeccak(f *testing.F) {
	f.Add([]byte{}, uint16(0))
	f.Add(bytes.Repeat([]byte{0xff}, 4*200), uint16(168))
	f.Add([]byte("rho0123456789abcdef0123456789abcdef"), uint16(504))
	f.Fuzz(func(t *testing.T, data []byte, outLen uint16) {
		var x keccak.StateX4
		var want [4]keccak.State
		var padded [4 * 200]byte
		copy(padded[:], data)
		for j := range 4 {
			for i := range want[j] {
				want[j][i] = binary.LittleEndian.Uint64(padded[200*j+8*i:])
				x[i][j] = want[j][i]
			}
			keccak.Permute(&want[j])
		}
		// Four inputs of equal length, from the data.
		n := len(data) / 4
		in := [4][]byte{data[:n], data[n : 2*n], data[2*n : 3*n], data[3*n : 4*n]}
		m := int(outLen % 1024)
		defer dispatch.Reset("keccak")
		for _, im := range dispatch.List("keccak") {
			if !im.Available {
				continue
			}
			if err := dispatch.Select("keccak", im.Name); err != nil {
				t.Fatal(err)
			}
			y := x
			keccak.PermuteX4(&y)
			for j := range 4 {
				for i := range want[j] {
					if y[i][j] != want[j][i] {
						t.Fatalf("%s: PermuteX4 state %d lane %d = %#x, want %#x", im.Name, j, i, y[i][j], want[j][i])
					}
				}
			}
			var y8 keccak.StateX8
			for j := range 8 {
				for i := range want[j%4] {
					y8[i][j] = x[i][j%4] ^ uint64(j/4)
				}
			}
			keccak.PermuteX8(&y8)
			for j := range 8 {
				w := want[j%4]
				if j >= 4 {
					var s keccak.State
					for i := range s {
						s[i] = x[i][j%4] ^ 1
					}
					keccak.Permute(&s)
					w = s
				}
				for i := range w {
					if y8[i][j] != w[i] {
						t.Fatalf("%s: PermuteX8 state %d lane %d = %#x, want %#x", im.Name, j, i, y8[i][j], w[i])
					}
				}
			}
			for _, size := range []int{128, 256} {
				var d8 keccak.ShakeX8
				in8 := [8][]byte{in[0], in[1], in[2], in[3], in[3], in[2], in[1], in[0]}
				out8 := [8][]byte{}
				for j := range out8 {
					out8[j] = make([]byte, m)
				}
				if size == 128 {
					d8.Init128(&in8)
				} else {
					d8.Init256(&in8)
				}
				d8.Squeeze(&out8)
				for j := range 8 {
					var ref []byte
					if size == 128 {
						ref = sha3.SumSHAKE128(in8[j], m)
					} else {
						ref = sha3.SumSHAKE256(in8[j], m)
					}
					if !bytes.Equal(out8[j], ref) {
						t.Fatalf("%s: ShakeX8 SHAKE%d(%x) = %x, want %x", im.Name, size, in8[j], out8[j], ref)
					}
				}
				var d keccak.ShakeX4
				if size == 128 {
					d.Init128(&in)
				} else {
					d.Init256(&in)
				}
				out := [4][]byte{make([]byte, m), make([]byte, m), make([]byte, m), make([]byte, m)}
				d.Squeeze(&out)
				for j := range 4 {
					var ref []byte
					if size == 128 {
						ref = sha3.SumSHAKE128(in[j], m)
					} else {
						ref = sha3.SumSHAKE256(in[j], m)
					}
					if !bytes.Equal(out[j], ref) {
						t.Fatalf("%s: SHAKE%d(%x) = %x, want %x", im.Name, size, in[j], out[j], ref)
					}
				}
			}
		}
	})
}
