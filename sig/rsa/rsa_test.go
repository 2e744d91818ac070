package rsa

import (
	"bytes"
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"math/big"
	mrand "math/rand/v2"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/c2sp/wycheproof"
	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

var testKeySizes = []int{1024, 2048, 2056, 3000, 3072, 4096}

var (
	testKeysOnce sync.Once
	testKeys     map[int]*rsa.PrivateKey
)

// testKey returns the fixed test key of the given size from testdata.
func testKey(t testing.TB, bits int) *rsa.PrivateKey {
	testKeysOnce.Do(func() {
		testKeys = map[int]*rsa.PrivateKey{}
		for _, b := range testKeySizes {
			data, err := os.ReadFile(fmt.Sprintf("testdata/rsa%d.pem", b))
			if err != nil {
				panic(err)
			}
			blk, _ := pem.Decode(data)
			k, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
			if err != nil {
				panic(err)
			}
			testKeys[b] = k
		}
	})
	k := testKeys[bits]
	if k == nil {
		t.Fatalf("no %d-bit test key", bits)
	}
	return k
}

func hashByName(name string) (crypto.Hash, bool) {
	for _, h := range []crypto.Hash{crypto.SHA1, crypto.SHA224, crypto.SHA256, crypto.SHA384, crypto.SHA512,
		crypto.SHA512_224, crypto.SHA512_256, crypto.SHA3_224, crypto.SHA3_256, crypto.SHA3_384, crypto.SHA3_512} {
		if h.String() == name {
			return h, true
		}
	}
	return 0, false
}

func digestOf(h crypto.Hash, msg []byte) []byte {
	hh := h.New()
	hh.Write(msg)
	return hh.Sum(nil)
}

// wpGroup is a parsed Wycheproof group with each case's digest and
// crypto/rsa's verdict.
type wpGroup struct {
	file  string
	pub   *rsa.PublicKey
	hash  crypto.Hash
	pss   bool
	sLen  int
	cases []wpCase
}

type wpCase struct {
	vectors.RSASigCase
	digest []byte
	stdOK  bool
}

var (
	wpOnce   sync.Once
	wpGroups []wpGroup
	wpErr    error
)

// loadWycheproof parses every Wycheproof RSA PKCS #1 v1.5 and PSS
// verification file once (SHAKE and MGF1-with-another-hash groups are left
// out: crypto/rsa and this package use MGF1 with the signing hash).
func loadWycheproof(t *testing.T) []wpGroup {
	wpOnce.Do(func() {
		entries, err := wycheproofDir()
		if err != nil {
			wpErr = err
			return
		}
		nfiles := 0
		for _, file := range entries {
			if !(strings.HasPrefix(file, "rsa_signature_") || strings.HasPrefix(file, "rsa_pss_")) ||
				strings.Contains(file, "shake") {
				continue
			}
			if testing.Short() && strings.Contains(file, "8192") {
				continue
			}
			nfiles++
			var wf vectors.Wycheproof[vectors.RSASigGroup]
			if err := vectors.LoadWycheproof(wycheproof.TestVectors, file, &wf); err != nil {
				wpErr = err
				return
			}
			for _, g := range wf.TestGroups {
				h, ok := hashByName(g.SHA)
				if !ok {
					continue
				}
				pss := strings.HasPrefix(g.Type, "RsassaPss")
				// VerifyPSS, like crypto/rsa.VerifyPSS and TLS (RFC 8446
				// section 4.2.3), uses MGF1 with the signing hash: groups
				// with another mask generation (SHAKE, or MGF1 over a
				// different hash) are outside the API, as are the SHAKE
				// files skipped above.
				if pss && (g.MGF != "MGF1" || g.MGFSHA != g.SHA) {
					continue
				}
				wg := wpGroup{file: file, hash: h, pss: pss, sLen: g.SLen,
					pub: &rsa.PublicKey{N: new(big.Int).SetBytes(g.PublicKey.Modulus),
						E: int(new(big.Int).SetBytes(g.PublicKey.PublicExponent).Int64())}}
				for _, c := range g.Tests {
					wc := wpCase{RSASigCase: c, digest: digestOf(h, c.Msg)}
					if testing.Short() {
						// (-short, qemu: skip crypto/rsa's verdicts)
					} else if pss {
						wc.stdOK = rsa.VerifyPSS(wg.pub, h, wc.digest, c.Sig, &rsa.PSSOptions{SaltLength: g.SLen}) == nil
					} else {
						wc.stdOK = rsa.VerifyPKCS1v15(wg.pub, h, wc.digest, c.Sig) == nil
					}
					wg.cases = append(wg.cases, wc)
				}
				wpGroups = append(wpGroups, wg)
			}
		}
		if nfiles < 20 {
			wpErr = fmt.Errorf("found only %d Wycheproof RSA signature files", nfiles)
		}
	})
	if wpErr != nil {
		t.Fatal(wpErr)
	}
	return wpGroups
}

// wycheproofCases is the number of cases TestWycheproof runs from each file
// of the pinned Wycheproof (groups with a hash and mask generation the API
// covers; files not listed run none): a file emptied or filtered by mistake
// fails.
var wycheproofCases = map[string]int{
	"rsa_pss_2048_sha1_mgf1_20_params_test.json": 88, "rsa_pss_2048_sha1_mgf1_20_test.json": 88,
	"rsa_pss_2048_sha256_mgf1_0_params_test.json": 103, "rsa_pss_2048_sha256_mgf1_0_test.json": 103,
	"rsa_pss_2048_sha256_mgf1_32_params_test.json": 108, "rsa_pss_2048_sha256_mgf1_32_test.json": 108,
	"rsa_pss_2048_sha384_mgf1_48_test.json": 141, "rsa_pss_2048_sha512_224_mgf1_28_test.json": 100,
	"rsa_pss_2048_sha512_256_mgf1_32_test.json": 115, "rsa_pss_3072_sha256_mgf1_32_params_test.json": 108,
	"rsa_pss_3072_sha256_mgf1_32_test.json": 108, "rsa_pss_4096_sha256_mgf1_32_test.json": 108,
	"rsa_pss_4096_sha384_mgf1_48_test.json": 141, "rsa_pss_4096_sha512_mgf1_32_params_test.json": 177,
	"rsa_pss_4096_sha512_mgf1_32_test.json": 177, "rsa_pss_4096_sha512_mgf1_64_params_test.json": 179,
	"rsa_pss_4096_sha512_mgf1_64_test.json": 179, "rsa_pss_misc_params_test.json": 30, "rsa_pss_misc_test.json": 30,
	"rsa_signature_2048_sha224_test.json": 258, "rsa_signature_2048_sha256_test.json": 259,
	"rsa_signature_2048_sha384_test.json": 258, "rsa_signature_2048_sha3_224_test.json": 258,
	"rsa_signature_2048_sha3_256_test.json": 257, "rsa_signature_2048_sha3_384_test.json": 258,
	"rsa_signature_2048_sha3_512_test.json": 258, "rsa_signature_2048_sha512_224_test.json": 258,
	"rsa_signature_2048_sha512_256_test.json": 257, "rsa_signature_2048_sha512_test.json": 259,
	"rsa_signature_3072_sha256_test.json": 259, "rsa_signature_3072_sha384_test.json": 259,
	"rsa_signature_3072_sha3_256_test.json": 258, "rsa_signature_3072_sha3_384_test.json": 259,
	"rsa_signature_3072_sha3_512_test.json": 259, "rsa_signature_3072_sha512_256_test.json": 258,
	"rsa_signature_3072_sha512_test.json": 260, "rsa_signature_4096_sha256_test.json": 258,
	"rsa_signature_4096_sha384_test.json": 259, "rsa_signature_4096_sha512_256_test.json": 258,
	"rsa_signature_4096_sha512_test.json": 259, "rsa_signature_8192_sha256_test.json": 258,
	"rsa_signature_8192_sha384_test.json": 259, "rsa_signature_8192_sha512_test.json": 259,
}

// anyLength reports whether implementation impl has its own code for moduli
// above 4096 bits: the generic code and the arm64 kernel (any length); the
// amd64 ones fall back to the generic kernels there.
func anyLength(impl string) bool { return impl == "generic" || impl == "arm64" }

func TestWycheproof(t *testing.T) {
	groups := loadWycheproof(t)
	cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
		n := 0
		impl := dispatch.Chosen("rsa")
		ran := map[string]int{}
		defer func() {
			for file, want := range wycheproofCases {
				big := strings.Contains(file, "8192")
				if big && (testing.Short() || !anyLength(impl)) {
					want = 0 // not loaded with -short; the generic run covers them
				}
				if ran[file] != want {
					t.Errorf("%s: ran %d cases, want %d", file, ran[file], want)
				}
			}
			for file := range ran {
				if _, ok := wycheproofCases[file]; !ok {
					t.Errorf("%s: ran cases from a file not in wycheproofCases", file)
				}
			}
		}()
		for _, g := range groups {
			if g.pub.N.BitLen() > 4096 && !anyLength(impl) {
				continue // no special path: the generic run covers it
			}
			pk, err := NewPublicKey(g.pub)
			if err != nil {
				t.Fatalf("%s: NewPublicKey: %v", g.file, err)
			}
			for _, c := range g.cases {
				var err error
				if g.pss {
					err = pk.VerifyPSS(g.hash, c.digest, c.Sig, &rsa.PSSOptions{SaltLength: g.sLen})
				} else {
					err = pk.VerifyPKCS1v15(g.hash, c.digest, c.Sig)
				}
				n++
				ran[g.file]++
				switch {
				case c.Valid() && err != nil:
					t.Errorf("%s %v: valid signature rejected: %v", g.file, c, err)
				case c.Invalid() && err == nil && !(g.pss && g.sLen == 0):
					// (crypto/rsa and this package read salt length 0 as
					// "auto-detect", so those groups accept other salt
					// lengths; the agreement check still applies.)
					t.Errorf("%s %v: invalid signature accepted", g.file, c)
				case !testing.Short() && (err == nil) != c.stdOK:
					t.Errorf("%s %v: ours %v, crypto/rsa ok=%v", g.file, c, err, c.stdOK)
				}
			}
		}
		t.Logf("%d cases", n)
	})
}

