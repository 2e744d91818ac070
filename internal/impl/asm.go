//go:build gc && !purego

package impl

const purego = false
