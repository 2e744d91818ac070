package handoffhttp_test

import (
	"fmt"
	"log"
	"net/http"

	"github.com/tlscore/tlscore/record/handoff/handoffhttp"
)

// An existing net/http server, handed off: crypto/tls runs each handshake,
// tlscore's record layer carries HTTP/1.1 and HTTP/2 after it. (An example
// without output: compiled, not run.)
func Example() {
	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		// r.TLS is set as with crypto/tls.
		fmt.Fprintf(w, "hello over %s, TLS version %x\n", r.Proto, r.TLS.Version)
	})
	srv := &http.Server{Addr: ":8443", Handler: mux}
	// was: log.Fatal(srv.ListenAndServeTLS("cert.pem", "key.pem"))
	log.Fatal(handoffhttp.ListenAndServeTLS(srv, "cert.pem", "key.pem"))
}
