package p256

import (
	"bytes"
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"math/big"
	mrand "math/rand/v2"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cryptotest"
)

// Keep in sync with params.go: the curve of this package in the stdlib.
var (
	stdECDH  = ecdh.P256()
	stdCurve = elliptic.P256()
	hashNew  = sha256.New
	_        = sha512.New
	_        = sha256.New
)

func bigOf(e *elem) *big.Int {
	var b [byteLen]byte
	elemBytes(b[:], e)
	return new(big.Int).SetBytes(b[:])
}

// edgeElems returns values near 0, the modulus and limb boundaries, all < m.
func edgeElems(m *elem) []elem {
	mb := bigOf(m)
	var out []elem
	for _, v := range []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2),
		new(big.Int).Sub(mb, big.NewInt(1)), new(big.Int).Sub(mb, big.NewInt(2)),
		new(big.Int).Rsh(mb, 1), new(big.Int).Lsh(big.NewInt(1), 64), new(big.Int).Lsh(big.NewInt(1), 128),
		new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 192), big.NewInt(1))} {
		out = append(out, elemFromBig(v))
	}
	return out
}

func randElem(r *mrand.Rand, m *elem) elem {
	var e elem
	for {
		for i := range e {
			e[i] = r.Uint64()
		}
		switch r.IntN(4) {
		case 0:
			e[r.IntN(limbs)] = ^uint64(0)
		case 1:
			e[r.IntN(limbs)] = 0
		}
		if lessThan(&e, m) == 1 {
			return e
		}
	}
}

func TestMontMul(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(1, 2))
		for _, md := range []*modulus{&fp, &fn} {
			mb := bigOf(&md.m)
			rinv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), 64*limbs), mb)
			vals := edgeElems(&md.m)
			for range 2000 {
				vals = append(vals, randElem(r, &md.m))
			}
			for i, x := range vals {
				y := vals[(i*7+3)%len(vals)]
				want := new(big.Int).Mul(bigOf(&x), bigOf(&y))
				want.Mul(want, rinv).Mod(want, mb)
				var z, s elem
				montMul(im, &z, &x, &y, md)
				if bigOf(&z).Cmp(want) != 0 {
					t.Fatalf("montMul(%x, %x) = %x, want %x", bigOf(&x), bigOf(&y), bigOf(&z), want)
				}
				var g elem
				montMulGeneric(&g, &x, &y, &md.m, md.m0inv)
				if g != z {
					t.Fatalf("generic and %v differ", im)
				}
				want.Mul(bigOf(&x), bigOf(&x))
				want.Mul(want, rinv).Mod(want, mb)
				montSqr(im, &s, &x, md)
				if bigOf(&s).Cmp(want) != 0 {
					t.Fatalf("montSqr(%x) = %x, want %x", bigOf(&x), bigOf(&s), want)
				}
				// aliasing
				z = x
				montMul(im, &z, &z, &y, md)
				s = x
				montSqr(im, &s, &s, md)
				want.Mul(bigOf(&x), bigOf(&y))
				want.Mul(want, rinv).Mod(want, mb)
				if bigOf(&z).Cmp(want) != 0 {
					t.Fatal("aliased montMul")
				}
				// add, sub
				var a elem
				addMod(&a, &x, &y, &md.m)
				if w := new(big.Int).Add(bigOf(&x), bigOf(&y)); bigOf(&a).Cmp(w.Mod(w, mb)) != 0 {
					t.Fatal("addMod")
				}
				subMod(&a, &x, &y, &md.m)
				if w := new(big.Int).Sub(bigOf(&x), bigOf(&y)); bigOf(&a).Cmp(w.Mod(w, mb)) != 0 {
					t.Fatal("subMod")
				}
			}
			// inversion
			for _, x := range vals[:50] {
				if isZero(&x) == 1 {
					continue
				}
				var xm, inv, one elem
				toMont(im, &xm, &x, md)
				expMod(im, &inv, &xm, &md.mm2, md)
				montMul(im, &one, &inv, &xm, md)
				if one != md.one {
					t.Fatal("inverse")
				}
				if md == &fn {
					im.ninv(&inv, &xm)
					montMul(im, &one, &inv, &xm, md)
					if one != md.one {
						t.Fatal("ninv")
					}
				}
				var s1, s2 elem
				montSqrN(im, &s1, &xm, 7, md)
				s2 = xm
				for range 7 {
					montMulGeneric(&s2, &s2, &s2, &md.m, md.m0inv)
				}
				if s1 != s2 {
					t.Fatal("montSqrN")
				}
			}
		}
	})
}

