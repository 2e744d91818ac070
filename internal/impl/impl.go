// Package impl is tlscore's internal registry of implementations: algorithm
// packages register what they have at init, and package dispatch shows and
// steers the choice from outside.
//
// Only packages of this module can register (the package is internal), so
// the set of algorithms is fixed by the build. Feature names are the typed
// constants of internal/cpu, checked at registration: an implementation that
// names a feature cpu does not know panics at init, which every test run
// catches, instead of silently never being available.
//
// A constructor (aesgcm.New, ...) asks [Chosen] once and keeps the answer.
// Package-level functions with no object to keep it in (x25519.X25519,
// p256.ECDH) register an [OnChange] callback and keep the choice in a
// package variable, so hot paths take no lock and do no lookup.
package impl

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tlscore/tlscore/internal/cpu"
)

// Impl describes one implementation of an algorithm as its package
// registers it.
type Impl struct {
	Name     string        // e.g. "vaes-avx512", "avx2", "adx", "arm64", "generic"
	Arch     string        // "amd64", "arm64", or "" for portable Go
	Features []cpu.Feature // the CPU features it needs, all of them
	Desc     string        // one line: what it is
	// NotAuto, when not empty, says why the automatic choice passes over
	// this implementation although it is available (for example a CPU that
	// lowers its clock for 512-bit code). Select can still choose it.
	NotAuto string
}

// Info is an Impl with what this build and CPU make of it.
type Info struct {
	Impl
	Available bool // this CPU (after TLSCORE_CPU) and this build can run it
}

type algorithm struct {
	impls    []Info
	forced   string // "" for the automatic choice
	watchers []func(name string)
}

var (
	mu   sync.RWMutex
	algs = map[string]*algorithm{}
)

// Register records the implementations of alg, fastest first, and computes
// which are available from Arch, Features and the build (purego builds have
// no assembly). It is meant for init functions and panics if alg is
// registered twice, an implementation has no name or a duplicate one, or a
// feature is not one internal/cpu knows.
func Register(alg string, impls ...Impl) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := algs[alg]; dup {
		panic("impl: algorithm " + alg + " registered twice")
	}
	a := &algorithm{}
	for _, im := range impls {
		if im.Name == "" {
			panic("impl: implementation without a name for " + alg)
		}
		if slices.ContainsFunc(a.impls, func(o Info) bool { return o.Name == im.Name }) {
			panic("impl: " + alg + " implementation " + im.Name + " registered twice")
		}
		for _, f := range im.Features {
			if !cpu.Known(f) {
				panic(fmt.Sprintf("impl: %s implementation %s needs unknown CPU feature %q", alg, im.Name, f))
			}
		}
		im.Features = slices.Clone(im.Features)
		avail := buildable(im.Arch) && cpu.HasAll(im.Features...)
		a.impls = append(a.impls, Info{Impl: im, Available: avail})
	}
	algs[alg] = a
}

// buildable reports whether code for arch is compiled into this binary.
func buildable(arch string) bool {
	return arch == "" || (arch == runtime.GOARCH && !purego)
}

// Algorithms returns the registered algorithm names, sorted.
func Algorithms() []string {
	mu.RLock()
	defer mu.RUnlock()
	return algNamesLocked()
}

func algNamesLocked() []string {
	names := make([]string, 0, len(algs))
	for n := range algs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// List returns the implementations of alg, fastest first, or nil if alg is
// not registered. The result is a copy.
func List(alg string) []Info {
	mu.RLock()
	defer mu.RUnlock()
	a := algs[alg]
	if a == nil {
		return nil
	}
	out := slices.Clone(a.impls)
	for i := range out {
		out[i].Features = slices.Clone(out[i].Features)
	}
	return out
}

// Select forces alg's implementation to name. It returns an error if either
// is unknown or the implementation is not available.
func Select(alg, name string) error {
	mu.Lock()
	defer mu.Unlock()
	a := algs[alg]
	if a == nil {
		return fmt.Errorf("dispatch: unknown algorithm %q (known: %s)", alg, strings.Join(algNamesLocked(), ", "))
	}
	for _, im := range a.impls {
		if im.Name != name {
			continue
		}
		if !im.Available {
			fs := make([]string, len(im.Features))
			for i, f := range im.Features {
				fs[i] = string(f)
			}
			return fmt.Errorf("dispatch: %s implementation %q is not available on this CPU (needs %s %s)", alg, name, archOr(im.Arch), strings.Join(fs, ","))
		}
		a.forced = name
		a.notify()
		return nil
	}
	return fmt.Errorf("dispatch: unknown %s implementation %q", alg, name)
}

func archOr(arch string) string {
	if arch == "" {
		return "any arch"
	}
	if purego {
		return arch + " without -tags purego,"
	}
	return arch
}

// Reset returns alg to the automatic choice.
func Reset(alg string) {
	mu.Lock()
	defer mu.Unlock()
	if a := algs[alg]; a != nil {
		a.forced = ""
		a.notify()
	}
}

// OnChange calls f with the name of alg's chosen implementation (as
// [Chosen] returns it) now, and again after every successful Select and
// every Reset of alg (changed or not), before they return. f runs with the
// registry locked, so it must not call back into the registry; it should
// just store the choice. OnChange panics if alg is not registered.
func OnChange(alg string, f func(name string)) {
	mu.Lock()
	defer mu.Unlock()
	a := algs[alg]
	if a == nil {
		panic("impl: internal error: algorithm " + alg + " is not registered")
	}
	a.watchers = append(a.watchers, f)
	f(a.chosen())
}

// notify tells the watchers the current choice; mu is held.
func (a *algorithm) notify() {
	name := a.chosen()
	for _, f := range a.watchers {
		f(name)
	}
}

// chosen is Chosen for a; mu is held.
func (a *algorithm) chosen() string {
	if a.forced != "" {
		return a.forced
	}
	return auto(a)
}

// Chosen returns the name of the implementation alg uses now: the one
// forced by Select, or else the first available one whose NotAuto is
// empty. It panics if alg is not registered, which is a bug in the calling
// package.
func Chosen(alg string) string {
	mu.RLock()
	defer mu.RUnlock()
	a := algs[alg]
	if a == nil {
		panic("impl: internal error: algorithm " + alg + " is not registered")
	}
	return a.chosen()
}

// Auto returns the implementation the automatic choice picks for alg,
// whatever Select says, or "" if alg is not registered.
func Auto(alg string) string {
	mu.RLock()
	defer mu.RUnlock()
	if a := algs[alg]; a != nil {
		return auto(a)
	}
	return ""
}

func auto(a *algorithm) string {
	for _, im := range a.impls {
		if im.Available && im.NotAuto == "" {
			return im.Name
		}
	}
	for _, im := range a.impls {
		if im.Available {
			return im.Name
		}
	}
	panic("impl: internal error: no implementation available")
}
