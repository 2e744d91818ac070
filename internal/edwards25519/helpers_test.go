package edwards25519

import (
	"math/big"
	"math/rand/v2"
)

// p is the field modulus 2^255 - 19.
var p = bigP

// le32 returns x mod 2^256 as 32 little-endian bytes.
func le32(x *big.Int) [32]byte {
	var b [32]byte
	m := new(big.Int).Mod(x, new(big.Int).Lsh(big.NewInt(1), 256))
	m.FillBytes(b[:])
	for i := 0; i < 16; i++ {
		b[i], b[31-i] = b[31-i], b[i]
	}
	return b
}

func fill(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.Uint32())
	}
}

// fe64Edges returns limb patterns near 0, p, 2p, 2^255 and 2^256.
func fe64Edge() []Fe64 {
	m := ^uint64(0)
	h := uint64(1<<63 - 1)
	return []Fe64{
		{}, {1}, {m, m, m, m}, {m - 18, m, m, h}, {m - 19, m, m, h}, {m - 17, m, m, h},
		{0, 0, 0, 1 << 63}, {m - 37, m, m, m}, {m - 38, m, m, m}, {m - 36, m, m, m},
		{37}, {38}, {19}, {0, 0, 0, m}, {m, 0, m, 0}, {m, m, m, h},
	}
}

// fe64Rand returns limbs that are random, all ones or zero.
func fe64Rand(r *rand.Rand) Fe64 {
	var v Fe64
	for i := range v {
		switch r.IntN(6) {
		case 0:
			v[i] = ^uint64(0)
		case 1:
			v[i] = 0
		default:
			v[i] = r.Uint64()
		}
	}
	return v
}
