package x25519

import (
	"bytes"
	"crypto/ecdh"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"github.com/c2sp/wycheproof"
	"golang.org/x/crypto/curve25519"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/internal/edwards25519"
	"github.com/tlscore/tlscore/vectors"
)

func h32(s string) *[32]byte { return (*[32]byte)(vectors.MustHex(s)) }

// RFC 7748 section 5.2.
func TestRFC7748Vectors(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		for _, v := range []struct{ k, u, out string }{
			{"a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4",
				"e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c",
				"c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552"},
			{"4b66e9d4d1b4673c5ad22691957d6af5c11b6421e0ea01d42ca4169e7918ba0d",
				"e5210f12786811d3f4b7959d0538ae2c31dbe7106fc03c3efc4cd549c715a493",
				"95cbde9476e8907d7aade45cb4b873f88b595a68799fa152e6f8f7647aac7957"},
		} {
			got, err := X25519(vectors.MustHex(v.k), vectors.MustHex(v.u))
			if err != nil || hex.EncodeToString(got) != v.out {
				t.Errorf("X25519(%s, %s) = %x, %v; want %s", v.k, v.u, got, err, v.out)
			}
		}
	})
}

// long enables the 1,000,000-iteration RFC 7748 vector (TestRFC7748Million):
//
//	go test -run TestRFC7748Million ./kx/x25519/ -long
var long = flag.Bool("long", false, "run the 1,000,000-iteration RFC 7748 vector")

// RFC 7748 section 5.2, iterated to 1,000 on every implementation; the
// 1,000,000-iteration vector is TestRFC7748Million, behind -long.
func TestRFC7748Iterated(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		var k, u [32]byte
		k[0], u[0] = 9, 9
		for i := 1; i <= 1000; i++ {
			var r [32]byte
			if err := ECDH(&r, &k, &u); err != nil {
				t.Fatal(err)
			}
			u, k = k, r
			if i == 1 && hex.EncodeToString(k[:]) != "422c8e7a6227d7bca1350b3e2bb7279f7897b87bb6854b783c60e80311ae3079" {
				t.Fatalf("after 1 iteration: %x", k)
			}
		}
		if hex.EncodeToString(k[:]) != "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51" {
			t.Fatalf("after 1000 iterations: %x", k)
		}
	})
}

// RFC 7748 section 5.2, iterated to 1,000,000, with the implementation
// package dispatch chooses (TLSCORE_CPU selects another); 20-40 s with
// avx512ifma. Only with -long.
func TestRFC7748Million(t *testing.T) {
	if !*long {
		t.Skip("the 1,000,000-iteration vector runs only with -long")
	}
	t.Logf("implementation %s", dispatch.Chosen(alg))
	var k, u [32]byte
	k[0], u[0] = 9, 9
	for i := 1; i <= 1000000; i++ {
		var r [32]byte
		if err := ECDH(&r, &k, &u); err != nil {
			t.Fatal(err)
		}
		u, k = k, r
		if i == 1000 && hex.EncodeToString(k[:]) != "684cf59ba83309552800ef566f2f4d3c1c3887c49360e3875f2eb94d99532c51" {
			t.Fatalf("after 1000 iterations: %x", k)
		}
	}
	if hex.EncodeToString(k[:]) != "7c3911e0ab2586fd864497297e575e6f3bc601c0883c30df5f4dd2d24f665424" {
		t.Fatalf("after 1,000,000 iterations: %x", k)
	}
}