func TestSignAgainstStdlib(t *testing.T) {
	cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
		for _, bits := range testKeySizes {
			if testing.Short() && bits == 3000 {
				continue
			}
			t.Run(fmt.Sprint(bits), func(t *testing.T) {
				std := testKey(t, bits)
				sk, err := NewPrivateKey(std)
				if err != nil {
					t.Fatal(err)
				}
				pk := sk.PublicKey()
				rounds := 3
				if testing.Short() {
					rounds = 1
				}
				for i := range rounds {
					msg := []byte(fmt.Sprintf("message %d for %d bits", i, bits))
					for _, h := range []crypto.Hash{crypto.SHA256, crypto.SHA384, crypto.SHA512, crypto.SHA1} {
						d := digestOf(h, msg)
						sig, err := sk.Sign(rand.Reader, d, h)
						if err != nil {
							t.Fatal(err)
						}
						want, err := rsa.SignPKCS1v15(nil, std, h, d)
						if err != nil {
							t.Fatal(err)
						}
						if !bytes.Equal(sig, want) {
							t.Fatalf("%v PKCS1v15 signature differs from crypto/rsa", h)
						}
						if err := pk.VerifyPKCS1v15(h, d, sig); err != nil {
							t.Fatal(err)
						}
						sig[len(sig)/2] ^= 1
						if pk.VerifyPKCS1v15(h, d, sig) == nil || rsa.VerifyPKCS1v15(&std.PublicKey, h, d, sig) == nil {
							t.Fatal("corrupted signature accepted")
						}
					}
					d := digestOf(crypto.SHA256, msg)
					for _, sl := range []int{rsa.PSSSaltLengthAuto, rsa.PSSSaltLengthEqualsHash, 20, 0x40} {
						opts := &rsa.PSSOptions{SaltLength: sl, Hash: crypto.SHA256}
						sig, err := sk.Sign(rand.Reader, d, opts)
						if err != nil {
							t.Fatal(err)
						}
						if err := rsa.VerifyPSS(&std.PublicKey, crypto.SHA256, d, sig, opts); err != nil {
							t.Fatalf("salt %d: crypto/rsa rejects our PSS signature: %v", sl, err)
						}
						if err := pk.VerifyPSS(crypto.SHA256, d, sig, opts); err != nil {
							t.Fatalf("salt %d: we reject our PSS signature: %v", sl, err)
						}
						if err := pk.VerifyPSS(crypto.SHA256, d, sig, nil); err != nil {
							t.Fatalf("salt %d: auto-detection rejects our PSS signature: %v", sl, err)
						}
						std, err := rsa.SignPSS(rand.Reader, std, crypto.SHA256, d, opts)
						if err != nil {
							t.Fatal(err)
						}
						if err := pk.VerifyPSS(crypto.SHA256, d, std, opts); err != nil {
							t.Fatalf("salt %d: we reject crypto/rsa's PSS signature: %v", sl, err)
						}
						if pk.VerifyPKCS1v15(crypto.SHA256, d, std) == nil {
							t.Fatal("PSS signature accepted as PKCS1v15")
						}
						d2 := bytes.Clone(d)
						d2[0] ^= 0x80
						if pk.VerifyPSS(crypto.SHA256, d2, std, opts) == nil {
							t.Fatal("PSS signature accepted for the wrong digest")
						}
					}
				}
			})
		}
	})
}

