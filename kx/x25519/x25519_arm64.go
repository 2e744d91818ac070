//go:build gc && !purego

package x25519

import "github.com/tlscore/tlscore/dispatch"

// Until the arm64 assembly exists, the arm64 build uses the Go references
// of the 4 x 64-bit code, registered only as "generic".
func archImpls() []dispatch.Impl { return registered()[3:] }

func archLookup(name string) *implementation { return nil }

func autoBatch() *implementation { return nil }

func fe64Mul(z, x, y *fe64)     { fe64MulGeneric(z, x, y) }
func fe64Sqr(z, x *fe64, n int) { fe64SqrGeneric(z, x, n) }
func fe64Add(z, x, y *fe64)     { fe64AddGeneric(z, x, y) }
func fe64Sub(z, x, y *fe64)     { fe64SubGeneric(z, x, y) }

func fe64Mul121665(z, x *fe64) { fe64Mul121665Generic(z, x) }

func fe64Ladder(xz *[8]uint64, k, u *[4]uint64) { ladder64Generic(xz, k, u) }
