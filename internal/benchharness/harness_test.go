package benchharness

import (
	"bytes"
	"errors"
	"flag"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/impl"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got:\n%s\n--- want:\n%s", name, got, want)
	}
}

func TestSummarize(t *testing.T) {
	for _, tc := range []struct {
		in                       []float64
		median, min, max, spread float64
		flagged                  bool
	}{
		{[]float64{100}, 100, 100, 100, 0, false},
		{[]float64{103, 100, 97, 101, 99}, 100, 97, 103, 0.06, false},
		{[]float64{100, 110, 90, 100}, 100, 90, 110, 0.2, true},
		{[]float64{10, 20}, 15, 10, 20, 10.0 / 15, true},
		{[]float64{100, 105, 95.5, 100, 100}, 100, 95.5, 105, 0.095, false},
		{[]float64{100, 111, 100}, 100, 100, 111, 0.11, true}, // just above the limit
	} {
		st := Summarize(tc.in)
		if st.Median != tc.median || st.Min != tc.min || st.Max != tc.max ||
			math.Abs(st.Spread-tc.spread) > 1e-9 || st.Flagged != tc.flagged {
			t.Errorf("Summarize(%v) = %+v, want median %v min %v max %v spread %v flagged %v",
				tc.in, st, tc.median, tc.min, tc.max, tc.spread, tc.flagged)
		}
	}
	if st := Summarize(nil); st != (Stats{}) {
		t.Errorf("Summarize(nil) = %+v", st)
	}
	in := []float64{3, 1, 2}
	Summarize(in)
	if !slices.Equal(in, []float64{3, 1, 2}) {
		t.Errorf("Summarize modified its input: %v", in)
	}
	if g := GeoMean([]float64{1, 4, 0, -1}); math.Abs(g-2) > 1e-12 {
		t.Errorf("GeoMean = %v, want 2 (non-positive values ignored)", g)
	}
}

func TestParseSizes(t *testing.T) {
	got, err := ParseSizes(" 16k,64, 1350,64,1K ")
	if err != nil || !slices.Equal(got, []int{64, 1024, 1350, 16384}) {
		t.Errorf("ParseSizes = %v, %v", got, err)
	}
	for _, bad := range []string{"", ",", "0", "-1", "x", "16m", "2048k", "1.5k"} {
		if s, err := ParseSizes(bad); err == nil {
			t.Errorf("ParseSizes(%q) = %v, want an error", bad, s)
		}
	}
	if l := ParseList(" a, ,b,"); !slices.Equal(l, []string{"a", "b"}) {
		t.Errorf("ParseList = %q", l)
	}
}

// spin returns a setup whose operation takes about d (a busy loop).
func spin(d time.Duration) Setup {
	return func(int) (func(int), error) {
		return func(n int) {
			for range n {
				for t := time.Now(); time.Since(t) < d; {
				}
			}
		}, nil
	}
}

// testOps has tlscore rows (through a dispatch algorithm registered by the
// test), references, a failing and a panicking setup.
var testOps = []Op{
	{Family: "Fake-AEAD", Verb: "seal", Alg: "benchharness-test", Unit: Bytes, MaxSize: 1024, Ours: spin(time.Microsecond),
		Refs: []Ref{{Source: SourceGo, Setup: spin(2 * time.Microsecond)}}},
	{Family: "Fake-KX", Verb: "shared", Unit: Ops, Ours: spin(10 * time.Microsecond),
		Refs: []Ref{{Source: SourceGo, Setup: spin(10 * time.Microsecond)}, {Source: SourceOpenSSL, Setup: spin(5 * time.Microsecond)}}},
	{Family: "Fake-Big", Verb: "sign", Unit: Ops, Full: true, Ours: spin(time.Microsecond)},
	{Family: "Fake-Record", Verb: "seal", Alg: "benchharness-test2", AutoOnly: true, Unit: Bytes, Full: true, Ours: spin(time.Microsecond)},
	{Family: "Broken", Verb: "fail", Unit: Ops, Full: true, Ours: func(int) (func(int), error) { return nil, errors.New("no key") }},
	{Family: "Broken", Verb: "panic", Unit: Ops, Full: true, Ours: func(int) (func(int), error) { return func(int) { panic("boom") }, nil }},
}

