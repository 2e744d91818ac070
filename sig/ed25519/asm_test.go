//go:build !purego && gc

package ed25519

const purego = false