func randScalar(t testing.TB) []byte {
	for {
		k := make([]byte, byteLen)
		rand.Read(k)
		if ScalarValid(k) {
			return k
		}
	}
}

// testScalars returns edge scalars and random ones.
func testScalars(t testing.TB, n int) [][]byte {
	nb := stdCurve.Params().N
	var ks [][]byte
	for _, v := range []*big.Int{big.NewInt(1), big.NewInt(2), big.NewInt(3), big.NewInt(15), big.NewInt(16),
		big.NewInt(17), big.NewInt(31), big.NewInt(32), big.NewInt(33),
		new(big.Int).Sub(nb, big.NewInt(1)), new(big.Int).Sub(nb, big.NewInt(2)),
		new(big.Int).Sub(nb, big.NewInt(16)), new(big.Int).Sub(nb, big.NewInt(33)),
		new(big.Int).Rsh(nb, 1), new(big.Int).Lsh(big.NewInt(1), bitLen-2)} {
		ks = append(ks, v.FillBytes(make([]byte, byteLen)))
	}
	for range n {
		ks = append(ks, randScalar(t))
	}
	return ks
}

func TestScalarBaseMultECDH(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		n := 40
		if testing.Short() {
			n = 5
		}
		ks := testScalars(t, n)
		for i, k := range ks {
			priv, err := stdECDH.NewPrivateKey(k)
			if err != nil {
				t.Fatal(err)
			}
			var pub [ptLen]byte
			im.ScalarBaseMult(&pub, k)
			if !bytes.Equal(pub[:], priv.PublicKey().Bytes()) {
				t.Fatalf("ScalarBaseMult(%x) = %x, want %x", k, pub, priv.PublicKey().Bytes())
			}
			peerPriv, _ := stdECDH.NewPrivateKey(ks[(i+5)%len(ks)])
			var q PublicPoint
			if err := q.SetBytes(peerPriv.PublicKey().Bytes()); err != nil {
				t.Fatal(err)
			}
			var sec [byteLen]byte
			if err := im.ECDH(&sec, k, &q); err != nil {
				t.Fatal(err)
			}
			want, _ := priv.ECDH(peerPriv.PublicKey())
			if !bytes.Equal(sec[:], want) {
				t.Fatalf("ECDH(%x) = %x, want %x", k, sec, want)
			}
		}
	})
}

func TestSignVerify(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		n := 20
		if testing.Short() {
			n = 3
		}
		for range n {
			sk, _ := ecdsa.GenerateKey(stdCurve, rand.Reader)
			d, err := sk.Bytes()
			if err != nil {
				t.Fatal(err)
			}
			pubBytes, _ := sk.PublicKey.Bytes()
			var q PublicPoint
			if err := q.SetBytes(pubBytes); err != nil {
				t.Fatal(err)
			}
			h := hashNew()
			h.Write([]byte("hello"))
			digest := h.Sum(nil)
			var sig [2 * byteLen]byte
			if !im.Sign(&sig, d, randScalar(t), digest) {
				t.Fatal("sign failed")
			}
			r := new(big.Int).SetBytes(sig[:byteLen])
			s := new(big.Int).SetBytes(sig[byteLen:])
			if !ecdsa.Verify(&sk.PublicKey, digest, r, s) {
				t.Fatal("crypto/ecdsa rejects our signature")
			}
			if !im.Verify(&q, digest, sig[:byteLen], sig[byteLen:]) {
				t.Fatal("we reject our signature")
			}
			r2, s2, _ := ecdsa.Sign(rand.Reader, sk, digest)
			if !im.Verify(&q, digest, r2.FillBytes(make([]byte, byteLen)), s2.FillBytes(make([]byte, byteLen))) {
				t.Fatal("we reject crypto/ecdsa's signature")
			}
			digest[0] ^= 1
			if im.Verify(&q, digest, sig[:byteLen], sig[byteLen:]) {
				t.Fatal("we accept a wrong digest")
			}
		}
	})
}

