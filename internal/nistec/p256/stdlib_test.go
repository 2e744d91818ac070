package p256

import (
	"crypto/ecdh"
	"crypto/elliptic"
	"crypto/sha256"
)

// The curve of this package in the standard library, for the tests
// generated from ../_tmpl/curve_test.go.tmpl.
var (
	stdECDH  = ecdh.P256()
	stdCurve = elliptic.P256()
	hashNew  = sha256.New
)
