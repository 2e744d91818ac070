//go:build !((amd64 || arm64) && gc && !purego)

package edwards25519

func batch62Arch(zeta int64, f, g, d, e *s62) int64 { return batch62(zeta, f, g, d, e) }
