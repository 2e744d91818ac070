package mlkem

import (
	"bytes"
	"crypto/ecdh"
	"crypto/hpke"
	"crypto/mlkem"
	"crypto/mlkem/mlkemtest"
	"crypto/rand"
	"crypto/sha3"
	"encoding/hex"
	"sync"
	"testing"
	"testing/cryptotest"

	tcryptotest "github.com/tlscore/tlscore/internal/cryptotest"
)

func TestCompress(t *testing.T) {
	for _, d := range []uint{1, 4, 5, 10, 11} {
		for x := 0; x < q; x++ {
			// round(2^d x / q) = floor((2^(d+1) x + q) / 2q)
			want := uint16(((x<<(d+1))+q)/(2*q)) & (1<<d - 1)
			if got := compress(int16(x), d); got != want {
				t.Fatalf("compress(%d, %d) = %d, want %d", x, d, got, want)
			}
		}
		for y := 0; y < 1<<d; y++ {
			want := int16((y*q*2 + 1<<d) / (2 << d)) // round(q y / 2^d)
			if got := decompress(uint16(y), d); got != want {
				t.Fatalf("decompress(%d, %d) = %d, want %d", y, d, got, want)
			}
		}
	}
}

func TestReductions(t *testing.T) {
	for a := -32768; a < 32768; a++ {
		r := barrettReduce(int16(a))
		if r < -(q-1)/2 || r > (q-1)/2 || (int(r)-a)%q != 0 {
			t.Fatalf("barrettReduce(%d) = %d", a, r)
		}
	}
	// montReduce: a*R^-1 for |a| < q*2^15, sampled densely.
	for a := -q << 15; a < q<<15; a += 997 {
		r := montReduce(int32(a))
		if r <= -q || r >= q || ((int(r)<<16)-a)%q != 0 {
			t.Fatalf("montReduce(%d) = %d", a, r)
		}
	}
}

// TestAccumulated is crypto/mlkem's TestAccumulated (Go 1.26
// src/crypto/mlkem/mlkem_test.go) with the same expected hashes: 100
// (-short) or 10000 seeded key generations, encapsulations and
// decapsulations (of the real and of a random ciphertext) hashed together.
func TestAccumulated(t *testing.T) {
	tcryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		n := 10000
		expected := "8a518cc63da366322a8e7a818c7a0d63483cb3528d34a4cf42f35d5ad73f22fc"
		if testing.Short() {
			n = 100
			expected = "1114b1b6699ed191734fa339376afa7e285c9e6acf6ff0177d346696ce564415"
		}
		s := sha3.NewSHAKE128()
		o := sha3.NewSHAKE128()
		seed := make([]byte, SeedSize)
		var msg [32]byte
		ct1 := make([]byte, CiphertextSize768)
		for i := 0; i < n; i++ {
			s.Read(seed)
			dk, err := NewDecapsulationKey768(seed)
			if err != nil {
				t.Fatal(err)
			}
			ek := dk.EncapsulationKey()
			o.Write(ek.Bytes())
			s.Read(msg[:])
			var k [32]byte
			ct := make([]byte, CiphertextSize768)
			ek.ek.encapsulate(&k, ct, &msg)
			o.Write(ct)
			o.Write(k[:])
			kk, err := dk.Decapsulate(ct)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(kk, k[:]) {
				t.Errorf("k: got %x, expected %x", kk, k)
			}
			s.Read(ct1)
			k1, err := dk.Decapsulate(ct1)
			if err != nil {
				t.Fatal(err)
			}
			o.Write(k1)
		}
		sum := make([]byte, 32)
		o.Read(sum)
		if got := hex.EncodeToString(sum); got != expected {
			t.Errorf("got %s, expected %s", got, expected)
		}
	})
}

