package record

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

// Interoperability with OpenSSL (the openssl command): crypto/tls does the
// handshake with `openssl s_server` or `openssl s_client` on 127.0.0.1 and
// logs the secrets, which must agree with OpenSSL's own -keylogfile; then a
// record.Conn carries the application data, with OpenSSL's -rev echo server
// or s_client's standard input and output at the other end. Our side is
// itself the TCP endpoint, so OpenSSL reads the records we seal and we open
// the records it sends without a relay in between. Each TLS 1.3 suite is
// forced with -ciphersuites.

var opensslSuites = []struct {
	name string
	id   uint16
}{
	{"TLS_AES_128_GCM_SHA256", TLS_AES_128_GCM_SHA256},
	{"TLS_AES_256_GCM_SHA384", TLS_AES_256_GCM_SHA384},
	{"TLS_CHACHA20_POLY1305_SHA256", TLS_CHACHA20_POLY1305_SHA256},
}

func opensslFiles(t *testing.T) (bin, certFile, keyFile string) {
	bin, err := exec.LookPath("openssl")
	if err != nil {
		t.Skip("no openssl command")
	}
	cert := certificate(t)
	dir := t.TempDir()
	certFile = filepath.Join(dir, "cert.pem")
	keyFile = filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Certificate[0]}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: testKeyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	return bin, certFile, keyFile
}

func freePort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	return strconv.Itoa(l.Addr().(*net.TCPAddr).Port)
}

