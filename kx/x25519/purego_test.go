//go:build !(gc && !purego)

package x25519

const purego = true
