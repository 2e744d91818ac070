//go:build arm64 && gc && !purego

package edwards25519

import "github.com/tlscore/tlscore/internal/safegcd"

// The arm64 field multiplication and squaring (edwards25519_arm64.s, by
// hand); the rest of the 4 x 64-bit code is the Go of fe64.go, inv.go and
// edwards64.go. Callers with secrets run it under
// subtle.WithDataIndependentTiming.

//go:noescape
func feMulARM64(z, x, y *[4]uint64)

//go:noescape
func feSqrARM64(z, x *[4]uint64, n int)

func Fe64Mul(z, x, y *Fe64) { feMulARM64((*[4]uint64)(z), (*[4]uint64)(x), (*[4]uint64)(y)) }

func Fe64Sqr(z, x *Fe64, n int) { feSqrARM64((*[4]uint64)(z), (*[4]uint64)(x), n) }

func Fe64Add(z, x, y *Fe64) { Fe64AddGeneric(z, x, y) }

func Fe64Sub(z, x, y *Fe64) { Fe64SubGeneric(z, x, y) }

// batch62Arch is the Go batch, safegcd.Modulus.Batch.
func batch62Arch(s *safegcd.State[s62]) { p25519.Batch(s) }

func AddNielsArch(p *ExtPoint64, q *Niels64) { AddNiels64(p, q) }

func SelectNielsArch(n *Niels64, row *[8]Niels64, e int8) { SelectNiels64(n, row, e) }

// DoubleArch sets p's X, Y, Z to those of 2p, or all of p with ext (Go).
func DoubleArch(p *ExtPoint64, ext bool) { double64Go(p, ext) }

// AddCachedArch sets p = p + q (Go).
func AddCachedArch(p *ExtPoint64, q *Cached64) { addCached64Go(p, q) }
