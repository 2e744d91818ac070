package handoff

import (
	"bufio"
	"bytes"
	"crypto/tls"
	"encoding/pem"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Interoperability with OpenSSL (the openssl command, installed by CI;
// TLSCORE_CI=1 makes a missing one a failure): the hand-off as a client of
// `openssl s_server -rev` and as the server of `openssl s_client`, with
// every TLS 1.3 suite (TLS_AES_256_GCM_SHA384 included, which crypto/tls
// cannot negotiate with itself) and TLS 1.2 AEAD suites, and KeyUpdates
// initiated by OpenSSL (s_client's "k" and "K" commands) and by us.

var opensslModes = []struct {
	name  string // OpenSSL's suite name
	tls13 bool
	id    uint16
}{
	{"TLS_AES_128_GCM_SHA256", true, tls.TLS_AES_128_GCM_SHA256},
	{"TLS_AES_256_GCM_SHA384", true, tls.TLS_AES_256_GCM_SHA384},
	{"TLS_CHACHA20_POLY1305_SHA256", true, tls.TLS_CHACHA20_POLY1305_SHA256},
	{"ECDHE-ECDSA-AES128-GCM-SHA256", false, tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
	{"ECDHE-ECDSA-AES256-GCM-SHA384", false, tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
	{"ECDHE-ECDSA-CHACHA20-POLY1305", false, tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
}

func opensslArgs(name string, tls13 bool) []string {
	if tls13 {
		return []string{"-tls1_3", "-ciphersuites", name}
	}
	return []string{"-tls1_2", "-cipher", name}
}

func opensslBin(t *testing.T) string {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		if os.Getenv("TLSCORE_CI") != "" {
			t.Fatal("openssl is missing in CI")
		}
		t.Skip("no openssl command")
	}
	return bin
}

// opensslCertFiles writes the ECDSA leaf (with its CA) and key as PEM.
func opensslCertFiles(t *testing.T) (certFile, keyFile string) {
	p := certs(t)
	dir := t.TempDir()
	certFile = filepath.Join(dir, "cert.pem")
	keyFile = filepath.Join(dir, "key.pem")
	var chain []byte
	for _, der := range p.ecdsa.Certificate {
		chain = append(chain, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})...)
	}
	must(os.WriteFile(certFile, chain, 0o600))
	must(os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: p.ecdsaKeyDER}), 0o600))
	return certFile, keyFile
}

func startOpenSSL(t *testing.T, cmd *exec.Cmd) *bytes.Buffer {
	stderr := new(bytes.Buffer)
	cmd.Stderr = stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("openssl stderr:\n%s", stderr.String())
		}
	})
	return stderr
}

func readLine(t *testing.T, r *bufio.Reader) string {
	t.Helper()
	line, err := r.ReadString('\n')
	if err != nil {
		t.Fatalf("reading a line: %v", err)
	}
	return line
}

