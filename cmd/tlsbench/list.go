package main

import (
	"fmt"
	"io"
	"runtime"
	"strings"
	"text/tabwriter"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/benchharness"
	"github.com/tlscore/tlscore/internal/cpu"
)

// printMachine writes the machine's identity and its crypto features.
func printMachine(w io.Writer) {
	m := cpu.Machine
	fmt.Fprintf(w, "cpu:        %s\n", m.Brand)
	fmt.Fprintf(w, "vendor:     %s, family %#x model %#x stepping %d (%s)\n", m.Vendor, m.Family, m.Model, m.Stepping, m.Microarch)
	fmt.Fprintf(w, "cores:      %d logical, GOMAXPROCS %d\n", m.LogicalCores, runtime.GOMAXPROCS(0))
	fmt.Fprintf(w, "caches:     L1d %s, L2 %s, L3 %s\n", size(m.L1D), size(m.L2), size(m.L3))
	fmt.Fprintf(w, "go:         %s %s/%s\n", runtime.Version(), runtime.GOOS, runtime.GOARCH)
	fmt.Fprintf(w, "features:   %s\n", strings.Join(cpu.Enabled(), " "))
	if d := cpu.Disabled(); len(d) > 0 {
		fmt.Fprintf(w, "switched off by %s: %s\n", cpu.Env, strings.Join(d, " "))
	}
	if m.AvoidZMM {
		fmt.Fprintf(w, "note:       512-bit code lowers this core's clock; 256-bit paths are preferred\n")
	}
}

// printImpls writes every algorithm's implementations, availability and choice.
func printImpls(w io.Writer) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "algorithm\timplementation\tavailable\tchosen\tneeds\tdescription")
	for _, alg := range dispatch.Algorithms() {
		chosen := dispatch.Chosen(alg)
		for _, im := range dispatch.List(alg) {
			avail := "no"
			if im.Available {
				avail = "yes"
				if im.NotAuto != "" {
					avail = "yes (not auto: " + im.NotAuto + ")"
				}
			}
			mark := ""
			if im.Name == chosen {
				mark = "*"
			}
			needs := strings.Join(im.Features, ",")
			if im.Arch != "" {
				needs = strings.TrimSuffix(im.Arch+" "+needs, " ")
			} else if needs == "" {
				needs = "-"
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", alg, im.Name, avail, mark, needs, im.Desc)
		}
	}
	tw.Flush()
}

func size(n int) string {
	switch {
	case n <= 0:
		return "?"
	case n >= 1<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	default:
		return fmt.Sprintf("%d KiB", n>>10)
	}
}

// printOps writes what tlsbench measures, for the -alg and -impl filters.
func printOps(w io.Writer, all []benchharness.Op) {
	fmt.Fprintln(w, "operations measured (-alg takes a group, dispatch algorithm, family or operation; -impl an implementation, go or openssl):")
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "group\toperation\tdispatch\tunit\treferences\tprofile")
	for _, op := range all {
		var refs []string
		for _, r := range op.Refs {
			refs = append(refs, r.Source)
		}
		if op.Ours == nil {
			refs = append(refs, "(tlscore's not yet)")
		}
		alg := op.Alg
		if op.AutoOnly {
			alg += " (auto)"
		}
		unit := "MB/s"
		if op.Unit == benchharness.Ops {
			unit = "ops/s"
		}
		profile := "quick"
		if op.Full {
			profile = "full"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", op.Group, op.Name(), alg, unit, strings.Join(refs, ","), profile)
	}
	tw.Flush()
}
