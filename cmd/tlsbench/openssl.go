//go:build openssl && cgo

package main

// The OpenSSL reference: libcrypto through its EVP interface, built with
// -tags openssl (Debian: apt-get install libssl-dev). Each timed loop runs in
// C, so cgo's call overhead is paid once per batch, not per operation.
//
// AEAD rows time what a TLS record costs, message by message: set the
// nonce, add the additional data, encrypt (or decrypt), finish, and take (or
// check) the tag. `openssl speed -evp` instead encrypts one long stream in
// pieces, which is not the same work.

/*
#cgo LDFLAGS: -lcrypto
#include <stdlib.h>
#include <string.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>

static void tb_errstr(char *buf, size_t len) {
	unsigned long e = ERR_get_error();
	if (e == 0) {
		snprintf(buf, len, "unknown OpenSSL error");
	} else {
		ERR_error_string_n(e, buf, len);
	}
	ERR_clear_error();
}

static const EVP_CIPHER *tb_cipher(int which) {
	switch (which) {
	case 0: return EVP_aes_128_gcm();
	case 1: return EVP_aes_256_gcm();
	case 2: return EVP_chacha20_poly1305();
	}
	return NULL;
}

static EVP_CIPHER_CTX *tb_aead_new(int which, const unsigned char *key, int enc) {
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	if (ctx == NULL) return NULL;
	if (EVP_CipherInit_ex(ctx, tb_cipher(which), NULL, key, NULL, enc) != 1) {
		EVP_CIPHER_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

// tb_seal performs n complete seals of in[0:len]: out gets the ciphertext,
// tag the 16-byte tag.
static int tb_seal(EVP_CIPHER_CTX *ctx, long n, const unsigned char *nonce,
		const unsigned char *aad, int aadlen, const unsigned char *in, int len,
		unsigned char *out, unsigned char *tag) {
	int outl;
	for (long i = 0; i < n; i++) {
		if (EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, nonce) != 1) return 0;
		if (EVP_EncryptUpdate(ctx, NULL, &outl, aad, aadlen) != 1) return 0;
		if (EVP_EncryptUpdate(ctx, out, &outl, in, len) != 1) return 0;
		if (EVP_EncryptFinal_ex(ctx, out + outl, &outl) != 1) return 0;
		if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_GET_TAG, 16, tag) != 1) return 0;
	}
	return 1;
}

// tb_open performs n complete opens of ct[0:len] with its tag; it fails if
// a tag does not verify.
static int tb_open(EVP_CIPHER_CTX *ctx, long n, const unsigned char *nonce,
		const unsigned char *aad, int aadlen, const unsigned char *ct, int len,
		unsigned char *tag, unsigned char *out) {
	int outl;
	for (long i = 0; i < n; i++) {
		if (EVP_DecryptInit_ex(ctx, NULL, NULL, NULL, nonce) != 1) return 0;
		if (EVP_DecryptUpdate(ctx, NULL, &outl, aad, aadlen) != 1) return 0;
		if (EVP_DecryptUpdate(ctx, out, &outl, ct, len) != 1) return 0;
		if (EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_AEAD_SET_TAG, 16, tag) != 1) return 0;
		if (EVP_DecryptFinal_ex(ctx, out + outl, &outl) != 1) return 0;
	}
	return 1;
}

// tb_derive performs n key agreements with a context set up by
// EVP_PKEY_derive_init and EVP_PKEY_derive_set_peer.
static int tb_derive(EVP_PKEY_CTX *ctx, long n, unsigned char *out, size_t cap) {
	for (long i = 0; i < n; i++) {
		size_t outlen = cap;
		if (EVP_PKEY_derive(ctx, out, &outlen) != 1) return 0;
	}
	return 1;
}

// tb_x25519_pub performs n computations of the public key of a raw X25519
// private key (a key object is made and freed each time).
static int tb_x25519_pub(long n, const unsigned char *scalar, unsigned char *pub) {
	for (long i = 0; i < n; i++) {
		EVP_PKEY *k = EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, scalar, 32);
		if (k == NULL) return 0;
		size_t len = 32;
		int ok = EVP_PKEY_get_raw_public_key(k, pub, &len);
		EVP_PKEY_free(k);
		if (ok != 1) return 0;
	}
	return 1;
}

// tb_keygen performs n key generations with a context set up by
// EVP_PKEY_keygen_init.
static int tb_keygen(EVP_PKEY_CTX *ctx, long n) {
	for (long i = 0; i < n; i++) {
		EVP_PKEY *k = NULL;
		if (EVP_PKEY_keygen(ctx, &k) != 1) return 0;
		EVP_PKEY_free(k);
	}
	return 1;
}

static int tb_sign(EVP_PKEY_CTX *ctx, long n, const unsigned char *dgst, size_t dlen, unsigned char *sig, size_t cap, size_t *siglen) {
	for (long i = 0; i < n; i++) {
		*siglen = cap;
		if (EVP_PKEY_sign(ctx, sig, siglen, dgst, dlen) != 1) return 0;
	}
	return 1;
}

static int tb_verify(EVP_PKEY_CTX *ctx, long n, const unsigned char *sig, size_t siglen, const unsigned char *dgst, size_t dlen) {
	for (long i = 0; i < n; i++) {
		if (EVP_PKEY_verify(ctx, sig, siglen, dgst, dlen) != 1) return 0;
	}
	return 1;
}

// tb_sig_ctx makes a sign or verify context for key with padding 0 (ECDSA,
// any digest), 1 (RSA PKCS #1 v1.5, SHA-256) or 2 (RSA-PSS, SHA-256, salt as
// long as the hash).
static EVP_PKEY_CTX *tb_sig_ctx(EVP_PKEY *key, int verify, int padding) {
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(key, NULL);
	if (ctx == NULL) return NULL;
	int ok = verify ? EVP_PKEY_verify_init(ctx) : EVP_PKEY_sign_init(ctx);
	if (ok == 1 && padding != 0) {
		ok = EVP_PKEY_CTX_set_rsa_padding(ctx, padding == 1 ? RSA_PKCS1_PADDING : RSA_PKCS1_PSS_PADDING);
		if (ok == 1) ok = EVP_PKEY_CTX_set_signature_md(ctx, EVP_sha256());
		if (ok == 1 && padding == 2) ok = EVP_PKEY_CTX_set_rsa_pss_saltlen(ctx, RSA_PSS_SALTLEN_DIGEST);
	}
	if (ok != 1) {
		EVP_PKEY_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

static EVP_PKEY *tb_load_private(const unsigned char *der, long len) {
	return d2i_AutoPrivateKey(NULL, &der, len);
}

static EVP_PKEY *tb_load_public(const unsigned char *der, long len) {
	return d2i_PUBKEY(NULL, &der, len);
}

static EVP_PKEY_CTX *tb_derive_ctx(EVP_PKEY *priv, EVP_PKEY *peer) {
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(priv, NULL);
	if (ctx == NULL) return NULL;
	if (EVP_PKEY_derive_init(ctx) != 1 || EVP_PKEY_derive_set_peer(ctx, peer) != 1) {
		EVP_PKEY_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

static EVP_PKEY_CTX *tb_keygen_ctx(EVP_PKEY *params) {
	EVP_PKEY_CTX *ctx = EVP_PKEY_CTX_new(params, NULL);
	if (ctx == NULL) return NULL;
	if (EVP_PKEY_keygen_init(ctx) != 1) {
		EVP_PKEY_CTX_free(ctx);
		return NULL;
	}
	return ctx;
}

static EVP_PKEY *tb_x25519_private(const unsigned char *k) {
	return EVP_PKEY_new_raw_private_key(EVP_PKEY_X25519, NULL, k, 32);
}

static EVP_PKEY *tb_x25519_public(const unsigned char *k) {
	return EVP_PKEY_new_raw_public_key(EVP_PKEY_X25519, NULL, k, 32);
}

static const char *tb_version(void) { return OpenSSL_version(OPENSSL_VERSION); }
*/
import "C"

