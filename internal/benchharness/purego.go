//go:build !(gc && !purego)

package benchharness

// purego builds compile no assembly.
const purego = true
