// Package chacha20poly1305 implements the ChaCha20-Poly1305 AEAD of
// RFC 8439 and its extended-nonce variant XChaCha20-Poly1305
// (draft-irtf-cfrg-xchacha-03).
//
// Both follow the crypto/cipher.AEAD contract: Seal and Open append to dst,
// may work in place (dst = plaintext[:0] or ciphertext[:0]) and panic on
// any other overlap, panic on a nonce of the wrong size or a message too
// long for the 32-bit block counter, and a failed Open returns nil and
// clears the part of dst it would have written.
//
// The implementation is picked once per New/NewX from package dispatch
// (algorithm "chacha20-poly1305"): "avx512" (ChaCha20 on zmm with VPROLD,
// Poly1305 with AVX-512 IFMA), "avx2" (ChaCha20 on ymm, Poly1305 with
// MULX), "arm64" (NEON) or "generic" (pure Go). All of them execute in time
// independent of the key, nonce, plaintext and tag values; only lengths
// leak.
package chacha20poly1305

import (
	"crypto/cipher"
	"crypto/subtle"
	"encoding/binary"
	"errors"
	"unsafe"

	"github.com/tlscore/tlscore/dispatch"
)

const (
	// KeySize is the size of the key of both AEADs.
	KeySize = 32
	// NonceSize is the nonce size of ChaCha20-Poly1305 (RFC 8439).
	NonceSize = 12
	// NonceSizeX is the nonce size of XChaCha20-Poly1305.
	NonceSizeX = 24
	// Overhead is the size of the Poly1305 tag.
	Overhead = 16
)

// Alg is the dispatch name of this package's algorithm.
const Alg = "chacha20-poly1305"

// maxPlaintext is the longest plaintext one key and nonce can encrypt:
// block 0 keys Poly1305 and the 32-bit counter runs from 1 to 2^32-1
// (RFC 8439 section 2.8), so (2^32-1)*64 = 2^38-64 bytes, as x/crypto.
const maxPlaintext = (1<<32 - 1) * 64

// impl names a set of kernels (see chacha20poly1305_generic.go for the Go
// references every assembly kernel is tested against).
type impl uint8

const (
	implGeneric impl = iota
	implAVX2
	implAVX512
	implARM64
)

var implByName = map[string]impl{
	"generic": implGeneric,
	"avx2":    implAVX2,
	"avx512":  implAVX512,
	"arm64":   implARM64,
}

func init() {
	dispatch.Register(Alg, implementations()...)
}

func chosen() impl {
	im, ok := implByName[dispatch.Chosen(Alg)]
	if !ok {
		panic("chacha20poly1305: internal error: unknown implementation " + dispatch.Chosen(Alg))
	}
	return im
}

var errOpen = errors.New("chacha20poly1305: message authentication failed")

// aead is ChaCha20-Poly1305 (x == false) or XChaCha20-Poly1305.
type aead struct {
	key [8]uint32
	im  impl
	x   bool
}

// New returns the ChaCha20-Poly1305 AEAD of RFC 8439 with the given 32-byte
// key: 12-byte nonces and 16-byte tags.
func New(key []byte) (cipher.AEAD, error) {
	if len(key) != KeySize {
		return nil, errors.New("chacha20poly1305: bad key length")
	}
	a := &aead{im: chosen()}
	a.setKey(key)
	return a, nil
}

// NewX returns XChaCha20-Poly1305 with the given 32-byte key: 24-byte
// nonces, which are safe to pick at random, and 16-byte tags. Each message
// key is derived with HChaCha20 from the key and the first 16 bytes of the
// nonce.
func NewX(key []byte) (cipher.AEAD, error) {
	if len(key) != KeySize {
		return nil, errors.New("chacha20poly1305: bad key length")
	}
	a := &aead{im: chosen(), x: true}
	a.setKey(key)
	return a, nil
}

func (a *aead) setKey(key []byte) {
	for i := range a.key {
		a.key[i] = binary.LittleEndian.Uint32(key[4*i:])
	}
}

func (a *aead) NonceSize() int {
	if a.x {
		return NonceSizeX
	}
	return NonceSize
}

func (a *aead) Overhead() int { return Overhead }

