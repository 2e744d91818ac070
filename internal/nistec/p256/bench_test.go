package p256

import (
	"testing"

	"github.com/tlscore/tlscore/dispatch"
)

func BenchmarkOps(b *testing.B) {
	for _, name := range []string{"generic", "adx"} {
		if dispatch.Select(algName, name) != nil {
			continue
		}
		im := Chosen()
		dispatch.Reset(algName)
		b.Run(name, func(b *testing.B) { benchOps(b, im) })
	}
}

func benchOps(b *testing.B, im Impl) {
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
	b.Run("FieldMul", func(b *testing.B) {
		x := fp.rr
		for b.Loop() {
			im.fmul(&x, &x, &x)
		}
	})
	b.Run("FieldSqr", func(b *testing.B) {
		x := fp.rr
		for b.Loop() {
			im.fsqr(&x, &x)
		}
	})
	b.Run("OrdMul", func(b *testing.B) {
		x := fn.rr
		for b.Loop() {
			montMul(im, &x, &x, &x, &fn)
		}
	})
	var jp jacPoint
	jp.x, jp.y, jp.z = fp.rr, fp.one, fp.rr
	b.Run("JDouble", func(b *testing.B) {
		for b.Loop() {
			im.jdouble(&jp, &jp)
		}
	})
	b.Run("JAdd", func(b *testing.B) {
		q := jp
		for b.Loop() {
			im.jadd(&jp, &jp, &q)
		}
	})
}
