//go:build purego || !gc

package impl

// purego builds compile no assembly.
const purego = true
