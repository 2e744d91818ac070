//go:build !purego && gc

package benchharness

const purego = false
