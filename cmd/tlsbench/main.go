// Command tlsbench measures tlscore's algorithms, every implementation this
// machine can run, next to the references a TLS stack would otherwise use
// (Go's standard library and golang.org/x/crypto; OpenSSL's libcrypto when
// built with -tags openssl), all timed the same way.
//
//	go run ./cmd/tlsbench                     # quick profile: table on stdout, about a minute
//	go run ./cmd/tlsbench -list               # the machine and every implementation
//	go run ./cmd/tlsbench -full -json out.json
//	go run ./cmd/tlsbench -alg aes-gcm -impl vaes-avx2,go -sizes 64,1350,16k
//	go run ./cmd/tlsbench -parallel           # also on GOMAXPROCS goroutines at once
//	go run ./cmd/tlsbench -format gobench > new.txt && benchstat new.txt
//	go run ./cmd/tlsbench compare old.json new.json
//	go run ./cmd/tlsbench report -o BENCHMARKS.md -charts bench/charts bench/results/*.json
//	go run -tags openssl ./cmd/tlsbench       # with OpenSSL (needs cgo and libssl-dev)
//
// Each row is warmed up, then timed over several rounds; the table shows the
// median, the spread of the rounds ((max-min)/median, flagged "!" above
// 10%), allocations per operation, and ratios against the Go reference and
// OpenSSL. TLSCORE_CPU switches CPU features off (see internal/cpu), to
// compare the paths of one machine.
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/schollz/progressbar/v3"
	"golang.org/x/term"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/benchharness"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		var ue usageError
		fmt.Fprintln(os.Stderr, "tlsbench:", err)
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// usageError is bad input on the command line: exit status 2.
type usageError struct{ error }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func run(args []string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		switch args[0] {
		case "compare":
			return runCompare(args[1:], stdout, stderr)
		case "report":
			return runReport(args[1:], stdout, stderr)
		case "tiers":
			return runTiers(args[1:], stdout, stderr)
		}
	}
	return runBench(args, stdout, stderr)
}

// parseFlags parses args quietly: a bad flag is one line of error; -h
// prints usage to stderr.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer, usage func()) (help bool, err error) {
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fs.SetOutput(stderr)
			usage()
			return true, nil
		}
		return false, usagef("%v (-h lists the flags)", err)
	}
	return false, nil
}

// errRowsFailed reports rows whose operation failed; their errors are in
// the table.
var errRowsFailed = errors.New("some rows failed (see the table)")

