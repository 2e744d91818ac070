package ed25519

import (
	"bytes"
	"context"
	"crypto"
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha512"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"runtime"

	"io"
	"math/big"
	mrand "math/rand/v2"
	"net"
	"testing"
	"time"

	"github.com/c2sp/wycheproof"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/cryptotest"
	"github.com/tlscore/tlscore/vectors"
)

func unhex(s string) []byte { return vectors.MustHex(s) }

// RFC 8032 (IETF Trust, BCP 78) section 7.1 (TEST 1, 2, 3, 1024 and SHA(abc)), 7.2 (Ed25519ctx,
// context "foo") and 7.3 (Ed25519ph, TEST abc).
var rfcVectors = []struct {
	name, secret, public, msg, sig string
	opts                           crypto.SignerOpts
}{
	{"7.1/TEST1", "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
		"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
		"e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b", crypto.Hash(0)},
	{"7.1/TEST2", "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
		"3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
		"92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00", crypto.Hash(0)},
	{"7.1/TEST3", "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
		"fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
		"6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a", crypto.Hash(0)},
	{"7.1/TEST1024", "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
		"278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
		"08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98" +
			"fa6e264bf09efe12ee50f8f54e9f77b1e355f6c50544e23fb1433ddf73be84d8" +
			"79de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d" +
			"658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc" +
			"1a858efcb8550ee3a5e1998bd177e93a7363c344fe6b199ee5d02e82d522c4fe" +
			"ba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e" +
			"06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbef" +
			"efd75499da96bd68a8a97b928a8bbc103b6621fcde2beca1231d206be6cd9ec7" +
			"aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1" +
			"85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2" +
			"d17ba70eb6248e594e1a2297acbbb39d502f1a8c6eb6f1ce22b3de1a1f40cc24" +
			"554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270" +
			"88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc" +
			"2732e69485bbc9c90bfbd62481d9089beccf80cfe2df16a2cf65bd92dd597b07" +
			"07e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba" +
			"b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51a" +
			"ddd3b75a2b1ae0784504df543af8969be3ea7082ff7fc9888c144da2af58429e" +
			"c96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7" +
			"51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c" +
			"42f58c30c04aafdb038dda0847dd988dcda6f3bfd15c4b4c4525004aa06eeff8" +
			"ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df" +
			"f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08" +
			"d78ff4ef5d63653a65040cf9bfd4aca7984a74d37145986780fc0b16ac451649" +
			"de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4" +
			"88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a3" +
			"2ef5b52a1ecc820e308aa342721aac0943bf6686b64b2579376504ccc493d97e" +
			"6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f" +
			"b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b5" +
			"0d334ba77c225bc307ba537152f3f1610e4eafe595f6d9d90d11faa933a15ef1" +
			"369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d" +
			"b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c" +
			"0618983f8741c5ef68d3a101e8a3b8cac60c905c15fc910840b94c00a0b9d0",
		"0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03", crypto.Hash(0)},
	{"7.1/TEST_SHA(abc)", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
		"ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
		"ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
		"dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704", crypto.Hash(0)},
	{"7.2/foo", "0305334e381af78f141cb666f6199f57bc3495335a256a95bd2a55bf546663f6",
		"dfc9425e4f968f7f0c29f0259cf5f9aed6851c2bb4ad8bfb860cfee0ab248292", "f726936d19c800494e3fdaff20b276a8",
		"55a4cc2f70a54e04288c5f4cd1e45a7bb520b36292911876cada7323198dd87a8b36950b95130022907a7fb7c4e9b2d5f6cca685a587b4b21f4b888e4e7edb0d", &ed25519.Options{Context: "foo"}},
	{"7.3/abc", "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
		"ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf", "616263",
		"98a70222f0b8121aa9d30f813d683f809e462b469c7ff87639499bb94e6dae4131f85042463c2a355a2003d062adf5aaa10b8c61e636062aaad11c2a26083406", &ed25519.Options{Hash: crypto.SHA512}},
}

