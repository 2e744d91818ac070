package handoffhttp

//lint:file-ignore SA1019 see http.go: x/net/http2 is what works on a handed-off connection in Go 1.26

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"sync"
	"time"

	"golang.org/x/net/http2"

	"github.com/tlscore/tlscore/record/handoff"
)

// Transport is an http.RoundTripper for https URLs over handed-off
// connections that speaks HTTP/2 with the servers that negotiate it (ALPN
// "h2") and HTTP/1.1 with the others, as http.Transport does over
// crypto/tls. The first connection to each host:port offers both and
// decides; it is then used by the HTTP/2 or the HTTP/1.1 transport, which
// dial further connections themselves.
type Transport struct {
	config *tls.Config
	dialer *net.Dialer
	h1     *http.Transport
	h2     *http2.Transport

	mu    sync.Mutex
	proto map[string]string     // host:port -> the protocol its server chose
	stash map[string][]net.Conn // first connections, waiting for their transport to dial
}

// stashTimeout is how long a first connection waits for its transport
// before it is closed.
const stashTimeout = 30 * time.Second

// NewClientTransport returns a Transport; config may be nil.
func NewClientTransport(config *tls.Config) *Transport {
	if config == nil {
		config = &tls.Config{}
	}
	t := &Transport{
		config: config.Clone(),
		dialer: &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second},
		proto:  make(map[string]string),
		stash:  make(map[string][]net.Conn),
	}
	h1cfg := config.Clone()
	h1cfg.NextProtos = []string{"http/1.1"}
	t.h1 = &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			if c := t.unstash(addr); c != nil {
				return c, nil
			}
			return handoff.DialContext(ctx, t.dialer, network, addr, h1cfg)
		},
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
	t.h2 = &http2.Transport{
		TLSClientConfig: config.Clone(),
		DialTLSContext: func(ctx context.Context, network, addr string, cfg *tls.Config) (net.Conn, error) {
			if c := t.unstash(addr); c != nil {
				return c, nil
			}
			return handoff.DialContext(ctx, t.dialer, network, addr, cfg)
		},
	}
	return t
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.URL.Scheme != "https" {
		return nil, errors.New("handoffhttp: Transport serves https URLs only")
	}
	addr := req.URL.Host
	if req.URL.Port() == "" {
		addr = net.JoinHostPort(req.URL.Hostname(), "443")
	}
	t.mu.Lock()
	proto, ok := t.proto[addr]
	t.mu.Unlock()
	if !ok {
		cfg := t.config.Clone()
		cfg.NextProtos = []string{http2.NextProtoTLS, "http/1.1"}
		c, err := handoff.DialContext(req.Context(), t.dialer, "tcp", addr, cfg)
		if err != nil {
			return nil, err
		}
		proto = c.ConnectionState().NegotiatedProtocol
		if proto != http2.NextProtoTLS {
			proto = "http/1.1"
		}
		t.mu.Lock()
		t.proto[addr] = proto
		t.stash[addr] = append(t.stash[addr], c)
		t.mu.Unlock()
		time.AfterFunc(stashTimeout, func() {
			if t.remove(addr, c) {
				c.Close()
			}
		})
	}
	if proto == http2.NextProtoTLS {
		return t.h2.RoundTrip(req)
	}
	return t.h1.RoundTrip(req)
}

// unstash returns a first connection to addr waiting for its transport, or
// nil.
func (t *Transport) unstash(addr string) net.Conn {
	t.mu.Lock()
	defer t.mu.Unlock()
	cs := t.stash[addr]
	if len(cs) == 0 {
		return nil
	}
	c := cs[len(cs)-1]
	t.stash[addr] = cs[:len(cs)-1]
	return c
}

// remove takes c out of the stash, and reports whether it was there.
func (t *Transport) remove(addr string, c net.Conn) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	for i, s := range t.stash[addr] {
		if s == c {
			t.stash[addr] = append(t.stash[addr][:i], t.stash[addr][i+1:]...)
			return true
		}
	}
	return false
}

// CloseIdleConnections closes the idle connections of both transports and
// the first connections no transport took.
func (t *Transport) CloseIdleConnections() {
	t.mu.Lock()
	stash := t.stash
	t.stash = make(map[string][]net.Conn)
	t.mu.Unlock()
	for _, cs := range stash {
		for _, c := range cs {
			c.Close()
		}
	}
	t.h1.CloseIdleConnections()
	t.h2.CloseIdleConnections()
}
