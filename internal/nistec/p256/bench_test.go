package p256

import "testing"

func BenchmarkOps(b *testing.B) {
	im := Chosen()
	k := randScalar(b)
	var pub [ptLen]byte
	im.ScalarBaseMult(&pub, k)
	var q PublicPoint
	q.SetBytes(pub[:])
	b.Run("ScalarBaseMult", func(b *testing.B) {
		for b.Loop() {
			im.ScalarBaseMult(&pub, k)
		}
	})
	b.Run("ECDH", func(b *testing.B) {
		var out [byteLen]byte
		for b.Loop() {
			im.ECDH(&out, k, &q)
		}
	})
	b.Run("Sign", func(b *testing.B) {
		var sig [2 * byteLen]byte
		for b.Loop() {
			im.Sign(&sig, k, k, k)
		}
	})
	var sig [2 * byteLen]byte
	im.Sign(&sig, k, k, k)
	b.Run("Verify", func(b *testing.B) {
		for b.Loop() {
			im.Verify(&q, k, sig[:byteLen], sig[byteLen:])
		}
	})
	b.Run("MontMul", func(b *testing.B) {
		x := fp.rr
		for b.Loop() {
			montMul(im, &x, &x, &x, &fp)
		}
	})
}