func runBench(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tlsbench", flag.ContinueOnError)
	usage := func() {
		fmt.Fprintf(stderr, "usage: tlsbench [flags]\n       tlsbench compare A.json B.json ...\n       tlsbench report -o BENCHMARKS.md RESULTS.json ...\n\nflags:\n")
		fs.PrintDefaults()
	}
	list := fs.Bool("list", false, "print the machine and the implementations of every algorithm, then exit")
	full := fs.Bool("full", false, "the full profile: 10 rounds of 50ms, 11 sizes up to 64 KiB, AES-256-GCM, XChaCha20-Poly1305, RSA-3072/4096 (several minutes)")
	algs := fs.String("alg", "", "comma-separated algorithms to measure: dispatch names (aes-gcm, x25519, ...), families (aes-128-gcm, rsa-2048, record) or ops (\"x25519 keygen\")")
	impls := fs.String("impl", "", "comma-separated implementations to measure: dispatch names (see -list), go, openssl")
	sizes := fs.String("sizes", "", "comma-separated message sizes in bytes for AEAD and record rows, e.g. 64,1350,16k")
	parallel := fs.Bool("parallel", false, "also run every row on GOMAXPROCS goroutines at once (aggregate throughput)")
	procs := fs.Int("procs", 0, "goroutines of the parallel rows (implies -parallel; default GOMAXPROCS)")
	jsonOut := fs.String("json", "", "write the results as JSON to `file`")
	format := fs.String("format", "table", "output on stdout: table, gobench (benchstat input) or json")
	rounds := fs.Int("rounds", 0, "timed rounds per row (default from the profile)")
	round := fs.Duration("round", 0, "target length of one timed round (default from the profile)")
	warmup := fs.Duration("warmup", -1, "warm-up per row (default from the profile)")
	clock := fs.String("clock", benchharness.DefaultClock(), "what times the rows: thread (CPU time of the measuring threads, robust on a shared machine; Linux) or wall")
	note := fs.String("note", "", "a note to keep in the JSON results (e.g. \"other jobs running\")")
	quiet := fs.Bool("q", false, "no progress bar")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the measuring to `file`")
	chosenOnly := fs.Bool("chosen", false, "measure only the implementation the automatic choice picks for each algorithm (and the references)")
	if help, err := parseFlags(fs, args, stderr, usage); help || err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("unexpected argument %q (subcommands: compare, report)", fs.Arg(0))
	}
	// internal/cpu has already reported any bad TLSCORE_CPU name on stderr.
	if *list {
		printMachine(stdout)
		fmt.Fprintln(stdout)
		printImpls(stdout)
		fmt.Fprintln(stdout)
		printOps(stdout, ops())
		return nil
	}
	switch *format {
	case "table", "gobench", "json":
	default:
		return usagef("unknown -format %q (want table, gobench or json)", *format)
	}

	cfg := benchharness.Config{Profile: benchharness.Quick, Algs: benchharness.ParseList(*algs),
		Impls: benchharness.ParseList(*impls), Parallel: *parallel || *procs > 0, Procs: *procs}
	if *full {
		cfg.Profile = benchharness.Full
	}
	if *sizes != "" {
		s, err := benchharness.ParseSizes(*sizes)
		if err != nil {
			return usageError{err}
		}
		cfg.Sizes = s
	}
	if *rounds < 0 || *round < 0 || *procs < 0 {
		return usagef("-rounds, -round and -procs must not be negative")
	}
	if *rounds > 0 {
		cfg.Profile.Rounds = *rounds
	}
	if *round > 0 {
		cfg.Profile.Round = *round
	}
	if *warmup >= 0 {
		cfg.Profile.Warmup = *warmup
	}
	switch *clock {
	case benchharness.ClockWall, benchharness.ClockThread:
		cfg.Profile.Clock = *clock
	default:
		return usagef("unknown -clock %q (want thread or wall)", *clock)
	}
	all := ops()
	cases, err := benchharness.Plan(all, cfg)
	if err != nil {
		return usageError{err}
	}
	if *chosenOnly {
		cases = slices.DeleteFunc(cases, func(c benchharness.Case) bool {
			return c.Source == benchharness.SourceTLSCore && c.Op.Alg != "" && c.Impl != dispatch.Auto(c.Op.Alg)
		})
	}
	if u := unmeasured(all); len(u) > 0 && len(cfg.Algs) == 0 {
		fmt.Fprintf(stderr, "tlsbench: note: no operation measures the dispatch algorithms %s yet (add them to cmd/tlsbench/ops.go)\n", strings.Join(u, ", "))
	}

	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}

	machine := benchharness.CollectMachine()
	machine.OpenSSL = opensslVersion()
	info := benchharness.RunInfo{
		Command: args, Profile: cfg.Profile.Name, Warmup: benchharness.Duration(cfg.Profile.Warmup),
		Round: benchharness.Duration(cfg.Profile.Round), Rounds: cfg.Profile.Rounds, Clock: cfg.Profile.Clock,
		Started: time.Now().UTC().Truncate(time.Second), Note: *note,
	}
	progress := newProgress(len(cases), stderr, *quiet)
	results := benchharness.Run(cases, cfg.Profile, progress.step)
	progress.finish()
	info.Duration = benchharness.Duration(time.Since(info.Started).Round(time.Millisecond))
	file := benchharness.NewFile(machine, info, results)

	if *jsonOut != "" {
		if err := file.WriteFile(*jsonOut); err != nil {
			return err
		}
	}
	switch *format {
	case "table":
		writeMachine(stdout, &file.Machine, &file.Run)
		fmt.Fprintln(stdout)
		if err := benchharness.WriteTable(stdout, results); err != nil {
			return err
		}
		writeLegend(stdout, all, results)
	case "gobench":
		if err := benchharness.WriteGoBench(stdout, file); err != nil {
			return err
		}
	case "json":
		if err := file.Write(stdout); err != nil {
			return err
		}
	}
	for _, r := range results {
		if r.Err != "" {
			return errRowsFailed
		}
	}
	return nil
}

