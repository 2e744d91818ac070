package handoff

import (
	"crypto/tls"
	"errors"
	"net"
	"runtime"
	"sync"
	"weak"
)

// serverConfigs maps each configuration given to Server to the clone that
// the connections actually use; an entry goes when its configuration is
// collected.
var serverConfigs sync.Map // weak.Pointer[tls.Config] -> *tls.Config

// serverConfig returns the clone of config that servers use: its
// GetConfigForClient returns, for each connection, a clone of config (or of
// what config's own GetConfigForClient returns) whose KeyLogWriter hands the
// secrets to that connection's hand-off. The clone is made once per
// configuration, so that its automatic session ticket keys (crypto/tls
// takes them from the configuration given to tls.Server) are shared by
// every connection, and sessions resume.
func serverConfig(config *tls.Config) *tls.Config {
	if config == nil {
		panic("handoff: Server with a nil config")
	}
	wp := weak.Make(config)
	if v, ok := serverConfigs.Load(wp); ok {
		return v.(*tls.Config)
	}
	c := newServerConfig(config)
	v, loaded := serverConfigs.LoadOrStore(wp, c)
	if !loaded {
		runtime.AddCleanup(config, func(wp weak.Pointer[tls.Config]) { serverConfigs.Delete(wp) }, wp)
	}
	return v.(*tls.Config)
}

var errNotOurs = errors.New("handoff: a ClientHello on a connection the hand-off did not wrap")

func newServerConfig(config *tls.Config) *tls.Config {
	c := config.Clone()
	// Session tickets are sealed and opened with config's own ticket keys
	// (explicit, or config's automatic ones, rotated by config), as
	// crypto/tls does when config is given to tls.Server: connections
	// served by crypto/tls and by the hand-off with one config resume each
	// other's sessions. A weak pointer, so that the cache does not keep
	// config reachable; if config is gone, the clone's own keys serve.
	wp := weak.Make(config)
	keys := func() *tls.Config {
		if u := wp.Value(); u != nil {
			return u
		}
		return c
	}
	if c.WrapSession == nil {
		c.WrapSession = func(cs tls.ConnectionState, ss *tls.SessionState) ([]byte, error) {
			return keys().EncryptTicket(cs, ss)
		}
	}
	if c.UnwrapSession == nil {
		c.UnwrapSession = func(identity []byte, cs tls.ConnectionState) (*tls.SessionState, error) {
			return keys().DecryptTicket(identity, cs)
		}
	}
	userGet := config.GetConfigForClient
	c.GetConfigForClient = func(chi *tls.ClientHelloInfo) (*tls.Config, error) {
		spy, ok := chi.Conn.(*spyConn)
		if !ok {
			return nil, errNotOurs
		}
		base := c
		if userGet != nil {
			got, err := userGet(chi)
			if err != nil {
				return nil, err
			}
			if got != nil {
				base = got
			}
		}
		per := base.Clone()
		per.GetConfigForClient = nil
		per.KeyLogWriter = spy.keyLogWriter(base.KeyLogWriter)
		if unwrap := per.UnwrapSession; unwrap != nil {
			// The hand-off learns the session crypto/tls resumes:
			// crypto/tls logs no master secret when it resumes a TLS 1.2
			// session. (A config from the caller's GetConfigForClient
			// without UnwrapSession opens tickets inside crypto/tls: its
			// resumed TLS 1.2 sessions stay on crypto/tls.)
			per.UnwrapSession = func(identity []byte, cs tls.ConnectionState) (*tls.SessionState, error) {
				ss, err := unwrap(identity, cs)
				if ss != nil {
					spy.setSession(ss)
				}
				return ss, err
			}
		}
		return per, nil
	}
	return c
}

// Listen creates a TLS listener accepting connections on the given network
// address using net.Listen, like tls.Listen. The configuration must be
// non-nil and must include at least one certificate or else set
// GetCertificate (or GetConfigForClient).
func Listen(network, laddr string, config *tls.Config) (net.Listener, error) {
	if config == nil || len(config.Certificates) == 0 && config.GetCertificate == nil && config.GetConfigForClient == nil {
		return nil, errors.New("handoff: neither Certificates, GetCertificate, nor GetConfigForClient set in Config")
	}
	l, err := net.Listen(network, laddr)
	if err != nil {
		return nil, err
	}
	return NewListener(l, config), nil
}

// NewListener creates a Listener which accepts connections from an inner
// Listener and wraps each connection with Server, like tls.NewListener.
// Accept returns *Conn values; their handshake runs on the first Read or
// Write (or call Handshake).
func NewListener(inner net.Listener, config *tls.Config) net.Listener {
	return &listener{Listener: inner, config: serverConfig(config)}
}

type listener struct {
	net.Listener
	config *tls.Config
}

func (l *listener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newServer(c, l.config), nil
}
