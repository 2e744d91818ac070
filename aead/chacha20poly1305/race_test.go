//go:build race

package chacha20poly1305

// raceEnabled: the race detector's checkptr instrumentation rejects the
// oversized unsafe.Slice of TestCounterLimit.
const raceEnabled = true
