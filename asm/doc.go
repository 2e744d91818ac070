// Module asm holds the avo programs that generate tlscore's amd64
// assembly, one folder per package with assembly (asm/aesgcm,
// asm/chacha20poly1305, ...). It is a module of its own so that the library
// never depends on avo.
//
// Each library package runs its generator from a go:generate line such as
//
//	//go:generate go run -C ../../asm/aesgcm . -out ../../aead/aesgcm/aesgcm_amd64.s -stubs ../../aead/aesgcm/aesgcm_amd64_stubs.go -pkg aesgcm
//
// so `go generate ./...` at the repository root regenerates everything.
// Pinned: avo v0.6.0 (the first with the ymm/zmm forms of VAESENC and
// VPCLMULQDQ) and golang.org/x/tools v0.52.0 (the version avo pins does not
// compile under Go 1.26).
package asm