// TestSetGlobalRandom checks that key generation and encapsulation draw
// randomness exactly as crypto/mlkem does: under the same
// testing/cryptotest.SetGlobalRandom seed, both produce the same bytes.
func TestSetGlobalRandom(t *testing.T) {
	tcryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		for seed := uint64(0); seed < 8; seed++ {
			cryptotest.SetGlobalRandom(t, seed)
			ours, _ := GenerateKey768()
			k1, c1 := ours.EncapsulationKey().Encapsulate()
			ours1024, _ := GenerateKey1024()
			k3, c3 := ours1024.EncapsulationKey().Encapsulate()

			cryptotest.SetGlobalRandom(t, seed)
			std, _ := mlkem.GenerateKey768()
			k2, c2 := std.EncapsulationKey().Encapsulate()
			std1024, _ := mlkem.GenerateKey1024()
			k4, c4 := std1024.EncapsulationKey().Encapsulate()

			if !bytes.Equal(ours.Bytes(), std.Bytes()) || !bytes.Equal(ours.EncapsulationKey().Bytes(), std.EncapsulationKey().Bytes()) {
				t.Fatalf("seed %d: 768 keys differ", seed)
			}
			if !bytes.Equal(k1, k2) || !bytes.Equal(c1, c2) {
				t.Fatalf("seed %d: 768 encapsulations differ", seed)
			}
			if !bytes.Equal(ours1024.Bytes(), std1024.Bytes()) || !bytes.Equal(k3, k4) || !bytes.Equal(c3, c4) {
				t.Fatalf("seed %d: 1024 keys or encapsulations differ", seed)
			}
		}
	})
}

// TestDifferential compares every operation with crypto/mlkem on keys
// from random seeds: encapsulation keys, encapsulation with the same
// message, decapsulation of ciphertexts made by either side and of
// tampered ones (implicit rejection must give the same key).
func TestDifferential(t *testing.T) {
	tcryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		shake := sha3.NewSHAKE128()
		shake.Write([]byte("tlscore mlkem differential"))
		iters := 50
		if testing.Short() {
			iters = 10
		}
		for i := 0; i < iters; i++ {
			seed := make([]byte, SeedSize)
			shake.Read(seed)
			var m [32]byte
			shake.Read(m[:])
			flip := make([]byte, 3)
			shake.Read(flip)

			// 768
			ours, err := NewDecapsulationKey768(seed)
			if err != nil {
				t.Fatal(err)
			}
			std, _ := mlkem.NewDecapsulationKey768(seed)
			if !bytes.Equal(ours.EncapsulationKey().Bytes(), std.EncapsulationKey().Bytes()) {
				t.Fatal("768: encapsulation keys differ")
			}
			ek, err := NewEncapsulationKey768(std.EncapsulationKey().Bytes())
			if err != nil {
				t.Fatal(err)
			}
			var k [32]byte
			c := make([]byte, CiphertextSize768)
			ek.ek.encapsulate(&k, c, &m)
			ks, cs, err := mlkemtest.Encapsulate768(std.EncapsulationKey(), m[:])
			if err != nil || !bytes.Equal(c, cs) || !bytes.Equal(k[:], ks) {
				t.Fatalf("768: derandomized encapsulation differs (%v)", err)
			}
			kstd, c2 := std.EncapsulationKey().Encapsulate()
			if got, err := ours.Decapsulate(c2); err != nil || !bytes.Equal(got, kstd) {
				t.Fatalf("768: decapsulation of crypto/mlkem's ciphertext differs")
			}
			kours, c3 := ours.EncapsulationKey().Encapsulate()
			if got, err := std.Decapsulate(c3); err != nil || !bytes.Equal(got, kours) {
				t.Fatalf("768: crypto/mlkem decapsulates our ciphertext differently")
			}
			bad := bytes.Clone(c3)
			bad[(int(flip[0])<<8|int(flip[1]))%len(bad)] ^= 1 << (flip[2] % 8)
			k1, _ := ours.Decapsulate(bad)
			k2, _ := std.Decapsulate(bad)
			if !bytes.Equal(k1, k2) || bytes.Equal(k1, kours) {
				t.Fatalf("768: implicit rejection differs")
			}

			// 1024
			ours4, _ := NewDecapsulationKey1024(seed)
			std4, _ := mlkem.NewDecapsulationKey1024(seed)
			if !bytes.Equal(ours4.EncapsulationKey().Bytes(), std4.EncapsulationKey().Bytes()) {
				t.Fatal("1024: encapsulation keys differ")
			}
			c = make([]byte, CiphertextSize1024)
			ours4.dk.encapsulate(&k, c, &m)
			ks, cs, err = mlkemtest.Encapsulate1024(std4.EncapsulationKey(), m[:])
			if err != nil || !bytes.Equal(c, cs) || !bytes.Equal(k[:], ks) {
				t.Fatalf("1024: derandomized encapsulation differs (%v)", err)
			}
			kstd, c2 = std4.EncapsulationKey().Encapsulate()
			if got, err := ours4.Decapsulate(c2); err != nil || !bytes.Equal(got, kstd) {
				t.Fatalf("1024: decapsulation of crypto/mlkem's ciphertext differs")
			}
			bad = bytes.Clone(c2)
			bad[(int(flip[0])<<8|int(flip[1]))%len(bad)] ^= 1 << (flip[2] % 8)
			k1, _ = ours4.Decapsulate(bad)
			k2, _ = std4.Decapsulate(bad)
			if !bytes.Equal(k1, k2) {
				t.Fatalf("1024: implicit rejection differs")
			}
		}
	})
}

