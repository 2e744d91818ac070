// Package fuzz holds tlscore's differential fuzz targets: every
// implementation of every algorithm against the generic code and against
// the Go reference. One file per algorithm (aesgcm_test.go, ...). Run one
// with
//
//	go test -run='^$' -fuzz='^FuzzAESGCM$' -fuzztime=30s ./fuzz/
package fuzz
