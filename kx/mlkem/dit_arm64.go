package mlkem

import "crypto/subtle"

// withDIT runs f with the processor's data-independent timing mode (Arm
// FEAT_DIT) enabled, as the secret-dependent operations (key generation,
// encapsulation, decapsulation) run, whichever implementation: it covers
// the NEON kernels and the Go code alike.
func withDIT(f func()) { subtle.WithDataIndependentTiming(f) }
