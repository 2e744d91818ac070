package fuzz

import (
	"bytes"
	"crypto"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"os"
	"sync"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	tlsrsa "github.com/tlscore/tlscore/sig/rsa"
)

var rsaFuzzSizes = []int{1024, 2048, 3072, 4096}

type rsaFuzzKey struct {
	std   *rsa.PrivateKey
	names []string
	keys  []*tlsrsa.PrivateKey // one per available implementation
}

var (
	rsaFuzzOnce sync.Once
	rsaFuzzKeys []rsaFuzzKey
	rsaFuzzErr  error
)

// rsaKeys loads the fixed test keys of sig/rsa/testdata and prepares one
// *PrivateKey per available implementation of each.
func rsaKeys(t *testing.T) []rsaFuzzKey {
	rsaFuzzOnce.Do(func() {
		defer dispatch.Reset("rsa")
		for _, bits := range rsaFuzzSizes {
			data, err := os.ReadFile(fmt.Sprintf("../sig/rsa/testdata/rsa%d.pem", bits))
			if err != nil {
				rsaFuzzErr = err
				return
			}
			blk, _ := pem.Decode(data)
			std, err := x509.ParsePKCS1PrivateKey(blk.Bytes)
			if err != nil {
				rsaFuzzErr = err
				return
			}
			fk := rsaFuzzKey{std: std}
			for _, im := range dispatch.List("rsa") {
				if !im.Available {
					continue
				}
				if err := dispatch.Select("rsa", im.Name); err != nil {
					rsaFuzzErr = err
					return
				}
				k, err := tlsrsa.NewPrivateKey(std)
				if err != nil {
					rsaFuzzErr = err
					return
				}
				fk.names = append(fk.names, k.Implementation())
				fk.keys = append(fk.keys, k)
			}
			rsaFuzzKeys = append(rsaFuzzKeys, fk)
		}
	})
	if rsaFuzzErr != nil {
		t.Fatal(rsaFuzzErr)
	}
	return rsaFuzzKeys
}

// FuzzRSASign signs random digests with every implementation: PKCS #1 v1.5
// signatures must equal crypto/rsa's byte for byte, and PSS signatures with
// the same salt must be equal across implementations and verify with
// crypto/rsa. The key size (1024 to 4096 bits) comes from the input, so
// every path (IFMA, ADX, arm64, generic, and the fallbacks) is reached.
func FuzzRSASign(f *testing.F) {
	f.Add(uint8(1), make([]byte, 32), []byte("salt"))
	f.Add(uint8(0), bytes.Repeat([]byte{0xff}, 32), bytes.Repeat([]byte{0xff}, 32))
	f.Add(uint8(2), bytes.Repeat([]byte{0x80}, 32), []byte{})
	f.Add(uint8(3), bytes.Repeat([]byte{1}, 32), make([]byte, 32))
	f.Fuzz(func(t *testing.T, size uint8, digest, salt []byte) {
		if len(digest) != 32 {
			d := sha256.Sum256(digest)
			digest = d[:]
		}
		fk := rsaKeys(t)[int(size)%len(rsaFuzzSizes)]
		want, err := rsa.SignPKCS1v15(nil, fk.std, crypto.SHA256, digest)
		if err != nil {
			t.Fatal(err)
		}
		var pss [][]byte
		saltBuf := make([]byte, 32)
		copy(saltBuf, salt)
		opts := &rsa.PSSOptions{SaltLength: 32, Hash: crypto.SHA256}
		for i, k := range fk.keys {
			sig, err := k.Sign(nil, digest, crypto.SHA256)
			if err != nil {
				t.Fatalf("%s: %v", fk.names[i], err)
			}
			if !bytes.Equal(sig, want) {
				t.Fatalf("%s, %d bits: PKCS1v15 signature differs from crypto/rsa", fk.names[i], fk.std.N.BitLen())
			}
			ps, err := k.Sign(bytes.NewReader(saltBuf), digest, opts)
			if err != nil {
				t.Fatalf("%s: %v", fk.names[i], err)
			}
			if err := rsa.VerifyPSS(&fk.std.PublicKey, crypto.SHA256, digest, ps, opts); err != nil {
				t.Fatalf("%s: crypto/rsa rejects the PSS signature: %v", fk.names[i], err)
			}
			pss = append(pss, ps)
		}
		for i := range pss {
			if !bytes.Equal(pss[i], pss[0]) {
				t.Fatalf("%s and %s: PSS signatures with the same salt differ", fk.names[i], fk.names[0])
			}
		}
	})
}

// FuzzRSAVerify mutates valid signatures: no implementation may accept a
// changed one or panic, and all agree with crypto/rsa, for PKCS #1 v1.5 and
// PSS, including signatures of the wrong length.
func FuzzRSAVerify(f *testing.F) {
	f.Add(uint8(1), []byte("msg"), uint16(0), []byte{1}, false, int8(0))
	f.Add(uint8(0), []byte("msg"), uint16(255), []byte{0x80}, true, int8(0))
	f.Add(uint8(2), []byte("x"), uint16(3), []byte{0xff, 0xff}, false, int8(-1))
	f.Add(uint8(3), []byte("y"), uint16(0), []byte{}, true, int8(1))
	f.Fuzz(func(t *testing.T, size uint8, msg []byte, pos uint16, xor []byte, usePSS bool, dlen int8) {
		fk := rsaKeys(t)[int(size)%len(rsaFuzzSizes)]
		d := sha256.Sum256(msg)
		var sig []byte
		var err error
		if usePSS {
			sig, err = fk.keys[0].Sign(bytes.NewReader(make([]byte, 64)), d[:], &rsa.PSSOptions{Hash: crypto.SHA256, SaltLength: rsa.PSSSaltLengthEqualsHash})
		} else {
			sig, err = fk.keys[0].Sign(nil, d[:], crypto.SHA256)
		}
		if err != nil {
			t.Fatal(err)
		}
		changed := false
		for i, x := range xor {
			j := int(pos) + i
			if j < len(sig) && x != 0 {
				sig[j] ^= x
				changed = true
			}
		}
		switch {
		case dlen > 0:
			sig = append(sig, make([]byte, dlen)...)
			changed = true
		case dlen < 0:
			sig = sig[:max(0, len(sig)+int(dlen))]
			changed = true
		}
		var stdErr error
		if usePSS {
			stdErr = rsa.VerifyPSS(&fk.std.PublicKey, crypto.SHA256, d[:], sig, nil)
		} else {
			stdErr = rsa.VerifyPKCS1v15(&fk.std.PublicKey, crypto.SHA256, d[:], sig)
		}
		for i, k := range fk.keys {
			pk := k.PublicKey()
			var err error
			if usePSS {
				err = pk.VerifyPSS(crypto.SHA256, d[:], sig, nil)
			} else {
				err = pk.VerifyPKCS1v15(crypto.SHA256, d[:], sig)
			}
			if changed && err == nil {
				t.Fatalf("%s: changed signature verifies", fk.names[i])
			}
			if !changed && err != nil {
				t.Fatalf("%s: valid signature rejected: %v", fk.names[i], err)
			}
			if (err == nil) != (stdErr == nil) {
				t.Fatalf("%s: ours %v, crypto/rsa %v", fk.names[i], err, stdErr)
			}
		}
	})
}
