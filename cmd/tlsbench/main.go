// Command tlsbench measures tlscore's algorithms and implementations on this
// machine, next to the references a TLS stack would otherwise use.
//
//	go run ./cmd/tlsbench        # the machine report and the benchmarks
//	go run ./cmd/tlsbench -list  # the machine and every implementation
//
// TLSCORE_CPU switches CPU features off (see internal/cpu), for comparing
// paths on one machine.
package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	list := flag.Bool("list", false, "print the machine and the implementations of every algorithm, then exit")
	flag.Parse()
	printMachine(os.Stdout)
	fmt.Println()
	printImpls(os.Stdout)
	if *list {
		return
	}
}
