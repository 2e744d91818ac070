package vectors

import (
	"crypto/sha256"
	"encoding/hex"
	"testing"

	"github.com/c2sp/wycheproof"
)

// TestChecksums checks the embedded data against vectors/SOURCES.md.
func TestChecksums(t *testing.T) {
	for name, want := range map[string]string{
		"cavp/gcmDecrypt128.rsp":                            "0d1f98d0c9e176ede1f3e85484dd13de92c3436ca97df378ec3481e04c19a732",
		"cavp/gcmDecrypt256.rsp":                            "ed318735a517d5a85c82d2846c23dcf56e57a352fb0f0a163d9e7617a7bd12ad",
		"cavp/gcmEncryptExtIV128.rsp":                       "30156236f768b0d81e58a3e5bd3bd79ce294cf9ef0ba0a84cf7b869c89ebd9fd",
		"cavp/gcmEncryptExtIV256.rsp":                       "4448b4998c3f58cd9f5542ddf7c573189a721ff3d3ac24cd5177bb4910a787f8",
		"rfc/rfc8439.txt":                                   "25bef70fbf7a07ff45c2fe4cb7c6ce954eac687413d8610603268b4e4415324c",
		"rfc/rfc8446.txt":                                   "3d00cf2d59c9658476c1539f8d5676e4f5a22775b8baef5ff0f6bc262d6dd696",
		"wycheproof/ecdsa_secp256r1_sha256_test.json":       "182db4f3e230f6f9fa9f800d2a614dede30284b8e8438bbfe1171905402e9332",
		"wycheproof/ecdsa_secp256r1_sha256_p1363_test.json": "c60de693930e386c3a5472d08081623ef8504decc54b38ac01ec6b2a2575c986",
		"wycheproof/ecdsa_secp384r1_sha384_test.json":       "8a5b3ae1760975143414811f13588c24d951d9d8c904195087ba327591dfe9cc",
		"wycheproof/ecdsa_secp384r1_sha384_p1363_test.json": "e27344bf6daae75fa19663620883809f91c79fc4b4420eff9eae8036b34476be",
		"cctv/mlkem/unluckysample-512.txt":                  "9d4e0ae011978a8f88a49b755ea6996a693428aaea0477c84331580c15b77a9b",
		"cctv/mlkem/unluckysample-768.txt":                  "fede6f787581dc708e5c3337d7e49de33333d23023470668cd0588b65ad0ba90",
		"cctv/mlkem/unluckysample-1024.txt":                 "8da6cdb2fb0d4e2223dfa5229ec97d4ded7b93bd8b2202e9a7533850c817b8cd",
		"cctv/mlkem/intermediate-512.txt":                   "3cb7a5c2421d4ada68f61b9c26e6136a3436c320e0c016af7095dadb41217bf1",
		"cctv/mlkem/intermediate-768.txt":                   "4cdeed48a917ec2825a49a03815c31692d51b4be0b6850a0abc56cb39bab1f84",
		"cctv/mlkem/intermediate-1024.txt":                  "af15ceb9c7129a152e0a9d66caabe0567b566b949bacfe8349c6a3c4b46cb64a",
		"cctv/mlkem/modulus-512.txt":                        "cc1597aa8fb37f387495ff1575e0c5b4e96a65d6d559e4c9823dde30f6cb633e",
		"cctv/mlkem/modulus-768.txt":                        "1070efdae5c268a57935a33097316990831e7d4bb45d59abf0bfe4812535839a",
		"cctv/mlkem/modulus-1024.txt":                       "9c27ef8951a6b6b59b57dcc4e213ae73472c3db956f4298d6c9983c54bb2c263",
		"speccheck/cases.json":                              "207981f308c0d199ca7a9dd396129a08c707907505f9ec3c048ff2430ee87fa5",
	} {
		b, err := Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(b)
		if got := hex.EncodeToString(sum[:]); got != want {
			t.Errorf("%s: sha256 %s, want %s", name, got, want)
		}
	}
}

func TestParseRSP(t *testing.T) {
	b, err := Open("cavp/gcmDecrypt128.rsp")
	if err != nil {
		t.Fatal(err)
	}
	es, err := ParseRSP(b)
	if err != nil {
		t.Fatal(err)
	}
	fails := 0
	for _, e := range es {
		if e.Fail {
			fails++
		}
		if e.Params["Keylen"] != "128" {
			t.Fatalf("entry without Keylen 128: %v", e.Params)
		}
	}
	// Counts recorded in ../shared/vectors/SOURCES.md.
	if len(es) != 7875 || fails != 4011 {
		t.Errorf("%d entries, %d FAIL; want 7875 and 4011", len(es), fails)
	}
}

func TestWycheproof(t *testing.T) {
	var f Wycheproof[AEADGroup]
	if err := LoadWycheproof(wycheproof.TestVectors, "aes_gcm_test.json", &f); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, g := range f.TestGroups {
		n += len(g.Tests)
	}
	if n != f.NumberOfTests || n == 0 {
		t.Errorf("read %d cases, file says %d", n, f.NumberOfTests)
	}
}

// TestLoadWycheproofNewest checks that the embedded ECDSA files, which carry
// the cases added after the pinned module version, win over the module's,
// and that other names still come from the module.
func TestLoadWycheproofNewest(t *testing.T) {
	for name, want := range map[string]int{
		"ecdsa_secp256r1_sha256_test.json": 484,
		"ecdsa_secp384r1_sha384_test.json": 504,
		"ecdsa_secp256r1_sha512_test.json": 0, // module copy: any count
	} {
		var v Wycheproof[ECDSAGroup]
		if err := LoadWycheproofNewest(wycheproof.TestVectors, name, &v); err != nil {
			t.Fatal(err)
		}
		if want != 0 && v.NumberOfTests != want {
			t.Errorf("%s: %d cases, want %d", name, v.NumberOfTests, want)
		}
		if v.NumberOfTests == 0 || len(v.TestGroups) == 0 {
			t.Errorf("%s: empty", name)
		}
	}
}