// RFC 7748 section 6.1.
func TestRFC7748DH(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		a := vectors.MustHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")
		b := vectors.MustHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")
		wantA := "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
		wantB := "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f"
		wantK := "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742"
		pa, _ := ScalarBaseMult(a)
		pb, _ := ScalarBaseMult(b)
		if hex.EncodeToString(pa) != wantA || hex.EncodeToString(pb) != wantB {
			t.Fatalf("public keys %x %x", pa, pb)
		}
		nine := make([]byte, 32)
		nine[0] = 9
		if l, _ := X25519(a, nine); !bytes.Equal(l, pa) {
			t.Fatalf("ladder public key %x", l)
		}
		k1, err1 := X25519(a, pb)
		k2, err2 := X25519(b, pa)
		if err1 != nil || err2 != nil || hex.EncodeToString(k1) != wantK || hex.EncodeToString(k2) != wantK {
			t.Fatalf("shared secrets %x %v, %x %v", k1, err1, k2, err2)
		}
		ka, _ := NewPrivateKey(a)
		kb, _ := NewPrivateKey(b)
		s, err := ka.SharedSecret(kb.PublicKey())
		if err != nil || hex.EncodeToString(s) != wantK {
			t.Fatalf("SharedSecret = %x, %v", s, err)
		}
	})
}

func TestWycheproof(t *testing.T) {
	var f vectors.Wycheproof[vectors.XDHGroup]
	if err := vectors.LoadWycheproof(wycheproof.TestVectors, "x25519_test.json", &f); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range f.TestGroups {
		n += len(g.Tests)
	}
	if n != 518 || n != f.NumberOfTests {
		t.Fatalf("loaded %d cases, file says %d, want 518", n, f.NumberOfTests)
	}
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		ran := 0
		defer func() {
			if ran != 518 {
				t.Errorf("ran %d cases, want 518", ran)
			}
		}()
		for _, g := range f.TestGroups {
			for _, c := range g.Tests {
				ran++
				got, err := X25519(c.Private, c.Public)
				// crypto/ecdh's verdict: every case computes, and only an
				// all-zero result (low-order point) is an error.
				zero := bytes.Equal(c.Shared, make([]byte, 32))
				switch {
				case c.Invalid():
					t.Errorf("%v: no invalid X25519 cases expected", c)
				case zero:
					if err == nil {
						t.Errorf("%v: got %x, want an error", c, got)
					}
				case err != nil || !bytes.Equal(got, c.Shared):
					t.Errorf("%v: got %x, %v; want %x", c, got, err, []byte(c.Shared))
				}
			}
		}
	})
}

var p = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))

// le32 encodes x mod 2^256 little-endian.
func le32(x *big.Int) [32]byte {
	var b [32]byte
	m := new(big.Int).Mod(x, new(big.Int).Lsh(big.NewInt(1), 256))
	m.FillBytes(b[:])
	for i := 0; i < 16; i++ {
		b[i], b[31-i] = b[31-i], b[i]
	}
	return b
}

// edgePoints are u-coordinates that reach unusual paths: 0, 1, p-1, p,
// p+1, 2^255-1 (non-canonical), high bit set, all ones, small orders.
func edgePoints() [][32]byte {
	var pts [][32]byte
	for _, d := range []int64{0, 1, 2, 9, -1, -2} {
		pts = append(pts, le32(big.NewInt(d)))                      // d mod 2^256
		pts = append(pts, le32(new(big.Int).Add(p, big.NewInt(d)))) // p + d
	}
	var ones [32]byte
	for i := range ones {
		ones[i] = 0xff
	}
	pts = append(pts, ones)
	hi := le32(big.NewInt(9))
	hi[31] |= 0x80
	pts = append(pts, hi)
	for _, s := range []string{
		"e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800", // order 8
		"5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157", // order 8
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // p-1, order 2
	} {
		pts = append(pts, *h32(s))
	}
	return pts
}

func ecdhRef(t *testing.T, k, u *[32]byte) ([]byte, error) {
	priv, err := ecdh.X25519().NewPrivateKey(k[:])
	if err != nil {
		t.Fatal(err)
	}
	pub, err := ecdh.X25519().NewPublicKey(u[:])
	if err != nil {
		t.Fatal(err)
	}
	return priv.ECDH(pub)
}