func TestRFC8032(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		for _, v := range rfcVectors {
			t.Run(v.name, func(t *testing.T) {
				k, err := NewPrivateKey(append(unhex(v.secret), unhex(v.public)...))
				if err != nil {
					t.Fatal(err)
				}
				if pub := k.Public().(ed25519.PublicKey); !bytes.Equal(pub, unhex(v.public)) {
					t.Fatalf("public key %x", pub)
				}
				msg := unhex(v.msg)
				var vopts ed25519.Options
				if o, ok := v.opts.(*ed25519.Options); ok {
					vopts = *o
				}
				if vopts.Hash == crypto.SHA512 {
					h := sha512.Sum512(msg)
					msg = h[:]
				}
				sig, err := k.Sign(nil, msg, v.opts)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(sig, unhex(v.sig)) {
					t.Fatalf("signature\n%x\nwant\n%x", sig, unhex(v.sig))
				}
				if err := VerifyWithOptions(unhex(v.public), msg, sig, &vopts); err != nil {
					t.Fatal(err)
				}
				if vopts == (ed25519.Options{}) && !Verify(unhex(v.public), msg, sig) {
					t.Fatal("Verify rejects the vector")
				}
				// A wrong variant fails.
				other := ed25519.Options{Context: "bar"}
				if VerifyWithOptions(unhex(v.public), msg, sig, &other) == nil {
					t.Fatal("accepted with another context")
				}
			})
		}
	})
}

type eddsaGroup struct {
	PublicKey struct {
		PK vectors.Hex `json:"pk"`
	} `json:"publicKey"`
	Tests []struct {
		vectors.Case
		Msg vectors.Hex `json:"msg"`
		Sig vectors.Hex `json:"sig"`
	} `json:"tests"`
}

func TestWycheproof(t *testing.T) {
	var f vectors.Wycheproof[eddsaGroup]
	if err := vectors.LoadWycheproof(wycheproof.TestVectors, "ed25519_test.json", &f); err != nil {
		t.Fatal(err)
	}
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		n := 0
		for _, g := range f.TestGroups {
			pub := ed25519.PublicKey(g.PublicKey.PK)
			for _, c := range g.Tests {
				n++
				got := Verify(pub, c.Msg, c.Sig)
				if got != c.Valid() {
					t.Errorf("%v: Verify = %v", c, got)
				}
				if std := ed25519.Verify(pub, c.Msg, c.Sig); std != got {
					t.Errorf("%v: Verify = %v, crypto/ed25519 %v", c, got, std)
				}
				many := VerifyMany([]ed25519.PublicKey{pub}, [][]byte{c.Msg}, [][]byte{c.Sig})
				if many[0] != got {
					t.Errorf("%v: VerifyMany = %v", c, many[0])
				}
			}
		}
		if n != 150 || n != f.NumberOfTests {
			t.Fatalf("ran %d cases, the file has %d (want 150)", n, f.NumberOfTests)
		}
	})
}

// edgeEncodings are the encodings of "Taming the many EdDSAs" (Chalkias,
// Garillot, Nikolaenko, CT-RSA 2020) and its speccheck cases: the eight
// points of small order, non-canonical encodings (y >= p, and x = 0 with
// the sign bit set), and values that are not on the curve.
func edgeEncodings() [][32]byte {
	small := []string{
		"0100000000000000000000000000000000000000000000000000000000000000",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
		"0000000000000000000000000000000000000000000000000000000000000000",
		"0000000000000000000000000000000000000000000000000000000000000080",
		"26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
		"c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
		// (0, 1) and (0, -1) with the sign bit: x = 0 is "-0".
		"0100000000000000000000000000000000000000000000000000000000000080",
		"ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
	}
	var out [][32]byte
	for _, s := range small {
		out = append(out, [32]byte(unhex(s)))
	}
	// y from p to 2^255-1 (non-canonical: y - p in 0..18), both signs.
	p := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 255), big.NewInt(19))
	for i := int64(0); i < 19; i++ {
		y := new(big.Int).Add(p, big.NewInt(i))
		var b [32]byte
		y.FillBytes(b[:])
		for l, r := 0, 31; l < r; l, r = l+1, r-1 {
			b[l], b[r] = b[r], b[l]
		}
		out = append(out, b)
		b[31] |= 0x80
		out = append(out, b)
	}
	// y = 2..4 (some not on the curve) and p-2.
	for _, y := range []byte{2, 3, 4} {
		var b [32]byte
		b[0] = y
		out = append(out, b)
	}
	out = append(out, [32]byte(unhex("ebffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f")))
	return out
}

