//go:build !amd64 || !gc || purego

package rsa

import (
	"math/big"
	"testing"
)

func fuzzIFMA(t *testing.T, k int, m, x, y *big.Int) {}
