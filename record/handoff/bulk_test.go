//go:build unix

package handoff

import (
	"bufio"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// BenchmarkBulkCPU measures the CPU time one side of a bulk transfer costs:
// HANDOFF_BULK_BYTES (default 1 GiB) from server to client over loopback
// TCP in 16 KiB writes, TLS 1.3, with crypto/tls or with the hand-off on the
// measured side. The measured side runs alone in a child process (this
// test binary again) and reports its own getrusage (all threads) around
// the transfer, handshake excluded; the other side, in this process, is
// always the hand-off. The metrics are user and system nanoseconds per
// byte: the system time (the kernel's copies) is the same whoever
// encrypts, the user time is what the record layer changes. Wall time is
// not a measure here. Run with -benchtime=1x:
//
//	go test -run='^$' -bench=BulkCPU -benchtime=1x ./record/handoff/
func BenchmarkBulkCPU(b *testing.B) {
	total := int64(1 << 30)
	if s := os.Getenv("HANDOFF_BULK_BYTES"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			b.Fatal(err)
		}
		total = n
	}
	for _, suite := range []uint16{tls.TLS_AES_128_GCM_SHA256, tls.TLS_CHACHA20_POLY1305_SHA256} {
		for _, side := range []string{"send", "recv"} {
			for _, impl := range []string{sideCrypto, sideHandoff} {
				name := fmt.Sprintf("%s/%s/%s", strings.TrimPrefix(tls.CipherSuiteName(suite), "TLS_"), side, strings.ReplaceAll(impl, "/", "-"))
				b.Run(name, func(b *testing.B) {
					var user, sys time.Duration
					for range b.N {
						u, s := bulkParent(b, suite, side, impl, total)
						user += u
						sys += s
					}
					bytes := float64(total) * float64(b.N)
					b.ReportMetric(float64(user.Nanoseconds())/bytes, "user-ns/B")
					b.ReportMetric(float64(sys.Nanoseconds())/bytes, "sys-ns/B")
					b.ReportMetric(0, "ns/op")
				})
			}
		}
	}
}

const bulkChunk = 16 << 10

// bulkParent runs the child and the other side of the transfer.
func bulkParent(b *testing.B, suite uint16, side, impl string, total int64) (user, sys time.Duration) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestBulkChild$")
	cmd.Env = append(os.Environ(), fmt.Sprintf("HANDOFF_BULK_CHILD=%s,%s,%d,%d,%s", side, impl, suite, total, l.Addr()))
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	defer cmd.Wait()
	raw, err := l.Accept()
	if err != nil {
		b.Fatal(err)
	}
	defer raw.Close()
	// The child sends when it is the server, so this side is the client.
	var c *Conn
	if side == "send" {
		c = Client(raw, bulkClientConfig(suite))
	} else {
		c = Server(raw, serverConfigFor(b, suite))
	}
	if err := c.Handshake(); err != nil {
		b.Fatal(err)
	}
	if side == "send" {
		n, err := io.Copy(io.Discard, c)
		if err != nil || n != total {
			b.Fatalf("received %d bytes, %v", n, err)
		}
	} else {
		buf := make([]byte, bulkChunk)
		for sent := int64(0); sent < total; sent += bulkChunk {
			if _, err := c.Write(buf[:min(bulkChunk, total-sent)]); err != nil {
				b.Fatal(err)
			}
		}
		c.CloseWrite()
	}
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		b.Fatalf("child: %v", err)
	}
	var u, s int64
	if _, err := fmt.Sscan(line, &u, &s); err != nil {
		b.Fatalf("child said %q", line)
	}
	return time.Duration(u), time.Duration(s)
}

func bulkClientConfig(suite uint16) *tls.Config {
	cfg := &tls.Config{InsecureSkipVerify: true}
	if suite == tls.TLS_CHACHA20_POLY1305_SHA256 {
		cfg.CipherSuites = []uint16{tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256}
	}
	return cfg
}

