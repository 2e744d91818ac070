package main

import (
	"flag"
	"fmt"
	"io"

	"github.com/tlscore/tlscore/internal/benchharness"
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