func init() {
	impl.Register("benchharness-test",
		impl.Impl{Name: "fast", Arch: "no-such-arch", Desc: "never available"},
		impl.Impl{Name: "portable", Desc: "always available"},
	)
	impl.Register("benchharness-test2",
		impl.Impl{Name: "first", Desc: "the automatic choice"},
		impl.Impl{Name: "second", Desc: "also available"},
	)
}

func keys(cases []Case) []string {
	var out []string
	for _, c := range cases {
		out = append(out, c.Key().String())
	}
	return out
}

func TestPlan(t *testing.T) {
	cases, err := Plan(testOps, Config{Profile: Quick, Sizes: []int{16, 1024, 4096}, Parallel: true, Procs: 3})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"Fake-AEAD seal portable 16B x1", "Fake-AEAD seal go 16B x1",
		"Fake-AEAD seal portable 1024B x1", "Fake-AEAD seal go 1024B x1",
		"Fake-AEAD seal portable 16B x3", "Fake-AEAD seal go 16B x3",
		"Fake-AEAD seal portable 1024B x3", "Fake-AEAD seal go 1024B x3",
		"Fake-KX shared tlscore x1", "Fake-KX shared go x1", "Fake-KX shared openssl x1",
		"Fake-KX shared tlscore x3", "Fake-KX shared go x3", "Fake-KX shared openssl x3",
	}
	if got := keys(cases); !slices.Equal(got, want) {
		t.Errorf("Plan:\n got %q\nwant %q", got, want)
	}

	// Filters: by dispatch algorithm, family, op name; implementations.
	cases, err = Plan(testOps, Config{Profile: Quick, Algs: []string{"BENCHHARNESS-TEST", "fake-kx shared"}, Impls: []string{"go"}, Sizes: []int{64}})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := keys(cases), []string{"Fake-AEAD seal go 64B x1", "Fake-KX shared go x1"}; !slices.Equal(got, want) {
		t.Errorf("Plan with filters = %q, want %q", got, want)
	}
	// Full operations: in the full profile, or when named.
	cases, _ = Plan(testOps, Config{Profile: Quick, Algs: []string{"fake-big"}})
	if got := keys(cases); !slices.Equal(got, []string{"Fake-Big sign tlscore x1"}) {
		t.Errorf("Plan naming a full op = %q", got)
	}
	// AutoOnly: the automatic choice, unless -impl names another.
	cases, _ = Plan(testOps, Config{Profile: Quick, Algs: []string{"fake-record"}, Sizes: []int{64}})
	if got := keys(cases); !slices.Equal(got, []string{"Fake-Record seal first 64B x1"}) {
		t.Errorf("Plan of an AutoOnly op = %q", got)
	}
	cases, _ = Plan(testOps, Config{Profile: Quick, Algs: []string{"fake-record"}, Impls: []string{"second"}, Sizes: []int{64}})
	if got := keys(cases); !slices.Equal(got, []string{"Fake-Record seal second 64B x1"}) {
		t.Errorf("Plan of an AutoOnly op with -impl = %q", got)
	}
	cases, _ = Plan(testOps, Config{Profile: Full, Impls: []string{"tlscore"}})
	if got := keys(cases); len(got) != 4 {
		t.Errorf("Plan full profile = %q, want the 4 tlscore rows of undispatched ops", got)
	}

	for _, tc := range []struct {
		cfg  Config
		want string
	}{
		{Config{Profile: Quick, Algs: []string{"nope"}}, `unknown algorithm "nope"`},
		{Config{Profile: Quick, Impls: []string{"nope"}}, `unknown implementation "nope"`},
		{Config{Profile: Quick, Impls: []string{"fast"}}, `implementation "fast" is not available`},
		{Config{Profile: Quick, Algs: []string{"fake-kx"}, Impls: []string{"portable"}}, "select nothing"},
	} {
		if _, err := Plan(testOps, tc.cfg); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Plan(%+v) error = %v, want %q", tc.cfg, err, tc.want)
		}
	}
	if _, err := Plan(testOps[:1], Config{Profile: Quick, Impls: []string{"openssl"}}); err == nil || !strings.Contains(err.Error(), "-tags openssl") {
		t.Errorf("asking for openssl without it: %v", err)
	}
}