// TestInvalidEncapsulationKeys: a coefficient >= q anywhere, or a wrong
// length, is rejected exactly when crypto/mlkem rejects it.
func TestInvalidEncapsulationKeys(t *testing.T) {
	tcryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		dk, _ := mlkem.GenerateKey768()
		good := dk.EncapsulationKey().Bytes()
		for _, pos := range []int{0, 1, 383, 384, 1151, 1150} {
			for _, v := range []uint16{q, q + 1, 4095, q - 1, 0} {
				b := bytes.Clone(good)
				i := pos / 3 * 3 // a 3-byte group: two 12-bit values
				if pos%2 == 0 {
					b[i] = byte(v)
					b[i+1] = b[i+1]&0xf0 | byte(v>>8)
				} else {
					b[i+1] = b[i+1]&0x0f | byte(v<<4)
					b[i+2] = byte(v >> 4)
				}
				_, err1 := NewEncapsulationKey768(b)
				_, err2 := mlkem.NewEncapsulationKey768(b)
				if (err1 == nil) != (err2 == nil) || (v >= q) != (err1 != nil) {
					t.Errorf("pos %d value %d: ours %v, crypto/mlkem %v", pos, v, err1, err2)
				}
			}
		}
		for _, l := range []int{0, 1, EncapsulationKeySize768 - 1, EncapsulationKeySize768 + 1, EncapsulationKeySize1024} {
			b := make([]byte, l)
			if _, err := NewEncapsulationKey768(b); err == nil {
				t.Errorf("768: accepted a %d-byte key", l)
			}
		}
		if _, err := NewEncapsulationKey1024(make([]byte, EncapsulationKeySize768)); err == nil {
			t.Error("1024: accepted a 768 key")
		}
	})
}

func TestBadLengths(t *testing.T) {
	for _, l := range []int{0, 32, 63, 65} {
		if _, err := NewDecapsulationKey768(make([]byte, l)); err == nil {
			t.Errorf("768: seed of %d bytes accepted", l)
		}
		if _, err := NewDecapsulationKey1024(make([]byte, l)); err == nil {
			t.Errorf("1024: seed of %d bytes accepted", l)
		}
	}
	dk, _ := GenerateKey768()
	dk4, _ := GenerateKey1024()
	for _, l := range []int{0, 1, CiphertextSize768 - 1, CiphertextSize768 + 1, CiphertextSize1024} {
		if _, err := dk.Decapsulate(make([]byte, l)); err == nil {
			t.Errorf("768: ciphertext of %d bytes accepted", l)
		}
	}
	for _, l := range []int{0, CiphertextSize768, CiphertextSize1024 - 1, CiphertextSize1024 + 1} {
		if _, err := dk4.Decapsulate(make([]byte, l)); err == nil {
			t.Errorf("1024: ciphertext of %d bytes accepted", l)
		}
	}
	if got, _ := NewDecapsulationKey768(dk.Bytes()); !bytes.Equal(got.Bytes(), dk.Bytes()) {
		t.Error("Bytes does not round-trip")
	}
	if !bytes.Equal(dk.EncapsulationKeyBytes(), dk.EncapsulationKey().Bytes()) || !bytes.Equal(dk4.EncapsulationKeyBytes(), dk4.EncapsulationKey().Bytes()) {
		t.Error("EncapsulationKeyBytes differs from EncapsulationKey().Bytes()")
	}
}