// TestBulkChild is the measured side of BenchmarkBulkCPU; it does nothing
// unless HANDOFF_BULK_CHILD is set.
func TestBulkChild(t *testing.T) {
	spec := os.Getenv("HANDOFF_BULK_CHILD")
	if spec == "" {
		t.Skip("the child process of BenchmarkBulkCPU")
	}
	f := strings.Split(spec, ",")
	side, impl := f[0], f[1]
	suite64, _ := strconv.ParseUint(f[2], 10, 16)
	suite := uint16(suite64)
	total, _ := strconv.ParseInt(f[3], 10, 64)
	raw, err := net.Dial("tcp", f[4])
	if err != nil {
		t.Fatal(err)
	}
	var c tlsConn
	switch {
	case side == "send" && impl == sideHandoff:
		c = Server(raw, serverConfigFor(t, suite))
	case side == "send":
		c = tls.Server(raw, serverConfigFor(t, suite))
	case impl == sideHandoff:
		c = Client(raw, bulkClientConfig(suite))
	default:
		c = tls.Client(raw, bulkClientConfig(suite))
	}
	if err := c.Handshake(); err != nil {
		t.Fatal(err)
	}
	if c.ConnectionState().CipherSuite != suite {
		t.Fatalf("negotiated %s", tls.CipherSuiteName(c.ConnectionState().CipherSuite))
	}
	u0, s0 := rusage(t)
	if side == "send" {
		buf := make([]byte, bulkChunk)
		for sent := int64(0); sent < total; sent += bulkChunk {
			if _, err := c.Write(buf[:min(bulkChunk, total-sent)]); err != nil {
				t.Fatal(err)
			}
		}
		c.CloseWrite()
	} else {
		buf := make([]byte, bulkChunk)
		var got int64
		for {
			n, err := c.Read(buf)
			got += int64(n)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if got != total {
			t.Fatalf("received %d bytes", got)
		}
	}
	u1, s1 := rusage(t)
	c.Close()
	fmt.Printf("%d %d\n", u1-u0, s1-s0)
}

// rusage returns the user and system CPU time of this process so far.
func rusage(t *testing.T) (user, sys int64) {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Fatal(err)
	}
	return ru.Utime.Nano(), ru.Stime.Nano()
}

// BenchmarkHandshake times full TLS 1.3 handshakes (X25519MLKEM768 as
// crypto/tls chooses, ECDSA P-256 certificate, no session ticket: the
// client keeps no cache) over net.Pipe, both sides in this process:
// crypto/tls on both sides, against the hand-off on the server side or on
// both; wall time, so noisy on a shared machine (TestMeasureHandshake
// measures the server's CPU time). The hand-off adds the wrapper, a config
// clone, the key log parsing, key setups and the trial opening of the
// records.
func BenchmarkHandshake(b *testing.B) {
	scfg := serverConfigFor(b, tls.TLS_AES_128_GCM_SHA256)
	for _, m := range []struct{ name, server, client string }{
		{"crypto-tls", sideCrypto, sideCrypto},
		{"handoff-server", sideHandoff, sideCrypto},
		{"handoff-both", sideHandoff, sideHandoff},
	} {
		b.Run(m.name, func(b *testing.B) {
			ccfg := clientConfigFor(b, tls.TLS_AES_128_GCM_SHA256)
			ccfg.ClientSessionCache = nil
			b.ReportAllocs()
			for b.Loop() {
				c, s := net.Pipe()
				var server, client tlsConn
				if m.server == sideHandoff {
					server = Server(s, scfg)
				} else {
					server = tls.Server(s, scfg)
				}
				if m.client == sideHandoff {
					client = Client(c, ccfg)
				} else {
					client = tls.Client(c, ccfg)
				}
				errc := make(chan error, 1)
				go func() { errc <- server.Handshake() }()
				if err := client.Handshake(); err != nil {
					b.Fatal(err)
				}
				if err := <-errc; err != nil {
					b.Fatal(err)
				}
				c.Close()
				s.Close()
			}
		})
	}
}
