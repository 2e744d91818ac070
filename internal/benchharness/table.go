package benchharness

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"text/tabwriter"
)

// index finds results by key.
type index map[Key]*Result

func newIndex(results []Result) index {
	idx := make(index, len(results))
	for i := range results {
		if results[i].Err == "" {
			idx[results[i].Key()] = &results[i]
		}
	}
	return idx
}

// ratio returns r's rate over the rate of the row of the same operation,
// size and goroutines whose impl is ref, or 0 if there is none.
func (idx index) ratio(r *Result, ref string) float64 {
	k := r.Key()
	k.Impl = ref
	o := idx[k]
	if o == nil || o.Rate() == 0 || r.Rate() == 0 {
		return 0
	}
	return r.Rate() / o.Rate()
}

// scaling returns r's aggregate rate over the single-goroutine rate of the
// same row, or 0.
func (idx index) scaling(r *Result) float64 {
	k := r.Key()
	k.Procs = 1
	o := idx[k]
	if r.Procs == 1 || o == nil || o.Rate() == 0 {
		return 0
	}
	return r.Rate() / o.Rate()
}

// group is the rows of one table: one operation at one number of goroutines.
type group struct {
	Family, Verb string
	Unit         Unit
	Procs        int
	Rows         []*Result
}

func (g *group) title() string {
	t := g.Family + " " + g.Verb
	if g.Procs > 1 {
		t += fmt.Sprintf(", %d goroutines (aggregate)", g.Procs)
	}
	return t
}

// groups splits results into tables, in order of first appearance.
func groups(results []Result) []*group {
	var out []*group
	byKey := map[[3]string]*group{}
	for i := range results {
		r := &results[i]
		k := [3]string{r.Family, r.Verb, fmt.Sprint(r.Procs)}
		g := byKey[k]
		if g == nil {
			g = &group{Family: r.Family, Verb: r.Verb, Unit: r.Unit, Procs: r.Procs}
			byKey[k] = g
			out = append(out, g)
		}
		g.Rows = append(g.Rows, r)
	}
	return out
}

func hasSource(results []Result, source string) bool {
	for _, r := range results {
		if r.Impl == source {
			return true
		}
	}
	return false
}