// state builds the ChaCha20 input block for nonce, with counter 0: the
// constants, the key (the HChaCha20 subkey for XChaCha20), the counter and
// the 96-bit nonce.
func (a *aead) state(st *[16]uint32, nonce []byte) {
	st[0], st[1], st[2], st[3] = sigma0, sigma1, sigma2, sigma3
	if a.x {
		var h [16]uint32
		h[0], h[1], h[2], h[3] = sigma0, sigma1, sigma2, sigma3
		copy(h[4:12], a.key[:])
		h[12] = binary.LittleEndian.Uint32(nonce[0:])
		h[13] = binary.LittleEndian.Uint32(nonce[4:])
		h[14] = binary.LittleEndian.Uint32(nonce[8:])
		h[15] = binary.LittleEndian.Uint32(nonce[12:])
		var sub [8]uint32
		hchacha(a.im, &sub, &h)
		copy(st[4:12], sub[:])
		st[12], st[13] = 0, 0
		st[14] = binary.LittleEndian.Uint32(nonce[16:])
		st[15] = binary.LittleEndian.Uint32(nonce[20:])
		return
	}
	copy(st[4:12], a.key[:])
	st[12] = 0
	st[13] = binary.LittleEndian.Uint32(nonce[0:])
	st[14] = binary.LittleEndian.Uint32(nonce[4:])
	st[15] = binary.LittleEndian.Uint32(nonce[8:])
}

func (a *aead) Seal(dst, nonce, plaintext, additionalData []byte) []byte {
	if len(nonce) != a.NonceSize() {
		panic("chacha20poly1305: bad nonce length passed to Seal")
	}
	if uint64(len(plaintext)) > maxPlaintext {
		panic("chacha20poly1305: plaintext too large")
	}
	ret, out := sliceForAppend(dst, len(plaintext)+Overhead)
	if inexactOverlap(out, plaintext) {
		panic("chacha20poly1305: invalid buffer overlap of output and input")
	}
	if anyOverlap(out, additionalData) {
		panic("chacha20poly1305: invalid buffer overlap of output and additional data")
	}
	var st [16]uint32
	a.state(&st, nonce)
	seal(a.im, &st, out, plaintext, additionalData)
	return ret
}

func (a *aead) Open(dst, nonce, ciphertext, additionalData []byte) ([]byte, error) {
	if len(nonce) != a.NonceSize() {
		panic("chacha20poly1305: bad nonce length passed to Open")
	}
	if len(ciphertext) < Overhead {
		return nil, errOpen
	}
	if uint64(len(ciphertext)) > maxPlaintext+Overhead {
		panic("chacha20poly1305: ciphertext too large")
	}
	n := len(ciphertext) - Overhead
	ret, out := sliceForAppend(dst, n)
	if inexactOverlap(out, ciphertext) {
		panic("chacha20poly1305: invalid buffer overlap of output and input")
	}
	if anyOverlap(out, additionalData) {
		panic("chacha20poly1305: invalid buffer overlap of output and additional data")
	}
	var st [16]uint32
	a.state(&st, nonce)
	if !open(a.im, &st, out, ciphertext[:n], ciphertext[n:], additionalData) {
		clear(out)
		return nil, errOpen
	}
	return ret, nil
}

// tailStitched reports whether a message of n bytes, too short for
// sealStitched, has a tail whose keystream is exactly one chunk of im's
// stitched kernel, made after at least macPer bytes of head: then that
// call absorbs the first macPer bytes of ciphertext on the side.
func tailStitched(im impl, n, first int) bool {
	if !stitched(im) {
		return false
	}
	chunk, macPer := stitchGeometry(im)
	head := first - 64
	return n > head && head >= macPer && passSize(im, n-head) == chunk
}

// sealTailStitched is seal's body when tailStitched.
func sealTailStitched(im impl, st *[16]uint32, ks *[maxPass]byte, first int, p *polyState, out, pt, ad []byte) int {
	chunk, macPer := stitchGeometry(im)
	n := len(pt)
	head := first - 64
	subtle.XORBytes(out[:head], pt[:head], ks[64:first])
	p.absorbPadded(im, ad)
	chachaPoly(im, st, ks[:chunk], zeros[:chunk], p, out[:macPer])
	subtle.XORBytes(out[head:n], pt[head:], ks[:n-head])
	p.absorbPadded(im, out[macPer:n])
	p.lengths(im, len(ad), n)
	return max(first, chunk)
}