func startCmd(t *testing.T, cmd *exec.Cmd) {
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
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

// TLS 1.2 AEAD suites with OpenSSL's names for them.
var openssl12Suites = []struct {
	name string
	id   uint16
}{
	{"ECDHE-ECDSA-AES128-GCM-SHA256", TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256},
	{"ECDHE-ECDSA-AES256-GCM-SHA384", TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384},
	{"ECDHE-ECDSA-CHACHA20-POLY1305", TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256},
}

func TestInteropOpenSSLServer(t *testing.T) {
	bin, certFile, keyFile := opensslFiles(t)
	for _, suite := range opensslSuites {
		t.Run(suite.name, func(t *testing.T) {
			port := freePort(t)
			keylogFile := filepath.Join(t.TempDir(), "keylog")
			cmd := exec.Command(bin, "s_server", "-accept", "127.0.0.1:"+port,
				"-cert", certFile, "-key", keyFile, "-tls1_3", "-ciphersuites", suite.name,
				"-rev", "-naccept", "1", "-keylogfile", keylogFile)
			startCmd(t, cmd)

			var conn net.Conn
			var err error
			for i := 0; i < 100; i++ {
				if conn, err = net.Dial("tcp", "127.0.0.1:"+port); err == nil {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			var klog safeBuffer
			client := tls.Client(conn, &tls.Config{InsecureSkipVerify: true, KeyLogWriter: &klog, MinVersion: tls.VersionTLS13})
			if err := client.Handshake(); err != nil {
				t.Fatal(err)
			}
			if got := client.ConnectionState().CipherSuite; got != suite.id {
				t.Fatalf("negotiated %s", tls.CipherSuiteName(got))
			}
			secrets := keyLog(t, klog.String())
			in, err := NewOpener13(suite.id, secrets["SERVER_TRAFFIC_SECRET_0"])
			if err != nil {
				t.Fatal(err)
			}
			out, err := NewSealer13(suite.id, secrets["CLIENT_TRAFFIC_SECRET_0"])
			if err != nil {
				t.Fatal(err)
			}
			ours := NewConn(conn, in, out)
			r := bufio.NewReader(ours)

			// OpenSSL sends session tickets first: Read skips them.
			lines := []string{"hello, openssl", strings.Repeat("0123456789abcdef", 600) + "xyz", "after KeyUpdate", "again"}
			for i, line := range lines {
				if i == 2 {
					// OpenSSL 3.0's -rev loop takes about a second to
					// answer the line that follows a KeyUpdate.
					before := ours.in.secret
					if err := ours.KeyUpdate(true); err != nil {
						t.Fatal(err)
					}
					defer func() {
						if ours.in.secret == before {
							t.Error("OpenSSL did not answer our KeyUpdate request")
						}
					}()
				}
				if _, err := ours.Write([]byte(line + "\n")); err != nil {
					t.Fatal(err)
				}
				if got := readLine(t, r); got != reverse(line)+"\n" {
					t.Fatalf("line %d: got %q...", i, got[:min(len(got), 40)])
				}
			}
			// OpenSSL's own key log agrees with crypto/tls's.
			if err := ours.Close(); err != nil {
				t.Fatal(err)
			}
			cmd.Wait()
			b, err := os.ReadFile(keylogFile)
			if err != nil {
				t.Fatal(err)
			}
			theirs := keyLog(t, string(b))
			if !bytes.Equal(theirs["CLIENT_TRAFFIC_SECRET_0"], secrets["CLIENT_TRAFFIC_SECRET_0"]) {
				t.Error("OpenSSL's key log differs from crypto/tls's")
			}
		})
	}
}

func TestInteropOpenSSLClient(t *testing.T) {
	bin, _, _ := opensslFiles(t)
	for _, suite := range opensslSuites {
		t.Run(suite.name, func(t *testing.T) {
			l, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer l.Close()
			keylogFile := filepath.Join(t.TempDir(), "keylog")
			cmd := exec.Command(bin, "s_client", "-connect", l.Addr().String(),
				"-tls1_3", "-ciphersuites", suite.name, "-quiet", "-keylogfile", keylogFile)
			stdin, err := cmd.StdinPipe()
			if err != nil {
				t.Fatal(err)
			}
			stdout, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			startCmd(t, cmd)
			conn, err := l.Accept()
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			var klog safeBuffer
			server := tls.Server(conn, &tls.Config{
				Certificates:           []tls.Certificate{certificate(t)},
				KeyLogWriter:           &klog,
				MinVersion:             tls.VersionTLS13,
				SessionTicketsDisabled: true,
			})
			if err := server.Handshake(); err != nil {
				t.Fatal(err)
			}
			if got := server.ConnectionState().CipherSuite; got != suite.id {
				t.Fatalf("negotiated %s", tls.CipherSuiteName(got))
			}
			secrets := keyLog(t, klog.String())
			in, err := NewOpener13(suite.id, secrets["CLIENT_TRAFFIC_SECRET_0"])
			if err != nil {
				t.Fatal(err)
			}
			out, err := NewSealer13(suite.id, secrets["SERVER_TRAFFIC_SECRET_0"])
			if err != nil {
				t.Fatal(err)
			}
			ours := NewConn(conn, in, out)
			r := bufio.NewReader(ours)
			fromOpenSSL := bufio.NewReader(stdout)

			for i, line := range []string{"from s_client", strings.Repeat("z", 3000), "after KeyUpdate"} {
				if i == 2 {
					if err := ours.KeyUpdate(true); err != nil {
						t.Fatal(err)
					}
				}
				// s_client -> us
				if _, err := io.WriteString(stdin, line+"\n"); err != nil {
					t.Fatal(err)
				}
				if got := readLine(t, r); got != line+"\n" {
					t.Fatalf("line %d from s_client: got %q", i, got[:min(len(got), 40)])
				}
				// us -> s_client
				if _, err := ours.Write([]byte(reverse(line) + "\n")); err != nil {
					t.Fatal(err)
				}
				if got := readLine(t, fromOpenSSL); got != reverse(line)+"\n" {
					t.Fatalf("line %d at s_client: got %q", i, got[:min(len(got), 40)])
				}
			}
			// After our KeyUpdate request, s_client's next record came
			// under its next key, which our Opener followed; one more line
			// confirms.
			io.WriteString(stdin, "last\n")
			if got := readLine(t, r); got != "last\n" {
				t.Fatalf("got %q", got)
			}
			// close_notify ends s_client's connection.
			if err := ours.Close(); err != nil {
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
			// OpenSSL's own key log agrees with crypto/tls's, both ways.
			b, err := os.ReadFile(keylogFile)
			if err != nil {
				t.Fatal(err)
			}
			theirs := keyLog(t, string(b))
			for _, label := range []string{"CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0"} {
				if !bytes.Equal(theirs[label], secrets[label]) {
					t.Errorf("%s: OpenSSL's key log differs from crypto/tls's", label)
				}
			}
		})
	}
}

// TestInteropOpenSSLServer12: the TLS 1.2 AEAD suites against openssl
// s_server -rev, keys from the logged master secret and the hello randoms.
func TestInteropOpenSSLServer12(t *testing.T) {
	bin, certFile, keyFile := opensslFiles(t)
	for _, suite := range openssl12Suites {
		t.Run(suite.name, func(t *testing.T) {
			port := freePort(t)
			cmd := exec.Command(bin, "s_server", "-accept", "127.0.0.1:"+port,
				"-cert", certFile, "-key", keyFile, "-tls1_2", "-cipher", suite.name,
				"-rev", "-naccept", "1")
			startCmd(t, cmd)
			var conn net.Conn
			var err error
			for i := 0; i < 100; i++ {
				if conn, err = net.Dial("tcp", "127.0.0.1:"+port); err == nil {
					break
				}
				time.Sleep(50 * time.Millisecond)
			}
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			conn.SetDeadline(time.Now().Add(30 * time.Second))
			var klog safeBuffer
			rc := &recordingConn{Conn: conn}
			client := tls.Client(rc, &tls.Config{
				InsecureSkipVerify: true,
				KeyLogWriter:       &klog,
				MaxVersion:         tls.VersionTLS12,
				CipherSuites:       []uint16{suite.id},
			})
			if err := client.Handshake(); err != nil {
				t.Fatal(err)
			}
			if got := client.ConnectionState().CipherSuite; got != suite.id {
				t.Fatalf("negotiated %s", tls.CipherSuiteName(got))
			}
			in, out := tls12Keys(t, suite.id, keyLog(t, klog.String()), rc, true)
			ours := NewConn(conn, in, out)
			r := bufio.NewReader(ours)
			for i, line := range []string{"hello, openssl 1.2", strings.Repeat("0123456789abcdef", 900), "bye"} {
				if _, err := ours.Write([]byte(line + "\n")); err != nil {
					t.Fatal(err)
				}
				if got := readLine(t, r); got != reverse(line)+"\n" {
					t.Fatalf("line %d: got %q...", i, got[:min(len(got), 40)])
				}
			}
			if err := ours.Close(); err != nil {
				t.Fatal(err)
			}
		})
	}
}
