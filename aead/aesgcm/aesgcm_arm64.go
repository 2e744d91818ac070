//go:build arm64 && gc && !purego

package aesgcm

// newAsmKernel returns the arm64 assembly kernel called name for key, or nil.
// The arm64 kernel is not written yet.
func newAsmKernel(name string, key []byte) kernel { return nil }
