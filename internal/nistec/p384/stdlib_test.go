package p384

import (
	"crypto/ecdh"
	"crypto/elliptic"
	"crypto/sha512"
)

// The curve of this package in the standard library, for the tests
// generated from ../_tmpl/curve_test.go.tmpl.
var (
	stdECDH  = ecdh.P384()
	stdCurve = elliptic.P384()
	hashNew  = sha512.New384
)