// openTailStitched is open's body when tailStitched: the tail keystream
// goes to a second buffer, since the head's is needed after the tag check.
func openTailStitched(im impl, st *[16]uint32, ks *[maxPass]byte, first int, p *polyState, out, ct, tag, ad []byte) bool {
	chunk, macPer := stitchGeometry(im)
	n := len(ct)
	head := first - 64
	var tail [maxPass]byte
	p.absorbPadded(im, ad)
	chachaPoly(im, st, tail[:chunk], zeros[:chunk], p, ct[:macPer])
	p.absorbPadded(im, ct[macPer:])
	p.lengths(im, len(ad), n)
	var sum [16]byte
	p.finish(&sum)
	ok := subtle.ConstantTimeCompare(sum[:], tag) == 1
	if ok {
		subtle.XORBytes(out[:head], ct[:head], ks[64:first])
		subtle.XORBytes(out[head:n], ct[head:], tail[:n-head])
	}
	clear(tail[:chunk])
	return ok
}

// stitchMin is the shortest message for im's stitched kernel: the head
// (960 bytes of keystream from the first call) and one chunk.
func stitchMin(im impl) int {
	chunk, _ := stitchGeometry(im)
	return maxPass - 64 + chunk
}

// zeros is the source for keystream-only calls of the ChaCha20 kernels.
var zeros [maxPass]byte

// maxPass is the most keystream made into a stack buffer at once.
const maxPass = 1024

// passSize returns how much keystream to make for n bytes (n <= maxPass)
// in one kernel call: the kernels take multiples of 256 bytes and cost
// about as much for a part of a pass as for a whole one (the rounds are a
// chain of dependent instructions), so round up to the pass widths.
func passSize(im impl, n int) int {
	switch {
	case im == implGeneric:
		return min((n+63)&^63, maxPass) // the Go code costs per block
	case im == implARM64:
		return min((n+255)&^255, maxPass) // 4 blocks per NEON pass
	case n <= 128:
		return 128
	case n <= 256:
		return 256
	case n <= 512:
		return 512
	}
	return maxPass
}

// seal encrypts pt into out[:len(pt)] and writes the tag to
// out[len(pt):len(pt)+16]. st holds the input block with counter 0.
//
// One kernel call makes blocks 0..k: the first 32 bytes key Poly1305 and
// the rest encrypt the head of the message, so a message of up to 192
// bytes costs one ChaCha20 pass; the bulk goes straight through the
// kernel in 1 KiB multiples and the tail is XORed with keystream made by
// one more call into the stack buffer.
func seal(im impl, st *[16]uint32, out, pt, ad []byte) {
	var ks [maxPass]byte
	first := passSize(im, len(pt)+64)
	chachaXOR(im, st, ks[:first], zeros[:first])
	var p polyState
	p.setKey(ks[:32])
	n := len(pt)
	var used int
	switch {
	case stitched(im) && n >= stitchMin(im):
		used = sealStitched(im, st, &ks, first, &p, out[:n], pt, ad)
	case tailStitched(im, n, first):
		used = sealTailStitched(im, st, &ks, first, &p, out[:n], pt, ad)
	default:
		used = xorStream(im, st, &ks, first, out[:n], pt)
		p.aead(im, ad, out[:n])
	}
	p.finish((*[16]byte)(out[n:]))
	clear(ks[:used])
}

// open checks tag over ad and ct and, only if it matches, decrypts ct into
// out. It reports whether the tag matched. (A stitched implementation
// decrypts most of ct while it authenticates it: on failure the caller
// clears out.)
func open(im impl, st *[16]uint32, out, ct, tag, ad []byte) bool {
	var ks [maxPass]byte
	first := passSize(im, len(ct)+64)
	chachaXOR(im, st, ks[:first], zeros[:first])
	var p polyState
	p.setKey(ks[:32])
	if stitched(im) && len(ct) >= stitchMin(im) {
		ok := openStitched(im, st, &ks, first, &p, out, ct, tag, ad)
		clear(ks[:])
		return ok
	}
	if tailStitched(im, len(ct), first) {
		ok := openTailStitched(im, st, &ks, first, &p, out, ct, tag, ad)
		clear(ks[:first])
		return ok
	}
	p.aead(im, ad, ct)
	var sum [16]byte
	p.finish(&sum)
	if subtle.ConstantTimeCompare(sum[:], tag) != 1 {
		clear(ks[:first])
		return false
	}
	used := xorStream(im, st, &ks, first, out, ct)
	clear(ks[:used])
	return true
}

