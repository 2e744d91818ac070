//go:build !386 && !amd64 && !arm64

package cpu

func detect() {}
