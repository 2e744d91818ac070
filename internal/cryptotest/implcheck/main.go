// Command implcheck reads the implementation log that
// cryptotest.TestAllImplementations writes when TLSCORE_IMPL_LOG is set,
// prints per algorithm which implementations ran how many tests (and in
// which packages), and exits 1 if an implementation this CPU can run ran no
// test, or if one of the implementations listed in the -want file (lines
// "alg impl", for example the available rows of tlsbench -list) is missing
// from the log. CI runs it after go test (see .ci/run).
//
//	TLSCORE_IMPL_LOG=/tmp/impl.log go test -count=1 ./...
//	go run ./internal/cryptotest/implcheck -log /tmp/impl.log [-want file]
package main

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

type key struct{ alg, impl string }

type counts struct {
	available bool
	status    map[string]int
	pkgs      map[string]bool
}

func main() {
	logFile := flag.String("log", "", "the TLSCORE_IMPL_LOG file")
	wantFile := flag.String("want", "", `file of "alg impl" lines that must have run`)
	flag.Parse()
	if *logFile == "" {
		fmt.Fprintln(os.Stderr, "implcheck: -log is required")
		os.Exit(2)
	}
	f, err := os.Open(*logFile)
	if err != nil {
		fmt.Fprintln(os.Stderr, "implcheck:", err)
		os.Exit(2)
	}
	defer f.Close()
	var want string
	if *wantFile != "" {
		b, err := os.ReadFile(*wantFile)
		if err != nil {
			fmt.Fprintln(os.Stderr, "implcheck:", err)
			os.Exit(2)
		}
		want = string(b)
	}
	report, bad, err := check(f, want)
	if err != nil {
		fmt.Fprintln(os.Stderr, "implcheck:", err)
		os.Exit(2)
	}
	fmt.Print(report)
	if len(bad) > 0 {
		fmt.Println()
		for _, b := range bad {
			fmt.Println("FAIL:", b)
		}
		os.Exit(1)
	}
}

// check reads a log and returns the per-algorithm report and the failures:
// implementations available (in the log, or listed in want) that ran no
// test.
func check(log io.Reader, want string) (report string, bad []string, err error) {
	seen, order, err := read(log)
	if err != nil {
		return "", nil, err
	}
	for _, line := range strings.Split(want, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		k := key{f[0], f[1]}
		if seen[k] == nil {
			bad = append(bad, fmt.Sprintf("%s %s: available on this CPU but no test ran it through cryptotest.TestAllImplementations", k.alg, k.impl))
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%-20s %-14s %-5s %5s %6s %7s %6s  %s\n", "algorithm", "implementation", "avail", "ran", "failed", "skipped", "unavl", "packages")
	for _, k := range order {
		c := seen[k]
		av := "no"
		if c.available {
			av = "yes"
		}
		var pkgs []string
		for p := range c.pkgs {
			pkgs = append(pkgs, p)
		}
		sort.Strings(pkgs)
		fmt.Fprintf(&b, "%-20s %-14s %-5s %5d %6d %7d %6d  %s\n", k.alg, k.impl, av,
			c.status["ran"], c.status["failed"], c.status["skipped"], c.status["unavailable"], strings.Join(pkgs, " "))
		if c.available && c.status["ran"]+c.status["failed"] == 0 {
			bad = append(bad, fmt.Sprintf("%s %s: available on this CPU but every test skipped it", k.alg, k.impl))
		}
	}
	return b.String(), bad, nil
}

func read(f io.Reader) (map[key]*counts, []key, error) {
	seen := map[key]*counts{}
	var order []key
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		p := strings.Split(sc.Text(), "\t")
		if len(p) != 6 {
			return nil, nil, fmt.Errorf("malformed line %q", sc.Text())
		}
		k := key{p[0], p[1]}
		c := seen[k]
		if c == nil {
			c = &counts{status: map[string]int{}, pkgs: map[string]bool{}}
			seen[k] = c
			order = append(order, k)
		}
		c.available = c.available || p[2] == "1"
		c.status[p[3]]++
		c.pkgs[filepath.Base(p[4])] = true
	}
	sort.SliceStable(order, func(i, j int) bool { return order[i].alg < order[j].alg })
	return seen, order, sc.Err()
}
