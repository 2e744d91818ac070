// Package edwards25519 holds the Curve25519 arithmetic that kx/x25519 and
// sig/ed25519 share: the field GF(2^255-19) in radix 2^51 (fe.go), the
// twisted Edwards group of Ed25519 (RFC 8032 section 5.1, the curve
// birationally equivalent to X25519's; edwards.go, point.go) with the
// constant-time fixed-base table of multiples of B, and the variable-time
// operations of signature verification.
//
// It exports plain functions on fixed-size types (FeMul(v, a, b *Fe)) so
// that callers' hot loops compile to direct calls. Everything executes in
// constant time unless its comment says "variable time".
package edwards25519