// edgeScalars are S values: 0, 1, L-1, L, L+1, 2^253-1 (top bits clear
// but above L), and a value with bit 255 set.
func edgeScalars() [][32]byte {
	L := "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010"
	var out [][32]byte
	var zero, one [32]byte
	one[0] = 1
	out = append(out, zero, one)
	l := [32]byte(unhex(L))
	lm1, lp1 := l, l
	lm1[0]--
	lp1[0]++
	out = append(out, lm1, l, lp1)
	var big253 [32]byte
	for i := range big253 {
		big253[i] = 0xff
	}
	big253[31] = 0x1f
	out = append(out, big253)
	hi := one
	hi[31] = 0x80
	out = append(out, hi)
	return out
}

// TestEdgeCases checks Verify against crypto/ed25519 on the crafted keys,
// R values and S values above, for several messages (so that k mod 8 takes
// several values and small-order combinations pass the cofactorless
// equation for some of them).
func TestEdgeCases(t *testing.T) {
	encs := edgeEncodings()
	msgs := 4
	if testing.Short() {
		// The small-order points, their "-0" forms and y = p, p+1 (the
		// non-canonical identity encodings) with and without the sign bit.
		encs, msgs = encs[:14], 2
	}
	good, _ := GenerateKey(nil)
	goodPub := good.Public().(ed25519.PublicKey)
	accepted := 0
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		accepted = 0
		pubs := append([][32]byte{[32]byte(goodPub)}, encs...)
		for _, a := range pubs {
			for _, r := range encs {
				for _, s := range edgeScalars() {
					for m := range msgs {
						msg := []byte{byte(m)}
						sig := append(append([]byte(nil), r[:]...), s[:]...)
						got := Verify(a[:], msg, sig)
						if std := ed25519.Verify(a[:], msg, sig); got != std {
							t.Fatalf("A %x R %x S %x msg %d: Verify %v, crypto/ed25519 %v", a, r, s, m, got, std)
						}
						if got {
							accepted++
						}
					}
				}
			}
		}
		if accepted == 0 {
			t.Fatal("no crafted signature is valid: the cases test rejection only")
		}
	})
}

// detReader is a deterministic io.Reader for reproducible keys.
type detReader struct{ r *mrand.ChaCha8 }

func (d detReader) Read(b []byte) (int, error) { return d.r.Read(b) }

func newDet(seed byte) io.Reader {
	var s [32]byte
	s[0] = seed
	return detReader{mrand.NewChaCha8(s)}
}

