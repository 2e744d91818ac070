// Package x25519 implements the X25519 Diffie-Hellman function of RFC 7748
// section 5 and the key exchange built on it (RFC 7748 section 6.1, as used
// by TLS 1.3).
//
// X25519 and the fixed-size [ECDH] compute shared secrets with a
// constant-time Montgomery ladder. ScalarBaseMult and [ScalarBaseMultTo]
// compute public keys with a fixed-base method on the twisted Edwards form
// of the curve (a table of multiples of the base point, constant-time
// scans, one inversion by divsteps), about three times faster than the
// ladder.
//
// [PrivateKey] and [PublicKey] convert to and from the crypto/ecdh keys of
// [ecdh.X25519] ([PrivateKeyFromECDH], [PrivateKey.ToECDH], ...), so a TLS
// stack written against crypto/ecdh can swap this package in;
// [PrivateKey.SharedSecret] is the counterpart of (*ecdh.PrivateKey).ECDH.
// [X25519Batch] computes many independent shared secrets at once (8 lanes
// with AVX-512 IFMA).
//
// Implementations are registered with package dispatch as "x25519":
// "avx512ifma" (radix 2^51 with VPMADD52LUQ/HUQ: the independent products
// of each ladder step or point addition in 4 ymm lanes, and an 8-lane zmm
// ladder for X25519Batch), "adx" (4 x 64-bit limbs with MULX/ADCX/ADOX),
// "arm64" (MUL/UMULH) and "generic" (5 x 51-bit limbs in Go). Each call
// uses the one dispatch chooses at that moment, read from an atomic value
// that the registry (internal/impl.OnChange) keeps current (no lock). Every implementation executes in constant time with
// respect to scalars: no branches or memory addresses depend on secret bits.
package x25519

import (
	"crypto/ecdh"
	cryptorand "crypto/rand"
	"crypto/subtle"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync/atomic"

	"github.com/tlscore/tlscore/internal/impl"
)

const alg = "x25519"

// Size is the length of scalars, points (u-coordinates) and shared secrets.
const Size = 32

// implementation is one way to compute the curve operations.
type implementation struct {
	// x25519 sets dst = X25519(scalar, point), all-zero output included.
	x25519 func(dst, scalar, point *[32]byte)
	// base sets dst = X25519(scalar, 9).
	base func(dst, scalar *[32]byte)
	// batch sets dst[i] = X25519(scalars[i], points[i]); the slices have
	// equal lengths. nil means one x25519 call per lane.
	batch func(dst, scalars, points [][32]byte)
}

var generic = &implementation{x25519: x25519Generic, base: baseGeneric}

// chosen is the implementation package dispatch chooses now, kept up to
// date by the registry (internal/impl.OnChange) so that every call reads it without a lock.
var chosen atomic.Pointer[implementation]

func init() {
	impl.Register(alg, archImpls()...)
	impl.OnChange(alg, func(name string) {
		im := lookup(name)
		if im == nil {
			panic("x25519: internal error: no code for implementation " + name)
		}
		chosen.Store(im)
	})
}

// current returns the implementation package dispatch chooses now.
func current() *implementation { return chosen.Load() }

func lookup(name string) *implementation {
	if name == implGeneric {
		return generic
	}
	return archLookup(name)
}

var errLowOrder = errors.New("x25519: low-order point (all-zero shared secret)")

// X25519 returns the RFC 7748 function of a 32-byte scalar and a 32-byte
// u-coordinate: the u-coordinate of [clamp(scalar)]P. As RFC 7748 requires,
// the top bit of point is ignored and values of u from 2^255-19 up are
// accepted (reduced mod p). It returns an error, and no output, if the
// result is all zeros, which happens exactly when point has small order;
// TLS 1.3 (RFC 8446 section 7.4.2) requires that check.
//
// A scalar or point that is not 32 bytes long is an error, not a panic
// (like golang.org/x/crypto/curve25519.X25519), so a TLS stack may pass a
// peer's key_share through unchecked.
func X25519(scalar, point []byte) ([]byte, error) {
	if len(scalar) != Size {
		return nil, errors.New("x25519: bad scalar length: " + strconv.Itoa(len(scalar)))
	}
	if len(point) != Size {
		return nil, errors.New("x25519: bad point length: " + strconv.Itoa(len(point)))
	}
	var dst [32]byte
	if err := ECDH(&dst, (*[32]byte)(scalar), (*[32]byte)(point)); err != nil {
		return nil, err
	}
	return dst[:], nil
}

// ECDH sets dst = X25519(scalar, point) without allocating, and returns an
// error if the result is all zeros (a low-order point); dst is then all
// zeros. dst may alias scalar or point.
func ECDH(dst, scalar, point *[32]byte) error {
	current().x25519(dst, scalar, point)
	if isZero(dst) {
		return errLowOrder
	}
	return nil
}

func isZero(b *[32]byte) bool {
	var z [32]byte
	return subtle.ConstantTimeCompare(b[:], z[:]) == 1
}

// ScalarBaseMult returns X25519(scalar, 9), the public key of the private
// key scalar, with a fixed-base method. The error is never non-nil for a
// 32-byte scalar (a clamped scalar never yields the neutral point); it
// is non-nil, like X25519's, if scalar is not 32 bytes.
func ScalarBaseMult(scalar []byte) ([]byte, error) {
	if len(scalar) != Size {
		return nil, errors.New("x25519: bad scalar length: " + strconv.Itoa(len(scalar)))
	}
	var dst [32]byte
	ScalarBaseMultTo(&dst, (*[32]byte)(scalar))
	return dst[:], nil
}