// TestLargestKey signs and verifies with a 16384-bit key, the largest
// crypto/rsa accepts, on every implementation (the assembly tiers fall back
// to the generic code for primes they have no kernel for): the signature
// equals crypto/rsa's. The key is in testdata (generating one takes
// minutes).
func TestLargestKey(t *testing.T) {
	if testing.Short() {
		t.Skip("16384-bit signatures take seconds; skipped with -short")
	}
	data, err := os.ReadFile("testdata/rsa16384.pem")
	if err != nil {
		t.Fatal(err)
	}
	blk, _ := pem.Decode(data)
	std, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	if std.N.BitLen() != 16384 {
		t.Fatalf("test key has %d bits", std.N.BitLen())
	}
	d := digestOf(crypto.SHA256, []byte("the largest key"))
	want, err := rsa.SignPKCS1v15(nil, std, crypto.SHA256, d)
	if err != nil {
		t.Fatal(err)
	}
	cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
		sk, err := NewPrivateKey(std)
		if err != nil {
			t.Fatal(err)
		}
		sig, err := sk.Sign(nil, d, crypto.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(sig, want) {
			t.Fatal("16384-bit signature differs from crypto/rsa")
		}
		if err := sk.PublicKey().VerifyPKCS1v15(crypto.SHA256, d, sig); err != nil {
			t.Fatal(err)
		}
		if _, err := NewPublicKey(&std.PublicKey); err == nil {
			t.Fatal("NewPublicKey accepted a 16384-bit key without the opt-in")
		}
		pk, err := NewPublicKeyWithOptions(&std.PublicKey, &PublicKeyOptions{MaxBits: 16384})
		if err != nil {
			t.Fatal(err)
		}
		if err := pk.VerifyPKCS1v15(crypto.SHA256, d, sig); err != nil {
			t.Fatal(err)
		}
		sig[0] ^= 1
		if sk.PublicKey().VerifyPKCS1v15(crypto.SHA256, d, sig) == nil {
			t.Fatal("corrupted 16384-bit signature accepted")
		}
		if pk.VerifyPKCS1v15(crypto.SHA256, d, sig) == nil {
			t.Fatal("corrupted 16384-bit signature accepted")
		}
	})
}