func TestDifferential(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		rnd := newDet(1)
		lens := make([]int, 0, 310)
		for l := 0; l <= 300; l++ {
			lens = append(lens, l)
		}
		lens = append(lens, 1000, 4096, 65537)
		mutated := []int{0, 17, 31, 32, 45, 63}
		if testing.Short() {
			lens = append(lens[:33], 64, 127, 128, 255, 300, 1000)
			mutated = []int{0, 32, 63}
		}
		for _, l := range lens {
			seed := make([]byte, 32)
			rnd.Read(seed)
			std := ed25519.NewKeyFromSeed(seed)
			k, err := NewPrivateKey(std)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(k.Public().(ed25519.PublicKey), std.Public().(ed25519.PublicKey)) {
				t.Fatalf("public key of seed %x", seed)
			}
			msg := make([]byte, l)
			rnd.Read(msg)
			sig, _ := k.Sign(nil, msg, crypto.Hash(0))
			want := ed25519.Sign(std, msg)
			if !bytes.Equal(sig, want) {
				t.Fatalf("len %d: signature %x, crypto/ed25519 %x", l, sig, want)
			}
			pub := std.Public().(ed25519.PublicKey)
			if !Verify(pub, msg, sig) {
				t.Fatalf("len %d: valid signature rejected", l)
			}
			// Mutations: every bit of a few bytes of the signature, one bit of
			// the key and of the message.
			for _, i := range mutated {
				for b := range 8 {
					bad := append([]byte(nil), sig...)
					bad[i] ^= 1 << b
					if got, want := Verify(pub, msg, bad), ed25519.Verify(pub, msg, bad); got != want {
						t.Fatalf("len %d, sig byte %d bit %d: Verify %v, crypto/ed25519 %v", l, i, b, got, want)
					}
				}
			}
			badPub := append([]byte(nil), pub...)
			badPub[l%32] ^= 1 << (l % 8)
			if got, want := Verify(badPub, msg, sig), ed25519.Verify(badPub, msg, sig); got != want {
				t.Fatalf("len %d, mutated key: Verify %v, crypto/ed25519 %v", l, got, want)
			}
			if l > 0 {
				bad := append([]byte(nil), msg...)
				bad[l/2] ^= 4
				if Verify(pub, bad, sig) {
					t.Fatalf("len %d: mutated message accepted", l)
				}
			}
			// The other variants, against crypto/ed25519.
			for _, o := range []*ed25519.Options{{Context: "tlscore"}, {Hash: crypto.SHA512}, {Hash: crypto.SHA512, Context: "x"}} {
				m := msg
				if o.Hash == crypto.SHA512 {
					h := sha512.Sum512(msg)
					m = h[:]
				}
				sig, err := k.Sign(nil, m, o)
				if err != nil {
					t.Fatal(err)
				}
				want, err := std.Sign(nil, m, o)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(sig, want) {
					t.Fatalf("len %d %+v: signature differs from crypto/ed25519", l, o)
				}
				if err := VerifyWithOptions(pub, m, sig, o); err != nil {
					t.Fatal(err)
				}
			}
		}
	})
}

// TestVerifyMany puts invalid entries in every lane position of batches of
// many sizes and compares with Verify.
func TestVerifyMany(t *testing.T) {
	rnd := newDet(2)
	const n = 40
	pubs := make([]ed25519.PublicKey, n)
	msgs := make([][]byte, n)
	sigs := make([][]byte, n)
	for i := range n {
		k, _ := GenerateKey(rnd)
		pubs[i] = k.Public().(ed25519.PublicKey)
		msgs[i] = make([]byte, i*7)
		rnd.Read(msgs[i])
		sigs[i], _ = k.Sign(nil, msgs[i], crypto.Hash(0))
	}
	encs := edgeEncodings()
	// corrupt returns a copy of entry i made invalid (or crafted) in one of
	// several ways, chosen by how.
	corrupt := func(i, how int) (ed25519.PublicKey, []byte, []byte) {
		p, m, s := append(ed25519.PublicKey(nil), pubs[i]...), append([]byte(nil), msgs[i]...), append([]byte(nil), sigs[i]...)
		switch how % 6 {
		case 0:
			s[how%64] ^= 1
		case 1:
			p = ed25519.PublicKey(append([]byte(nil), encs[how%len(encs)][:]...))
		case 2:
			s[63] |= 0x20 // S too large
		case 3:
			s = s[:63] // short
		case 4:
			copy(s[:32], encs[how%len(encs)][:])
		case 5:
			m = append(m, 1)
		}
		return p, m, s
	}
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		maxSize := 19
		if testing.Short() {
			maxSize = 10 // every lane of one 8-lane pass and of a second, partial one
		}
		for size := 1; size <= maxSize; size++ {
			for bad := range size {
				P := append([]ed25519.PublicKey(nil), pubs[:size]...)
				M := append([][]byte(nil), msgs[:size]...)
				S := append([][]byte(nil), sigs[:size]...)
				P[bad], M[bad], S[bad] = corrupt(bad, size+bad)
				// A second bad entry elsewhere, in odd sizes.
				if size%2 == 1 && size > 2 {
					o := (bad + size/2) % size
					P[o], M[o], S[o] = corrupt(o, bad+1)
				}
				got := VerifyMany(P, M, S)
				for i := range size {
					if want := Verify(P[i], M[i], S[i]); got[i] != want {
						t.Fatalf("size %d, bad lane %d: entry %d VerifyMany %v, Verify %v", size, bad, i, got[i], want)
					}
				}
			}
		}
		// All valid, many at once.
		got := VerifyMany(pubs, msgs, sigs)
		for i, ok := range got {
			if !ok {
				t.Fatalf("entry %d rejected", i)
			}
		}
		if len(VerifyMany(nil, nil, nil)) != 0 {
			t.Fatal("VerifyMany of nothing")
		}
	})
}

