package main

// ifmaFuncs emits the AVX-512 IFMA functions (none yet).
func ifmaFuncs() {}
