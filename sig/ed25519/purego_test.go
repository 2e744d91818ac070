//go:build !(gc && !purego)

package ed25519

const purego = true
