package keyshare

import (
	"crypto/ecdh"
	"crypto/mlkem"
	"crypto/rand"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/tlscore/tlscore/internal/cputime"
)

// TestMeasure prints the fastest of many short rounds of Respond and of
// Start+Complete for X25519MLKEM768, and of the same work done with
// crypto/mlkem and crypto/ecdh (as crypto/tls does it), interleaved in one
// run and timed by the thread's CPU time. Only with KEYSHARE_MEASURE=1; it
// asserts nothing.
//
//	KEYSHARE_MEASURE=1 go test -count=1 -run TestMeasure -v ./kx/keyshare/
func TestMeasure(t *testing.T) {
	if os.Getenv("KEYSHARE_MEASURE") == "" {
		t.Skip("set KEYSHARE_MEASURE=1")
	}
	g := X25519MLKEM768
	e, _ := Start(g)
	client := e.KeyShare()
	srv, _, _ := Respond(g, client)
	stdRespond := func() {
		ek, err := mlkem.NewEncapsulationKey768(client[:mlkem.EncapsulationKeySize768])
		if err != nil {
			panic(err)
		}
		k, ct := ek.Encapsulate()
		priv, _ := ecdh.X25519().GenerateKey(rand.Reader)
		peer, _ := ecdh.X25519().NewPublicKey(client[mlkem.EncapsulationKeySize768:])
		ss, err := priv.ECDH(peer)
		if err != nil {
			panic(err)
		}
		_ = append(ct, priv.PublicKey().Bytes()...)
		_ = append(k, ss...)
	}
	stdClient := func() {
		dk, _ := mlkem.GenerateKey768()
		priv, _ := ecdh.X25519().GenerateKey(rand.Reader)
		_ = append(dk.EncapsulationKey().Bytes(), priv.PublicKey().Bytes()...)
		k, _ := dk.Decapsulate(srv[:mlkem.CiphertextSize768])
		peer, _ := ecdh.X25519().NewPublicKey(srv[mlkem.CiphertextSize768:])
		ss, _ := priv.ECDH(peer)
		_ = append(k, ss...)
	}
	ops := []struct {
		name      string
		ours, std func()
	}{
		{"X25519MLKEM768 Respond", func() { Respond(g, client) }, stdRespond},
		{"X25519MLKEM768 Start+Complete", func() { e, _ := Start(g); e.Complete(srv) }, stdClient},
	}
	var all []cputime.Op
	for _, o := range ops {
		all = append(all, cputime.Op{F: o.ours}, cputime.Op{F: o.std})
	}
	flat := cputime.Best(200, 10, all...)
	best := make([][2]time.Duration, len(ops))
	for i := range best {
		best[i] = [2]time.Duration{time.Duration(flat[2*i]), time.Duration(flat[2*i+1])}
	}
	for i, o := range ops {
		t.Logf("%s: tlscore %v, crypto/mlkem+crypto/ecdh %v (%sx)", o.name, best[i][0].Round(10*time.Nanosecond),
			best[i][1].Round(10*time.Nanosecond), strconv.FormatFloat(float64(best[i][0])/float64(best[i][1]), 'f', 3, 64))
	}
}