// WriteTable writes results as text tables, one per operation and number of
// goroutines: the median time and rate, the spread of the rounds (flagged
// with "!" above 10%), allocations, and ratios against the Go reference and
// OpenSSL (this row's rate over theirs: above 1 is faster).
func WriteTable(w io.Writer, results []Result) error {
	idx := newIndex(results)
	ossl := hasSource(results, SourceOpenSSL)
	flagged := false
	for gi, g := range groups(results) {
		if gi > 0 {
			fmt.Fprintln(w)
		}
		fmt.Fprintln(w, g.title())
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
		hdr := []string{"size", "impl", "ns/op", "MB/s"}
		if g.Unit == Ops {
			hdr = []string{"impl", "us/op", "ops/s"}
		}
		hdr = append(hdr, "spread", "allocs", "vs go")
		if ossl {
			hdr = append(hdr, "vs openssl")
		}
		if g.Procs > 1 {
			hdr = append(hdr, "vs 1 core")
		}
		if g.Unit == Bytes {
			hdr[1] = fmt.Sprintf("%-*s", implWidth(g), "impl")
		} else {
			hdr[0] = fmt.Sprintf("%-*s", implWidth(g), "impl")
		}
		fmt.Fprintln(tw, strings.Join(hdr, "\t")+"\t")
		implW := implWidth(g)
		lastSize := -1
		var errs []string
		for _, r := range g.Rows {
			var cells []string
			if g.Unit == Bytes {
				size := ""
				if r.Size != lastSize {
					size = fmt.Sprint(r.Size)
				}
				lastSize = r.Size
				cells = append(cells, size)
			}
			cells = append(cells, fmt.Sprintf("%-*s", implW, r.Impl)) // left-aligned
			if r.Err != "" {
				fmt.Fprintln(tw, strings.Join(append(cells, "failed"), "\t")+"\t")
				errs = append(errs, fmt.Sprintf("  %s: %s", r.Impl, r.Err))
				continue
			}
			if g.Unit == Bytes {
				cells = append(cells, fmtNum(r.Median), fmtNum(r.Rate()/1e6))
			} else {
				cells = append(cells, fmtNum(r.Median/1e3), fmtNum(r.Rate()))
			}
			sp := fmt.Sprintf("%.1f%%", r.Spread*100)
			if r.Flagged {
				sp += " !"
				flagged = true
			} else {
				sp += "  "
			}
			cells = append(cells, sp, fmtAllocs(r.AllocsPerOp), fmtRatio(idx.ratio(r, SourceGo)))
			if ossl {
				cells = append(cells, fmtRatio(idx.ratio(r, SourceOpenSSL)))
			}
			if g.Procs > 1 {
				cells = append(cells, fmtRatio(idx.scaling(r)))
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t")+"\t")
		}
		if err := tw.Flush(); err != nil {
			return err
		}
		for _, e := range errs {
			fmt.Fprintln(w, e)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Median of the timed rounds; spread = (max-min)/median of the rounds; ratios = this row's rate / the reference's (above 1 is faster).")
	if flagged {
		fmt.Fprintln(w, "! spread above 10%: the machine was busy or the rounds too short; rerun with -full or on an idle machine.")
	}
	return nil
}

// fmtNum prints a positive number with three or four significant digits.
func fmtNum(v float64) string {
	switch {
	case v >= 1000:
		return fmt.Sprintf("%.0f", v)
	case v >= 100:
		return fmt.Sprintf("%.1f", v)
	case v >= 10:
		return fmt.Sprintf("%.2f", v)
	default:
		return fmt.Sprintf("%.3f", v)
	}
}

func fmtRatio(v float64) string {
	if v == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2fx", v)
}

func fmtAllocs(v float64) string {
	switch {
	case v < 0:
		return "-"
	case v < 0.005:
		return "0"
	case v >= 10:
		return fmt.Sprintf("%.0f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

var notName = regexp.MustCompile(`[^A-Za-z0-9_]+`)

// BenchName returns the Go benchmark name of r without the "Benchmark"
// prefix and the -procs suffix, e.g. "AES128GCM/op=seal/impl=go/size=1350".
func BenchName(r *Result) string {
	s := notName.ReplaceAllString(r.Family, "") + "/op=" + notName.ReplaceAllString(r.Verb, "_") + "/impl=" + notName.ReplaceAllString(r.Impl, "_")
	if r.Unit == Bytes {
		s += fmt.Sprintf("/size=%d", r.Size)
	}
	return s
}

// WriteGoBench writes results in the Go benchmark format, one line per
// timed round, so that benchstat (golang.org/x/perf/cmd/benchstat) reads
// them: go run golang.org/x/perf/cmd/benchstat old.txt new.txt. The -N
// suffix is the number of goroutines that ran the operation at once.
func WriteGoBench(w io.Writer, f *File) error {
	m := f.Machine
	fmt.Fprintf(w, "goos: %s\ngoarch: %s\npkg: github.com/tlscore/tlscore/cmd/tlsbench\ncpu: %s\n", m.GOOS, m.GOARCH, m.Brand)
	if m.TLSCoreCPU != "" {
		fmt.Fprintf(w, "tlscore_cpu: %s\n", m.TLSCoreCPU)
	}
	for i := range f.Results {
		r := &f.Results[i]
		if r.Err != "" {
			continue
		}
		name := fmt.Sprintf("Benchmark%s-%d", BenchName(r), r.Procs)
		for _, ns := range r.Rounds {
			line := fmt.Sprintf("%s\t%d\t%.2f ns/op", name, r.Iters*r.Procs, ns)
			if r.Unit == Bytes {
				line += fmt.Sprintf("\t%.2f MB/s", float64(r.Size)*1e3/ns)
			}
			if r.AllocsPerOp >= 0 {
				line += fmt.Sprintf("\t%.0f allocs/op", r.AllocsPerOp)
			}
			fmt.Fprintln(w, line)
		}
	}
	return nil
}

func implWidth(g *group) int {
	w := len("impl")
	for _, r := range g.Rows {
		w = max(w, len(r.Impl))
	}
	return w
}