func checkAgainstRef(t *testing.T, k, u *[32]byte) {
	t.Helper()
	want, wantErr := ecdhRef(t, k, u)
	got, err := X25519(k[:], u[:])
	if (err != nil) != (wantErr != nil) || !bytes.Equal(got, want) {
		t.Fatalf("X25519(%x, %x) = %x, %v; crypto/ecdh %x, %v", *k, *u, got, err, want, wantErr)
	}
	xc, xerr := curve25519.X25519(k[:], u[:])
	if (xerr != nil) != (err != nil) || (err == nil && !bytes.Equal(xc, got)) {
		t.Fatalf("X25519(%x, %x) = %x, %v; x/crypto %x, %v", *k, *u, got, err, xc, xerr)
	}
	var dst [32]byte
	gotErr := ECDH(&dst, k, u)
	if (gotErr != nil) != (err != nil) || (err == nil && !bytes.Equal(dst[:], got)) {
		t.Fatalf("ECDH disagrees with X25519")
	}
}

func TestDifferential(t *testing.T) {
	n := 300
	if testing.Short() {
		n = 30
	}
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		r := rand.New(rand.NewPCG(1, 2))
		var k, u [32]byte
		var ones, top [32]byte
		for i := range ones {
			ones[i] = 0xff
		}
		top[31] = 0x40 // the smallest clamped scalar, 2^254
		for _, e := range edgePoints() {
			for _, s := range [][32]byte{{}, ones, top, {0xff, 0x07}} {
				checkAgainstRef(t, &s, &e)
			}
			for range 3 {
				fill(r, k[:])
				checkAgainstRef(t, &k, &e)
			}
		}
		for i := range n {
			fill(r, k[:])
			fill(r, u[:])
			switch i % 4 {
			case 1: // u >= p, non-canonical
				for j := 1; j < 31; j++ {
					u[j] = 0xff
				}
				u[31] = 0x7f
				u[0] |= 0xed
			case 2: // top limbs all ones
				for j := 8; j < 32; j++ {
					u[j] = 0xff
				}
			}
			checkAgainstRef(t, &k, &u)
			// Generic agrees bit for bit.
			var g, d [32]byte
			x25519Generic(&g, &k, &u)
			current().x25519(&d, &k, &u)
			if g != d {
				t.Fatalf("raw output %x, generic %x", d, g)
			}
		}
	})
}

func fill(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.Uint32())
	}
}

func TestScalarBaseMult(t *testing.T) {
	n := 200
	if testing.Short() {
		n = 20
	}
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		r := rand.New(rand.NewPCG(3, 4))
		var nine [32]byte
		nine[0] = 9
		scalars := [][32]byte{{}, {0xff, 0xff}}
		var ones [32]byte
		for i := range ones {
			ones[i] = 0xff
		}
		scalars = append(scalars, ones)
		for range n {
			var k [32]byte
			fill(r, k[:])
			scalars = append(scalars, k)
		}
		for _, k := range scalars {
			got, err := ScalarBaseMult(k[:])
			if err != nil {
				t.Fatal(err)
			}
			want, err := ecdhRef(t, &k, &nine)
			if err != nil || !bytes.Equal(got, want) {
				t.Fatalf("ScalarBaseMult(%x) = %x, crypto/ecdh %x", k, got, want)
			}
			lad, err := X25519(k[:], nine[:])
			if err != nil || !bytes.Equal(got, lad) {
				t.Fatalf("ScalarBaseMult(%x) = %x, ladder %x", k, got, lad)
			}
			var g [32]byte
			baseGeneric(&g, &k)
			if !bytes.Equal(got, g[:]) {
				t.Fatalf("ScalarBaseMult(%x) = %x, generic %x", k, got, g)
			}
		}
	})
}