func TestBadPoints(t *testing.T) {
	var q PublicPoint
	good, _ := stdECDH.NewPrivateKey(randScalar(t))
	gb := good.PublicKey().Bytes()
	bad := [][]byte{nil, {0}, gb[:ptLen-1], append(append([]byte{}, gb...), 0)}
	b := append([]byte{}, gb...)
	b[0] = 2
	bad = append(bad, b)
	b = append([]byte{}, gb...)
	b[ptLen-1] ^= 1
	bad = append(bad, b)
	// x = p
	b = append([]byte{}, gb...)
	elemBytes(b[1:], &fp.m)
	bad = append(bad, b)
	// y + p
	var y elem
	elemSetBytes(&y, gb[1+byteLen:])
	if yp, c := addPlain(&y, &fp.m); c == 0 {
		b = append([]byte{}, gb...)
		elemBytes(b[1+byteLen:], &yp)
		bad = append(bad, b)
	}
	bad = append(bad, make([]byte, ptLen))
	for _, b := range bad {
		if q.SetBytes(b) == nil {
			t.Errorf("SetBytes(%x) accepted", b)
		}
	}
}

func TestRecode(t *testing.T) {
	r := mrand.New(mrand.NewPCG(3, 4))
	for range 1000 {
		k := randElem(r, &fn.m)
		for _, w := range []uint{varW, baseW} {
			d := make([]int64, (bitLen+1+w)/w)
			recode(d, &k, w)
			var nd [bitLen + 1]int8
			wnaf(nd[:], &k, w)
			ns := new(big.Int)
			for i := len(nd) - 1; i >= 0; i-- {
				ns.Lsh(ns, 1).Add(ns, big.NewInt(int64(nd[i])))
			}
			if ns.Cmp(bigOf(&k)) != 0 {
				t.Fatal("wnaf")
			}
			sum := new(big.Int)
			for i := len(d) - 1; i >= 0; i-- {
				if d[i] < -(1<<(w-1)) || d[i] >= 1<<(w-1) {
					t.Fatal("digit out of range")
				}
				sum.Lsh(sum, w).Add(sum, big.NewInt(d[i]))
			}
			if sum.Cmp(bigOf(&k)) != 0 {
				t.Fatal("recode")
			}
		}
	}
}

// randJac returns a random multiple of G with a random Z.
func randJac(r *mrand.Rand) jacPoint {
	k := randElem(r, &fn.m)
	var p point
	implGeneric.scalarBaseMult(&p, &k)
	var a affinePoint
	implGeneric.toAffine(&a, &p)
	z := randElem(r, &fp.m)
	var z2, z3 elem
	implGeneric.fsqr(&z2, &z)
	implGeneric.fmul(&z3, &z2, &z)
	var j jacPoint
	implGeneric.fmul(&j.x, &a.x, &z2)
	implGeneric.fmul(&j.y, &a.y, &z3)
	j.z = z
	return j
}

