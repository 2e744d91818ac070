package dispatch

import (
	"slices"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
	"github.com/tlscore/tlscore/internal/impl"
)

func init() {
	impl.Register("dispatch-test",
		impl.Impl{Name: "never", Arch: "amd64", Features: []cpu.Feature{cpu.ARM64AES, cpu.AESNI}, Desc: "never available"},
		impl.Impl{Name: "fast", NotAuto: "for the test"},
		impl.Impl{Name: "generic"},
	)
}

// TestFacade checks that dispatch shows and steers the internal registry.
func TestFacade(t *testing.T) {
	if !slices.Contains(Algorithms(), "dispatch-test") {
		t.Fatal("Algorithms misses dispatch-test")
	}
	l := List("dispatch-test")
	if len(l) != 3 || l[0].Name != "never" || l[0].Available || !l[2].Available ||
		!slices.Equal(l[0].Features, []string{"aes", "aesni"}) || l[0].Desc != "never available" || l[1].NotAuto == "" {
		t.Fatalf("List = %+v", l)
	}
	if List("nosuch") != nil {
		t.Error("List of an unknown algorithm is not nil")
	}
	if got := Chosen("dispatch-test"); got != "generic" {
		t.Fatalf("Chosen = %q", got)
	}
	if err := Select("dispatch-test", "never"); err == nil {
		t.Fatal("Select of an unavailable implementation succeeded")
	}
	if err := Select("dispatch-test", "fast"); err != nil {
		t.Fatal(err)
	}
	if Chosen("dispatch-test") != "fast" || Auto("dispatch-test") != "generic" {
		t.Fatalf("after Select: Chosen %q, Auto %q", Chosen("dispatch-test"), Auto("dispatch-test"))
	}
	Reset("dispatch-test")
	if got := Chosen("dispatch-test"); got != "generic" {
		t.Fatalf("after Reset: %q", got)
	}
}
