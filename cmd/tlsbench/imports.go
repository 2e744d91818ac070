package main

// The algorithm packages register their implementations with package
// dispatch at init.
import ()