import (
	"crypto/ecdh"
	"crypto/x509"
	"errors"
	"runtime"
	"unsafe"

	bh "github.com/tlscore/tlscore/internal/benchharness"
)

const opensslBuilt = true

func opensslVersion() string { return C.GoString(C.tb_version()) }

func sslErr(what string) error {
	var buf [256]C.char
	C.tb_errstr(&buf[0], C.size_t(len(buf)))
	return errors.New("openssl: " + what + ": " + C.GoString(&buf[0]))
}

// cbuf is memory in the C heap, freed when the Go value is collected, so
// the timed loops pass no Go pointers.
type cbuf struct {
	p unsafe.Pointer
	n int
}

func newCBuf(b []byte, n int) *cbuf {
	c := &cbuf{p: C.calloc(C.size_t(max(n, 1)), 1), n: n}
	if len(b) > 0 {
		C.memcpy(c.p, unsafe.Pointer(&b[0]), C.size_t(len(b)))
	}
	runtime.AddCleanup(c, func(p unsafe.Pointer) { C.free(p) }, c.p)
	return c
}

func (c *cbuf) u() *C.uchar { return (*C.uchar)(c.p) }

func (c *cbuf) bytes() []byte { return C.GoBytes(c.p, C.int(c.n)) }

func freeCtx[T any](owner *T, ctx *C.EVP_CIPHER_CTX) {
	runtime.AddCleanup(owner, func(p *C.EVP_CIPHER_CTX) { C.EVP_CIPHER_CTX_free(p) }, ctx)
}

