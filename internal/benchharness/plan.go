package benchharness

import (
	"fmt"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/tlscore/tlscore/dispatch"
)

// A Profile says how long and at which sizes to measure.
type Profile struct {
	Name   string
	Warmup time.Duration // untimed running before the rounds, also used to calibrate
	Round  time.Duration // target length of one timed round
	Rounds int           // timed rounds per row; the median is reported
	Sizes  []int         // message sizes of Bytes operations
	AllOps bool          // include the operations marked Full
	Clock  string        // ClockWall or ClockThread for single-goroutine rows; "" for wall
}

// DefaultSizes are the message sizes of the quick profile: a tiny record, a
// small one, a typical packet payload, an MTU-sized TLS record, and large
// records up to TLS's maximum of 16384 bytes.
var DefaultSizes = []int{16, 64, 256, 1350, 8192, 16384}

// Quick is the default profile: every operation, every implementation, in
// about a minute on a 2-core machine.
var Quick = Profile{Name: "quick", Warmup: 10 * time.Millisecond, Round: 15 * time.Millisecond, Rounds: 7, Sizes: DefaultSizes}

// Full measures longer and at more sizes, and adds the operations marked Full.
var Full = Profile{
	Name: "full", Warmup: 100 * time.Millisecond, Round: 50 * time.Millisecond, Rounds: 10,
	Sizes: []int{16, 64, 256, 576, 1024, 1350, 2048, 4096, 8192, 16384, 65536}, AllOps: true,
}

// Smoke runs every operation a few times; for tests of the harness and of
// the operations, not for numbers.
var Smoke = Profile{Name: "smoke", Warmup: 0, Round: 0, Rounds: 1, Sizes: DefaultSizes, AllOps: true}

// Config selects what to measure.
type Config struct {
	Profile  Profile
	Algs     []string // -alg: dispatch algorithms, families or op names; empty for all
	Impls    []string // -impl: implementation names, "go", "openssl"; empty for all
	Sizes    []int    // -sizes: replaces the profile's sizes
	Parallel bool     // also run every row on GOMAXPROCS goroutines
	Procs    int      // goroutines of the parallel rows; 0 for GOMAXPROCS
}

// Plan expands ops into the cases cfg selects, in the order they are
// measured and printed. It returns an error for a filter that names nothing
// known, or an implementation that exists but is not available here.
func Plan(ops []Op, cfg Config) ([]Case, error) {
	for _, a := range cfg.Algs {
		if !slices.ContainsFunc(ops, func(op Op) bool { return matchAlg(&op, a) }) {
			return nil, fmt.Errorf("unknown algorithm %q (known: %s)", a, strings.Join(knownAlgs(ops), ", "))
		}
	}
	if err := checkImpls(ops, cfg.Impls); err != nil {
		return nil, err
	}
	sizes := cfg.Profile.Sizes
	if len(cfg.Sizes) > 0 {
		sizes = cfg.Sizes
	}
	procs := []int{1}
	if cfg.Parallel {
		p := cfg.Procs
		if p <= 0 {
			p = runtime.GOMAXPROCS(0)
		}
		if p > 1 { // with one P the parallel rows would repeat the others
			procs = append(procs, p)
		}
	}
	full := cfg.Profile.AllOps
	var cases []Case
	for i := range ops {
		op := &ops[i]
		if len(cfg.Algs) > 0 && !slices.ContainsFunc(cfg.Algs, func(a string) bool { return matchAlg(op, a) }) {
			continue
		}
		// Full-profile operations join a quick run only when named by
		// family or name, not through their dispatch algorithm.
		if op.Full && !full && !slices.ContainsFunc(cfg.Algs, func(a string) bool {
			return !strings.EqualFold(a, op.Alg) && !strings.EqualFold(a, op.Group) && matchAlg(op, a)
		}) {
			continue
		}
		type impl struct {
			name, source string
			setup        Setup
		}
		var impls []impl
		if op.Ours != nil {
			if op.Alg == "" {
				impls = append(impls, impl{"tlscore", SourceTLSCore, op.Ours})
			}
			for _, im := range dispatch.List(op.Alg) {
				// AutoOnly yields to an explicit -impl.
				if im.Available && (!op.AutoOnly || len(cfg.Impls) > 0 || im.Name == dispatch.Auto(op.Alg)) {
					impls = append(impls, impl{im.Name, SourceTLSCore, op.Ours})
				}
			}
		}
		for _, r := range op.Refs {
			impls = append(impls, impl{r.Source, r.Source, r.Setup})
		}
		opSizes := []int{0}
		if op.Unit == Bytes {
			opSizes = nil
			for _, s := range sizes {
				if op.MaxSize == 0 || s <= op.MaxSize {
					opSizes = append(opSizes, s)
				}
			}
		}
		for _, p := range procs {
			for _, s := range opSizes {
				for _, im := range impls {
					if len(cfg.Impls) > 0 && !slices.Contains(cfg.Impls, im.name) {
						continue
					}
					cases = append(cases, Case{Op: op, Impl: im.name, Source: im.source, Size: s, Procs: p, setup: im.setup})
				}
			}
		}
	}
	if len(cases) == 0 {
		return nil, fmt.Errorf("the filters select nothing to measure")
	}
	return cases, nil
}

func knownAlgs(ops []Op) []string {
	var names []string
	for _, op := range ops {
		for _, n := range []string{op.Group, op.Alg, op.Family} {
			if n != "" && !slices.Contains(names, strings.ToLower(n)) {
				names = append(names, strings.ToLower(n))
			}
		}
	}
	return names
}

// checkImpls rejects implementation names that no operation has, and ones
// that exist but this CPU or build cannot run.
func checkImpls(ops []Op, impls []string) error {
	for _, name := range impls {
		known, available := false, false
		var why string
		for _, op := range ops {
			for _, r := range op.Refs {
				if r.Source == name {
					known, available = true, true
				}
			}
			if op.Ours == nil {
				continue
			}
			if op.Alg == "" && name == "tlscore" {
				known, available = true, true
			}
			for _, im := range dispatch.List(op.Alg) {
				if im.Name != name {
					continue
				}
				known = true
				if im.Available {
					available = true
				} else {
					why = fmt.Sprintf("%s needs %s %s", op.Alg, orAny(im.Arch), strings.Join(im.Features, ","))
				}
			}
		}
		switch {
		case !known && name == SourceOpenSSL:
			return fmt.Errorf("implementation %q: this tlsbench was built without OpenSSL (build it with -tags openssl and libssl-dev installed)", name)
		case !known:
			return fmt.Errorf("unknown implementation %q (see tlsbench -list)", name)
		case !available:
			return fmt.Errorf("implementation %q is not available on this CPU or build (%s)", name, why)
		}
	}
	return nil
}

func orAny(arch string) string {
	if arch == "" {
		return "any arch"
	}
	return arch
}

// ParseList splits a comma-separated flag value, dropping empty items.
func ParseList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// ParseSizes parses a comma-separated list of message sizes in bytes, with
// an optional k (1024) suffix: "16,1350,16k". Sizes are sorted and
// deduplicated; each must be between 1 and 1 MiB.
func ParseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range ParseList(s) {
		mult := 1
		num := strings.ToLower(f)
		if t, ok := strings.CutSuffix(num, "k"); ok {
			mult, num = 1024, t
		}
		n, err := strconv.Atoi(num)
		if err != nil || n <= 0 || n*mult > 1<<20 {
			return nil, fmt.Errorf("bad size %q: want a number of bytes from 1 to 1048576, or like 16k", f)
		}
		out = append(out, n*mult)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("no sizes in %q", s)
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}
