package main

import "testing"

// TestEncodings checks the encoder against instruction words taken from
// LLVM 14 (llvm-mc -triple=aarch64 -show-encoding, and llvm-objdump -d on
// the generated kernels), covering each instruction, register fields at
// both ends and every bit of the lane index.
func TestEncodings(t *testing.T) {
	type enc func() (uint32, string)
	for _, tc := range []struct {
		f    enc
		word uint32
		text string
	}{
		{func() (uint32, string) { return sqdmulh(0, 1, 2) }, 0x4e62b420, "sqdmulh v0.8h, v1.8h, v2.8h"},
		{func() (uint32, string) { return sqdmulh(24, 22, 4) }, 0x4e64b6d8, "sqdmulh v24.8h, v22.8h, v4.8h"},
		{func() (uint32, string) { return sqdmulhElem(24, 17, 1, 4) }, 0x4f41ca38, "sqdmulh v24.8h, v17.8h, v1.h[4]"},
		{func() (uint32, string) { return sqdmulhElem(31, 0, 15, 6) }, 0x4f6fc81f, "sqdmulh v31.8h, v0.8h, v15.h[6]"},
		{func() (uint32, string) { return sqdmulhElem(24, 20, 1, 1) }, 0x4f51c298, "sqdmulh v24.8h, v20.8h, v1.h[1]"},
		{func() (uint32, string) { return mul(25, 22, 5) }, 0x4e659ed9, "mul v25.8h, v22.8h, v5.8h"},
		{func() (uint32, string) { return mul(0, 31, 16) }, 0x4e709fe0, "mul v0.8h, v31.8h, v16.8h"},
		{func() (uint32, string) { return mulElem(31, 30, 15, 7) }, 0x4f7f8bdf, "mul v31.8h, v30.8h, v15.h[7]"},
		{func() (uint32, string) { return mulElem(22, 18, 0, 1) }, 0x4f508256, "mul v22.8h, v18.8h, v0.h[1]"},
		{func() (uint32, string) { return mulElem(25, 17, 2, 4) }, 0x4f428a39, "mul v25.8h, v17.8h, v2.h[4]"},
		{func() (uint32, string) { return mlsElem(1, 2, 15, 7) }, 0x6f7f4841, "mls v1.8h, v2.8h, v15.h[7]"},
		{func() (uint32, string) { return mlsElem(5, 6, 3, 2) }, 0x6f6340c5, "mls v5.8h, v6.8h, v3.h[2]"},
		{func() (uint32, string) { return mlsElem(20, 24, 0, 0) }, 0x6f404314, "mls v20.8h, v24.8h, v0.h[0]"},
		{func() (uint32, string) { return shsub(24, 24, 25) }, 0x4e792718, "shsub v24.8h, v24.8h, v25.8h"},
		{func() (uint32, string) { return shsub(31, 0, 16) }, 0x4e70241f, "shsub v31.8h, v0.8h, v16.8h"},
		{func() (uint32, string) { return cmhi(7, 30, 5) }, 0x6e6537c7, "cmhi v7.8h, v30.8h, v5.8h"},
		{func() (uint32, string) { return cmhi(0, 31, 16) }, 0x6e7037e0, "cmhi v0.8h, v31.8h, v16.8h"},
		{func() (uint32, string) { return srshr(24, 24, 11) }, 0x4f152718, "srshr v24.8h, v24.8h, #11"},
		{func() (uint32, string) { return srshr(3, 4, 1) }, 0x4f1f2483, "srshr v3.8h, v4.8h, #1"},
		{func() (uint32, string) { return srshr(3, 4, 16) }, 0x4f102483, "srshr v3.8h, v4.8h, #16"},
		{func() (uint32, string) { return sshr(1, 2, 15) }, 0x4f110441, "sshr v1.8h, v2.8h, #15"},
		{func() (uint32, string) { return sshr(31, 0, 1) }, 0x4f1f041f, "sshr v31.8h, v0.8h, #1"},
		{func() (uint32, string) { return sqrdmulhElem(3, 4, 5, 1) }, 0x4f55d083, "sqrdmulh v3.8h, v4.8h, v5.h[1]"},
		{func() (uint32, string) { return sqrdmulhElem(3, 4, 15, 0) }, 0x4f4fd083, "sqrdmulh v3.8h, v4.8h, v15.h[0]"},
		{func() (uint32, string) { return ushl(3, 4, 5) }, 0x6e654483, "ushl v3.8h, v4.8h, v5.8h"},
	} {
		w, s := tc.f()
		if w != tc.word || s != tc.text {
			t.Errorf("got %#08x %q, want %#08x %q", w, s, tc.word, tc.text)
		}
	}
}

// TestEncodingPanics checks that operands the instructions cannot encode
// are refused.
func TestEncodingPanics(t *testing.T) {
	for _, f := range []func(){
		func() { mulElem(0, 1, 16, 0) }, // by-element register above v15
		func() { mulElem(0, 1, 2, 8) },  // lane index
		func() { sqdmulh(32, 0, 0) },
		func() { srshr(0, 0, 0) },
		func() { srshr(0, 0, 17) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			f()
		}()
	}
}
