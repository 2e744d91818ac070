package bench

import (
	"crypto/ecdh"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"os"
	"testing"

	"github.com/tlscore/tlscore/internal/cputime"

	ourp256 "github.com/tlscore/tlscore/kx/p256"
	ourecdsa "github.com/tlscore/tlscore/sig/ecdsa"
)

// TestP256Measure prints the P-256 operation costs in thread CPU time (robust
// on a loaded machine): best of 30 rounds of 50 operations, ours and the
// standard library's interleaved round by round. Run with P256_MEASURE=1:
//
//	P256_MEASURE=1 go test -run TestP256Measure -v ./bench/
func TestP256Measure(t *testing.T) {
	if os.Getenv("P256_MEASURE") == "" {
		t.Skip("set P256_MEASURE=1")
	}

	std, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	sk, err := ourecdsa.NewPrivateKey(std)
	if err != nil {
		t.Fatal(err)
	}
	pk, err := ourecdsa.NewPublicKey(&std.PublicKey)
	if err != nil {
		t.Fatal(err)
	}
	digest := sha256.Sum256([]byte("measure"))
	sig, _ := ecdsa.SignASN1(rand.Reader, std, digest[:])
	priv, _, _ := ourp256.GenerateKey(rand.Reader)
	peer, _ := ecdh.P256().GenerateKey(rand.Reader)
	peerPub := peer.PublicKey().Bytes()
	stdPriv, _ := ecdh.P256().NewPrivateKey(priv)

	type pair struct {
		name      string
		ours, ref func()
	}
	pairs := []pair{
		{"sign", func() { sk.Sign(rand.Reader, digest[:], nil) }, func() { std.Sign(rand.Reader, digest[:], nil) }},
		{"verify", func() { pk.VerifyASN1(digest[:], sig) }, func() { ecdsa.VerifyASN1(&std.PublicKey, digest[:], sig) }},
		{"ECDH", func() { ourp256.ECDH(priv, peerPub) }, func() {
			pub, _ := ecdh.P256().NewPublicKey(peerPub)
			stdPriv.ECDH(pub)
		}},
		{"keygen", func() { ourp256.GenerateKey(rand.Reader) }, func() {
			k, _ := ecdh.P256().GenerateKey(rand.Reader)
			k.PublicKey().Bytes()
		}},
	}
	const rounds, ops = 30, 50
	for _, p := range pairs {
		best := cputime.Best(rounds, ops, cputime.Op{F: p.ours}, cputime.Op{F: p.ref})
		o, r := best[0]/1e3, best[1]/1e3
		t.Logf("P-256 %-7s ours %7.2f us  stdlib %7.2f us  ratio %.2f", p.name, o, r, o/r)
	}
}