func freePkeyCtx[T any](owner *T, ctx *C.EVP_PKEY_CTX) {
	runtime.AddCleanup(owner, func(p *C.EVP_PKEY_CTX) { C.EVP_PKEY_CTX_free(p) }, ctx)
}

func freePkey[T any](owner *T, k *C.EVP_PKEY) {
	runtime.AddCleanup(owner, func(p *C.EVP_PKEY) { C.EVP_PKEY_free(p) }, k)
}

var sslCiphers = map[string]C.int{"aes-128-gcm": 0, "aes-256-gcm": 1, "chacha20-poly1305": 2}

// opensslAEAD times EVP sealing (or opening) of size-byte messages with the
// same key, nonce, additional data and message as the other AEAD rows.
func opensslAEAD(name string, keyLen int, seal bool) bh.Setup {
	which, ok := sslCiphers[name]
	if !ok {
		return nil
	}
	return func(size int) (func(int), error) {
		st := &struct{ key, nonce, aad, in, out, tag *cbuf }{}
		st.key = newCBuf(pattern(keyLen, 1), keyLen)
		st.nonce = newCBuf(pattern(12, 2), 12)
		st.aad = newCBuf(additionalData, len(additionalData))
		st.in = newCBuf(pattern(size, 3), size)
		st.out = newCBuf(nil, size+16)
		st.tag = newCBuf(nil, 16)
		enc := C.int(1)
		if !seal {
			enc = 0
		}
		ctx := C.tb_aead_new(which, st.key.u(), enc)
		if ctx == nil {
			return nil, sslErr("cipher init")
		}
		freeCtx(st, ctx)
		if !seal {
			// Make the ciphertext and tag to open with an encrypting context.
			ectx := C.tb_aead_new(which, st.key.u(), 1)
			if ectx == nil {
				return nil, sslErr("cipher init")
			}
			ok := C.tb_seal(ectx, 1, st.nonce.u(), st.aad.u(), C.int(st.aad.n), st.in.u(), C.int(size), st.out.u(), st.tag.u())
			C.EVP_CIPHER_CTX_free(ectx)
			if ok != 1 {
				return nil, sslErr("seal")
			}
			st.in, st.out = st.out, st.in // open the ciphertext into the old message buffer
			if C.tb_open(ctx, 1, st.nonce.u(), st.aad.u(), C.int(st.aad.n), st.in.u(), C.int(size), st.tag.u(), st.out.u()) != 1 {
				return nil, sslErr("open of its own seal")
			}
			return func(n int) {
				if C.tb_open(ctx, C.long(n), st.nonce.u(), st.aad.u(), C.int(st.aad.n), st.in.u(), C.int(size), st.tag.u(), st.out.u()) != 1 {
					panic(sslErr("open"))
				}
			}, nil
		}
		return func(n int) {
			if C.tb_seal(ctx, C.long(n), st.nonce.u(), st.aad.u(), C.int(st.aad.n), st.in.u(), C.int(size), st.out.u(), st.tag.u()) != 1 {
				panic(sslErr("seal"))
			}
		}, nil
	}
}

