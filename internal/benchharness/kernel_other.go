//go:build !(linux || darwin || freebsd || netbsd || openbsd)

package benchharness

func kernel() string { return "" }
