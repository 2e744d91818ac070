package main

// The algorithm packages register their implementations with package
// dispatch at init; ops.go, ours.go and record.go import every one of them,
// so -list shows them all.
