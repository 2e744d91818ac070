package main

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	log := strings.Join([]string{
		"aes-gcm\tvaes-avx512\t1\tran\t/m/aead/aesgcm\tTestA/vaes-avx512",
		"aes-gcm\tvaes-avx512\t1\tskipped\t/m/aead/aesgcm\tTestB/vaes-avx512",
		"aes-gcm\tarm64\t0\tunavailable\t/m/aead/aesgcm\tTestA/arm64",
		"aes-gcm\tgeneric\t1\tskipped\t/m/aead/aesgcm\tTestA/generic",
		"x25519\tadx\t1\tfailed\t/m/kx/x25519\tTestC/adx",
	}, "\n") + "\n"
	report, bad, err := check(strings.NewReader(log), "aes-gcm vaes-avx512\nx25519 adx\nrsa adx\n")
	if err != nil {
		t.Fatal(err)
	}
	// generic skipped everywhere, rsa adx never seen: two failures; the
	// unavailable arm64 and the failed (but run) adx are not.
	if len(bad) != 2 || !strings.Contains(bad[0], "rsa adx") || !strings.Contains(bad[1], "aes-gcm generic") {
		t.Errorf("failures %q", bad)
	}
	if !strings.Contains(report, "aes-gcm              vaes-avx512    yes       1      0       1      0  aesgcm") {
		t.Errorf("report:\n%s", report)
	}
	if _, _, err := check(strings.NewReader("bad line\n"), ""); err == nil {
		t.Error("malformed log accepted")
	}
}
