//go:build gc && !purego

package cryptotest

const purego = false
