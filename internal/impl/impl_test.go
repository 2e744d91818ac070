package impl

import (
	"fmt"
	"sync"
	"testing"

	"github.com/tlscore/tlscore/internal/cpu"
)

func init() {
	Register("test-alg",
		Impl{Name: "never", Arch: "amd64", Features: []cpu.Feature{cpu.ARM64AES, cpu.AESNI}},
		Impl{Name: "fast", Arch: "", Features: nil, NotAuto: "for the test"},
		Impl{Name: "generic"},
	)
}

func TestChosen(t *testing.T) {
	if got := Chosen("test-alg"); got != "generic" {
		t.Fatalf("automatic choice = %q, want generic (never is unavailable, fast is NotAuto)", got)
	}
	if err := Select("test-alg", "fast"); err != nil {
		t.Fatal(err)
	}
	if got := Chosen("test-alg"); got != "fast" {
		t.Fatalf("after Select: %q", got)
	}
	if got := Auto("test-alg"); got != "generic" {
		t.Fatalf("Auto = %q", got)
	}
	Reset("test-alg")
	if got := Chosen("test-alg"); got != "generic" {
		t.Fatalf("after Reset: %q", got)
	}
}

func TestSelectErrors(t *testing.T) {
	if err := Select("test-alg", "never"); err == nil {
		t.Error("Select of an unavailable implementation succeeded")
	}
	if err := Select("test-alg", "nosuch"); err == nil {
		t.Error("Select of an unknown implementation succeeded")
	}
	if err := Select("nosuch", "generic"); err == nil {
		t.Error("Select of an unknown algorithm succeeded")
	}
	if got := Chosen("test-alg"); got != "generic" {
		t.Errorf("a failed Select changed the choice to %q", got)
	}
}

func TestList(t *testing.T) {
	l := List("test-alg")
	if len(l) != 3 || l[0].Name != "never" || l[0].Available || !l[2].Available {
		t.Fatalf("List = %+v", l)
	}
	l[0].Name = "changed"
	if List("test-alg")[0].Name != "never" {
		t.Error("List returned the registry's own slice")
	}
	if List("nosuch") != nil {
		t.Error("List of an unknown algorithm is not nil")
	}
	found := false
	for _, a := range Algorithms() {
		found = found || a == "test-alg"
	}
	if !found {
		t.Error("Algorithms misses test-alg")
	}
}

func TestRegisterTwicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic")
		}
	}()
	Register("test-alg", Impl{Name: "generic"})
}

// TestConcurrent is for go test -race.
func TestConcurrent(t *testing.T) {
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 200; j++ {
				_ = Select("test-alg", "fast")
				_ = Chosen("test-alg")
				_ = List("test-alg")
				Reset("test-alg")
			}
		}()
	}
	wg.Wait()
}

var onChangeRuns int

// TestOnChange checks that a watcher sees the choice at once and after
// every Select and Reset, and that a failed Select tells it nothing.
func TestOnChange(t *testing.T) {
	// A new algorithm name per run, so that -count=N registers afresh.
	onChangeRuns++
	alg := fmt.Sprintf("test-watch-%d", onChangeRuns)
	Register(alg,
		Impl{Name: "fast", NotAuto: "for the test"},
		Impl{Name: "generic"},
	)
	var seen []string
	OnChange(alg, func(name string) { seen = append(seen, name) })
	if err := Select(alg, "fast"); err != nil {
		t.Fatal(err)
	}
	if err := Select(alg, "nosuch"); err == nil {
		t.Fatal("Select of an unknown implementation succeeded")
	}
	Reset(alg)
	want := []string{"generic", "fast", "generic"}
	if len(seen) != len(want) {
		t.Fatalf("watcher saw %q, want %q", seen, want)
	}
	for i := range want {
		if seen[i] != want[i] {
			t.Fatalf("watcher saw %q, want %q", seen, want)
		}
	}
	defer func() {
		if recover() == nil {
			t.Error("OnChange of an unregistered algorithm did not panic")
		}
	}()
	OnChange("nosuch", func(string) {})
}

// TestUnknownFeaturePanics checks that a misspelt feature is caught at
// registration instead of leaving the implementation silently unavailable.
func TestUnknownFeaturePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for an unknown feature")
		}
	}()
	Register("test-unknown-feature", Impl{Name: "x", Arch: "amd64", Features: []cpu.Feature{"avx-512"}})
}

func TestDuplicateNamePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("no panic for a duplicate implementation name")
		}
	}()
	Register("test-dup-name", Impl{Name: "generic"}, Impl{Name: "generic"})
}
