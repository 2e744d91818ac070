//go:build gc && !purego

package benchharness

const purego = false