func TestErrors(t *testing.T) {
	k, _ := GenerateKey(newDet(3))
	pub := k.Public().(ed25519.PublicKey)
	msg := []byte("hello")
	if _, err := k.Sign(nil, msg, crypto.SHA256); err == nil {
		t.Error("Sign with SHA-256 succeeded")
	}
	if _, err := k.Sign(nil, msg, crypto.SHA512); err == nil {
		t.Error("Ed25519ph with a 5-byte message succeeded")
	}
	long := string(make([]byte, 256))
	if _, err := k.Sign(nil, msg, &ed25519.Options{Context: long}); err == nil {
		t.Error("256-byte context accepted")
	}
	sig, _ := k.Sign(nil, msg, nil)
	if err := VerifyWithOptions(pub, msg, sig, &ed25519.Options{Hash: crypto.SHA256}); err == nil {
		t.Error("VerifyWithOptions with SHA-256 succeeded")
	}
	if err := VerifyWithOptions(pub, msg, sig[:63], &ed25519.Options{}); err == nil {
		t.Error("short signature accepted")
	}
	if Verify(pub, msg, append(sig, 0)) {
		t.Error("long signature accepted")
	}
	if _, err := NewPrivateKey(make([]byte, 63)); err == nil {
		t.Error("63-byte private key accepted")
	}
	bad := k.Bytes()
	bad[40] ^= 1
	if _, err := NewPrivateKey(bad); err == nil {
		t.Error("private key with a wrong public half accepted")
	}
	if k2, err := NewPrivateKey(k.Bytes()); err != nil || !k2.Equal(k) || !k.Equal(k.Bytes()) {
		t.Error("round trip through Bytes")
	}
	// A wrong-length public key (a peer's bytes) is rejected, not a panic.
	for _, bad := range []ed25519.PublicKey{nil, pub[:31], append(pub[:32:32], 0)} {
		if Verify(bad, msg, sig) {
			t.Errorf("Verify accepted a %d-byte public key", len(bad))
		}
		if VerifyWithOptions(bad, msg, sig, &ed25519.Options{}) == nil {
			t.Errorf("VerifyWithOptions accepted a %d-byte public key", len(bad))
		}
		if ok := VerifyMany([]ed25519.PublicKey{pub, bad, pub}, [][]byte{msg, msg, msg}, [][]byte{sig, sig, sig}); !ok[0] || ok[1] || !ok[2] {
			t.Errorf("VerifyMany with a %d-byte public key in the middle: %v", len(bad), ok)
		}
	}
	mustPanic(t, "VerifyMany with uneven slices", func() { VerifyMany([]ed25519.PublicKey{pub}, nil, nil) })
	mustPanic(t, "NewKeyFromSeed with a short seed", func() { NewKeyFromSeed(make([]byte, 31)) })
}

func mustPanic(t *testing.T, what string, f func()) {
	t.Helper()
	defer func() {
		if recover() == nil {
			t.Errorf("%s did not panic", what)
		}
	}()
	f()
}

func TestTLSHandshake(t *testing.T) {
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		sk, err := GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		tmpl := &x509.Certificate{
			SerialNumber: big.NewInt(1),
			Subject:      pkix.Name{CommonName: "tlscore.test"},
			DNSNames:     []string{"tlscore.test"},
			NotBefore:    time.Now().Add(-time.Hour),
			NotAfter:     time.Now().Add(time.Hour),
			KeyUsage:     x509.KeyUsageDigitalSignature,
			ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, sk.Public(), sk)
		if err != nil {
			t.Fatal(err)
		}
		leaf, err := x509.ParseCertificate(der)
		if err != nil {
			t.Fatal(err)
		}
		pool := x509.NewCertPool()
		pool.AddCert(leaf)
		srvCfg := &tls.Config{
			MinVersion:   tls.VersionTLS13,
			Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: sk}},
		}
		cliCfg := &tls.Config{MinVersion: tls.VersionTLS13, RootCAs: pool, ServerName: "tlscore.test"}
		cc, sc := net.Pipe()
		defer cc.Close()
		defer sc.Close()
		errc := make(chan error, 1)
		go func() {
			s := tls.Server(sc, srvCfg)
			err := s.HandshakeContext(context.Background())
			if err == nil {
				_, err = s.Write([]byte("hello"))
			}
			errc <- err
		}()
		cl := tls.Client(cc, cliCfg)
		if err := cl.Handshake(); err != nil {
			t.Fatal(err)
		}
		if st := cl.ConnectionState(); st.Version != tls.VersionTLS13 {
			t.Fatalf("version %x", st.Version)
		}
		buf := make([]byte, 5)
		if _, err := io.ReadFull(cl, buf); err != nil || string(buf) != "hello" {
			t.Fatal(err, string(buf))
		}
		if err := <-errc; err != nil {
			t.Fatal(err)
		}
	})
}