// TestPublicKeyLimit checks the 8192-bit limit on public keys (crypto/tls's,
// CVE-2023-29409) and its opt-in. The moduli need not be RSA moduli: only
// their size and parity are checked.
func TestPublicKeyLimit(t *testing.T) {
	odd := func(bits int) *big.Int {
		n := new(big.Int).Lsh(big.NewInt(1), uint(bits-1))
		return n.Add(n, big.NewInt(1))
	}
	for _, c := range []struct {
		bits, max int
		ok        bool
	}{
		{8192, 0, true}, {8193, 0, false}, {16384, 0, false},
		{8193, 8193, true}, {16384, 16384, true}, {16385, 1 << 20, false},
		{4096, 4096, true}, {4097, 4096, false},
	} {
		k := &rsa.PublicKey{N: odd(c.bits), E: 65537}
		_, err := NewPublicKeyWithOptions(k, &PublicKeyOptions{MaxBits: c.max})
		if (err == nil) != c.ok {
			t.Errorf("%d-bit key, MaxBits %d: err = %v", c.bits, c.max, err)
		}
		if c.max == 0 {
			if _, err2 := NewPublicKey(k); (err2 == nil) != (err == nil) {
				t.Errorf("%d-bit key: NewPublicKey and the default options disagree", c.bits)
			}
		}
	}
}

// TestPSSNilRand checks that PSS signing with a nil rand reads the salt from
// crypto/rand (two signatures differ and both verify), as sig/ecdsa does.
func TestPSSNilRand(t *testing.T) {
	sk, err := NewPrivateKey(testKey(t, 2048))
	if err != nil {
		t.Fatal(err)
	}
	d := digestOf(crypto.SHA256, []byte("nil rand"))
	opts := &rsa.PSSOptions{Hash: crypto.SHA256, SaltLength: rsa.PSSSaltLengthEqualsHash}
	s1, err := sk.Sign(nil, d, opts)
	if err != nil {
		t.Fatal(err)
	}
	s2, err := sk.Sign(nil, d, opts)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(s1, s2) {
		t.Error("two PSS signatures with a nil rand are equal")
	}
	for _, s := range [][]byte{s1, s2} {
		if err := sk.PublicKey().VerifyPSS(crypto.SHA256, d, s, opts); err != nil {
			t.Error(err)
		}
	}
}

