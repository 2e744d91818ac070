package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/tlscore/tlscore/dispatch"
	"github.com/tlscore/tlscore/internal/benchharness"
)

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
