package benchharness

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// Tiers writes a Markdown table of what each CPU tier gets: one column per
// results file (each taken under a TLSCORE_CPU mask, with -chosen, so that
// tlscore's rows are the implementation the automatic choice makes there),
// one row per operation and size. A cell names tlscore's implementation,
// its rate and its ratio to Go's and OpenSSL's rows of the same file (the
// same run, so the ratios hold however busy the machine was). Only
// single-goroutine rows are shown.
func Tiers(w io.Writer, labels []string, files []*File) error {
	if len(files) == 0 || len(labels) != len(files) {
		return fmt.Errorf("tiers needs one label per results file")
	}
	type rowKey struct {
		Family, Verb string
		Size         int
	}
	var order []rowKey
	seen := map[rowKey]bool{}
	ours := make([]map[rowKey]*Result, len(files))
	refs := make([]index, len(files))
	for i, f := range files {
		ours[i] = map[rowKey]*Result{}
		refs[i] = newIndex(f.Results)
		for j := range f.Results {
			r := &f.Results[j]
			if r.Procs != 1 || r.Source != SourceTLSCore {
				continue
			}
			k := rowKey{r.Family, r.Verb, r.Size}
			if !seen[k] {
				seen[k] = true
				order = append(order, k)
			}
			if r.Err != "" {
				continue
			}
			// With -chosen there is one tlscore row per key; without it,
			// keep the fastest.
			if old := ours[i][k]; old == nil || r.Rate() > old.Rate() {
				ours[i][k] = r
			}
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		if order[a].Family != order[b].Family {
			return order[a].Family < order[b].Family
		}
		if order[a].Verb != order[b].Verb {
			return order[a].Verb < order[b].Verb
		}
		return order[a].Size < order[b].Size
	})
	fmt.Fprintf(w, "| operation | %s |\n", strings.Join(labels, " | "))
	fmt.Fprintf(w, "|---|%s\n", strings.Repeat("---|", len(files)))
	for _, k := range order {
		name := k.Family + " " + k.Verb
		if k.Size > 0 {
			name += " " + msgSize(k.Size)
		}
		cells := make([]string, len(files))
		for i := range files {
			r := ours[i][k]
			if r == nil {
				cells[i] = "-"
				if r0 := failedRow(files[i].Results, k.Family, k.Verb, k.Size); r0 {
					cells[i] = "failed"
				}
				continue
			}
			c := r.Impl + ": " + fmtRate(r)
			var vs []string
			for _, ref := range []string{SourceGo, SourceOpenSSL} {
				if x := refs[i].ratio(r, ref); x > 0 {
					vs = append(vs, fmt.Sprintf("%.2fx %s", x, ref))
				}
			}
			if len(vs) > 0 {
				c += " (" + strings.Join(vs, ", ") + ")"
			}
			cells[i] = c
		}
		fmt.Fprintf(w, "| %s | %s |\n", name, strings.Join(cells, " | "))
	}
	return nil
}

// failedRow reports whether results hold a failed tlscore row of the
// operation and size.
func failedRow(results []Result, family, verb string, size int) bool {
	for i := range results {
		r := &results[i]
		if r.Family == family && r.Verb == verb && r.Size == size && r.Source == SourceTLSCore && r.Err != "" {
			return true
		}
	}
	return false
}

// msgSize prints a message size exactly: "1350 B", "16 KiB".
func msgSize(n int) string {
	if n >= 1<<10 && n%(1<<10) == 0 {
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d B", n)
}
