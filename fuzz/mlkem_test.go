package fuzz

import (
	"bytes"
	"crypto/mlkem"
	"crypto/mlkem/mlkemtest"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	ourmlkem "github.com/tlscore/tlscore/kx/mlkem"
)

// mlkemEach runs f with every available implementation of "mlkem" selected.
func mlkemEach(t *testing.T, f func(name string)) {
	defer dispatch.Reset("mlkem")
	for _, im := range dispatch.List("mlkem") {
		if !im.Available {
			continue
		}
		if err := dispatch.Select("mlkem", im.Name); err != nil {
			t.Fatal(err)
		}
		f(im.Name)
	}
}

// mlkemPad returns b cut or zero-padded to n bytes.
func mlkemPad(b []byte, n int) []byte {
	out := make([]byte, n)
	copy(out, b)
	return out
}

// FuzzMLKEMDecapsulate checks, for every implementation, key generation
// from a fuzzed seed, decapsulation of a fuzzed ciphertext (almost always
// the implicit-rejection path) and of a real one, and derandomized
// encapsulation with a fuzzed message, against crypto/mlkem, for ML-KEM-768
// and ML-KEM-1024. A ciphertext of the wrong length must be an error on
// both sides.
func FuzzMLKEMDecapsulate(f *testing.F) {
	f.Add(bytes.Repeat([]byte{1}, 64), []byte{0}, bytes.Repeat([]byte{0xff}, 1088), false)
	f.Add(make([]byte, 64), bytes.Repeat([]byte{7}, 32), make([]byte, 1568), true)
	f.Add([]byte("seed"), []byte("message"), []byte("short"), false)
	f.Fuzz(func(t *testing.T, seedIn, msgIn, ct []byte, use1024 bool) {
		seed, msg := mlkemPad(seedIn, 64), mlkemPad(msgIn, 32)
		if use1024 {
			std, _ := mlkem.NewDecapsulationKey1024(seed)
			wantK, wantErr := std.Decapsulate(ct)
			wantEKs, wantCs, _ := mlkemtest.Encapsulate1024(std.EncapsulationKey(), msg)
			mlkemEach(t, func(name string) {
				dk, err := ourmlkem.NewDecapsulationKey1024(seed)
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(dk.EncapsulationKey().Bytes(), std.EncapsulationKey().Bytes()) {
					t.Fatalf("%s: 1024 encapsulation key differs", name)
				}
				k, err := dk.Decapsulate(ct)
				if (err != nil) != (wantErr != nil) || !bytes.Equal(k, wantK) {
					t.Fatalf("%s: 1024 Decapsulate = %x, %v; crypto/mlkem %x, %v", name, k, err, wantK, wantErr)
				}
				k, err = dk.Decapsulate(wantCs)
				if err != nil || !bytes.Equal(k, wantEKs) {
					t.Fatalf("%s: 1024 Decapsulate of a real ciphertext = %x, %v; want %x", name, k, err, wantEKs)
				}
			})
			return
		}
		std, _ := mlkem.NewDecapsulationKey768(seed)
		wantK, wantErr := std.Decapsulate(ct)
		wantEKs, wantCs, _ := mlkemtest.Encapsulate768(std.EncapsulationKey(), msg)
		mlkemEach(t, func(name string) {
			dk, err := ourmlkem.NewDecapsulationKey768(seed)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(dk.EncapsulationKey().Bytes(), std.EncapsulationKey().Bytes()) {
				t.Fatalf("%s: 768 encapsulation key differs", name)
			}
			k, err := dk.Decapsulate(ct)
			if (err != nil) != (wantErr != nil) || !bytes.Equal(k, wantK) {
				t.Fatalf("%s: 768 Decapsulate = %x, %v; crypto/mlkem %x, %v", name, k, err, wantK, wantErr)
			}
			k, err = dk.Decapsulate(wantCs)
			if err != nil || !bytes.Equal(k, wantEKs) {
				t.Fatalf("%s: 768 Decapsulate of a real ciphertext = %x, %v; want %x", name, k, err, wantEKs)
			}
		})
	})
}

// FuzzMLKEMEncapsulationKey checks that every implementation accepts
// exactly the encapsulation keys crypto/mlkem accepts (length and modulus
// checks), for both parameter sets.
func FuzzMLKEMEncapsulationKey(f *testing.F) {
	dk, _ := mlkem.NewDecapsulationKey768(make([]byte, 64))
	f.Add(dk.EncapsulationKey().Bytes())
	f.Add(bytes.Repeat([]byte{0xff}, 1184))
	f.Add(bytes.Repeat([]byte{0x00}, 1568))
	f.Fuzz(func(t *testing.T, ekb []byte) {
		_, err768 := mlkem.NewEncapsulationKey768(ekb)
		_, err1024 := mlkem.NewEncapsulationKey1024(ekb)
		mlkemEach(t, func(name string) {
			if _, err := ourmlkem.NewEncapsulationKey768(ekb); (err != nil) != (err768 != nil) {
				t.Fatalf("%s: 768 key accepted %v, crypto/mlkem %v", name, err == nil, err768 == nil)
			}
			if _, err := ourmlkem.NewEncapsulationKey1024(ekb); (err != nil) != (err1024 != nil) {
				t.Fatalf("%s: 1024 key accepted %v, crypto/mlkem %v", name, err == nil, err1024 == nil)
			}
		})
	})
}
