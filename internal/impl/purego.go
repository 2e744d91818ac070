//go:build !(gc && !purego)

package impl

// purego builds compile no assembly.
const purego = true
