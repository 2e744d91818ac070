//go:build (amd64 || arm64) && gc && !purego

package mlkem

// rejShuffle[m] is the byte shuffle (VPSHUFB on amd64, TBL on arm64) that
// moves the words of an 8-word vector whose bits are set in m to the
// front, in order, and zeroes the rest (index 0x80).
var rejShuffle = func() (t [256][16]byte) {
	for m := range t {
		k := 0
		for j := 0; j < 8; j++ {
			if m>>j&1 == 1 {
				t[m][2*k], t[m][2*k+1] = byte(2*j), byte(2*j+1)
				k++
			}
		}
		for ; k < 8; k++ {
			t[m][2*k], t[m][2*k+1] = 0x80, 0x80 // zero
		}
	}
	return
}()
