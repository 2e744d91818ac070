package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/benchharness"
)

// TestMain lets a test run tlsbench itself in a child process with another
// environment (TLSCORE_CPU is read once at start-up).
func TestMain(m *testing.M) {
	if args := os.Getenv("TLSBENCH_TEST_ARGS"); args != "" {
		if err := run(strings.Fields(args), os.Stdout, os.Stderr); err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// smokeSizes has an odd size, the smallest and largest of the quick
// profile, and one above a TLS record's maximum.
var smokeSizes = []int{1, 16, 1350, 16384, 20000}

// TestSmoke runs every operation of every profile, every implementation
// and reference, a few times: a broken operation fails here.
func TestSmoke(t *testing.T) {
	all := ops()
	prof, sizes := benchharness.Smoke, smokeSizes
	if testing.Short() {
		// Under qemu (CI's arm64 step) everything is ~20 times slower: the
		// quick profile's operations, two sizes.
		prof.AllOps, sizes = false, []int{1, 1350}
		all = slices.DeleteFunc(all, func(op benchharness.Op) bool { return op.Full })
	}
	cases, err := benchharness.Plan(all, benchharness.Config{Profile: prof, Sizes: sizes})
	if err != nil {
		t.Fatal(err)
	}
	res := benchharness.Run(cases, benchharness.Smoke, nil)
	rows := map[string]int{}
	for _, r := range res {
		if r.Err != "" {
			t.Errorf("%s %s size %d: %s", r.Name(), r.Impl, r.Size, r.Err)
		}
		rows[r.Name()]++
	}
	for _, op := range all {
		want := len(op.Refs)
		if op.Ours != nil && op.Alg == "" {
			want++ // not dispatched: one row, impl "tlscore"
		}
		if op.Ours != nil {
			for _, im := range dispatch.List(op.Alg) {
				if im.Available && (!op.AutoOnly || im.Name == dispatch.Auto(op.Alg)) {
					want++
				}
			}
		}
		if op.Unit == benchharness.Bytes {
			n := 0
			for _, s := range sizes {
				if op.MaxSize == 0 || s <= op.MaxSize {
					n++
				}
			}
			want *= n
		}
		if rows[op.Name()] != want {
			t.Errorf("%s: %d rows, want %d", op.Name(), rows[op.Name()], want)
		}
	}
}

// TestOpsTable checks the table itself: unique names, one-token verbs,
// references named by source.
func TestOpsTable(t *testing.T) {
	seen := map[string]bool{}
	for _, op := range ops() {
		if seen[op.Name()] {
			t.Errorf("%s listed twice", op.Name())
		}
		seen[op.Name()] = true
		if op.Verb == "" || strings.ContainsAny(op.Verb, " /") || op.Family == "" {
			t.Errorf("%q: bad family or verb", op.Name())
		}
		if op.Alg != "" && op.Ours != nil && dispatch.List(op.Alg) == nil {
			t.Errorf("%s: dispatch algorithm %q is not registered", op.Name(), op.Alg)
		}
		for _, r := range op.Refs {
			if r.Source != benchharness.SourceGo && r.Source != benchharness.SourceOpenSSL || r.Desc == "" {
				t.Errorf("%s: reference %+v", op.Name(), r)
			}
		}
	}
}

// TestEveryAlgorithm reports dispatch algorithms that no operation
// measures. It only logs: a package that registers a new algorithm should
// not turn this package's tests red before tlsbench learns it.
func TestEveryAlgorithm(t *testing.T) {
	if u := unmeasured(ops()); len(u) > 0 {
		t.Logf("not measured by tlsbench yet: %v", u)
	}
}

// tiny makes the measuring as short as it goes.
var tiny = []string{"-q", "-rounds", "2", "-round", "1us", "-warmup", "0"}

func runArgs(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(args, &out, &errb)
	return out.String(), errb.String(), err
}

func TestEndToEnd(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	args := append([]string{"-alg", "x25519,aes-128-gcm", "-sizes", "16,1350", "-parallel", "-json", a}, tiny...)
	out, _, err := runArgs(t, args...)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"cpu:", "features:", "AES-128-GCM seal", "X25519 shared", "2 goroutines", "vs go", "References:"} {
		if !strings.Contains(out, want) {
			t.Errorf("table output lacks %q:\n%s", want, out)
		}
	}
	f, err := benchharness.ReadFile(a)
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Results) == 0 || f.Machine.GoVersion == "" || f.Run.Profile != "quick" {
		t.Errorf("results file: %+v", f.Run)
	}

	out, _, err = runArgs(t, append([]string{"-alg", "x25519", "-impl", "go", "-format", "gobench", "-json", b}, tiny...)...)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "BenchmarkX25519/op=shared/impl=go-1\t") || !strings.Contains(out, "goarch:") {
		t.Errorf("gobench output:\n%s", out)
	}
	out, _, err = runArgs(t, append([]string{"-alg", "x25519 keygen", "-impl", "go", "-format", "json"}, tiny...)...)
	if err != nil {
		t.Fatal(err)
	}
	if g, err := benchharness.Read(strings.NewReader(out)); err != nil || len(g.Results) != 1 {
		t.Errorf("-format json: %v", err)
	}

	out, _, err = runArgs(t, "compare", a, b)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "X25519 shared") {
		t.Errorf("compare output:\n%s", out)
	}
	md := filepath.Join(dir, "BENCH.md")
	if _, _, err := runArgs(t, "report", "-o", md, a); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(md)
	if err != nil || !strings.Contains(string(page), "X25519") || !strings.Contains(string(page), ".svg") {
		t.Errorf("report page: %v\n%s", err, page)
	}
}