// TestPointOps checks each implementation's Jacobian doubling and addition
// against the Go reference, limb for limb (the results are fully reduced,
// so equal points have equal limbs for equal formulas).
func TestPointOps(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(7, 8))
		n := 200
		if testing.Short() {
			n = 20
		}
		for range n {
			p, q := randJac(r), randJac(r)
			var got, want jacPoint
			im.jdouble(&got, &p)
			implGeneric.jdoubleGeneric(&want, &p)
			if got != want {
				t.Fatal("jdouble differs from jdoubleGeneric")
			}
			im.jdoubleN(&got, &p, 5)
			want = p
			for range 5 {
				implGeneric.jdoubleGeneric(&want, &want)
			}
			if got != want {
				t.Fatal("jdoubleN differs from jdoubleGeneric")
			}
			im.jadd(&got, &p, &q)
			implGeneric.jaddGeneric(&want, &p, &q)
			if got != want {
				t.Fatal("jadd differs from jaddGeneric")
			}
			// aliasing
			got = p
			im.jadd(&got, &got, &q)
			if got != want {
				t.Fatal("aliased jadd")
			}
			// p + (-p) is the identity, 2p by addition is not used.
			np := p
			fsub(&np.y, &elemZero, &np.y)
			im.jadd(&got, &p, &np)
			if isZero(&got.z) != 1 {
				t.Fatal("p + -p is not the identity")
			}
			// identity doubles to the identity
			inf := jacPoint{x: fp.one, y: fp.one}
			im.jdouble(&got, &inf)
			if isZero(&got.z) != 1 {
				t.Fatal("2·identity")
			}
			// complete addition handles p = q and identities
			var c, d jacPoint
			im.jaddComplete(&c, &p, &p)
			im.jdouble(&d, &p)
			if im.jsame(&c, &d) != 1 {
				t.Fatal("jaddComplete(p, p)")
			}
			im.jaddComplete(&c, &inf, &p)
			if c != p {
				t.Fatal("jaddComplete(identity, p)")
			}
			im.jaddComplete(&c, &p, &inf)
			if c != p {
				t.Fatal("jaddComplete(p, identity)")
			}
		}
	})
}

func TestSelectAndAddAffine(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(11, 12))
		var atab [baseTable]affinePoint
		var jtab [varTable]jacPoint
		for i := range atab {
			atab[i] = affinePoint{randElem(r, &fp.m), randElem(r, &fp.m)}
		}
		for i := range jtab {
			jtab[i] = randJac(r)
		}
		for idx := uint64(0); idx <= baseTable; idx++ {
			var got, want affinePoint
			im.selectAffine(&got, &atab, idx)
			selectAffineGeneric(&want, &atab, idx)
			if got != want {
				t.Fatalf("selectAffine(%d)", idx)
			}
		}
		for idx := uint64(0); idx <= varTable; idx++ {
			for _, d := range []int64{int64(idx), -int64(idx)} {
				var got, want jacPoint
				im.jacSelect(&got, &jtab, d)
				implGeneric.jacSelect(&want, &jtab, d)
				if got != want {
					t.Fatalf("jacSelect(%d)", d)
				}
			}
		}
		for range 50 {
			j := randJac(r)
			p := point(j) // any projective point
			var a affinePoint
			jj := randJac(r)
			implGeneric.jacToAffine(&a, &jj)
			var got, want point
			im.addAffine(&got, &p, &a)
			implGeneric.addAffineGeneric(&want, &p, &a)
			if got != want {
				t.Fatal("addAffine differs from addAffineGeneric")
			}
			got = p
			im.addAffine(&got, &got, &a)
			if got != want {
				t.Fatal("aliased addAffine")
			}
			var jg, jw jacPoint
			im.jaddAffine(&jg, &j, &a)
			implGeneric.jaddAffineGeneric(&jw, &j, &a)
			if jg != jw {
				t.Fatal("jaddAffine differs from jaddAffineGeneric")
			}
			jg = j
			im.jaddAffine(&jg, &jg, &a)
			if jg != jw {
				t.Fatal("aliased jaddAffine")
			}

		}
	})
}

func TestFieldInverse(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(13, 14))
		vals := append(edgeElems(&fp.m), randElem(r, &fp.m), randElem(r, &fp.m))
		for _, x := range vals {
			var inv, prod elem
			im.finv(&inv, &x)
			if isZero(&x) == 1 {
				if isZero(&inv) != 1 {
					t.Fatal("finv(0) != 0")
				}
				continue
			}
			im.fmul(&prod, &inv, &x)
			if prod != fp.one {
				t.Fatalf("finv(%x) wrong", x)
			}
		}
	})
}

