//go:build !(gc && !purego)

package aesgcm

const purego = true
