// Package dispatch is tlscore's registry of implementations: for every
// algorithm, the implementations this build knows, fastest first, which of
// them this CPU can run, and which one constructors use.
//
// Algorithm packages register their implementations at init. A constructor
// (aesgcm.New, ...) asks [Chosen] once; the object it returns keeps that
// implementation for life, so hot paths have no lookups and no locks.
// [Select] and [Reset] change what later constructors get: they are meant for
// tests, fuzzing and benchmarks, and are safe for concurrent use.
//
// Package-level functions that have no object to keep their implementation
// in (x25519.X25519, p256.ECDH) register an [OnChange] callback instead and
// keep the choice in an atomic value, so that they too read it without
// locks or lookups.
package dispatch

import (
	"fmt"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/tlscore/tlscore/internal/cpu"
)

// Impl describes one implementation of an algorithm.
type Impl struct {
	Name      string // e.g. "vaes-avx512", "vaes-avx2", "aesni", "arm64", "generic"
	Available bool   // this CPU (after TLSCORE_CPU) and this build can run it

	Arch     string   // "amd64", "arm64", or "" for portable Go
	Features []string // internal/cpu feature names it needs
	Desc     string   // one line: what it is
	// NotAuto, when not empty, says why the automatic choice passes over
	// this implementation although it is available (for example a CPU that
	// lowers its clock for 512-bit code). Select can still choose it.
	NotAuto string
}

type algorithm struct {
	impls    []Impl
	forced   string // "" for the automatic choice
	watchers []func(name string)
}

var (
	mu   sync.RWMutex
	algs = map[string]*algorithm{}
)

// Register records the implementations of alg, fastest first. Available is
// computed here from Arch, Features and the build (purego builds have no
// assembly); the caller's value is ignored. Register is meant to be called
// from init functions and panics if alg is registered twice or an
// implementation has no name.
func Register(alg string, impls ...Impl) {
	mu.Lock()
	defer mu.Unlock()
	if _, dup := algs[alg]; dup {
		panic("dispatch: algorithm " + alg + " registered twice")
	}
	a := &algorithm{}
	for _, im := range impls {
		if im.Name == "" {
			panic("dispatch: implementation without a name for " + alg)
		}
		im.Features = slices.Clone(im.Features)
		im.Available = buildable(im.Arch) && cpu.HasAll(im.Features...)
		a.impls = append(a.impls, im)
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
	names := make([]string, 0, len(algs))
	for n := range algs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// List returns the implementations of alg, fastest first, or nil if alg is
// not registered.
func List(alg string) []Impl {
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

// Select forces constructors of alg to use the implementation called name.
// It returns an error if either is unknown or the implementation is not
// available on this CPU.
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
			return fmt.Errorf("dispatch: %s implementation %q is not available on this CPU (needs %s %s)", alg, name, archOr(im.Arch), strings.Join(im.Features, ","))
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

func algNamesLocked() []string {
	var names []string
	for n := range algs {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
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
// [Chosen] returns it) now, and again after every successful [Select] and
// every [Reset] of alg (changed or not), before they return. f runs with the registry
// locked, so it must not call back into dispatch; it should just store the
// choice. OnChange panics if alg is not registered.
func OnChange(alg string, f func(name string)) {
	mu.Lock()
	defer mu.Unlock()
	a := algs[alg]
	if a == nil {
		panic("dispatch: internal error: algorithm " + alg + " is not registered")
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

// Chosen returns the name of the implementation constructors of alg use
// now: the one forced by Select, or else the first available one whose
// NotAuto is empty. It panics if alg is not registered, which is a bug in
// the calling package.
func Chosen(alg string) string {
	mu.RLock()
	defer mu.RUnlock()
	a := algs[alg]
	if a == nil {
		panic("dispatch: internal error: algorithm " + alg + " is not registered")
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
	panic("dispatch: internal error: no implementation available")
}