// TestRandomKeys repeats the comparison with crypto/rsa on keys generated
// for the run (the other tests use fixed keys from testdata): PKCS #1 v1.5
// signatures equal crypto/rsa's byte for byte, PSS signatures verify both
// ways, and a corrupted signature, a wrong digest or a wrong length is
// rejected by both.
func TestRandomKeys(t *testing.T) {
	sizes := []int{1024, 2048, 3072, 4096}
	if testing.Short() {
		sizes = sizes[:2]
	}
	keys := make([]*rsa.PrivateKey, len(sizes))
	for i, bits := range sizes {
		k, err := rsa.GenerateKey(rand.Reader, bits)
		if err != nil {
			t.Fatal(err)
		}
		keys[i] = k
	}
	cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
		for i, std := range keys {
			sk, err := NewPrivateKey(std)
			if err != nil {
				t.Fatalf("%d bits: %v", sizes[i], err)
			}
			pk := sk.PublicKey()
			d := make([]byte, 32)
			rand.Read(d)
			sig, err := sk.Sign(rand.Reader, d, crypto.SHA256)
			if err != nil {
				t.Fatal(err)
			}
			want, err := rsa.SignPKCS1v15(nil, std, crypto.SHA256, d)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(sig, want) {
				t.Fatalf("%d bits: PKCS1v15 signature differs from crypto/rsa", sizes[i])
			}
			opts := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
			psig, err := sk.Sign(rand.Reader, d, opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := rsa.VerifyPSS(&std.PublicKey, crypto.SHA256, d, psig, opts); err != nil {
				t.Fatalf("%d bits: crypto/rsa rejects our PSS signature: %v", sizes[i], err)
			}
			spsig, err := rsa.SignPSS(rand.Reader, std, crypto.SHA256, d, opts)
			if err != nil {
				t.Fatal(err)
			}
			if err := pk.VerifyPSS(crypto.SHA256, d, spsig, opts); err != nil {
				t.Fatalf("%d bits: we reject crypto/rsa's PSS signature: %v", sizes[i], err)
			}
			bad := bytes.Clone(sig)
			bad[len(bad)-1] ^= 1
			wrongDigest := bytes.Clone(d)
			wrongDigest[0] ^= 1
			for _, c := range []struct {
				name   string
				d, sig []byte
			}{{"corrupted", d, bad}, {"wrong digest", wrongDigest, sig}, {"short", d, sig[1:]}, {"long", d, append(bytes.Clone(sig), 0)}} {
				ours := pk.VerifyPKCS1v15(crypto.SHA256, c.d, c.sig)
				theirs := rsa.VerifyPKCS1v15(&std.PublicKey, crypto.SHA256, c.d, c.sig)
				if ours == nil || theirs == nil {
					t.Errorf("%d bits, %s: accepted (ours %v, crypto/rsa %v)", sizes[i], c.name, ours, theirs)
				}
			}
		}
	})
}

func TestSpecialHashes(t *testing.T) {
	std := testKey(t, 2048)
	sk, err := NewPrivateKey(std)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		h crypto.Hash
		d []byte
	}{
		{0, []byte("raw message signed directly")},
		{crypto.MD5SHA1, make([]byte, 36)},
		{crypto.SHA224, make([]byte, 28)},
		{crypto.SHA512_256, make([]byte, 32)},
		{crypto.MD5, make([]byte, 16)},
	} {
		sig, err := sk.Sign(nil, c.d, c.h)
		if err != nil {
			t.Fatalf("%v: %v", c.h, err)
		}
		want, err := rsa.SignPKCS1v15(nil, std, c.h, c.d)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(sig, want) {
			t.Errorf("%v: signature differs from crypto/rsa", c.h)
		}
		if err := sk.PublicKey().VerifyPKCS1v15(c.h, c.d, sig); err != nil {
			t.Errorf("%v: %v", c.h, err)
		}
	}
}