// ScalarBaseMultTo sets dst = X25519(scalar, 9) without allocating and
// returns dst. dst may alias scalar.
func ScalarBaseMultTo(dst, scalar *[32]byte) *[32]byte {
	current().base(dst, scalar)
	return dst
}

// LowOrderError reports the lanes of [X25519Batch] whose points have small
// order (their outputs are all zeros).
type LowOrderError struct {
	Lanes []int
}

func (e *LowOrderError) Error() string {
	var b strings.Builder
	b.WriteString("x25519: low-order point (all-zero shared secret) in lane")
	if len(e.Lanes) > 1 {
		b.WriteString("s")
	}
	for i, l := range e.Lanes {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, " %d", l)
	}
	return b.String()
}

// X25519Batch sets dst[i] = X25519(scalars[i], points[i]) for every i.
// It computes independent lanes together where the implementation allows
// (8 at a time with "avx512ifma"), which costs less per operation than
// separate calls; other implementations compute one lane after another.
// If some points have small order, their outputs are all zeros and the
// error is a *LowOrderError listing those lanes; the other outputs are
// valid. dst may alias scalars or points (the same index in each).
//
// It panics if the three slices do not have the same length.
func X25519Batch(dst, scalars, points [][32]byte) error {
	if len(scalars) != len(dst) || len(points) != len(dst) {
		panic("x25519: X25519Batch slices have different lengths")
	}
	im := current()
	if im.batch != nil {
		im.batch(dst, scalars, points)
	} else {
		for i := range dst {
			im.x25519(&dst[i], &scalars[i], &points[i])
		}
	}
	var lanes []int
	for i := range dst {
		if isZero(&dst[i]) {
			lanes = append(lanes, i)
		}
	}
	if lanes != nil {
		return &LowOrderError{Lanes: lanes}
	}
	return nil
}

// PrivateKey is an X25519 private key with its public key. It converts to
// and from *ecdh.PrivateKey of ecdh.X25519(). It is immutable; the zero
// value is not usable.
type PrivateKey struct {
	scalar [32]byte
	pub    PublicKey
}

// PublicKey is an X25519 public key (a u-coordinate). It converts to and
// from *ecdh.PublicKey of ecdh.X25519(). The zero value is not usable.
type PublicKey struct {
	u [32]byte
}

// GenerateKey returns a new private key with 32 bytes from rand
// (crypto/rand.Reader if rand is nil).
func GenerateKey(rand io.Reader) (*PrivateKey, error) {
	if rand == nil {
		rand = cryptorand.Reader
	}
	var s [32]byte
	if _, err := io.ReadFull(rand, s[:]); err != nil {
		return nil, err
	}
	return newPrivateKey(&s), nil
}

// NewPrivateKey returns the private key whose 32-byte encoding is b (the
// RFC 7748 scalar, clamped when used), computing its public key.
func NewPrivateKey(b []byte) (*PrivateKey, error) {
	if len(b) != Size {
		return nil, errors.New("x25519: invalid private key size")
	}
	return newPrivateKey((*[32]byte)(b)), nil
}

func newPrivateKey(s *[32]byte) *PrivateKey {
	k := &PrivateKey{scalar: *s}
	ScalarBaseMultTo(&k.pub.u, &k.scalar)
	return k
}

// NewPublicKey returns the public key whose 32-byte encoding is b. Like
// crypto/ecdh it accepts any 32 bytes; low-order points are rejected by
// [PrivateKey.SharedSecret].
func NewPublicKey(b []byte) (*PublicKey, error) {
	if len(b) != Size {
		return nil, errors.New("x25519: invalid public key size")
	}
	return &PublicKey{u: [32]byte(b)}, nil
}

// Bytes returns a copy of the 32-byte private key encoding.
func (k *PrivateKey) Bytes() []byte { b := k.scalar; return b[:] }

// PublicKey returns the public key of k.
func (k *PrivateKey) PublicKey() *PublicKey { return &k.pub }

// SharedSecret returns X25519(k, remote) (RFC 7748 section 6.1), or an
// error if it is all zeros, like (*ecdh.PrivateKey).ECDH.
func (k *PrivateKey) SharedSecret(remote *PublicKey) ([]byte, error) {
	return X25519(k.scalar[:], remote.u[:])
}

// ToECDH returns k as a crypto/ecdh private key of ecdh.X25519(). (The
// package-level [ECDH] computes a shared secret; this only converts.)
func (k *PrivateKey) ToECDH() (*ecdh.PrivateKey, error) {
	return ecdh.X25519().NewPrivateKey(k.scalar[:])
}

// PrivateKeyFromECDH converts a crypto/ecdh private key of ecdh.X25519().
func PrivateKeyFromECDH(k *ecdh.PrivateKey) (*PrivateKey, error) {
	if k.Curve() != ecdh.X25519() {
		return nil, errors.New("x25519: not an X25519 key")
	}
	return NewPrivateKey(k.Bytes())
}

// Bytes returns a copy of the 32-byte public key encoding.
func (p *PublicKey) Bytes() []byte { b := p.u; return b[:] }

// Equal reports whether p and x hold the same encoding.
func (p *PublicKey) Equal(x *PublicKey) bool {
	return subtle.ConstantTimeCompare(p.u[:], x.u[:]) == 1
}

// ToECDH returns p as a crypto/ecdh public key of ecdh.X25519().
func (p *PublicKey) ToECDH() (*ecdh.PublicKey, error) {
	return ecdh.X25519().NewPublicKey(p.u[:])
}

// PublicKeyFromECDH converts a crypto/ecdh public key of ecdh.X25519().
func PublicKeyFromECDH(p *ecdh.PublicKey) (*PublicKey, error) {
	if p.Curve() != ecdh.X25519() {
		return nil, errors.New("x25519: not an X25519 key")
	}
	return NewPublicKey(p.Bytes())
}
