package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"github.com/tlscore/tlscore/internal/benchharness"
	"github.com/tlscore/tlscore/internal/cpu"
)

// readAll reads results files; errors are usage errors naming the file.
func readAll(names []string) ([]*benchharness.File, error) {
	var files []*benchharness.File
	for _, n := range names {
		f, err := benchharness.ReadFile(n)
		if err != nil {
			return nil, usageError{err}
		}
		files = append(files, f)
	}
	return files, nil
}

// runCompare is `tlsbench compare A.json B.json ...`.
func runCompare(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tlsbench compare", flag.ContinueOnError)
	usage := func() {
		fmt.Fprintf(stderr, "usage: tlsbench compare A.json B.json ...\n\nPrints the rows of the results files side by side, with each file's ratio to the first.\n")
	}
	if help, err := parseFlags(fs, args, stderr, usage); help || err != nil {
		return err
	}
	if fs.NArg() < 2 {
		return usagef("compare needs at least two results files")
	}
	files, err := readAll(fs.Args())
	if err != nil {
		return err
	}
	return benchharness.Compare(stdout, fs.Args(), files)
}

// runReport is `tlsbench report -o BENCHMARKS.md RESULTS.json ...`.
func runReport(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tlsbench report", flag.ContinueOnError)
	out := fs.String("o", "", "the Markdown `page` to write; if it exists, only its generated part is replaced")
	charts := fs.String("charts", "", "`folder` for the charts (default: <page>-charts beside the page)")
	format := fs.String("chart-format", "svg", "chart format: svg or png")
	usage := func() {
		fmt.Fprintf(stderr, "usage: tlsbench report -o BENCHMARKS.md [-charts DIR] RESULTS.json ...\n\n")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args, stderr, usage); help || err != nil {
		return err
	}
	if *out == "" {
		return usagef("report needs -o PAGE.md")
	}
	if fs.NArg() == 0 {
		return usagef("report needs at least one results file")
	}
	if *format != "svg" && *format != "png" {
		return usagef("unknown -chart-format %q (want svg or png)", *format)
	}
	files, err := readAll(fs.Args())
	if err != nil {
		return err
	}
	if err := benchharness.Report(benchharness.ReportOptions{Out: *out, ChartDir: *charts, ChartFormat: *format, Names: fs.Args()}, files); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s\n", *out)
	return nil
}

// tierMasks are the TLSCORE_CPU masks of `tlsbench tiers`, each standing
// for a generation of x86 servers.
var tierMasks = []struct{ mask, label string }{
	{"", "default"},
	{"-avx512", "TLSCORE_CPU=-avx512 (AVX2 + VAES: Zen 3, Alder Lake)"},
	{"-avx512,-vaes", "TLSCORE_CPU=-avx512,-vaes (AVX2: Skylake, Zen 2)"},
	{"-all", "TLSCORE_CPU=-all (generic Go)"},
}

// runTiers is `tlsbench tiers [-dir DIR] [flags of a run]`: it runs this
// binary once per tier mask with -chosen and prints the Markdown tier table.
func runTiers(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("tlsbench tiers", flag.ContinueOnError)
	dir := fs.String("dir", "", "keep each tier's JSON results in `folder` (tier-default.json, ...)")
	usage := func() {
		fmt.Fprintf(stderr, "usage: tlsbench tiers [-dir DIR] [-- flags of a run, e.g. -alg aes-gcm -sizes 1350,16k]\n\n"+
			"Runs tlsbench under TLSCORE_CPU=%q, %q, %q and %q, each with -chosen,\nand prints what each tier gets against Go and OpenSSL in the same run.\n\n", "", "-avx512", "-avx512,-vaes", "-all")
		fs.PrintDefaults()
	}
	if help, err := parseFlags(fs, args, stderr, usage); help || err != nil {
		return err
	}
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	out := *dir
	if out == "" {
		tmp, err := os.MkdirTemp("", "tlsbench-tiers")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		out = tmp
	} else if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	var labels []string
	var files []*benchharness.File
	for _, t := range tierMasks {
		name := "default"
		if t.mask != "" {
			name = strings.ReplaceAll(strings.TrimPrefix(t.mask, "-"), ",-", "-no-")
			name = "no-" + name
		}
		path := filepath.Join(out, "tier-"+name+".json")
		fmt.Fprintf(stderr, "tlsbench tiers: TLSCORE_CPU=%q\n", t.mask)
		cmd := exec.Command(exe, append(slices.Clone(fs.Args()), "-chosen", "-q", "-json", path)...)
		cmd.Env = append(slices.DeleteFunc(os.Environ(), func(e string) bool {
			return strings.HasPrefix(e, cpu.Env+"=")
		}), cpu.Env+"="+t.mask)
		cmd.Stdout, cmd.Stderr = io.Discard, stderr
		if err := cmd.Run(); err != nil {
			// A run with a failed row still writes its file; report the
			// failure and go on if it did.
			fmt.Fprintf(stderr, "tlsbench tiers: TLSCORE_CPU=%q: %v\n", t.mask, err)
		}
		f, err := benchharness.ReadFile(path)
		if err != nil {
			return err
		}
		labels = append(labels, t.label)
		files = append(files, f)
	}
	fmt.Fprintf(stdout, "%s\n\n", benchharness.Label(files[0]))
	return benchharness.Tiers(stdout, labels, files)
}
