//go:build !purego && gc

package aesgcm

const purego = false
