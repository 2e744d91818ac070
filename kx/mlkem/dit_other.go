//go:build !arm64

package mlkem

// withDIT runs f (the data-independent timing mode is arm64's; see
// dit_arm64.go).
func withDIT(f func()) { f() }
