// Package handoffhttp serves and fetches HTTP/1.1 and HTTP/2 over
// connections handed off to tlscore's record layer (package
// record/handoff): crypto/tls runs each handshake, tlscore carries the
// records.
//
// net/http negotiates HTTP/2 only on a *tls.Conn, so [Serve] runs the
// handshake itself, serves connections that negotiated "h2" with
// golang.org/x/net/http2's Server.ServeConn and hands the others to
// srv.Serve for HTTP/1.1. Handlers see the connection's TLS state in r.TLS
// either way.
//
// Clients: [NewClientTransport] speaks HTTP/2 or HTTP/1.1 as each server's
// ALPN answer says; [NewTransport] and [NewHTTP2Transport] speak one.
//
// HTTP/2 connections are served outside srv.Serve: srv's ConnState and
// ConnContext hooks see only the HTTP/1.1 ones (srv.Shutdown still ends the
// HTTP/2 connections gracefully, through http2.ConfigureServer).
//
// Turning an existing server into a handed-off one:
//
//	srv := &http.Server{Addr: ":443", Handler: mux}
//	// was: log.Fatal(srv.ListenAndServeTLS("cert.pem", "key.pem"))
//	log.Fatal(handoffhttp.ListenAndServeTLS(srv, "cert.pem", "key.pem"))
package handoffhttp

//lint:file-ignore SA1019 golang.org/x/net/http2 points to net/http's own HTTP/2, which Go 1.26 serves and dials only on a *tls.Conn: x/net/http2's ServeConn and Transport are what work on a handed-off connection

import (
	"context"
	"crypto/tls"
	"errors"
	"log"
	"net"
	"net/http"
	"slices"
	"sync"
	"time"

	"golang.org/x/net/http2"

	"github.com/tlscore/tlscore/record/handoff"
)

// ListenAndServeTLS listens on srv.Addr (":https" if empty) and calls
// ServeTLS, like http.Server.ListenAndServeTLS.
func ListenAndServeTLS(srv *http.Server, certFile, keyFile string) error {
	addr := srv.Addr
	if addr == "" {
		addr = ":https"
	}
	l, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	defer l.Close()
	return ServeTLS(srv, l, certFile, keyFile)
}

// ServeTLS is Serve with the certificate and key loaded from files (which
// may be empty if srv.TLSConfig has certificates or GetCertificate), like
// http.Server.ServeTLS.
func ServeTLS(srv *http.Server, l net.Listener, certFile, keyFile string) error {
	var config *tls.Config
	if srv.TLSConfig != nil {
		config = srv.TLSConfig.Clone()
	} else {
		config = &tls.Config{}
	}
	if certFile != "" || keyFile != "" || len(config.Certificates) == 0 && config.GetCertificate == nil {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return err
		}
		config.Certificates = append(config.Certificates, cert)
	}
	return serve(srv, l, config)
}

// Serve accepts connections on l (plain TCP), runs the TLS handshake on
// each with srv.TLSConfig, hands it off and serves srv.Handler over HTTP/2
// (if the client negotiated "h2") or HTTP/1.1. srv.TLSConfig must have
// certificates or GetCertificate; if its NextProtos is empty, "h2" and
// "http/1.1" are offered.
//
// The handshake runs within srv's ReadHeaderTimeout, ReadTimeout or
// WriteTimeout (the smallest set), as in net/http. Serve returns when l
// fails or srv shuts down (http.ErrServerClosed); srv.Shutdown also
// closes the HTTP/2 connections gracefully.
func Serve(srv *http.Server, l net.Listener) error {
	var config *tls.Config
	if srv.TLSConfig != nil {
		config = srv.TLSConfig.Clone()
	} else {
		config = &tls.Config{}
	}
	return serve(srv, l, config)
}