// FuzzMontMul checks Montgomery multiplication and squaring mod p and n of
// every available implementation against math/big.
func FuzzMontMul(f *testing.F) {
	f.Add(make([]byte, 2*byteLen))
	f.Add(bytes.Repeat([]byte{0xff}, 2*byteLen))
	var ims []Impl
	for _, d := range dispatch.List(algName) {
		if d.Available && dispatch.Select(algName, d.Name) == nil {
			ims = append(ims, Chosen())
		}
	}
	dispatch.Reset(algName)
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) < 2*byteLen {
			return
		}
		for _, md := range []*modulus{&fp, &fn} {
			mb := bigOf(&md.m)
			xb := new(big.Int).Mod(new(big.Int).SetBytes(b[:byteLen]), mb)
			yb := new(big.Int).Mod(new(big.Int).SetBytes(b[byteLen:2*byteLen]), mb)
			x, y := elemFromBig(xb), elemFromBig(yb)
			rinv := new(big.Int).ModInverse(new(big.Int).Lsh(big.NewInt(1), 64*limbs), mb)
			want := new(big.Int).Mul(xb, yb)
			want.Mul(want, rinv).Mod(want, mb)
			wantSq := new(big.Int).Mul(xb, xb)
			wantSq.Mul(wantSq, rinv).Mod(wantSq, mb)
			for _, im := range ims {
				var z, s elem
				montMul(im, &z, &x, &y, md)
				montSqr(im, &s, &x, md)
				if bigOf(&z).Cmp(want) != 0 || bigOf(&s).Cmp(wantSq) != 0 {
					t.Fatalf("%v: montMul/montSqr(%x, %x) wrong", im, xb, yb)
				}
			}
		}
	})
}

// TestBaseMultFallback compares the Jacobian fixed-base multiplication with
// the complete-formula one it falls back to.
func TestBaseMultFallback(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		for _, kb := range testScalars(t, 10) {
			var k elem
			elemSetBytes(&k, kb)
			var j jacPoint
			var p point
			im.scalarBaseMultJ(&j, &k)
			im.scalarBaseMult(&p, &k)
			var a, b affinePoint
			im.jacToAffine(&a, &j)
			im.toAffine(&b, &p)
			if a != b {
				t.Fatalf("scalarBaseMultJ(%x) != scalarBaseMult", kb)
			}
		}
	})
}

// TestDoubleScalarVartime compares u1·G + u2·q with the constant-time
// multiplications on edge cases: u2·q = ±u1·G (the exceptional additions).
func TestDoubleScalarVartime(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		ks := testScalars(t, 8)
		for i, kb := range ks {
			var u1, u2, c elem
			elemSetBytes(&u1, kb)
			elemSetBytes(&u2, ks[(i+3)%len(ks)])
			elemSetBytes(&c, ks[(i+7)%len(ks)])
			// q = c·G
			var qj jacPoint
			im.scalarBaseMultJ(&qj, &c)
			var q affinePoint
			im.jacToAffine(&q, &qj)
			var want, a, b, got jacPoint
			im.scalarBaseMultJ(&a, &u1)
			im.scalarMult(&b, &q, &u2)
			im.jaddComplete(&want, &a, &b)
			im.doubleScalarVartime(&got, &u1, &u2, &q)
			var wa, ga affinePoint
			if im.jacToAffine(&wa, &want) != im.jacToAffine(&ga, &got) || wa != ga {
				t.Fatalf("doubleScalarVartime(%x, %x) wrong", kb, ks[(i+3)%len(ks)])
			}
			// q = G: u1·G + u2·G with u2 = u1 (doubling) and u2 = n - u1 (identity)
			g := gen
			im.doubleScalarVartime(&got, &u1, &u1, &g)
			var two elem
			addMod(&two, &u1, &u1, &fn.m)
			im.scalarBaseMultJ(&want, &two)
			im.jacToAffine(&wa, &want)
			im.jacToAffine(&ga, &got)
			if wa != ga {
				t.Fatal("u·G + u·G")
			}
			var neg elem
			subMod(&neg, &elemZero, &u1, &fn.m)
			im.doubleScalarVartime(&got, &u1, &neg, &g)
			if isZero(&got.z) != 1 {
				t.Fatal("u·G - u·G is not the identity")
			}
		}
	})
}