// unmeasured returns the dispatch algorithms no operation selects.
func unmeasured(all []benchharness.Op) []string {
	var out []string
	for _, alg := range dispatch.Algorithms() {
		if !slices.ContainsFunc(all, func(op benchharness.Op) bool { return op.Alg == alg && op.Ours != nil }) {
			out = append(out, alg)
		}
	}
	return out
}

// writeMachine prints the machine record of a run.
func writeMachine(w io.Writer, m *benchharness.Machine, run *benchharness.RunInfo) {
	for _, l := range benchharness.MachineLines(m, run) {
		fmt.Fprintf(w, "%-11s %s\n", l[0]+":", l[1])
	}
}

// writeLegend says what each reference is, per family (and per operation
// where they differ).
func writeLegend(w io.Writer, all []benchharness.Op, results []benchharness.Result) {
	seen := map[string]bool{}
	for _, r := range results {
		seen[r.Name()] = true
	}
	fmt.Fprintln(w, "\nReferences:")
	var fams []string
	descs := map[string]map[string][]string{} // family -> source -> "verb: desc"
	for _, op := range all {
		if !seen[op.Name()] {
			continue
		}
		if descs[op.Family] == nil {
			descs[op.Family] = map[string][]string{}
			fams = append(fams, op.Family)
		}
		for _, r := range op.Refs {
			descs[op.Family][r.Source] = append(descs[op.Family][r.Source], op.Verb+": "+r.Desc)
		}
	}
	for _, fam := range fams {
		var parts []string
		for _, src := range []string{benchharness.SourceGo, benchharness.SourceOpenSSL} {
			ds := descs[fam][src]
			if len(ds) == 0 {
				continue
			}
			same := true
			for _, d := range ds {
				_, a, _ := strings.Cut(d, ": ")
				_, b, _ := strings.Cut(ds[0], ": ")
				same = same && a == b
			}
			if same {
				_, d, _ := strings.Cut(ds[0], ": ")
				parts = append(parts, src+" = "+d)
			} else {
				parts = append(parts, src+" = "+strings.Join(ds, ", "))
			}
		}
		fmt.Fprintf(w, "  %s: %s\n", fam, strings.Join(parts, "; "))
	}
}

// progress draws a bar on stderr while rows run, when stderr is a terminal.
type progress struct {
	bar *progressbar.ProgressBar
}

func newProgress(n int, stderr io.Writer, quiet bool) *progress {
	f, ok := stderr.(*os.File)
	if quiet || !ok || !term.IsTerminal(int(f.Fd())) {
		return &progress{}
	}
	return &progress{bar: progressbar.NewOptions(n,
		progressbar.OptionSetWriter(stderr),
		progressbar.OptionSetWidth(30),
		progressbar.OptionShowCount(),
		progressbar.OptionSetPredictTime(true),
		progressbar.OptionClearOnFinish(),
		progressbar.OptionThrottle(100*time.Millisecond),
	)}
}

func (p *progress) step(i int, c benchharness.Case) {
	if p.bar == nil {
		return
	}
	d := c.Op.Name() + " " + c.Impl
	if c.Size > 0 {
		d += fmt.Sprintf(" %dB", c.Size)
	}
	if c.Procs > 1 {
		d += fmt.Sprintf(" x%d", c.Procs)
	}
	p.bar.Describe(fmt.Sprintf("%-40.40s", d))
	p.bar.Set(i)
}

func (p *progress) finish() {
	if p.bar != nil {
		p.bar.Finish()
	}
}