func reverse(s string) string {
	b := []byte(s)
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// TestOpenSSLServer: a handed-off client against s_server -rev.
func TestOpenSSLServer(t *testing.T) {
	bin := opensslBin(t)
	certFile, keyFile := opensslCertFiles(t)
	for _, m := range opensslModes {
		t.Run(m.name, func(t *testing.T) {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			port := strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
			l.Close()
			cmd := exec.Command(bin, append([]string{"s_server", "-accept", "127.0.0.1:" + port,
				"-cert", certFile, "-key", keyFile, "-rev", "-naccept", "1"}, opensslArgs(m.name, m.tls13)...)...)
			startOpenSSL(t, cmd)
			var c *Conn
			cfg := &tls.Config{RootCAs: certs(t).pool, ServerName: "localhost", MaxVersion: tls.VersionTLS12}
			if m.tls13 {
				cfg.MaxVersion = tls.VersionTLS13
			}
			for range 100 {
				if c, err = Dial("tcp", "127.0.0.1:"+port, cfg); err == nil {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			c.SetDeadline(time.Now().Add(30 * time.Second))
			if !c.HandedOff() || c.ConnectionState().CipherSuite != m.id {
				t.Fatalf("handed off %v, suite %s", c.HandedOff(), tls.CipherSuiteName(c.ConnectionState().CipherSuite))
			}
			r := bufio.NewReader(c)
			// OpenSSL sends TLS 1.3 session tickets first: they are dropped.
			lines := []string{"hello, openssl", strings.Repeat("0123456789abcdef", 1000) + "xyz", "after KeyUpdate", "again"}
			for i, line := range lines {
				if i == 2 && m.tls13 {
					if err := c.KeyUpdate(true); err != nil {
						t.Fatal(err)
					}
				}
				if _, err := c.Write([]byte(line + "\n")); err != nil {
					t.Fatal(err)
				}
				if got := readLine(t, r); got != reverse(line)+"\n" {
					t.Fatalf("line %d: got %q...", i, got[:min(len(got), 40)])
				}
			}
		})
	}
}

// TestOpenSSLClient: a handed-off server with s_client, which sends
// KeyUpdates when told ("k", "K" with update_requested; s_client reads
// these commands only without -quiet).
func TestOpenSSLClient(t *testing.T) {
	bin := opensslBin(t)
	for _, m := range opensslModes {
		t.Run(m.name, func(t *testing.T) {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			cmd := exec.Command(bin, append([]string{"s_client", "-connect", l.Addr().String(),
				"-servername", "localhost", "-brief"}, opensslArgs(m.name, m.tls13)...)...)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			stderr := startOpenSSL(t, cmd)
			raw, err := l.Accept()
			if err != nil {
				t.Fatal(err)
			}
			c := Server(raw, serverConfigFor(t, m.id))
			defer c.Close()
			c.SetDeadline(time.Now().Add(20 * time.Second))
			if err := c.Handshake(); err != nil {
				t.Fatal(err)
			}
			if !c.HandedOff() || c.ConnectionState().CipherSuite != m.id {
				t.Fatalf("handed off %v, suite %s", c.HandedOff(), tls.CipherSuiteName(c.ConnectionState().CipherSuite))
			}
			r := bufio.NewReader(c)
			fromOpenSSL := bufio.NewReader(stdout)
			lines := []string{"from s_client", strings.Repeat("z", 3000), "after k", "after K", "after our KeyUpdate"}
			for i, line := range lines {
				if m.tls13 {
					switch i {
					// s_client takes a command only as a read of its
					// own: give it time before the next line.
					case 2:
						io.WriteString(stdin, "k\n")
						time.Sleep(300 * time.Millisecond)
					case 3:
						io.WriteString(stdin, "K\n")
						time.Sleep(300 * time.Millisecond)
					case 4:
						if err := c.KeyUpdate(true); err != nil {
							t.Fatal(err)
						}
					}
				}
				if _, err := io.WriteString(stdin, line+"\n"); err != nil {
					t.Fatal(err)
				}
				if got := readLine(t, r); got != line+"\n" {
					t.Fatalf("line %d from s_client: got %q", i, got[:min(len(got), 40)])
				}
				if _, err := c.Write([]byte(reverse(line) + "\n")); err != nil {
					t.Fatal(err)
				}
				// Without -quiet (which turns the commands off) s_client
				// also prints what it does: skip those lines.
				for j := 0; ; j++ {
					got := readLine(t, fromOpenSSL)
					if got == reverse(line)+"\n" {
						break
					}
					if j == 20 {
						t.Fatalf("line %d at s_client: got %q", i, got[:min(len(got), 40)])
					}
				}
			}
			if err := c.Close(); err != nil {
				t.Fatal(err)
			}
			stdin.Close()
			done := make(chan error, 1)
			go func() { done <- cmd.Wait() }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("s_client did not exit after close_notify")
			}
			if n := strings.Count(stderr.String(), "KEYUPDATE"); m.tls13 && n != 2 {
				t.Errorf("s_client reported %d KeyUpdates, want 2", n)
			}
		})
	}
}