func TestBadInput(t *testing.T) {
	std := testKey(t, 2048)
	sk, err := NewPrivateKey(std)
	if err != nil {
		t.Fatal(err)
	}
	pk := sk.PublicKey()
	d := make([]byte, 32)
	if _, err := sk.Sign(nil, d[:31], crypto.SHA256); err == nil {
		t.Error("short digest signed")
	}
	if _, err := sk.Sign(rand.Reader, d[:31], &rsa.PSSOptions{Hash: crypto.SHA256}); err == nil {
		t.Error("short PSS digest signed")
	}
	if _, err := sk.Sign(rand.Reader, d, &rsa.PSSOptions{}); err == nil {
		t.Error("PSS without hash signed")
	}
	if _, err := sk.Sign(rand.Reader, d, &rsa.PSSOptions{Hash: crypto.SHA256, SaltLength: -2}); err == nil {
		t.Error("PSS salt length -2 accepted")
	}
	if _, err := sk.Sign(rand.Reader, d, &rsa.PSSOptions{Hash: crypto.SHA256, SaltLength: 256}); err == nil {
		t.Error("PSS salt too long accepted")
	}
	if _, err := sk.Sign(nil, make([]byte, 250), crypto.Hash(0)); err == nil {
		t.Error("raw message too long signed")
	}
	sig, err := sk.Sign(nil, d, crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range [][]byte{sig[1:], append(bytes.Clone(sig), 0), append([]byte{0}, sig...), nil,
		std.N.Bytes(), bytes.Repeat([]byte{0xff}, 256), make([]byte, 256)} {
		if pk.VerifyPKCS1v15(crypto.SHA256, d, s) == nil {
			t.Errorf("bad signature of %d bytes accepted", len(s))
		}
		if pk.VerifyPSS(crypto.SHA256, d, s, nil) == nil {
			t.Errorf("bad PSS signature of %d bytes accepted", len(s))
		}
	}
	if pk.VerifyPKCS1v15(crypto.SHA256, d[:31], sig) == nil {
		t.Error("short digest verified")
	}
	if pk.VerifyPKCS1v15(crypto.SHA384, d, sig) == nil {
		t.Error("wrong hash verified")
	}

	// Keys crypto/rsa rejects. bigE is 2^31, one above the largest exponent
	// crypto/rsa takes; where int has 32 bits it wraps negative, also refused.
	bigE := int64(1) << 31
	for name, k := range map[string]*rsa.PublicKey{
		"nil N":   {E: 65537},
		"even N":  {N: new(big.Int).Lsh(big.NewInt(1), 2048), E: 65537},
		"small N": {N: new(big.Int).Rsh(std.N, 1100), E: 65537},
		"even E":  {N: std.N, E: 65536},
		"E=1":     {N: std.N, E: 1},
		"big E":   {N: std.N, E: int(bigE)},
	} {
		if _, err := NewPublicKey(k); err == nil {
			t.Errorf("%s: NewPublicKey accepted it", name)
		}
	}
	bad := *std
	bad.D = new(big.Int).Add(std.D, big.NewInt(2))
	bad.Precomputed = rsa.PrecomputedValues{}
	if _, err := NewPrivateKey(&bad); err == nil {
		t.Error("NewPrivateKey accepted a wrong D")
	}
	bad = *std
	bad.Primes = []*big.Int{std.Primes[0], new(big.Int).Add(std.Primes[1], big.NewInt(2))}
	bad.Precomputed = rsa.PrecomputedValues{}
	if _, err := NewPrivateKey(&bad); err == nil {
		t.Error("NewPrivateKey accepted a wrong prime")
	}
	if _, err := NewPrivateKey(nil); err == nil {
		t.Error("NewPrivateKey(nil) succeeded")
	}
}

// A key without precomputed values works and is not modified.
func TestNoPrecomputed(t *testing.T) {
	std := testKey(t, 1024)
	k := &rsa.PrivateKey{PublicKey: std.PublicKey, D: std.D, Primes: std.Primes}
	sk, err := NewPrivateKey(k)
	if err != nil {
		t.Fatal(err)
	}
	d := sha256.Sum256([]byte("x"))
	sig, err := sk.Sign(nil, d[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	if err := rsa.VerifyPKCS1v15(&std.PublicKey, crypto.SHA256, d[:], sig); err != nil {
		t.Fatal(err)
	}
	if k.Precomputed.Dp != nil {
		t.Error("NewPrivateKey modified its argument")
	}
	if pub := sk.Public().(*rsa.PublicKey); !pub.Equal(&std.PublicKey) {
		t.Error("Public differs")
	}
}

// Primes swapped (q > p) and a key whose primes differ in size.
func TestUnusualKeys(t *testing.T) {
	std := testKey(t, 2048)
	sw := &rsa.PrivateKey{PublicKey: std.PublicKey, D: std.D, Primes: []*big.Int{std.Primes[1], std.Primes[0]}}
	sk, err := NewPrivateKey(sw)
	if err != nil {
		t.Fatal(err)
	}
	d := sha256.Sum256([]byte("y"))
	sig, err := sk.Sign(nil, d[:], crypto.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	want, _ := rsa.SignPKCS1v15(nil, std, crypto.SHA256, d[:])
	if !bytes.Equal(sig, want) {
		t.Fatal("swapped primes: wrong signature")
	}
}

// A key whose primes differ in size (and in word count): 400 and 700 bits.
func TestUnbalancedPrimes(t *testing.T) {
	for _, sizes := range [][2]int{{400, 700}, {700, 400}, {520, 520}} {
		var std *rsa.PrivateKey
		for std == nil {
			p, err := rand.Prime(rand.Reader, sizes[0])
			if err != nil {
				t.Fatal(err)
			}
			q, err := rand.Prime(rand.Reader, sizes[1])
			if err != nil {
				t.Fatal(err)
			}
			one := big.NewInt(1)
			phi := new(big.Int).Mul(new(big.Int).Sub(p, one), new(big.Int).Sub(q, one))
			d := new(big.Int).ModInverse(big.NewInt(65537), phi)
			if d == nil || p.Cmp(q) == 0 {
				continue
			}
			std = &rsa.PrivateKey{PublicKey: rsa.PublicKey{N: new(big.Int).Mul(p, q), E: 65537}, D: d, Primes: []*big.Int{p, q}}
			if std.N.BitLen() < 1024 {
				std = nil
			}
		}
		t.Run(fmt.Sprint(sizes[0], "x", sizes[1]), func(t *testing.T) {
			cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
				sk, err := NewPrivateKey(std)
				if err != nil {
					t.Fatal(err)
				}
				for i := range 4 {
					d := sha256.Sum256([]byte{byte(i)})
					sig, err := sk.Sign(nil, d[:], crypto.SHA256)
					if err != nil {
						t.Fatal(err)
					}
					want, err := rsa.SignPKCS1v15(nil, std, crypto.SHA256, d[:])
					if err != nil {
						t.Fatal(err)
					}
					if !bytes.Equal(sig, want) {
						t.Fatalf("%v-bit primes: signature differs from crypto/rsa", sizes)
					}
				}
			})
		})
	}
}

func TestAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
		sk, err := NewPrivateKey(testKey(t, 2048))
		if err != nil {
			t.Fatal(err)
		}
		d := make([]byte, 32)
		sig, _ := sk.Sign(nil, d, crypto.SHA256)
		if a := testing.AllocsPerRun(10, func() { sk.Sign(nil, d, crypto.SHA256) }); a > 1 {
			t.Errorf("Sign: %v allocations, want 1 (the signature)", a)
		}
		if a := testing.AllocsPerRun(10, func() { sk.PublicKey().VerifyPKCS1v15(crypto.SHA256, d, sig) }); a > 0 {
			t.Errorf("VerifyPKCS1v15: %v allocations", a)
		}
		pss := &rsa.PSSOptions{SaltLength: rsa.PSSSaltLengthEqualsHash, Hash: crypto.SHA256}
		psig, err := sk.Sign(rand.Reader, d, pss)
		if err != nil {
			t.Fatal(err)
		}
		if a := testing.AllocsPerRun(10, func() { sk.Sign(rand.Reader, d, pss) }); a > 1 {
			t.Errorf("Sign (PSS): %v allocations, want 1 (the signature)", a)
		}
		if a := testing.AllocsPerRun(10, func() { sk.PublicKey().VerifyPSS(crypto.SHA256, d, psig, pss) }); a > 0 {
			t.Errorf("VerifyPSS: %v allocations", a)
		}
	})
}

