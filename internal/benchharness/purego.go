//go:build purego || !gc

package benchharness

// purego builds compile no assembly.
const purego = true