func TestRun(t *testing.T) {
	p := Profile{Name: "test", Warmup: time.Millisecond, Round: time.Millisecond, Rounds: 3, Sizes: []int{16}, AllOps: true}
	cases, err := Plan(testOps, Config{Profile: p, Parallel: true, Procs: 2})
	if err != nil {
		t.Fatal(err)
	}
	var seen int
	res := Run(cases, p, func(i int, c Case) {
		if i != seen {
			t.Errorf("progress %d, want %d", i, seen)
		}
		seen++
	})
	if len(res) != len(cases) || seen != len(cases) {
		t.Fatalf("%d results, %d progress calls for %d cases", len(res), seen, len(cases))
	}
	for i, r := range res {
		if r.Key() != cases[i].Key() {
			t.Errorf("result %d is %v, want %v", i, r.Key(), cases[i].Key())
		}
		switch {
		case r.Family == "Broken" && r.Verb == "fail":
			if !strings.Contains(r.Err, "no key") {
				t.Errorf("%v: Err = %q", r.Key(), r.Err)
			}
		case r.Family == "Broken":
			if !strings.Contains(r.Err, "boom") {
				t.Errorf("%v: Err = %q", r.Key(), r.Err)
			}
		default:
			if r.Err != "" || len(r.Rounds) != 3 || r.Median <= 0 || r.Iters < 1 || r.Rate() <= 0 {
				t.Errorf("%v: %+v", r.Key(), r)
			}
			if (r.Procs == 1) != (r.AllocsPerOp >= 0) {
				t.Errorf("%v: allocs %v", r.Key(), r.AllocsPerOp)
			}
		}
	}
	if dispatch.Chosen("benchharness-test") != "portable" {
		t.Errorf("Run left a selection behind")
	}
}

// sample is a fixed results file for the format tests.
func sample() *File {
	m := Machine{Vendor: "AMD", Brand: "Test CPU 9000", Family: 0x19, Model: 0x11, Microarch: "Zen 4", LogicalCores: 2,
		L1D: 32 << 10, L2: 1 << 20, L3: 32 << 20, Features: []string{"aesni", "avx2"}, GOMAXPROCS: 2,
		GoVersion: "go1.26.8", GOOS: "linux", GOARCH: "amd64", Kernel: "Linux 6.1 x86_64"}
	run := RunInfo{Command: []string{"-alg", "x", "-note", "it's busy"}, Profile: "quick", Warmup: Duration(15 * time.Millisecond),
		Round: Duration(20 * time.Millisecond), Rounds: 3, Started: time.Date(2026, 11, 27, 15, 0, 0, 0, time.UTC), Duration: Duration(time.Minute)}
	r := func(fam, verb, impl, src string, unit Unit, size, procs int, ns ...float64) Result {
		return Result{Family: fam, Verb: verb, Alg: "fake", Impl: impl, Source: src, Unit: unit, Size: size, Procs: procs,
			Iters: 1000, Rounds: ns, Stats: Summarize(ns), AllocsPerOp: 0}
	}
	res := []Result{
		r("AES-128-GCM", "seal", "vaes", SourceTLSCore, Bytes, 16, 1, 20, 21, 19),
		r("AES-128-GCM", "seal", "go", SourceGo, Bytes, 16, 1, 40, 40, 41),
		r("AES-128-GCM", "seal", "openssl", SourceOpenSSL, Bytes, 16, 1, 25, 25, 25),
		r("AES-128-GCM", "seal", "vaes", SourceTLSCore, Bytes, 1350, 1, 300, 360, 270),
		r("AES-128-GCM", "seal", "go", SourceGo, Bytes, 1350, 1, 600, 600, 600),
		r("AES-128-GCM", "seal", "vaes", SourceTLSCore, Bytes, 16, 2, 10.5, 10.5, 10.5),
		r("X25519", "shared", "adx", SourceTLSCore, Ops, 0, 1, 25000, 25000, 25500),
		r("X25519", "shared", "go", SourceGo, Ops, 0, 1, 50000, 50000, 50000),
		{Family: "X25519", Verb: "keygen", Impl: "adx", Source: SourceTLSCore, Unit: Ops, Procs: 1, AllocsPerOp: -1, Err: "setup: no key"},
	}
	res[1].AllocsPerOp = 1
	res[5].AllocsPerOp = -1
	return NewFile(m, run, res)
}