// TestMontMulBig checks the generic kernels against math/big, on random and
// edge operands.
func TestMontMulBig(t *testing.T) {
	rng := mrand.New(mrand.NewPCG(1, 2))
	for _, bits := range []int{64, 128, 1000, 1024, 1536, 2048, 3000, 4096} {
		k := (bits + 63) / 64
		mb := randOdd(rng, bits)
		m := newModulus(mb.Bytes(), bits)
		R := new(big.Int).Lsh(big.NewInt(1), uint(64*k))
		Rinv := new(big.Int).ModInverse(R, mb)
		for _, x := range edgeValues(rng, mb, 20) {
			for _, y := range edgeValues(rng, mb, 3) {
				xw, yw, zw := toWords(x, k), toWords(y, k), make([]uint64, k)
				want := new(big.Int).Mul(x, y)
				want.Mul(want, Rinv).Mod(want, mb)
				montMulGeneric(zw, xw, yw, m)
				if got := fromWords(zw); got.Cmp(want) != 0 {
					t.Fatalf("%d bits: montMul(%x, %x) = %x, want %x", bits, x, y, got, want)
				}
			}
			xw, zw := toWords(x, k), make([]uint64, k)
			want := new(big.Int).Mul(x, x)
			want.Mul(want, Rinv).Mod(want, mb)
			montSqrGeneric(zw, xw, xw, m)
			if got := fromWords(zw); got.Cmp(want) != 0 {
				t.Fatalf("%d bits: montSqr(%x) = %x, want %x", bits, x, got, want)
			}
		}
		// R^2 mod m
		want := new(big.Int).Mul(R, R)
		want.Mod(want, mb)
		if fromWords(m.rr).Cmp(want) != 0 {
			t.Fatalf("%d bits: wrong RR", bits)
		}
	}
}