func serve(srv *http.Server, l net.Listener, config *tls.Config) error {
	if len(config.NextProtos) == 0 {
		config.NextProtos = []string{http2.NextProtoTLS, "http/1.1"}
	}
	h2 := &http2.Server{}
	if slices.Contains(config.NextProtos, http2.NextProtoTLS) {
		// ConfigureServer registers h2's graceful shutdown with srv; it
		// also adds h2 to srv.TLSConfig, which is no longer read.
		saved := srv.TLSConfig
		if err := http2.ConfigureServer(srv, h2); err != nil {
			return err
		}
		srv.TLSConfig = saved
	}
	hl := &h1Listener{
		inner: l,
		conns: make(chan net.Conn),
		done:  make(chan struct{}),
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go hl.acceptLoop(ctx, srv, h2, handoff.NewListener(l, config))
	return srv.Serve(hl)
}

// h1Listener is the listener srv.Serve reads: the connections that finished
// their handshake and did not negotiate h2.
type h1Listener struct {
	inner     net.Listener
	conns     chan net.Conn
	done      chan struct{}
	closeOnce sync.Once
	errMu     sync.Mutex
	err       error
}

func (l *h1Listener) acceptLoop(ctx context.Context, srv *http.Server, h2 *http2.Server, tl net.Listener) {
	for {
		c, err := tl.Accept()
		if err != nil {
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				time.Sleep(5 * time.Millisecond)
				continue
			}
			l.errMu.Lock()
			l.err = err
			l.errMu.Unlock()
			l.Close()
			return
		}
		go l.handshake(ctx, srv, h2, c.(*handoff.Conn))
	}
}

func (l *h1Listener) handshake(ctx context.Context, srv *http.Server, h2 *http2.Server, c *handoff.Conn) {
	if d := handshakeTimeout(srv); d > 0 {
		dl := time.Now().Add(d)
		c.SetReadDeadline(dl)
		c.SetWriteDeadline(dl)
	}
	if err := c.HandshakeContext(ctx); err != nil {
		// As net/http logs them.
		if srv.ErrorLog != nil {
			srv.ErrorLog.Printf("http: TLS handshake error from %s: %v", c.RemoteAddr(), err)
		} else {
			log.Printf("http: TLS handshake error from %s: %v", c.RemoteAddr(), err)
		}
		c.Close()
		return
	}
	c.SetReadDeadline(time.Time{})
	c.SetWriteDeadline(time.Time{})
	if c.ConnectionState().NegotiatedProtocol == http2.NextProtoTLS {
		h2.ServeConn(c, &http2.ServeConnOpts{Context: ctx, BaseConfig: srv, Handler: srv.Handler})
		return
	}
	select {
	case l.conns <- c:
	case <-l.done:
		c.Close()
	}
}

// handshakeTimeout is net/http's: the smallest of the server's timeouts
// that are set.
func handshakeTimeout(srv *http.Server) time.Duration {
	var d time.Duration
	for _, t := range []time.Duration{srv.ReadHeaderTimeout, srv.ReadTimeout, srv.WriteTimeout} {
		if t > 0 && (d == 0 || t < d) {
			d = t
		}
	}
	return d
}

func (l *h1Listener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		l.errMu.Lock()
		defer l.errMu.Unlock()
		if l.err != nil {
			return nil, l.err
		}
		return nil, net.ErrClosed
	}
}

func (l *h1Listener) Close() error {
	var err error
	l.closeOnce.Do(func() {
		close(l.done)
		err = l.inner.Close()
	})
	return err
}

func (l *h1Listener) Addr() net.Addr { return l.inner.Addr() }

// NewTransport returns an http.Transport for HTTP/1.1 whose TLS connections
// are handed off (config may be nil; ServerName defaults to the host
// dialed). net/http speaks HTTP/2 only over a *tls.Conn: use
// NewHTTP2Transport for HTTP/2. Responses carry no TLS state (resp.TLS is
// nil), as with any custom TLS dialer.
func NewTransport(config *tls.Config) *http.Transport {
	if config == nil {
		config = &tls.Config{}
	}
	config = config.Clone()
	config.NextProtos = []string{"http/1.1"}
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialTLSContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			return handoff.DialContext(ctx, dialer, network, addr, config)
		},
		MaxIdleConns:          100,
		IdleConnTimeout:       90 * time.Second,
		ExpectContinueTimeout: time.Second,
	}
}

// NewHTTP2Transport returns an HTTP/2 transport (golang.org/x/net/http2)
// whose connections are handed off; config may be nil.
func NewHTTP2Transport(config *tls.Config) *http2.Transport {
	dialer := &net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second}
	return &http2.Transport{
		TLSClientConfig: config,
		DialTLSContext: func(ctx context.Context, network, addr string, cfg *tls.Config) (net.Conn, error) {
			return handoff.DialContext(ctx, dialer, network, addr, cfg)
		},
	}
}