func TestBatch(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		r := rand.New(rand.NewPCG(5, 6))
		for _, n := range []int{0, 1, 7, 8, 9, 17, 65} {
			scalars := make([][32]byte, n)
			points := make([][32]byte, n)
			for i := range scalars {
				fill(r, scalars[i][:])
				fill(r, points[i][:])
			}
			bad := map[int]bool{}
			if n > 3 {
				points[3] = [32]byte{} // u = 0: low order
				points[n-1] = *h32("e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800")
				bad[3], bad[n-1] = true, true
			}
			dst := make([][32]byte, n)
			err := X25519Batch(dst, scalars, points)
			var lo *LowOrderError
			if len(bad) > 0 {
				if !errors.As(err, &lo) || len(lo.Lanes) != 2 || lo.Lanes[0] != 3 || lo.Lanes[1] != n-1 {
					t.Fatalf("n=%d: error %v", n, err)
				}
			} else if err != nil {
				t.Fatalf("n=%d: error %v", n, err)
			}
			for i := range dst {
				want, werr := ecdhRef(t, &scalars[i], &points[i])
				if werr != nil {
					want = make([]byte, 32)
				}
				if !bytes.Equal(dst[i][:], want) {
					t.Fatalf("n=%d lane %d: %x, want %x", n, i, dst[i], want)
				}
			}
			// In place: dst aliases points.
			cp := append([][32]byte(nil), points...)
			X25519Batch(cp, scalars, cp)
			for i := range cp {
				if cp[i] != dst[i] {
					t.Fatalf("n=%d lane %d: in-place result differs", n, i)
				}
			}
		}
	})
}

func TestAliasing(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		k := *h32("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")
		u := *h32("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
		var want [32]byte
		ECDH(&want, &k, &u)
		a, b := k, u
		ECDH(&a, &a, &b)
		c, d := k, u
		ECDH(&d, &c, &d)
		if a != want || d != want {
			t.Fatal("aliased ECDH differs")
		}
		var wb [32]byte
		ScalarBaseMultTo(&wb, &k)
		e := k
		ScalarBaseMultTo(&e, &e)
		if e != wb {
			t.Fatal("aliased ScalarBaseMultTo differs")
		}
	})
}

func TestAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		k := *h32("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")
		u := *h32("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c")
		var dst [32]byte
		ScalarBaseMultTo(&dst, &k) // build the table outside the count
		if n := testing.AllocsPerRun(5, func() { ECDH(&dst, &k, &u) }); n != 0 {
			t.Errorf("ECDH: %v allocations", n)
		}
		if n := testing.AllocsPerRun(5, func() { ScalarBaseMultTo(&dst, &k) }); n != 0 {
			t.Errorf("ScalarBaseMultTo: %v allocations", n)
		}
		d, s, pp := make([][32]byte, 9), make([][32]byte, 9), make([][32]byte, 9)
		for i := range pp {
			pp[i] = u
			s[i] = k
		}
		if n := testing.AllocsPerRun(5, func() { X25519Batch(d, s, pp) }); n != 0 {
			t.Errorf("X25519Batch: %v allocations", n)
		}
	})
}

func TestECDHBridge(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	var seed [32]byte
	fill(r, seed[:])
	ek, err := ecdh.X25519().NewPrivateKey(seed[:])
	if err != nil {
		t.Fatal(err)
	}
	k, err := PrivateKeyFromECDH(ek)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(k.PublicKey().Bytes(), ek.PublicKey().Bytes()) {
		t.Fatal("public keys differ")
	}
	back, err := k.ToECDH()
	if err != nil || !back.Equal(ek) {
		t.Fatal("round trip of the private key failed")
	}
	peer, _ := ecdh.X25519().GenerateKey(nil)
	pp, err := PublicKeyFromECDH(peer.PublicKey())
	if err != nil {
		t.Fatal(err)
	}
	pub, err := pp.ToECDH()
	if err != nil || !pub.Equal(peer.PublicKey()) {
		t.Fatal("round trip of the public key failed")
	}
	s1, err1 := k.SharedSecret(pp)
	s2, err2 := ek.ECDH(peer.PublicKey())
	if err1 != nil || err2 != nil || !bytes.Equal(s1, s2) {
		t.Fatal("shared secrets differ")
	}
	p256, _ := ecdh.P256().GenerateKey(nil)
	if _, err := PrivateKeyFromECDH(p256); err == nil {
		t.Error("P-256 private key accepted")
	}
	if _, err := PublicKeyFromECDH(p256.PublicKey()); err == nil {
		t.Error("P-256 public key accepted")
	}
	gk, err := GenerateKey(r2{r})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := gk.SharedSecret(&PublicKey{}); err == nil {
		t.Error("u = 0 accepted")
	}
	if k, err := GenerateKey(nil); err != nil || len(k.Bytes()) != 32 {
		t.Error("GenerateKey(nil) failed")
	}
	if _, err := NewPrivateKey(make([]byte, 31)); err == nil {
		t.Error("short private key accepted")
	}
	if _, err := NewPublicKey(make([]byte, 33)); err == nil {
		t.Error("long public key accepted")
	}
}