// sealStitched is seal's body for implementations with a stitched
// ChaCha20-Poly1305 kernel (chachaPoly), which encrypts chunks of `chunk`
// bytes while it absorbs macPer bytes of Poly1305 input per chunk. The
// head is encrypted with the keystream in ks; the kernel then encrypts
// whole chunks while it absorbs a prefix of the ciphertext, which trails
// what it writes (macPer <= head); the tail is encrypted and the rest of
// the ciphertext absorbed at the end. It returns how much of ks it used.
func sealStitched(im impl, st *[16]uint32, ks *[maxPass]byte, first int, p *polyState, out, pt, ad []byte) int {
	chunk, macPer := stitchGeometry(im)
	n := len(pt)
	head := first - 64
	subtle.XORBytes(out[:head], pt[:head], ks[64:first])
	p.absorbPadded(im, ad)
	bulk := (n - head) / chunk * chunk
	macLen := bulk / chunk * macPer
	chachaPoly(im, st, out[head:head+bulk], pt[head:head+bulk], p, out[:macLen])
	used := first
	if rest := n - head - bulk; rest > 0 {
		k := passSize(im, rest)
		chachaXOR(im, st, ks[:k], zeros[:k])
		subtle.XORBytes(out[head+bulk:n], pt[head+bulk:], ks[:rest])
		used = max(used, k)
	}
	p.absorbPadded(im, out[macLen:n])
	p.lengths(im, len(ad), n)
	return used
}

// openStitched is open's body for implementations with a stitched kernel.
// The kernel's share of the Poly1305 input is a suffix of the ciphertext
// (up to its last full block), so that in place it always reads ahead of
// the plaintext it writes: the prefix is absorbed first, then the kernel
// decrypts whole chunks while it absorbs the suffix, then the last
// partial block and the lengths; only after the tag matched are the head
// and the tail decrypted.
func openStitched(im impl, st *[16]uint32, ks *[maxPass]byte, first int, p *polyState, out, ct, tag, ad []byte) bool {
	chunk, macPer := stitchGeometry(im)
	n := len(ct)
	head := first - 64
	bulk := (n - head) / chunk * chunk
	macLen := bulk / chunk * macPer
	end := n &^ 15
	start := end - macLen
	p.absorbPadded(im, ad)
	polyBlocks(im, p, ct[:start])
	chachaPoly(im, st, out[head:head+bulk], ct[head:head+bulk], p, ct[start:end])
	p.absorbPadded(im, ct[end:])
	p.lengths(im, len(ad), n)
	var sum [16]byte
	p.finish(&sum)
	if subtle.ConstantTimeCompare(sum[:], tag) != 1 {
		return false
	}
	subtle.XORBytes(out[:head], ct[:head], ks[64:first])
	if rest := n - head - bulk; rest > 0 {
		k := passSize(im, rest)
		chachaXOR(im, st, ks[:k], zeros[:k])
		subtle.XORBytes(out[head+bulk:n], ct[head+bulk:], ks[:rest])
	}
	return true
}

// xorStream XORs src with the keystream from block 1 into dst. ks[:first]
// holds the keystream from block 0 and st the counter of the next block.
// It returns how much of ks it used.
func xorStream(im impl, st *[16]uint32, ks *[maxPass]byte, first int, dst, src []byte) int {
	head := min(len(src), first-64)
	if head <= 16 {
		// Short messages: skip crypto/subtle's call and length checks.
		for i := range head {
			dst[i] = src[i] ^ ks[64+i]
		}
	} else {
		subtle.XORBytes(dst[:head], src[:head], ks[64:64+head])
	}
	if head == len(src) {
		return first
	}
	dst, src = dst[head:len(src)], src[head:]
	bulk := len(src) &^ (maxPass - 1)
	if bulk > 0 {
		chachaXOR(im, st, dst[:bulk], src[:bulk])
	}
	tail := len(src) - bulk
	if tail == 0 {
		return first
	}
	k := passSize(im, tail)
	chachaXOR(im, st, ks[:k], zeros[:k])
	subtle.XORBytes(dst[bulk:], src[bulk:], ks[:tail])
	return max(first, k)
}

