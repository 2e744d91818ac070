package benchharness

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// Label is a one-line description of a results file for headers: CPU,
// microarchitecture, Go version, TLSCORE_CPU, profile and date.
func Label(f *File) string {
	m := f.Machine
	s := fmt.Sprintf("%s (%s), %s %s/%s", m.Brand, m.Microarch, m.GoVersion, m.GOOS, m.GOARCH)
	if m.TLSCoreCPU != "" {
		s += ", TLSCORE_CPU=" + m.TLSCoreCPU
	}
	if m.OpenSSL != "" {
		s += ", " + m.OpenSSL
	}
	if f.Run.Profile != "" {
		s += ", " + f.Run.Profile
	}
	if !f.Run.Started.IsZero() {
		s += ", " + f.Run.Started.Format("2006-01-02 15:04 MST")
	}
	return s
}

// Compare writes the rows of several results files side by side: one column
// per file with its median rate, and for every file after the first the
// ratio of its rate to the first file's (above 1 is faster). Rows are
// matched by operation, implementation, size and goroutines; a row missing
// from a file shows "-". A ratio is marked "!" when either row's spread is
// above 10%. The last line gives the geometric mean of each column's ratios.
func Compare(w io.Writer, names []string, files []*File) error {
	if len(files) < 2 || len(names) != len(files) {
		return fmt.Errorf("compare needs at least two results files")
	}
	letter := func(i int) string { return string(rune('A' + i%26)) }
	for i, f := range files {
		fmt.Fprintf(w, "%s: %s: %s\n", letter(i), names[i], Label(f))
	}
	fmt.Fprintln(w)

	idx := make([]index, len(files))
	var order []Key
	seen := map[Key]bool{}
	units := map[Key]Unit{}
	for i, f := range files {
		idx[i] = newIndex(f.Results)
		for _, r := range f.Results {
			k := r.Key()
			if !seen[k] {
				seen[k] = true
				order = append(order, k)
				units[k] = r.Unit
			}
		}
	}

	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	hdr := []string{"operation", "impl", "size", "procs"}
	for i := range files {
		hdr = append(hdr, letter(i))
		if i > 0 {
			hdr = append(hdr, letter(i)+"/A")
		}
	}
	fmt.Fprintln(tw, strings.Join(hdr, "\t"))
	ratios := make([][]float64, len(files))
	for _, k := range order {
		size := "-"
		if k.Size > 0 {
			size = fmt.Sprint(k.Size)
		}
		cells := []string{k.Family + " " + k.Verb, k.Impl, size, fmt.Sprint(k.Procs)}
		base := idx[0][k]
		for i, f := range files {
			r := idx[i][k]
			if r == nil {
				cells = append(cells, failedOr(f.Results, k))
			} else {
				cells = append(cells, fmtRate(r))
			}
			if i == 0 {
				continue
			}
			if r == nil || base == nil || base.Rate() == 0 {
				cells = append(cells, "-")
				continue
			}
			q := r.Rate() / base.Rate()
			ratios[i] = append(ratios[i], q)
			c := fmt.Sprintf("%.2fx", q)
			if r.Flagged || base.Flagged {
				c += " !"
			}
			cells = append(cells, c)
		}
		fmt.Fprintln(tw, strings.Join(cells, "\t"))
	}
	geo := []string{"geomean", "", "", ""}
	for i := range files {
		geo = append(geo, "")
		if i > 0 {
			if g := GeoMean(ratios[i]); g > 0 {
				geo = append(geo, fmt.Sprintf("%.2fx", g))
			} else {
				geo = append(geo, "-")
			}
		}
	}
	fmt.Fprintln(tw, strings.Join(geo, "\t"))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nRates are medians (MB/s for messages, ops/s otherwise); X/A is X's rate over A's (above 1 is faster); ! marks a spread above 10% in either row.")
	return nil
}

// fmtRate prints r's rate with its unit.
func fmtRate(r *Result) string {
	if r.Unit == Bytes {
		return fmtNum(r.Rate()/1e6) + " MB/s"
	}
	return fmtNum(r.Rate()) + " op/s"
}

// failedOr returns "failed" if the results have the row k with an error,
// else "-".
func failedOr(results []Result, k Key) string {
	for i := range results {
		if results[i].Key() == k && results[i].Err != "" {
			return "failed"
		}
	}
	return "-"
}
