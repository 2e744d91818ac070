//go:build !purego && gc

package dispatch

const purego = false