// polyState is a Poly1305 state: the accumulator h = h0 + h1<<64 + h2<<128
// (partially reduced, h2 < 8 between calls), the clamped key
// r = r0 + r1<<64 and the final addend s. Assembly reads it by offset: keep
// the layout in sync with asm/chacha20poly1305.
type polyState struct {
	h [3]uint64
	r [2]uint64
	s [2]uint64
}

// setKey sets r and s from the 32-byte one-time key and clears h
// (RFC 8439 section 2.5).
func (p *polyState) setKey(k []byte) {
	p.h = [3]uint64{}
	p.r[0] = binary.LittleEndian.Uint64(k[0:]) & 0x0ffffffc0fffffff
	p.r[1] = binary.LittleEndian.Uint64(k[8:]) & 0x0ffffffc0ffffffc
	p.s[0] = binary.LittleEndian.Uint64(k[16:])
	p.s[1] = binary.LittleEndian.Uint64(k[24:])
}

// aead absorbs the Poly1305 input of RFC 8439 section 2.8: ad and ct, each
// padded with zeros to 16 bytes, then their lengths as two 64-bit words.
//
// Short inputs are laid out padded in one stack buffer and absorbed with
// a single kernel call, which saves the per-call cost that dominates there.
func (p *polyState) aead(im impl, ad, ct []byte) {
	if len(ad) <= 32 && len(ct) <= 64 {
		var buf [32 + 64 + 16]byte
		copy(buf[:], ad)
		n := (len(ad) + 15) &^ 15
		copy(buf[n:], ct)
		n += (len(ct) + 15) &^ 15
		binary.LittleEndian.PutUint64(buf[n:], uint64(len(ad)))
		binary.LittleEndian.PutUint64(buf[n+8:], uint64(len(ct)))
		polyBlocks(im, p, buf[:n+16])
		return
	}
	p.absorbPadded(im, ad)
	p.absorbPadded(im, ct)
	p.lengths(im, len(ad), len(ct))
}

// absorbPadded absorbs b padded with zeros to a multiple of 16 bytes.
func (p *polyState) absorbPadded(im impl, b []byte) {
	full := len(b) &^ 15
	if full > 0 {
		polyBlocks(im, p, b[:full])
	}
	if full < len(b) {
		var blk [16]byte
		copy(blk[:], b[full:])
		polyBlocks(im, p, blk[:])
	}
}

// lengths absorbs the final block: the lengths of ad and ct.
func (p *polyState) lengths(im impl, adLen, ctLen int) {
	var blk [16]byte
	binary.LittleEndian.PutUint64(blk[0:], uint64(adLen))
	binary.LittleEndian.PutUint64(blk[8:], uint64(ctLen))
	polyBlocks(im, p, blk[:])
}

// sliceForAppend extends in by n bytes, reusing its capacity if it can,
// and returns the whole slice and the n new bytes.
func sliceForAppend(in []byte, n int) (head, tail []byte) {
	if total := len(in) + n; cap(in) >= total {
		head = in[:total]
	} else {
		head = make([]byte, total)
		copy(head, in)
	}
	tail = head[len(in):]
	return
}

// anyOverlap reports whether x and y share memory.
func anyOverlap(x, y []byte) bool {
	return len(x) > 0 && len(y) > 0 &&
		uintptr(unsafe.Pointer(&x[0])) <= uintptr(unsafe.Pointer(&y[len(y)-1])) &&
		uintptr(unsafe.Pointer(&y[0])) <= uintptr(unsafe.Pointer(&x[len(x)-1]))
}

// inexactOverlap reports whether x and y share memory at different
// offsets (same start, as in place, is allowed).
func inexactOverlap(x, y []byte) bool {
	if len(x) == 0 || len(y) == 0 || &x[0] == &y[0] {
		return false
	}
	return anyOverlap(x, y)
}

var genericImpl = dispatch.Impl{Name: "generic", Desc: "pure Go ChaCha20 and 64-bit-limb Poly1305"}
