// Micro-benchmarks of the generic kernel's parts; the Seal/Open benchmarks
// against crypto/cipher are in ../../bench/aesgcm_test.go.

package aesgcm

import "testing"

func BenchmarkEncrypt4(b *testing.B) {
	var k aesKey
	k.expandKey(make([]byte, 16))
	var x [64]byte
	b.SetBytes(64)
	for b.Loop() {
		k.encrypt4(&x, &x)
	}
}

func BenchmarkGHASHMul(b *testing.B) {
	k := newGHASHKey(1, 2)
	y1, y0 := uint64(5), uint64(6)
	b.SetBytes(16)
	for b.Loop() {
		y1, y0 = k.mul(y1, y0)
	}
	_ = y1 + y0
}

func BenchmarkClmul64(b *testing.B) {
	x, y := uint64(5), uint64(6)
	for b.Loop() {
		x, y = clmul64(x, y)
	}
}
