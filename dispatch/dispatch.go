// Package dispatch shows and steers tlscore's choice of implementation:
// for every algorithm, the implementations this build knows, fastest first,
// which of them this CPU can run, and which one is used.
//
// Algorithm packages register their implementations at init through an
// internal registry; from outside the module the set is fixed. A
// constructor (aesgcm.New, ...) reads the choice once and the object it
// returns keeps that implementation for life; package-level functions
// (x25519.X25519, p256.ECDH) keep it in a package variable the registry
// updates. Either way hot paths have no lookups and no locks.
//
// [Select] and [Reset] change the choice: they are meant for tests,
// fuzzing and benchmarks, and are safe for concurrent use.
package dispatch

import (
	"github.com/tlscore/tlscore/internal/impl"
)

// Impl describes one implementation of an algorithm.
type Impl struct {
	Name      string // e.g. "vaes-avx512", "vaes-avx2", "aesni", "arm64", "generic"
	Available bool   // this CPU (after TLSCORE_CPU) and this build can run it

	Arch     string   // "amd64", "arm64", or "" for portable Go
	Features []string // the CPU features it needs (TLSCORE_CPU names)
	Desc     string   // one line: what it is
	// NotAuto, when not empty, says why the automatic choice passes over
	// this implementation although it is available (for example a CPU that
	// lowers its clock for 512-bit code). Select can still choose it.
	NotAuto string
}

// Algorithms returns the registered algorithm names, sorted.
func Algorithms() []string { return impl.Algorithms() }

// List returns the implementations of alg, fastest first, or nil if alg is
// not registered.
func List(alg string) []Impl {
	infos := impl.List(alg)
	if infos == nil {
		return nil
	}
	out := make([]Impl, len(infos))
	for i, in := range infos {
		fs := make([]string, len(in.Features))
		for j, f := range in.Features {
			fs[j] = string(f)
		}
		out[i] = Impl{Name: in.Name, Available: in.Available, Arch: in.Arch, Features: fs, Desc: in.Desc, NotAuto: in.NotAuto}
	}
	return out
}

// Select forces alg to use the implementation called name, in constructors
// called from now on and in package-level functions at once. It returns an
// error if either is unknown or the implementation is not available on
// this CPU.
func Select(alg, name string) error { return impl.Select(alg, name) }

// Reset returns alg to the automatic choice.
func Reset(alg string) { impl.Reset(alg) }

// Chosen returns the name of the implementation alg uses now: the one
// forced by Select, or else the first available one whose NotAuto is
// empty. It panics if alg is not registered.
func Chosen(alg string) string { return impl.Chosen(alg) }

// Auto returns the implementation the automatic choice picks for alg,
// whatever Select says, or "" if alg is not registered.
func Auto(alg string) string { return impl.Auto(alg) }
