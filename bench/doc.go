// Package bench holds tlscore's benchmarks, each next to its reference
// (Go's standard library, golang.org/x/crypto), in go test conventions:
//
//	go test -run='^$' -bench=. -count=10 ./bench/ | tee new.txt
//	benchstat new.txt
//
// cmd/tlsbench is the harness that measures the same operations across
// every implementation of this machine.
package bench