func randOdd(rng *mrand.Rand, bits int) *big.Int {
	b := make([]byte, (bits+7)/8)
	for i := range b {
		b[i] = byte(rng.Uint32())
	}
	x := new(big.Int).SetBytes(b)
	x.SetBit(x, bits-1, 1)
	for i := bits; i < x.BitLen(); i++ {
		x.SetBit(x, i, 0)
	}
	return x.SetBit(x, 0, 1)
}

// edgeValues returns 0, 1, 2, m-1, m-2, values with all-ones words below m,
// and random values below m.
func edgeValues(rng *mrand.Rand, m *big.Int, nrand int) []*big.Int {
	one := big.NewInt(1)
	v := []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(2),
		new(big.Int).Sub(m, one), new(big.Int).Sub(m, big.NewInt(2)),
		new(big.Int).Rsh(m, 1)}
	allOnes := new(big.Int).Sub(new(big.Int).Lsh(one, uint(m.BitLen()-1)), one)
	v = append(v, allOnes)
	for range nrand {
		b := make([]byte, (m.BitLen()+7)/8)
		for i := range b {
			b[i] = byte(rng.Uint32())
		}
		x := new(big.Int).SetBytes(b)
		v = append(v, x.Mod(x, m))
	}
	return v
}

func toWords(x *big.Int, k int) []uint64 {
	w := make([]uint64, k)
	bytesToWords(w, x.Bytes())
	return w
}

func fromWords(w []uint64) *big.Int {
	b := make([]byte, 8*len(w))
	wordsToBytes(b, w)
	return new(big.Int).SetBytes(b)
}

// TestKernels checks each implementation's Montgomery kernels against the
// generic code and math/big, for every size with a special path and one
// without, on random and edge operands (0, 1, m-1, all-ones words, and y
// up to R-1).
func TestKernels(t *testing.T) {
	cryptotest.TestAllImplementations(t, "rsa", func(t *testing.T) {
		impl := dispatch.Chosen("rsa")
		rng := mrand.New(mrand.NewPCG(3, 4))
		for _, k := range []int{16, 17, 24, 32, 48, 64} {
			mul, sqr := kernels(impl, k)
			for _, top := range []int{0, 1, 63} { // m of 64k, 64k-1 and 64k-63 bits
				bits := 64*k - top
				mb := randOdd(rng, bits)
				if top == 0 && k%2 == 0 {
					// all-ones modulus words
					mb = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), uint(bits)), big.NewInt(1))
				}
				m := newModulus(mb.Bytes(), bits)
				R := new(big.Int).Lsh(big.NewInt(1), uint(64*k))
				Rinv := new(big.Int).ModInverse(R, mb)
				ys := edgeValues(rng, mb, 4)
				ys = append(ys, new(big.Int).Sub(R, big.NewInt(1)), new(big.Int).Sub(R, big.NewInt(2)))
				for _, x := range edgeValues(rng, mb, 8) {
					for _, y := range ys {
						xw, yw := toWords(x, k), toWords(y, k)
						want := new(big.Int).Mul(x, y)
						want.Mul(want, Rinv).Mod(want, mb)
						z := make([]uint64, k)
						mul(z, xw, yw, m)
						if got := fromWords(z); got.Cmp(want) != 0 {
							t.Fatalf("k=%d: mul(%x, %x) = %x, want %x", k, x, y, got, want)
						}
						// aliasing
						z = bytesClone(xw)
						mul(z, z, yw, m)
						if got := fromWords(z); got.Cmp(want) != 0 {
							t.Fatalf("k=%d: aliased mul wrong", k)
						}
					}
					xw := toWords(x, k)
					want := new(big.Int).Mul(x, x)
					want.Mul(want, Rinv).Mod(want, mb)
					z := bytesClone(xw)
					sqr(z, z, z, m)
					if got := fromWords(z); got.Cmp(want) != 0 {
						t.Fatalf("k=%d: sqr(%x) = %x, want %x", k, x, got, want)
					}
				}
			}
		}
	})
}

func bytesClone(x []uint64) []uint64 { return append([]uint64(nil), x...) }

func BenchmarkKernels(b *testing.B) {
	for _, k := range []int{16, 24, 32, 64} {
		for _, impl := range []string{"generic", "adx"} {
			b.Run(fmt.Sprintf("%s/%d", impl, k), func(b *testing.B) {
				mul, _ := kernels(impl, k)
				rng := mrand.New(mrand.NewPCG(3, 4))
				mb := randOdd(rng, 64*k)
				m := newModulus(mb.Bytes(), 64*k)
				x := bytesClone(m.rr)
				for b.Loop() {
					mul(x, x, m.rr, m)
				}
			})
		}
	}
}
