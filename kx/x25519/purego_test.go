//go:build purego || !gc

package x25519

const purego = true
