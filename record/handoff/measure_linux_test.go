package handoff

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/rsa"
	"crypto/tls"
	"net"
	"os"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/tlscore/tlscore/internal/cputime"
	tlsecdsa "github.com/tlscore/tlscore/sig/ecdsa"
	tlsrsa "github.com/tlscore/tlscore/sig/rsa"
)

// TestMeasureHandshake measures (it asserts nothing about time) the server
// side's CPU time of full TLS 1.3 handshakes over loopback TCP, accept
// included: crypto/tls, the hand-off with crypto/tls's own key, and the
// hand-off with tlscore's signer, interleaved one handshake each in turn,
// each timed by the CPU clock of the server's locked thread. It reports the
// fastest and the median of each and their ratios: on a shared machine the
// fastest is the steadier. Opt-in:
//
//	HANDOFF_MEASURE=1 go test -count=1 -run TestMeasureHandshake -v ./record/handoff/
func TestMeasureHandshake(t *testing.T) {
	if os.Getenv("HANDOFF_MEASURE") == "" {
		t.Skip("set HANDOFF_MEASURE=1 to measure")
	}
	n := 300
	p := certs(t)
	ek := p.ecdsa.PrivateKey.(*ecdsa.PrivateKey)
	rk := p.rsa.PrivateKey.(*rsa.PrivateKey)
	ours256, err := tlsecdsa.NewPrivateKey(ek)
	if err != nil {
		t.Fatal(err)
	}
	oursRSA, err := tlsrsa.NewPrivateKey(rk)
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []struct {
		name      string
		cert      tls.Certificate
		std, ours crypto.Signer
	}{
		{"ECDSA-P256", p.ecdsa, ek, ours256},
		{"RSA-2048", p.rsa, rk, oursRSA},
	} {
		cfg := func(key crypto.Signer) *tls.Config {
			return &tls.Config{Certificates: []tls.Certificate{{Certificate: k.cert.Certificate, PrivateKey: key}}}
		}
		std, ours := cfg(k.std), cfg(k.ours)
		kinds := []struct {
			name    string
			handoff bool
			cfg     *tls.Config
		}{
			{"crypto/tls", false, std},
			{"handoff, crypto/tls's key", true, std},
			{"handoff, tlscore signer", true, ours},
		}
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ccfg := &tls.Config{InsecureSkipVerify: true}
		times := make([][]time.Duration, len(kinds))
		for i := range n + 10 {
			for j, kd := range kinds {
				d := serverHandshakeTime(t, l, kd.cfg, ccfg, kd.handoff)
				if i >= 10 { // warm-up
					times[j] = append(times[j], d)
				}
			}
		}
		l.Close()
		for j := range times {
			slices.Sort(times[j])
		}
		for j, kd := range kinds {
			t.Logf("%s %-28s fastest %7.1f us (%.3fx crypto/tls)  median %7.1f us (%.3fx)", k.name, kd.name,
				us(times[j][0]), float64(times[j][0])/float64(times[0][0]),
				us(times[j][n/2]), float64(times[j][n/2])/float64(times[0][n/2]))
		}
	}
}

func us(d time.Duration) float64 { return float64(d) / 1e3 }

func threadTime(t *testing.T) time.Duration {
	d, ok := cputime.Thread()
	if !ok {
		t.Fatal("no thread CPU clock")
	}
	return d
}

// serverHandshakeTime runs one handshake with a crypto/tls client on
// another goroutine and returns the server thread's CPU time for accept and
// handshake.
func serverHandshakeTime(t *testing.T, l net.Listener, scfg, ccfg *tls.Config, handedOff bool) time.Duration {
	errc := make(chan error, 1)
	go func() {
		c, err := net.Dial("tcp", l.Addr().String())
		if err != nil {
			errc <- err
			return
		}
		defer c.Close()
		errc <- tls.Client(c, ccfg).Handshake()
	}()
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	t0 := threadTime(t)
	s, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	if handedOff {
		h := Server(s, scfg)
		err = h.Handshake()
		if err == nil && !h.HandedOff() {
			t.Fatal("not handed off")
		}
	} else {
		err = tls.Server(s, scfg).Handshake()
	}
	d := threadTime(t) - t0
	if err != nil {
		t.Fatal(err)
	}
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	s.Close()
	return d
}