func TestJSONRoundTrip(t *testing.T) {
	f := sample()
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"version": 1`) || !strings.Contains(buf.String(), `"format": "tlsbench-results"`) {
		t.Errorf("JSON lacks the format and version fields:\n%s", buf.String()[:200])
	}
	golden(t, "sample.json", buf.Bytes())
	g, err := Read(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	var buf2 bytes.Buffer
	g.Write(&buf2)
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Errorf("round trip changed the file:\n%s\n%s", buf.String(), buf2.String())
	}
	if g.Results[0].Rate() != f.Results[0].Rate() || time.Duration(g.Run.Warmup) != 15*time.Millisecond {
		t.Errorf("round trip changed values")
	}

	for _, tc := range []struct{ in, want string }{
		{`{"a": 1}`, "not a tlsbench results file"},
		{`[1, 2]`, "not a tlsbench results file"},
		{`not json`, "not a tlsbench results file"},
		{`{"format": "tlsbench-results", "version": 99}`, "version 99"},
		{`{"format": "tlsbench-results", "version": 0}`, "version 0"},
		{`{"format": "tlsbench-results", "version": 1, "results": [{"family": "x"}]}`, "result 0 is incomplete"},
	} {
		if _, err := Read(strings.NewReader(tc.in)); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Read(%s) error = %v, want %q", tc.in, err, tc.want)
		}
	}
	if _, err := ReadFile(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Errorf("ReadFile of a missing file succeeded")
	}
}

func TestTable(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTable(&buf, sample().Results); err != nil {
		t.Fatal(err)
	}
	golden(t, "table.txt", buf.Bytes())
}

func TestGoBench(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteGoBench(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	golden(t, "gobench.txt", buf.Bytes())
	// Every benchmark line: name, iterations, value-unit pairs.
	for _, l := range strings.Split(strings.TrimSpace(buf.String()), "\n") {
		if !strings.HasPrefix(l, "Benchmark") {
			continue
		}
		f := strings.Fields(l)
		if len(f)%2 != 0 || strings.ContainsAny(f[0], " \t") {
			t.Errorf("malformed benchmark line %q", l)
		}
	}
}

func TestCompare(t *testing.T) {
	a, b := sample(), sample()
	b.Machine.Brand = "Other CPU"
	b.Results = b.Results[:5] // drops the parallel and X25519 rows
	for i := range b.Results {
		for j := range b.Results[i].Rounds {
			b.Results[i].Rounds[j] /= 2
		}
		b.Results[i].Stats = Summarize(b.Results[i].Rounds)
	}
	b.Results = append(b.Results, Result{Family: "New", Verb: "op", Impl: "x", Source: SourceTLSCore, Unit: Ops, Procs: 1,
		Rounds: []float64{1000}, Stats: Summarize([]float64{1000})})
	var buf bytes.Buffer
	if err := Compare(&buf, []string{"a.json", "b.json"}, []*File{a, b}); err != nil {
		t.Fatal(err)
	}
	golden(t, "compare.txt", buf.Bytes())
	if err := Compare(&buf, []string{"a.json"}, []*File{a}); err == nil {
		t.Errorf("Compare of one file succeeded")
	}
}

func TestReport(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "BENCH.md")
	human := "# Benchmarks\n\nWritten by hand.\n\n" + ReportBegin + "\nold\n" + ReportEnd + "\n\n## Notes\n\nAlso by hand.\n"
	if err := os.WriteFile(page, []byte(human), 0o644); err != nil {
		t.Fatal(err)
	}
	opts := ReportOptions{Out: page, Names: []string{"results/zen4.json"}}
	if err := Report(opts, []*File{sample()}); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "report.md", got)
	if !strings.HasPrefix(string(got), "# Benchmarks\n\nWritten by hand.\n\n"+ReportBegin) || !strings.HasSuffix(string(got), ReportEnd+"\n\n## Notes\n\nAlso by hand.\n") {
		t.Errorf("the text outside the markers changed")
	}
	for _, chart := range []string{"zen4-aes-128-gcm-seal.svg", "zen4-x25519.svg"} {
		b, err := os.ReadFile(filepath.Join(dir, "BENCH-charts", chart))
		if err != nil || !bytes.Contains(b, []byte("<svg")) {
			t.Errorf("chart %s: %v", chart, err)
		}
	}
	// Regenerating gives the same page.
	if err := Report(opts, []*File{sample()}); err != nil {
		t.Fatal(err)
	}
	if again, _ := os.ReadFile(page); !bytes.Equal(again, got) {
		t.Errorf("regenerating the report changed it")
	}
	// PNG charts, a new page, a chosen chart folder.
	opts = ReportOptions{Out: filepath.Join(dir, "new.md"), ChartDir: filepath.Join(dir, "c"), ChartFormat: "png", Names: []string{"x.json"}}
	if err := Report(opts, []*File{sample()}); err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(filepath.Join(dir, "c", "x-x25519.png")); err != nil || !bytes.HasPrefix(b, []byte("\x89PNG")) {
		t.Errorf("PNG chart: %v", err)
	}
	if b, _ := os.ReadFile(opts.Out); !bytes.Contains(b, []byte("](c/x-aes-128-gcm-seal.png)")) {
		t.Errorf("new page does not link the charts:\n%s", b)
	}
	opts.ChartFormat = "gif"
	if err := Report(opts, []*File{sample()}); err == nil {
		t.Errorf("gif charts accepted")
	}
}

func TestTiers(t *testing.T) {
	mk := func(impl string, oursNs, goNs float64) *File {
		return &File{Results: []Result{
			{Family: "AES-128-GCM", Verb: "seal", Alg: "aes-gcm", Impl: impl, Source: SourceTLSCore, Unit: Bytes, Size: 1350, Procs: 1, Stats: Stats{Median: oursNs}},
			{Family: "AES-128-GCM", Verb: "seal", Impl: SourceGo, Source: SourceGo, Unit: Bytes, Size: 1350, Procs: 1, Stats: Stats{Median: goNs}},
			{Family: "X25519", Verb: "keygen", Alg: "x25519", Impl: impl, Source: SourceTLSCore, Unit: Ops, Procs: 1, Err: "boom"},
		}}
	}
	var b strings.Builder
	if err := Tiers(&b, []string{"default", "-all"}, []*File{mk("vaes-avx512", 100, 400), mk("generic", 8000, 400)}); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"| operation | default | -all |",
		"| AES-128-GCM seal 1350 B | vaes-avx512: 13500 MB/s (4.00x go) | generic: 168.8 MB/s (0.05x go) |",
		"| X25519 keygen | failed | failed |",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