func TestBadInput(t *testing.T) {
	dir := t.TempDir()
	foreign := filepath.Join(dir, "foreign.json")
	os.WriteFile(foreign, []byte(`{"hello": "world"}`), 0o644)
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-alg", "rot13"}, `unknown algorithm "rot13"`},
		{[]string{"-impl", "quantum"}, `unknown implementation "quantum"`},
		{[]string{"-sizes", "12q"}, `bad size "12q"`},
		{[]string{"-format", "xml"}, `unknown -format "xml"`},
		{[]string{"extra"}, `unexpected argument "extra"`},
		{[]string{"-nosuchflag"}, "flag provided but not defined"},
		{[]string{"compare", foreign, foreign}, "not a tlsbench results file"},
		{[]string{"compare", filepath.Join(dir, "missing.json"), foreign}, "no such file"},
		{[]string{"compare", foreign}, "at least two"},
		{[]string{"report", foreign}, "-o"},
		{[]string{"report", "-x"}, "flag provided but not defined: -x"},
		{[]string{"compare", "-x"}, "flag provided but not defined: -x"},
		{[]string{"report", "-o", filepath.Join(dir, "x.md"), foreign}, "not a tlsbench results file"},
	} {
		_, _, err := runArgs(t, tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) || strings.Contains(err.Error(), "\n") {
			t.Errorf("tlsbench %q: error %v, want one line with %q", tc.args, err, tc.want)
		}
	}
	if !opensslBuilt {
		_, _, err := runArgs(t, "-impl", "openssl")
		if err == nil || !strings.Contains(err.Error(), "-tags openssl") {
			t.Errorf("-impl openssl without OpenSSL: %v", err)
		}
	}
	if _, errOut, err := runArgs(t, "-h"); err != nil || !strings.Contains(errOut, "-alg") {
		t.Errorf("-h: %v\n%s", err, errOut)
	}
	if _, errOut, _ := runArgs(t, "-nosuchflag"); errOut != "" {
		t.Errorf("a bad flag printed more than the error:\n%s", errOut)
	}
	var ue usageError
	if _, _, err := runArgs(t, "-alg", "rot13"); !errors.As(err, &ue) {
		t.Errorf("bad flags are not a usage error: %v", err)
	}
}

// TestListMasked runs `TLSCORE_CPU=-avx512 tlsbench -list` in a child
// process: the AVX-512 implementations must show as unavailable, and asking
// for one by name must fail.
func TestListMasked(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	exe, err := os.Executable()
	if err != nil {
		t.Skip(err)
	}
	child := func(args string) (string, error) {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), "TLSCORE_CPU=-avx512", "TLSBENCH_TEST_ARGS="+args)
		out, err := cmd.CombinedOutput()
		return string(out), err
	}
	out, err := child("-list")
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(out, "switched off by TLSCORE_CPU") {
		t.Errorf("-list does not say what TLSCORE_CPU switched off:\n%s", out)
	}
	found := false
	for _, l := range strings.Split(out, "\n") {
		f := strings.Fields(l)
		if len(f) >= 3 && strings.Contains(f[1], "avx512") {
			found = true
			if f[2] != "no" {
				t.Errorf("with -avx512, %s is listed as available: %q", f[1], l)
			}
		}
	}
	if !found {
		t.Skip("no implementation needs AVX-512 yet")
	}
	if out, err := child("-alg aes-gcm -impl vaes-avx512 -q"); err == nil || !strings.Contains(out, "not available") {
		t.Errorf("asking for an AVX-512 implementation with -avx512: %v\n%s", err, out)
	}
}