type r2 struct{ r *rand.Rand }

func (r r2) Read(b []byte) (int, error) { fill(r.r, b); return len(b), nil }

// TestBadLengths checks that wrong-length scalars and points, which may
// come from a peer's key_share, are errors and never panics.
func TestBadLengths(t *testing.T) {
	for _, n := range []int{0, 1, 31, 33, 64, 1 << 16} {
		good, bad := make([]byte, 32), make([]byte, n)
		good[0] = 9
		for name, f := range map[string]func() ([]byte, error){
			"X25519 scalar":  func() ([]byte, error) { return X25519(bad, good) },
			"X25519 point":   func() ([]byte, error) { return X25519(good, bad) },
			"ScalarBaseMult": func() ([]byte, error) { return ScalarBaseMult(bad) },
		} {
			if out, err := f(); err == nil || out != nil {
				t.Errorf("%s of length %d: got %x, %v; want an error", name, n, out, err)
			}
		}
		if _, err := NewPublicKey(bad); err == nil {
			t.Errorf("NewPublicKey of length %d: no error", n)
		}
		if _, err := NewPrivateKey(bad); err == nil {
			t.Errorf("NewPrivateKey of length %d: no error", n)
		}
	}
}

func TestPanics(t *testing.T) {
	for name, f := range map[string]func(){
		"batch": func() { X25519Batch(make([][32]byte, 2), make([][32]byte, 2), nil) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic", name)
				}
			}()
			f()
		}()
	}
}

// feBig returns the value of a generic field element.
func feBig(v *fe) *big.Int {
	x := new(big.Int)
	for i := 4; i >= 0; i-- {
		x.Lsh(x, 51)
		x.Add(x, new(big.Int).SetUint64(v[i]))
	}
	return x
}

func TestFieldGeneric(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	rnd := func() fe {
		var v fe
		for i := range v {
			// Loosely reduced limbs up to 2^52, including the extremes.
			switch r.IntN(4) {
			case 0:
				v[i] = 1<<52 - 1
			case 1:
				v[i] = 0
			default:
				v[i] = r.Uint64() >> 12
			}
		}
		return v
	}
	mod := func(x *big.Int) *big.Int { return x.Mod(x, p) }
	for range 2000 {
		a, b := rnd(), rnd()
		A, B := feBig(&a), feBig(&b)
		var v fe
		edwards25519.FeMul(&v, &a, &b)
		check(t, "mul", &v, mod(new(big.Int).Mul(A, B)))
		edwards25519.FeSquare(&v, &a)
		check(t, "square", &v, mod(new(big.Int).Mul(A, A)))
		edwards25519.FeAdd(&v, &a, &b)
		check(t, "add", &v, mod(new(big.Int).Add(A, B)))
		edwards25519.FeSub(&v, &a, &b)
		check(t, "sub", &v, mod(new(big.Int).Sub(A, B)))
		edwards25519.FeMul121665(&v, &a)
		check(t, "mul121665", &v, mod(new(big.Int).Mul(A, big.NewInt(121665))))
	}
	for range 20 {
		a := rnd()
		var v fe
		feInvert(&v, &a)
		want := new(big.Int).ModInverse(mod(feBig(&a)), p)
		if want == nil {
			want = new(big.Int)
		}
		check(t, "invert", &v, want)
	}
}

