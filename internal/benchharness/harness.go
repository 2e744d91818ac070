// Package benchharness is the measuring engine of cmd/tlsbench: it expands
// a table of operations over every implementation dispatch knows and over
// the references, times each the same way (warm-up, then repeated timed
// rounds), and keeps the results in a JSON format that compare and report
// read back.
//
// An operation is one small [Op] value: a name, the dispatch algorithm that
// selects tlscore's implementations, the unit, and setup functions that
// build the state of one goroutine and return the timed loop. The harness
// does the rest: implementation selection, sizes, profiles, filters,
// single-core and all-core runs, statistics, tables, JSON, charts.
package benchharness

import (
	"fmt"
	"strings"
)

// Unit says how an operation's speed is reported.
type Unit string

const (
	// Bytes operations process a message of a given size; they are reported
	// in MB/s (10^6 bytes per second) and ns/op.
	Bytes Unit = "bytes"
	// Ops operations are reported in operations per second and us/op.
	Ops Unit = "ops"
)

// Sources of an implementation.
const (
	SourceTLSCore = "tlscore" // one of tlscore's implementations, through dispatch
	SourceGo      = "go"      // Go's standard library or golang.org/x/crypto
	SourceOpenSSL = "openssl" // OpenSSL's libcrypto through cgo (-tags openssl)
)

// A Setup builds the state of one goroutine for messages of size bytes (0
// for [Ops] operations) and returns the loop to time: run(n) performs the
// operation n times. Setup is called once per goroutine, so the state (keys,
// buffers) need not be safe for concurrent use. Work that is not part of the
// operation (key generation, allocation of buffers) belongs in Setup.
type Setup func(size int) (run func(n int), err error)

// A Ref is a reference implementation measured beside tlscore's.
type Ref struct {
	Source string // SourceGo or SourceOpenSSL; also the name shown as impl
	Desc   string // what it is, e.g. "crypto/cipher GCM over crypto/aes"
	Setup  Setup
}

// An Op is one operation of one algorithm, for example AES-128-GCM seal.
type Op struct {
	Family string // the algorithm as people name it: "AES-128-GCM", "X25519", "RSA-2048"
	Verb   string // one token: "seal", "open", "shared", "keygen", "sign-pss", ...
	// Alg is the dispatch algorithm whose implementations Ours is measured
	// with: before each Setup the harness selects one of them with
	// dispatch.Select. Empty when tlscore's code for the operation is not
	// dispatched (Ours then runs once, as impl "tlscore").
	Alg string
	// AutoOnly measures only the implementation dispatch picks by itself
	// (for composite operations such as the record layer, whose AEAD rows
	// already compare every implementation), unless -impl names others.
	AutoOnly bool
	// Group is a coarser name -alg also matches: "aead", "kx", "sig", "record".
	Group string
	Unit  Unit
	// MaxSize caps the sizes of a Bytes operation (a TLS record carries at
	// most 16384 bytes); 0 for no cap.
	MaxSize int
	// Full marks operations measured only in the full profile.
	Full bool
	Ours Setup // tlscore's implementation; nil if it has not landed yet
	Refs []Ref
	Desc string // a line for reports: what exactly is timed
}

// Name is the operation's full name, "AES-128-GCM seal".
func (op *Op) Name() string { return op.Family + " " + op.Verb }

// A Case is one row to measure: an operation, one implementation, one size,
// a number of goroutines.
type Case struct {
	Op     *Op
	Impl   string // the dispatch name of tlscore's implementation, or the reference's source
	Source string
	Size   int // message size for Bytes operations, 0 for Ops
	Procs  int // goroutines running the operation at once
	setup  Setup
}

// Key identifies a measurement across runs and machines.
func (c Case) Key() Key {
	return Key{Family: c.Op.Family, Verb: c.Op.Verb, Impl: c.Impl, Size: c.Size, Procs: c.Procs}
}

// Key identifies one row: what was measured, independent of the numbers.
type Key struct {
	Family, Verb, Impl string
	Size, Procs        int
}

func (k Key) String() string {
	s := k.Family + " " + k.Verb + " " + k.Impl
	if k.Size > 0 {
		s += fmt.Sprintf(" %dB", k.Size)
	}
	return s + fmt.Sprintf(" x%d", k.Procs)
}

// matchAlg reports whether filter (lower case) names op: its dispatch
// algorithm, its family, or its full name.
func matchAlg(op *Op, filter string) bool {
	f := strings.ToLower(filter)
	return f == strings.ToLower(op.Alg) || f == strings.ToLower(op.Group) || f == strings.ToLower(op.Family) ||
		f == strings.ToLower(op.Name()) || f == strings.ToLower(op.Family+"/"+op.Verb)
}
