//go:build purego || !gc

package dispatch

// purego builds compile no assembly.
const purego = true
