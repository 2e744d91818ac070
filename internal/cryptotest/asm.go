//go:build !purego && gc

package cryptotest

const purego = false
