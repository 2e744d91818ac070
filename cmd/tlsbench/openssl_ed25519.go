//go:build openssl && cgo

package main

// The OpenSSL reference of the Ed25519 rows: one-shot EVP_DigestSign and
// EVP_DigestVerify (Ed25519 has no separate digest), re-initialized per
// message as a TLS stack does, the loop in C.

/*
#cgo LDFLAGS: -lcrypto
#include <openssl/evp.h>

static EVP_PKEY *tb_ed25519_private(const unsigned char *seed) {
	return EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, NULL, seed, 32);
}

static int tb_ed25519(EVP_PKEY *key, int verify, long n, unsigned char *sig, const unsigned char *msg, size_t mlen) {
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	if (ctx == NULL) return 0;
	for (long i = 0; i < n; i++) {
		size_t siglen = 64;
		int ok = verify
			? EVP_DigestVerifyInit(ctx, NULL, NULL, NULL, key) == 1 && EVP_DigestVerify(ctx, sig, 64, msg, mlen) == 1
			: EVP_DigestSignInit(ctx, NULL, NULL, NULL, key) == 1 && EVP_DigestSign(ctx, sig, &siglen, msg, mlen) == 1;
		if (!ok) {
			EVP_MD_CTX_free(ctx);
			return 0;
		}
	}
	EVP_MD_CTX_free(ctx);
	return 1;
}
*/
import "C"

import (
	"runtime"

	bh "github.com/tlscore/tlscore/internal/benchharness"
)

// opensslEd25519 times OpenSSL signing msg with the key of seed, or
// verifying the signature it made.
func opensslEd25519(seed, msg []byte, verify bool) bh.Setup {
	return func(int) (func(int), error) {
		st := &struct{ seed, msg, sig *cbuf }{seed: newCBuf(seed, 32), msg: newCBuf(msg, len(msg)), sig: newCBuf(nil, 64)}
		key := C.tb_ed25519_private(st.seed.u())
		if key == nil {
			return nil, sslErr("Ed25519 key")
		}
		freePkey(st, key)
		if C.tb_ed25519(key, 0, 1, st.sig.u(), st.msg.u(), C.size_t(st.msg.n)) != 1 {
			return nil, sslErr("Ed25519 sign")
		}
		v := C.int(0)
		if verify {
			v = 1
		}
		if C.tb_ed25519(key, v, 1, st.sig.u(), st.msg.u(), C.size_t(st.msg.n)) != 1 {
			return nil, sslErr("Ed25519")
		}
		return func(n int) {
			if C.tb_ed25519(key, v, C.long(n), st.sig.u(), st.msg.u(), C.size_t(st.msg.n)) != 1 {
				panic(sslErr("Ed25519"))
			}
			runtime.KeepAlive(st)
		}, nil
	}
}
