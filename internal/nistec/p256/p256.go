package p256

import (
	"crypto/subtle"
	"errors"
	"sync/atomic"

	"github.com/tlscore/tlscore/internal/impl"
)

// Impl selects the field arithmetic. The zero value is the generic Go code.
type Impl uint8

const (
	implGeneric Impl = iota
	implADX
	implARM64
)

// chosen is the implementation package dispatch selects now, kept up to
// date by the registry (internal/impl.OnChange) so that callers read it without a lock.
var chosen atomic.Uint32

func init() {
	impl.Register(algName, impls...)
	impl.OnChange(algName, func(name string) {
		im := implGeneric
		switch name {
		case "adx":
			im = implADX
		case "arm64":
			im = implARM64
		}
		chosen.Store(uint32(im))
	})
}

// Chosen returns the implementation package dispatch selects now.
func Chosen() Impl { return Impl(chosen.Load()) }

// String returns the dispatch name of im.
func (im Impl) String() string {
	switch im {
	case implADX:
		return "adx"
	case implARM64:
		return "arm64"
	}
	return "generic"
}

const (
	// ScalarSize is the length of an encoded scalar or field element.
	ScalarSize = byteLen
	// PointSize is the length of an uncompressed point.
	PointSize = ptLen
)

var errInvalidPoint = errors.New("nistec: invalid " + curveID + " point")

// ScalarValid reports whether k is a ScalarSize-byte big-endian integer
// with 0 < k < n. It runs in constant time for well-sized k.
func ScalarValid(k []byte) bool {
	if len(k) != byteLen {
		return false
	}
	var e elem
	elemSetBytes(&e, k)
	return lessThan(&e, &fn.m)&(1^isZero(&e)) == 1
}

// PublicPoint is a validated point, not the identity, ready for
// verification or ECDH.
type PublicPoint struct {
	a affinePoint
}

// SetBytes decodes an uncompressed point (0x04 || x || y), checking that
// x, y < p and that it is on the curve; the identity has no such encoding.
func (q *PublicPoint) SetBytes(b []byte) error { return Chosen().SetPoint(q, b) }

// SetPoint is [PublicPoint.SetBytes] with the implementation im.
func (im Impl) SetPoint(q *PublicPoint, b []byte) error {
	if len(b) != ptLen || b[0] != 4 {
		return errInvalidPoint
	}
	var x, y elem
	elemSetBytes(&x, b[1:1+byteLen])
	elemSetBytes(&y, b[1+byteLen:])
	if lessThan(&x, &fp.m)&lessThan(&y, &fp.m) != 1 {
		return errInvalidPoint
	}
	var a affinePoint
	toMont(im, &a.x, &x, &fp)
	toMont(im, &a.y, &y, &fp)
	if im.onCurve(&a) != 1 {
		return errInvalidPoint
	}
	q.a = a
	return nil
}

// Bytes appends the uncompressed encoding of q to b.
func (q *PublicPoint) Bytes(b []byte) []byte {
	var out [ptLen]byte
	implGeneric.encodeAffine(&out, &q.a)
	return append(b, out[:]...)
}

func (im Impl) encodeAffine(out *[ptLen]byte, a *affinePoint) {
	var x, y elem
	fromMont(im, &x, &a.x, &fp)
	fromMont(im, &y, &a.y, &fp)
	out[0] = 4
	elemBytes(out[1:], &x)
	elemBytes(out[1+byteLen:], &y)
}

// ScalarBaseMult sets out to the uncompressed encoding of k·G, for a valid
// scalar k (see [ScalarValid]; the caller checks). It runs in constant time.
func (im Impl) ScalarBaseMult(out *[ptLen]byte, k []byte) {
	subtle.WithDataIndependentTiming(func() { im.scalarBaseMultBytes(out, k) })
}

func (im Impl) scalarBaseMultBytes(out *[ptLen]byte, k []byte) {
	var ke elem
	elemSetBytes(&ke, k)
	var p jacPoint
	im.scalarBaseMultJ(&p, &ke)
	var a affinePoint
	if im.jacToAffine(&a, &p) != 1 {
		panic("nistec: internal error: k·G is the identity")
	}
	im.encodeAffine(out, &a)
}

// ECDH sets out to the x coordinate of k·q, for a valid scalar k. It runs
// in constant time.
func (im Impl) ECDH(out *[byteLen]byte, k []byte, q *PublicPoint) (err error) {
	subtle.WithDataIndependentTiming(func() { err = im.ecdh(out, k, q) })
	return err
}

func (im Impl) ecdh(out *[byteLen]byte, k []byte, q *PublicPoint) error {
	var ke elem
	elemSetBytes(&ke, k)
	var r jacPoint
	im.scalarMult(&r, &q.a, &ke)
	if isZero(&r.z) == 1 {
		// Impossible for 0 < k < n on a prime-order curve.
		return errInvalidPoint
	}
	var x elem
	im.jacToAffineX(&x, &r)
	fromMont(im, &x, &x, &fp)
	elemBytes(out[:], &x)
	return nil
}

// Sign computes an ECDSA signature (r, s) (FIPS 186-5 6.4.1) of digest with
// private key d and nonce k, both valid scalars, writing r || s into sig. It
// returns false, and the caller must pick another k, in the negligible
// cases r = 0 or s = 0. It runs in constant time in d and k.
func (im Impl) Sign(sig *[2 * byteLen]byte, d, k, digest []byte) (ok bool) {
	subtle.WithDataIndependentTiming(func() { ok = im.sign(sig, d, k, digest) })
	return ok
}

