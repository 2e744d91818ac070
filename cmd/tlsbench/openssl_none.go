//go:build !openssl || !cgo

package main

import bh "github.com/tlscore/tlscore/internal/benchharness"

// Without -tags openssl (and cgo) there is no OpenSSL reference: these
// return nil setups, which the tables leave out.

const opensslBuilt = false

func opensslVersion() string { return "" }

func opensslAEAD(name string, keyLen int, seal bool) bh.Setup                     { return nil }
func opensslX25519(scalar []byte, peer func() []byte, keygen bool) bh.Setup       { return nil }
func opensslECDH() bh.Setup                                                       { return nil }
func opensslECKeygen() bh.Setup                                                   { return nil }
func opensslSign(der func() ([]byte, error), dgst []byte, padding int) bh.Setup   { return nil }
func opensslVerify(der func() ([]byte, error), dgst []byte, padding int) bh.Setup { return nil }
func opensslEd25519(seed, msg []byte, verify bool) bh.Setup                       { return nil }