// TestHPKE uses our decapsulation keys as crypto/hpke recipients of the
// hybrid KEMs (MLKEM768-X25519 and MLKEM1024-P384) and the pure ML-KEM ones:
// crypto/hpke seals to the public key, and our key decapsulates.
func TestHPKE(t *testing.T) {
	tcryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		x, _ := ecdh.X25519().GenerateKey(rand.Reader)
		p384, _ := ecdh.P384().GenerateKey(rand.Reader)
		dk768, _ := GenerateKey768()
		dk1024, _ := GenerateKey1024()
		var keys []hpke.PrivateKey
		k, err := hpke.NewHybridPrivateKey(dk768, x)
		if err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
		if k, err = hpke.NewHybridPrivateKey(dk1024, p384); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
		if k, err = hpke.NewMLKEMPrivateKey(dk768); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
		if k, err = hpke.NewMLKEMPrivateKey(dk1024); err != nil {
			t.Fatal(err)
		}
		keys = append(keys, k)
		msg := []byte("sealed by crypto/hpke, opened with tlscore's ML-KEM")
		for i, priv := range keys {
			ct, err := hpke.Seal(priv.PublicKey(), hpke.HKDFSHA256(), hpke.AES128GCM(), []byte("info"), msg)
			if err != nil {
				t.Fatal(err)
			}
			got, err := hpke.Open(priv, hpke.HKDFSHA256(), hpke.AES128GCM(), []byte("info"), ct)
			if err != nil || !bytes.Equal(got, msg) {
				t.Fatalf("key %d: Open = %q, %v", i, got, err)
			}
			ct[len(ct)/3] ^= 1 // in the KEM ciphertext
			if _, err := hpke.Open(priv, hpke.HKDFSHA256(), hpke.AES128GCM(), []byte("info"), ct); err == nil {
				t.Fatalf("key %d: opened a tampered message", i)
			}
		}
	})
}

func TestAllocations(t *testing.T) {
	tcryptotest.SkipTestAllocations(t)
	tcryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		dk, _ := GenerateKey768()
		ek := dk.EncapsulationKey()
		_, c := ek.Encapsulate()
		if n := testing.AllocsPerRun(10, func() { ek.Encapsulate() }); n > 2 {
			t.Errorf("Encapsulate768: %v allocations, want 2 (the results)", n)
		}
		if n := testing.AllocsPerRun(10, func() { dk.Decapsulate(c) }); n > 1 {
			t.Errorf("Decapsulate768: %v allocations, want 1 (the result)", n)
		}
		dk4, _ := GenerateKey1024()
		ek4 := dk4.EncapsulationKey()
		_, c4 := ek4.Encapsulate()
		if n := testing.AllocsPerRun(10, func() { ek4.Encapsulate() }); n > 2 {
			t.Errorf("Encapsulate1024: %v allocations, want 2", n)
		}
		if n := testing.AllocsPerRun(10, func() { dk4.Decapsulate(c4) }); n > 1 {
			t.Errorf("Decapsulate1024: %v allocations, want 1", n)
		}
		if n := testing.AllocsPerRun(10, func() { GenerateKey768() }); n > 1 {
			t.Errorf("GenerateKey768: %v allocations, want 1 (the key)", n)
		}
	})
}

// TestFirstUseConcurrent decapsulates with a fresh key (H(ek) not yet
// computed) from several goroutines at once, and asks for its
// encapsulation key meanwhile; every result must equal crypto/mlkem's.
// Run with -race to check the lazy H(ek).
func TestFirstUseConcurrent(t *testing.T) {
	tcryptotest.TestAllImplementations(t, alg, func(t *testing.T) {
		for iter := 0; iter < 10; iter++ {
			seed := make([]byte, SeedSize)
			rand.Read(seed)
			std, _ := mlkem.NewDecapsulationKey768(seed)
			want, c := std.EncapsulationKey().Encapsulate()
			ours, _ := NewDecapsulationKey768(seed)
			var wg sync.WaitGroup
			errs := make(chan string, 16)
			for g := 0; g < 6; g++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if g%3 == 2 {
						if !bytes.Equal(ours.EncapsulationKey().Bytes(), std.EncapsulationKey().Bytes()) {
							errs <- "encapsulation key differs"
						}
						return
					}
					if k, err := ours.Decapsulate(c); err != nil || !bytes.Equal(k, want) {
						errs <- "first-use decapsulation differs"
					}
				}()
			}
			wg.Wait()
			close(errs)
			for e := range errs {
				t.Fatal(e)
			}
		}
	})
}