// TestBaseStep compares each implementation's fixed-base window step with
// the Go reference on random, identity, zero-digit and exceptional inputs.
func TestBaseStep(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(31, 32))
		for n := range 300 {
			acc := randJac(r)
			var a affinePoint
			j := randJac(r)
			implGeneric.jacToAffine(&a, &j)
			switch n % 5 {
			case 1:
				acc = jacPoint{} // identity
			case 2: // acc = a
				acc = jacPoint{a.x, a.y, fp.one}
			case 3: // acc = -a
				acc = jacPoint{a.x, a.y, fp.one}
				fsub(&acc.y, &elemZero, &acc.y)
			}
			neg, zero := uint64(n/5%2), uint64(n/10%2)
			acc1, acc2 := acc, acc
			a1, a2 := a, a
			b1 := im.baseStep(&acc1, &a1, neg, zero)
			b2 := implGeneric.baseStepGeneric(&acc2, &a2, neg, zero)
			if acc1 != acc2 || b1 != b2 {
				t.Fatalf("case %d: baseStep differs from baseStepGeneric (bad %d, %d)", n, b1, b2)
			}
		}
	})
}

func TestVarStep(t *testing.T) {
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(33, 34))
		for n := range 200 {
			acc, q := randJac(r), randJac(r)
			switch n % 4 {
			case 1:
				acc = jacPoint{} // identity
			case 2:
				q = jacPoint{} // identity (a zero digit)
			case 3:
				acc, q = jacPoint{}, jacPoint{}
			}
			neg := uint64(n / 4 % 2)
			acc1, acc2 := acc, acc
			q1 := q
			im.varStep(&acc1, &q1, neg)
			varStepGeneric(implGeneric, &acc2, &q, neg)
			if acc1 != acc2 {
				t.Fatalf("case %d: varStep differs from varStepGeneric", n)
			}
			if q1 != q {
				t.Fatalf("case %d: varStep modified q", n)
			}
		}
	})
}

func TestBaseStepSel(t *testing.T) {
	baseOnce.Do(buildBaseTables)
	cryptotest.TestAllImplementations(t, algName, func(t *testing.T) {
		im := Chosen()
		r := mrand.New(mrand.NewPCG(35, 36))
		for n := range 300 {
			acc := randJac(r)
			var a affinePoint
			j := randJac(r)
			implGeneric.jacToAffine(&a, &j)
			switch n % 5 {
			case 1:
				acc = jacPoint{} // identity
			case 2: // acc = a
				acc = jacPoint{a.x, a.y, fp.one}
			case 3: // acc = -a
				acc = jacPoint{a.x, a.y, fp.one}
				fsub(&acc.y, &elemZero, &acc.y)
			}
			neg, zero := uint64(n/5%2), uint64(n/10%2)
			next := &baseTables[n%baseTabs]
			abs := uint64(n % (baseTable + 1))
			acc1, acc2 := acc, acc
			a1, a2 := a, a
			b1 := im.baseStepSel(&acc1, &a1, neg, zero, next, abs)
			b2 := implGeneric.baseStepSelGeneric(&acc2, &a2, neg, zero, next, abs)
			if acc1 != acc2 || a1 != a2 || b1 != b2 {
				t.Fatalf("case %d: baseStepSel differs from baseStepSelGeneric (bad %d, %d)", n, b1, b2)
			}
		}
	})
}
