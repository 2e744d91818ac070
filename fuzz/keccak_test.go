package fuzz

import (
	"bytes"
	"crypto/sha3"
	"encoding/binary"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/keccak"
)

// FuzzKeccak checks PermuteX4 of every implementation against four calls
// of Permute (the generic code), and ShakeX4 against crypto/sha3, on four
// states (or four inputs) cut from the fuzzer's data.
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
			for _, size := range []int{128, 256} {
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
