//go:build !((amd64 || arm64) && gc && !purego)

package edwards25519

import "github.com/tlscore/tlscore/internal/safegcd"

func batch62Arch(s *safegcd.State[s62]) { p25519.Batch(s) }