// opensslAEADSeal seals one message with OpenSSL and returns ciphertext and
// tag; for the tests that check OpenSSL and Go compute the same thing.
func opensslAEADSeal(name string, key, nonce, aad, msg []byte) ([]byte, error) {
	which, ok := sslCiphers[name]
	if !ok {
		return nil, errors.New("unknown cipher")
	}
	k, nb, ab, in := newCBuf(key, len(key)), newCBuf(nonce, 12), newCBuf(aad, len(aad)), newCBuf(msg, len(msg))
	out, tag := newCBuf(nil, len(msg)+16), newCBuf(nil, 16)
	ctx := C.tb_aead_new(which, k.u(), 1)
	if ctx == nil {
		return nil, sslErr("cipher init")
	}
	defer C.EVP_CIPHER_CTX_free(ctx)
	if C.tb_seal(ctx, 1, nb.u(), ab.u(), C.int(len(aad)), in.u(), C.int(len(msg)), out.u(), tag.u()) != 1 {
		return nil, sslErr("seal")
	}
	return append(out.bytes()[:len(msg)], tag.bytes()...), nil
}

// opensslX25519 times EVP_PKEY_derive with X25519 keys, or (keygen) the
// public key of a raw private key.
func opensslX25519(scalar []byte, peer func() []byte, keygen bool) bh.Setup {
	return func(int) (func(int), error) {
		st := &struct{ scalar, peer, out *cbuf }{
			scalar: newCBuf(scalar, 32), peer: newCBuf(peer(), 32), out: newCBuf(nil, 64),
		}
		if keygen {
			if C.tb_x25519_pub(1, st.scalar.u(), st.out.u()) != 1 {
				return nil, sslErr("x25519 public key")
			}
			return func(n int) {
				if C.tb_x25519_pub(C.long(n), st.scalar.u(), st.out.u()) != 1 {
					panic(sslErr("x25519 public key"))
				}
			}, nil
		}
		priv := C.tb_x25519_private(st.scalar.u())
		if priv == nil {
			return nil, sslErr("x25519 private key")
		}
		freePkey(st, priv)
		pub := C.tb_x25519_public(st.peer.u())
		if pub == nil {
			return nil, sslErr("x25519 public key")
		}
		freePkey(st, pub)
		return deriveLoop(st, priv, pub, st.out)
	}
}

func deriveLoop[T any](owner *T, priv, pub *C.EVP_PKEY, out *cbuf) (func(int), error) {
	ctx := C.tb_derive_ctx(priv, pub)
	if ctx == nil {
		return nil, sslErr("derive init")
	}
	freePkeyCtx(owner, ctx)
	if C.tb_derive(ctx, 1, out.u(), C.size_t(out.n)) != 1 {
		return nil, sslErr("derive")
	}
	return func(n int) {
		if C.tb_derive(ctx, C.long(n), out.u(), C.size_t(out.n)) != 1 {
			panic(sslErr("derive"))
		}
		runtime.KeepAlive(owner)
	}, nil
}

func loadPrivate[T any](owner *T, der []byte) (*C.EVP_PKEY, error) {
	b := newCBuf(der, len(der))
	k := C.tb_load_private(b.u(), C.long(len(der)))
	if k == nil {
		return nil, sslErr("load private key")
	}
	freePkey(owner, k)
	return k, nil
}

func loadPublic[T any](owner *T, der []byte) (*C.EVP_PKEY, error) {
	b := newCBuf(der, len(der))
	k := C.tb_load_public(b.u(), C.long(len(der)))
	if k == nil {
		return nil, sslErr("load public key")
	}
	freePkey(owner, k)
	return k, nil
}

// opensslECDH times P-256 EVP_PKEY_derive between the two fixed key pairs.
func opensslECDH() bh.Setup {
	return func(int) (func(int), error) {
		a, b := p256Keys()
		ader, err := ecdhPKCS8(a)
		if err != nil {
			return nil, err
		}
		bder, err := x509.MarshalPKIXPublicKey(b.PublicKey())
		if err != nil {
			return nil, err
		}
		st := &struct{ out *cbuf }{out: newCBuf(nil, 64)}
		priv, err := loadPrivate(st, ader)
		if err != nil {
			return nil, err
		}
		pub, err := loadPublic(st, bder)
		if err != nil {
			return nil, err
		}
		return deriveLoop(st, priv, pub, st.out)
	}
}

