//go:build !purego && gc

package impl

const purego = false