func TestAllocations(t *testing.T) {
	cryptotest.SkipTestAllocations(t)
	k, _ := GenerateKey(newDet(4))
	pub := k.Public().(ed25519.PublicKey)
	msg := []byte("hello")
	sig, _ := k.Sign(nil, msg, nil)
	if n := testing.AllocsPerRun(10, func() { Verify(pub, msg, sig) }); n > 1 {
		t.Errorf("Verify allocates %v times", n)
	}
}

// TestDispatchChoice checks which implementation the automatic choice
// takes for this CPU (and TLSCORE_CPU mask).
func TestDispatchChoice(t *testing.T) {
	var want string
	switch {
	case runtime.GOARCH == "amd64" && cpu.HasAll(cpu.AVX512F, cpu.AVX512IFMA, cpu.AVX512VL, cpu.BMI2, cpu.ADX) && !purego:
		want = implNameIFMA
	case runtime.GOARCH == "amd64" && cpu.HasAll(cpu.BMI2, cpu.ADX) && !purego:
		want = implNameADX
	case runtime.GOARCH == "arm64" && !purego:
		want = implNameARM64
	default:
		want = implNameGeneric
	}
	if got := dispatch.Auto(alg); got != want {
		t.Errorf("automatic choice %q, want %q for this CPU", got, want)
	}
	if got, _ := lookup(want); got != current() {
		t.Errorf("current() is %d, want %d (%s)", current(), got, want)
	}
}

// TestSpeccheck runs the cases of "Taming the many EdDSAs"
// (vectors/data/speccheck, from ed25519-speccheck) through every
// implementation: Verify and VerifyMany must give crypto/ed25519's result
// on each (Go's rules: cofactorless, canonical S, R compared by encoding).
func TestSpeccheck(t *testing.T) {
	b, err := vectors.Open("speccheck/cases.json")
	if err != nil {
		t.Fatal(err)
	}
	var cases []struct {
		Message vectors.Hex `json:"message"`
		PubKey  vectors.Hex `json:"pub_key"`
		Sig     vectors.Hex `json:"signature"`
	}
	if err := json.Unmarshal(b, &cases); err != nil {
		t.Fatal(err)
	}
	if len(cases) != 10 {
		t.Fatalf("%d cases, want 10", len(cases))
	}
	cryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		var pubs []ed25519.PublicKey
		var msgs, sigs [][]byte
		var want []bool
		accepted := 0
		for i, c := range cases {
			std := ed25519.Verify(ed25519.PublicKey(c.PubKey), c.Message, c.Sig)
			if got := Verify(ed25519.PublicKey(c.PubKey), c.Message, c.Sig); got != std {
				t.Errorf("case %d: Verify %v, crypto/ed25519 %v", i, got, std)
			}
			if std {
				accepted++
			}
			pubs, msgs, sigs, want = append(pubs, ed25519.PublicKey(c.PubKey)), append(msgs, c.Message), append(sigs, c.Sig), append(want, std)
		}
		for i, got := range VerifyMany(pubs, msgs, sigs) {
			if got != want[i] {
				t.Errorf("case %d: VerifyMany %v, crypto/ed25519 %v", i, got, want[i])
			}
		}
		if accepted == 0 || accepted == len(cases) {
			t.Fatalf("crypto/ed25519 accepts %d of %d cases: the cases do not discriminate", accepted, len(cases))
		}
	})
}
