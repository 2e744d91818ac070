package record

import "testing"

// TestErase checks that an erased Sealer and Opener hold no secret and
// refuse to work, even after SetSeq or Update.
func TestErase(t *testing.T) {
	secret := make([]byte, 32)
	secret[0] = 1
	s, err := NewSealer13(TLS_AES_128_GCM_SHA256, secret)
	if err != nil {
		t.Fatal(err)
	}
	o, err := NewOpener13(TLS_AES_128_GCM_SHA256, secret)
	if err != nil {
		t.Fatal(err)
	}
	rec, err := s.Seal(nil, ApplicationData, []byte("x"))
	if err != nil {
		t.Fatal(err)
	}
	s.Erase()
	o.Erase()
	if s.secret != [48]byte{} || s.iv != [12]byte{} || o.secret != [48]byte{} || o.iv != [12]byte{} {
		t.Error("secrets left after Erase")
	}
	for range 2 {
		if _, err := s.Seal(nil, ApplicationData, []byte("x")); err == nil {
			t.Error("Seal after Erase")
		}
		if _, _, err := o.Open(rec); err == nil {
			t.Error("Open after Erase")
		}
		if s.Update() == nil || o.Update() == nil {
			t.Error("Update after Erase")
		}
		s.SetSeq(0)
		o.SetSeq(0)
	}
}