func (im Impl) sign(sig *[2 * byteLen]byte, d, k, digest []byte) bool {
	var ke, de, e elem
	elemSetBytes(&ke, k)
	elemSetBytes(&de, d)
	hashToScalar(&e, digest)

	// r = x(k·G) mod n
	var p jacPoint
	im.scalarBaseMultJ(&p, &ke)
	var r elem
	im.jacToAffineX(&r, &p)
	fromMont(im, &r, &r, &fp)
	reduceOnce(&r, &r, &fn.m) // p < 2n

	// s = k^-1 · (e + r·d) mod n, in the Montgomery domain mod n.
	var kM, kinv, rM, t, s elem
	toMont(im, &kM, &ke, &fn)
	im.ninv(&kinv, &kM)
	toMont(im, &rM, &r, &fn)
	montMul(im, &t, &rM, &de, &fn)  // r·d (plain)
	addMod(&t, &t, &e, &fn.m)       // e + r·d (plain)
	montMul(im, &s, &kinv, &t, &fn) // k^-1·R · t · R^-1 = s (plain)

	elemBytes(sig[:byteLen], &r)
	elemBytes(sig[byteLen:], &s)
	return isZero(&r)|isZero(&s) == 0
}

// Verify reports whether (r, s), ScalarSize-byte big-endian integers, is a
// valid ECDSA signature of digest by q (FIPS 186-5 6.4.2). It is not
// constant time: all its inputs are public.
func (im Impl) Verify(q *PublicPoint, digest, r, s []byte) bool {
	if len(r) != byteLen || len(s) != byteLen || !ScalarValid(r) || !ScalarValid(s) {
		return false
	}
	var re, se, e elem
	elemSetBytes(&re, r)
	elemSetBytes(&se, s)
	hashToScalar(&e, digest)

	var sM, w, u1, u2 elem
	toMont(im, &sM, &se, &fn)
	im.ninv(&w, &sM)               // s^-1·R
	montMul(im, &u1, &e, &w, &fn)  // e·s^-1 (plain)
	montMul(im, &u2, &re, &w, &fn) // r·s^-1 (plain)

	var sum jacPoint
	im.doubleScalarVartime(&sum, &u1, &u2, &q.a)
	if isZero(&sum.z) == 1 {
		return false
	}
	// x(R) = X/Z²; accept if X = r'·Z² for r' = r or r + n (when < p).
	var rp, t, z2 elem
	im.fsqr(&z2, &sum.z)
	toMont(im, &rp, &re, &fp)
	im.fmul(&t, &rp, &z2)
	if equal(&t, &sum.x) == 1 {
		return true
	}
	var rn elem
	var c uint64
	rn, c = addPlain(&re, &fn.m)
	if c != 0 || lessThan(&rn, &fp.m) != 1 {
		return false
	}
	toMont(im, &rp, &rn, &fp)
	im.fmul(&t, &rp, &z2)
	return equal(&t, &sum.x) == 1
}

// ReduceDigest writes bits2int(digest) mod n into out (ScalarSize bytes),
// the bits2octets of RFC 6979 2.3.4.
func ReduceDigest(out []byte, digest []byte) {
	var e elem
	hashToScalar(&e, digest)
	elemBytes(out, &e)
}

// MontMulForTest sets out = x·y·2^-(8·ScalarSize) mod p (mod n if modN) and
// out2 = x²·2^-(8·ScalarSize), for big-endian x, y below the modulus, with
// im's multiplication and squaring; it reports false if x or y is out of
// range. It exists for the differential fuzz targets in fuzz/.
func (im Impl) MontMulForTest(x, y []byte, modN bool) (out, out2 []byte, ok bool) {
	md := &fp
	if modN {
		md = &fn
	}
	if len(x) != byteLen || len(y) != byteLen {
		return nil, nil, false
	}
	var xe, ye, z, s elem
	elemSetBytes(&xe, x)
	elemSetBytes(&ye, y)
	if lessThan(&xe, &md.m)&lessThan(&ye, &md.m) != 1 {
		return nil, nil, false
	}
	montMul(im, &z, &xe, &ye, md)
	montSqr(im, &s, &xe, md)
	out, out2 = make([]byte, byteLen), make([]byte, byteLen)
	elemBytes(out, &z)
	elemBytes(out2, &s)
	return out, out2, true
}

// FieldOpsForTest returns x + y, x - y and x^-1 (0 for 0) mod p, or mod n
// if modN, as big-endian bytes: the modular addition and subtraction (Go,
// shared by every implementation) and im's constant-time inversion (of a
// Montgomery form, converted in and out with im's multiplication), for
// package fuzz to compare with math/big.
// ok is false unless x, y < the modulus and both have the field's length.
func (im Impl) FieldOpsForTest(x, y []byte, modN bool) (sum, diff, inv []byte, ok bool) {
	md := &fp
	if modN {
		md = &fn
	}
	if len(x) != byteLen || len(y) != byteLen {
		return nil, nil, nil, false
	}
	var xe, ye, z elem
	elemSetBytes(&xe, x)
	elemSetBytes(&ye, y)
	if lessThan(&xe, &md.m)&lessThan(&ye, &md.m) != 1 {
		return nil, nil, nil, false
	}
	sum, diff, inv = make([]byte, byteLen), make([]byte, byteLen), make([]byte, byteLen)
	addMod(&z, &xe, &ye, &md.m)
	elemBytes(sum, &z)
	subMod(&z, &xe, &ye, &md.m)
	elemBytes(diff, &z)
	toMont(im, &z, &xe, md)
	if modN {
		im.ninv(&z, &z)
	} else {
		im.finv(&z, &z)
	}
	fromMont(im, &z, &z, md)
	elemBytes(inv, &z)
	return sum, diff, inv, true
}