func check(t *testing.T, op string, v *fe, want *big.Int) {
	t.Helper()
	for i, l := range v {
		if l >= 1<<52 {
			t.Fatalf("%s: limb %d = %#x not loosely reduced", op, i, l)
		}
	}
	var b [32]byte
	edwards25519.FeToBytes(&b, v)
	if w := le32(want); b != w {
		t.Fatalf("%s: got %x, want %x", op, b, w)
	}
}

// TestDispatchChoice checks which implementation the automatic choice
// picks for this CPU's (unmasked) features.
func TestDispatchChoice(t *testing.T) {
	want := "generic"
	for _, im := range dispatch.List(alg) {
		if im.Available {
			want = im.Name
			break
		}
	}
	if got := dispatch.Auto(alg); got != want {
		t.Errorf("automatic choice %q, want the first available %q", got, want)
	}
	switch {
	case cpu.X86HasAVX512F && cpu.X86HasAVX512IFMA && cpu.X86HasAVX512VL && !purego:
		want = "avx512ifma"
	case cpu.X86HasBMI2 && cpu.X86HasADX && !purego:
		want = "adx"
	case runtime.GOARCH == "arm64" && !purego:
		want = "arm64"
	default:
		want = "generic"
	}
	if got := dispatch.Auto(alg); got != want {
		t.Errorf("automatic choice %q, want %q for this CPU", got, want)
	}
}

// TestSelectWhileComputing switches implementations while other goroutines
// compute shared secrets (run it with -race): every result must be right
// whichever implementation a call picked up, and the switch must follow
// Select and Reset (current() reads what the registry (internal/impl.OnChange) stored). Each
// switch waits until the workers have finished more calls, so that calls
// do run between and across the switches.
func TestSelectWhileComputing(t *testing.T) {
	var names []string
	for _, im := range dispatch.List(alg) {
		if im.Available {
			names = append(names, im.Name)
		}
	}
	defer dispatch.Reset(alg)
	k := make([]byte, Size)
	for i := range k {
		k[i] = byte(i + 1)
	}
	u := make([]byte, Size)
	u[0] = 9
	want, err := X25519(k, u)
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int64
	done := make(chan struct{})
	errc := make(chan error, 2)
	for range 2 {
		go func() {
			for {
				select {
				case <-done:
					errc <- nil
					return
				default:
				}
				got, err := X25519(k, u)
				if err != nil || !bytes.Equal(got, want) {
					errc <- fmt.Errorf("X25519 = %x, %v; want %x", got, err, want)
					return
				}
				calls.Add(1)
			}
		}()
	}
	waitCalls := func() {
		start := calls.Load()
		deadline := time.Now().Add(10 * time.Second)
		for calls.Load() < start+4 {
			if time.Now().After(deadline) {
				t.Fatal("the workers stopped making progress")
			}
			runtime.Gosched()
		}
	}
	for i := range 20 {
		waitCalls()
		name := names[i%len(names)]
		if err := dispatch.Select(alg, name); err != nil {
			t.Fatal(err)
		}
		if got := current(); got != lookup(name) {
			t.Fatalf("after Select(%q), current() is not its implementation", name)
		}
	}
	waitCalls()
	dispatch.Reset(alg)
	if got := current(); got != lookup(dispatch.Auto(alg)) {
		t.Fatal("after Reset, current() is not the automatic choice")
	}
	waitCalls()
	close(done)
	for range 2 {
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	}
	if n := calls.Load(); n < 88 {
		t.Fatalf("only %d calls ran across the switches", n)
	}
}
