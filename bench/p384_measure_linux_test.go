package bench

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha512"
	"os"
	"testing"

	"github.com/tlscore/tlscore/internal/cputime"
	"github.com/tlscore/tlscore/internal/nistec/p384"

	ourecdsa "github.com/tlscore/tlscore/sig/ecdsa"
)

// TestP384Measure prints the P-384 operation costs in thread CPU time (robust
// on a loaded machine): best of 30 rounds of 20 operations, ours and the
// standard library's interleaved round by round. Run with P384_MEASURE=1:
//
//	P384_MEASURE=1 go test -run TestP384Measure -v ./bench/
func TestP384Measure(t *testing.T) {
	if os.Getenv("P384_MEASURE") == "" {
		t.Skip("set P384_MEASURE=1")
	}

	std, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	sk, err := ourecdsa.NewPrivateKey(std)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := ourecdsa.NewPublicKey(&std.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha512.Sum384([]byte("measure"))
	sig, _ := ecdsa.SignASN1(rand.Reader, std, digest[:])
	priv, _ := ecdh.P384().GenerateKey(rand.Reader)
	peer, _ := ecdh.P384().GenerateKey(rand.Reader)
	peerPub := peer.PublicKey().Bytes()
	k := priv.Bytes()

	type pair struct {
		name      string
		ours, ref func()
	}
	pairs := []pair{
		{"sign", func() { sk.Sign(rand.Reader, digest[:], nil) }, func() { std.Sign(rand.Reader, digest[:], nil) }},
		{"verify", func() { pk.VerifyASN1(digest[:], sig) }, func() { ecdsa.VerifyASN1(&std.PublicKey, digest[:], sig) }},
		{"ECDH", func() {
			var q p384.PublicPoint
			var out [p384.ScalarSize]byte
			if q.SetBytes(peerPub) == nil {
				p384.Chosen().ECDH(&out, k, &q)
			}
		}, func() {
			pub, _ := ecdh.P384().NewPublicKey(peerPub)
			priv.ECDH(pub)
		}},
		{"basemult", func() {
			var out [p384.PointSize]byte
			p384.Chosen().ScalarBaseMult(&out, k)
		}, func() {
			p, _ := ecdh.P384().NewPrivateKey(k)
			p.PublicKey().Bytes()
		}},
	}
	const rounds, ops = 30, 20
	for _, p := range pairs {
		best := cputime.Best(rounds, ops, cputime.Op{F: p.ours}, cputime.Op{F: p.ref})
		o, r := best[0]/1e3, best[1]/1e3
		t.Logf("P-384 %-8s ours %7.2f us  stdlib %7.2f us  ratio %.2f", p.name, o, r, o/r)
	}
}