func ecdhPKCS8(k *ecdh.PrivateKey) ([]byte, error) { return x509.MarshalPKCS8PrivateKey(k) }

// opensslECKeygen times EVP_PKEY_keygen of P-256 key pairs.
func opensslECKeygen() bh.Setup {
	return func(int) (func(int), error) {
		a, _ := p256Keys()
		der, err := ecdhPKCS8(a)
		if err != nil {
			return nil, err
		}
		st := &struct{}{}
		params, err := loadPrivate(st, der)
		if err != nil {
			return nil, err
		}
		ctx := C.tb_keygen_ctx(params)
		if ctx == nil {
			return nil, sslErr("keygen init")
		}
		freePkeyCtx(st, ctx)
		if C.tb_keygen(ctx, 1) != 1 {
			return nil, sslErr("keygen")
		}
		return func(n int) {
			if C.tb_keygen(ctx, C.long(n)) != 1 {
				panic(sslErr("keygen"))
			}
			runtime.KeepAlive(st)
		}, nil
	}
}

// opensslSign times EVP_PKEY_sign of dgst; padding is 0 for ECDSA, 1 for
// RSA PKCS #1 v1.5, 2 for RSA-PSS (RSA digests are SHA-256).
func opensslSign(der func() ([]byte, error), dgst []byte, padding int) bh.Setup {
	return func(int) (func(int), error) {
		st := &struct{ dgst, sig *cbuf }{dgst: newCBuf(dgst, len(dgst)), sig: newCBuf(nil, 1024)}
		ctx, err := sigCtx(st, der, false, padding)
		if err != nil {
			return nil, err
		}
		var siglen C.size_t
		if C.tb_sign(ctx, 1, st.dgst.u(), C.size_t(st.dgst.n), st.sig.u(), C.size_t(st.sig.n), &siglen) != 1 {
			return nil, sslErr("sign")
		}
		return func(n int) {
			if C.tb_sign(ctx, C.long(n), st.dgst.u(), C.size_t(st.dgst.n), st.sig.u(), C.size_t(st.sig.n), &siglen) != 1 {
				panic(sslErr("sign"))
			}
			runtime.KeepAlive(st)
		}, nil
	}
}

// opensslVerify times EVP_PKEY_verify of a signature of dgst made by
// OpenSSL with the same key.
func opensslVerify(der func() ([]byte, error), dgst []byte, padding int) bh.Setup {
	return func(int) (func(int), error) {
		st := &struct{ dgst, sig *cbuf }{dgst: newCBuf(dgst, len(dgst)), sig: newCBuf(nil, 1024)}
		sctx, err := sigCtx(st, der, false, padding)
		if err != nil {
			return nil, err
		}
		var siglen C.size_t
		if C.tb_sign(sctx, 1, st.dgst.u(), C.size_t(st.dgst.n), st.sig.u(), C.size_t(st.sig.n), &siglen) != 1 {
			return nil, sslErr("sign")
		}
		ctx, err := sigCtx(st, der, true, padding)
		if err != nil {
			return nil, err
		}
		if C.tb_verify(ctx, 1, st.sig.u(), siglen, st.dgst.u(), C.size_t(st.dgst.n)) != 1 {
			return nil, sslErr("verify")
		}
		return func(n int) {
			if C.tb_verify(ctx, C.long(n), st.sig.u(), siglen, st.dgst.u(), C.size_t(st.dgst.n)) != 1 {
				panic(sslErr("verify"))
			}
			runtime.KeepAlive(st)
		}, nil
	}
}

func sigCtx[T any](owner *T, der func() ([]byte, error), verify bool, padding int) (*C.EVP_PKEY_CTX, error) {
	d, err := der()
	if err != nil {
		return nil, err
	}
	key, err := loadPrivate(owner, d)
	if err != nil {
		return nil, err
	}
	v := C.int(0)
	if verify {
		v = 1
	}
	ctx := C.tb_sig_ctx(key, v, C.int(padding))
	if ctx == nil {
		return nil, sslErr("signature context")
	}
	freePkeyCtx(owner, ctx)
	return ctx, nil
}
