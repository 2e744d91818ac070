package chacha20poly1305

// This file is the glue between the AEAD (chacha20poly1305.go) and the
// kernels of each implementation: how a message is cut into keystream
// passes, the short, flexible and stitched paths of Seal and Open, and the
// Poly1305 state kept in Go between kernel calls.

import (
	"crypto/subtle"
	"encoding/binary"
	"unsafe"
)

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
func sealTailStitched(im impl, st *[16]uint32, ks *[wideMax]byte, first int, headDone bool, p *polyState, out, pt, ad []byte) int {
	chunk, macPer := stitchGeometry(im)
	n := len(pt)
	head := first - 64
	if !headDone {
		xorKS(im, out[:head], pt[:head], ks[64:first])
	}
	p.absorbPadded(im, ad)
	chachaPoly(im, st, ks[:chunk], zeros[:chunk], p, out[:macPer])
	xorKS(im, out[head:n], pt[head:], ks[:n-head])
	p.absorbPadded(im, out[macPer:n])
	p.lengths(im, len(ad), n)
	return max(first, chunk)
}

// openTailStitched is open's body when tailStitched: the tail keystream
// goes to a second buffer, since the head's is needed after the tag check.
func openTailStitched(im impl, st *[16]uint32, ks *[wideMax]byte, first int, p *polyState, out, ct, tag, ad []byte) bool {
	chunk, macPer := stitchGeometry(im)
	n := len(ct)
	head := first - 64
	var tail [wideMax]byte
	p.absorbPadded(im, ad)
	chachaPoly(im, st, tail[:chunk], zeros[:chunk], p, ct[:macPer])
	p.absorbPadded(im, ct[macPer:])
	p.lengths(im, len(ad), n)
	var sum [16]byte
	p.finish(&sum)
	ok := tagEqual(&sum, tag)
	if ok {
		xorKS(im, out[:head], ct[:head], ks[64:first])
		xorKS(im, out[head:n], ct[head:], tail[:n-head])
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

// alignKS returns the 64-byte aligned keystream buffer inside buf: the
// kernels then store whole cache lines (measured: 2-4% of a 1350-byte
// Seal on Zen 5). Only the speed depends on the alignment.
func alignKS(buf *[wideMax + 64]byte) *[wideMax]byte {
	off := -int(uintptr(unsafe.Pointer(&buf[0]))) & 63
	return (*[wideMax]byte)(buf[off : off+wideMax])
}

// zeros is the source for keystream-only calls of the ChaCha20 kernels.
var zeros [wideMax]byte

// maxPass is the most keystream made into a stack buffer at once.
const maxPass = 1024

// wideMax is the most keystream the avx512 kernel makes in one pass: two
// interleaved sets of 16 blocks.
const wideMax = 2048

// passSize returns how much keystream to make for n bytes (n <= maxPass,
// or for avx512 n <= wideMax) in one kernel call: the kernels take multiples of 256 bytes and cost
// about as much for a part of a pass as for a whole one (the rounds are a
// chain of dependent instructions), so round up to the pass widths.
func passSize(im impl, n int) int {
	switch {
	case im == implGeneric:
		return min((n+63)&^63, maxPass) // the Go code costs per block
	case im == implARM64:
		return min((n+255)&^255, maxPass) // 4 blocks per NEON pass
	case n <= 128 && im == implAVX512:
		return 128 // row passes: see chachaXOR
	case n <= 256:
		return 256
	case n <= 384 && im == implAVX512:
		return 384 // 3 row sets: cheaper than an 8-block vertical pass
	case n <= 512:
		return 512
	case im == implAVX512 && n > maxPass && n <= 1536:
		return (n + 255) &^ 255 // one pass of two sets: 16 and 4 blocks, or 16 and 8
	case im == implAVX512 && n > maxPass && n <= wideMax:
		return wideMax // 16 and 16: not 16 and 8 and then 4 more
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
	if n := len(pt); sealOpenShort(im, st, ad, out[:n], pt, (*[16]byte)(out[n:]), true) {
		return
	}
	// Short messages take a smaller keystream buffer: Go zeroes it on
	// every call, which costs more than the message's Poly1305 at 1 KiB.
	switch n := len(pt); {
	case n <= 256-64:
		var ks [256]byte
		sealShort(im, st, ks[:], out, pt, ad)
		return
	case n <= 512-64:
		var ks [512]byte
		sealShort(im, st, ks[:], out, pt, ad)
		return
	case n <= wideMax-64 && im == implAVX512:
		var buf [wideMax + 64]byte
		sealShort(im, st, alignKS(&buf)[:], out, pt, ad)
		return
	}
	if flexStitched(im) {
		sealFlex(im, st, out, pt, ad)
		return
	}
	var buf [wideMax + 64]byte
	ks := alignKS(&buf)
	n := len(pt)
	first := passSize(im, n+64)
	// headDone: the first kernel call encrypted the head itself (only the
	// Poly1305 key went to ks).
	headDone := first == maxPass && n >= maxPass-64 && chachaFirst(im, st, ks, out, pt)
	if !headDone {
		chachaXOR(im, st, ks[:first], zeros[:first])
	}
	var p polyState
	p.setKey(ks[:32])
	var used int
	switch {
	case stitched(im) && n >= stitchMin(im):
		used = sealStitched(im, st, ks, first, headDone, &p, out[:n], pt, ad)
	case tailStitched(im, n, first):
		used = sealTailStitched(im, st, ks, first, headDone, &p, out[:n], pt, ad)
	default:
		used = xorStream(im, st, ks[:], first, headDone, out[:n], pt)
		p.tag(im, ad, out[:n], (*[16]byte)(out[n:]))
		clear(ks[:used])
		return
	}
	p.finish((*[16]byte)(out[n:]))
	clear(ks[:used])
}

// sealShort is seal for messages whose keystream fits one call into ks
// (len(pt)+64 <= len(ks) <= maxPass).
func sealShort(im impl, st *[16]uint32, ks []byte, out, pt, ad []byte) {
	n := len(pt)
	first := passSize(im, n+64)
	chachaXOR(im, st, ks[:first], zeros[:first])
	var p polyState
	p.setKey(ks[:32])
	if !polyXOR(im, true, &p, ad, out[:n], pt, ks[64:64+n], (*[16]byte)(out[n:])) {
		xorStream(im, st, ks, first, false, out[:n], pt)
		p.tag(im, ad, out[:n], (*[16]byte)(out[n:]))
	}
	clear(ks[:first])
}

// openShort is open for messages whose keystream fits one call into ks.
// Where polyXOR does the rest in one call, it decrypts while it
// authenticates: on failure the caller clears out.
func openShort(im impl, st *[16]uint32, ks []byte, out, ct, tag, ad []byte) bool {
	first := passSize(im, len(ct)+64)
	chachaXOR(im, st, ks[:first], zeros[:first])
	var p polyState
	p.setKey(ks[:32])
	var sum [16]byte
	if polyXOR(im, false, &p, ad, out, ct, ks[64:64+len(ct)], &sum) {
		clear(ks[:first])
		return tagEqual(&sum, tag)
	}
	p.tag(im, ad, ct, &sum)
	ok := tagEqual(&sum, tag)
	if ok {
		xorStream(im, st, ks, first, false, out, ct)
	}
	clear(ks[:first])
	return ok
}

// open checks tag over ad and ct and, only if it matches, decrypts ct into
// out. It reports whether the tag matched. (A stitched implementation
// decrypts most of ct while it authenticates it: on failure the caller
// clears out.)
func open(im impl, st *[16]uint32, out, ct, tag, ad []byte) bool {
	var short [16]byte
	if sealOpenShort(im, st, ad, out, ct, &short, false) {
		return tagEqual(&short, tag)
	}
	switch n := len(ct); {
	case n <= 256-64:
		var ks [256]byte
		return openShort(im, st, ks[:], out, ct, tag, ad)
	case n <= 512-64:
		var ks [512]byte
		return openShort(im, st, ks[:], out, ct, tag, ad)
	case n <= wideMax-64 && im == implAVX512:
		var buf [wideMax + 64]byte
		return openShort(im, st, alignKS(&buf)[:], out, ct, tag, ad)
	}
	if flexStitched(im) {
		return openFlex(im, st, out, ct, tag, ad)
	}
	var buf [wideMax + 64]byte
	ks := alignKS(&buf)
	first := passSize(im, len(ct)+64)
	chachaXOR(im, st, ks[:first], zeros[:first])
	var p polyState
	p.setKey(ks[:32])
	if stitched(im) && len(ct) >= stitchMin(im) {
		ok := openStitched(im, st, ks, first, &p, out, ct, tag, ad)
		clear(ks[:])
		return ok
	}
	if tailStitched(im, len(ct), first) {
		ok := openTailStitched(im, st, ks, first, &p, out, ct, tag, ad)
		clear(ks[:first])
		return ok
	}
	var sum [16]byte
	p.tag(im, ad, ct, &sum)
	if !tagEqual(&sum, tag) {
		clear(ks[:first])
		return false
	}
	used := xorStream(im, st, ks[:], first, false, out, ct)
	clear(ks[:used])
	return true
}

// zeros512 is the source for keystream-only flexible stitched passes.
var zeros512 [512]byte

// sealFlex is seal for messages of more than 448 bytes on
// implementations with a flexible stitched kernel (chachaPolyFlex). The
// first 8-block pass (chachaFirst8) makes the Poly1305 key and encrypts
// the first 448 bytes; every further pass encrypts the next 512 bytes while it absorbs
// up to 512 bytes of the ciphertext written before (which trails what it
// writes): the first with chachaPolyFlex, the bulk with chachaPoly, the
// last one, making the tail's keystream into ks, with chachaPolyFlex. Only the
// ciphertext of the last pass is absorbed on its own.
func sealFlex(im impl, st *[16]uint32, out, pt, ad []byte) {
	var key [64]byte
	chachaFirst8(im, st, &key, out, pt)
	var p polyState
	p.setKey(key[:32])
	clear(key[:])
	p.absorbPadded(im, ad)
	n := len(pt)
	done, mac := 448, 0
	if n-done >= 512 {
		chachaPolyFlex(im, st, (*[512]byte)(out[done:done+512]), (*[512]byte)(pt[done:done+512]), &p, out[:done])
		done, mac = done+512, done
	}
	// The bulk, 512 bytes at a time, absorbing ciphertext that trails the
	// chunk written by exactly 512 bytes, in one call.
	if bulk := (n - done) &^ 511; bulk > 0 {
		chachaPoly(im, st, out[done:done+bulk], pt[done:done+bulk], &p, out[mac:mac+bulk])
		done, mac = done+bulk, mac+bulk
	}
	if rest := n - done; rest > 0 {
		var ks [512]byte
		m := min(512, done-mac)
		chachaPolyFlex(im, st, &ks, &zeros512, &p, out[mac:mac+m])
		mac += m
		polyBlocks(im, &p, out[mac:done])
		if !polySealEnd(im, &p, out[done:n], pt[done:], ks[:rest], len(ad), n, (*[16]byte)(out[n:])) {
			xorKS(im, out[done:n], pt[done:], ks[:rest])
			p.end(im, out[done:n], len(ad), n, (*[16]byte)(out[n:]))
		}
		clear(ks[:])
		return
	}
	p.end(im, out[mac:n], len(ad), n, (*[16]byte)(out[n:]))
}

// openFlex is open for messages of more than 448 bytes on implementations
// with a flexible stitched kernel. A 2-block pass makes the Poly1305 key
// and the keystream of the first 64 bytes (openHead, which also absorbs
// the AD and those bytes and decrypts them); every further pass decrypts
// the next 512 bytes while it absorbs those same bytes (chachaPoly reads
// them before it stores, so in place works), and the last one makes the
// tail's keystream while it absorbs the tail's full blocks. The plaintext
// is written before the tag is checked: on failure the caller clears out.
func openFlex(im impl, st *[16]uint32, out, ct, tag, ad []byte) bool {
	var p polyState
	openHead(im, st, &p, ad, out, ct)
	n := len(ct)
	done := 64
	if bulk := (n - done) &^ 511; bulk > 0 {
		chunks := ct[done : done+bulk]
		chachaPoly(im, st, out[done:done+bulk], chunks, &p, chunks)
		done += bulk
	}
	if rest := n - done; rest > 0 {
		var ks [512]byte
		full := rest &^ 15
		chachaPolyFlex(im, st, &ks, &zeros512, &p, ct[done:done+full])
		done += full
		rest -= full
		// The last partial block is read before the XOR: in place, it
		// is the plaintext's.
		var sum [16]byte
		p.end(im, ct[done:], len(ad), n, &sum)
		xorKS(im, out[done-full:n], ct[done-full:], ks[:full+rest])
		clear(ks[:])
		return tagEqual(&sum, tag)
	}
	var sum [16]byte
	p.end(im, nil, len(ad), n, &sum)
	return tagEqual(&sum, tag)
}

// sealStitched is seal's body for implementations with a stitched
// ChaCha20-Poly1305 kernel (chachaPoly), which encrypts chunks of `chunk`
// bytes while it absorbs macPer bytes of Poly1305 input per chunk. The
// head is encrypted with the keystream in ks; the kernel then encrypts
// whole chunks while it absorbs a prefix of the ciphertext, which trails
// what it writes (macPer <= head); the tail is encrypted and the rest of
// the ciphertext absorbed at the end. It returns how much of ks it used.
func sealStitched(im impl, st *[16]uint32, ks *[wideMax]byte, first int, headDone bool, p *polyState, out, pt, ad []byte) int {
	chunk, macPer := stitchGeometry(im)
	n := len(pt)
	head := first - 64
	if !headDone {
		xorKS(im, out[:head], pt[:head], ks[64:first])
	}
	p.absorbPadded(im, ad)
	bulk := (n - head) / chunk * chunk
	macLen := bulk / chunk * macPer
	chachaPoly(im, st, out[head:head+bulk], pt[head:head+bulk], p, out[:macLen])
	used := first
	if rest := n - head - bulk; rest > 0 {
		k := passSize(im, rest)
		chachaXOR(im, st, ks[:k], zeros[:k])
		xorKS(im, out[head+bulk:n], pt[head+bulk:], ks[:rest])
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
func openStitched(im impl, st *[16]uint32, ks *[wideMax]byte, first int, p *polyState, out, ct, tag, ad []byte) bool {
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
	if !tagEqual(&sum, tag) {
		return false
	}
	xorKS(im, out[:head], ct[:head], ks[64:first])
	if rest := n - head - bulk; rest > 0 {
		k := passSize(im, rest)
		chachaXOR(im, st, ks[:k], zeros[:k])
		xorKS(im, out[head+bulk:n], ct[head+bulk:], ks[:rest])
	}
	return true
}

// xorStream XORs src with the keystream from block 1 into dst. ks[:first]
// holds the keystream from block 0 (unless headDone: then the head is
// already encrypted) and st the counter of the next block.
// It returns how much of ks it used.
func xorStream(im impl, st *[16]uint32, ks []byte, first int, headDone bool, dst, src []byte) int {
	head := min(len(src), first-64)
	switch {
	case headDone:
		// Done by chachaFirst.
	case head <= 32:
		xorShort(dst[:head], src[:head], ks[64:64+head])
	default:
		xorKS(im, dst[:head], src[:head], ks[64:64+head])
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
	xorKS(im, dst[bulk:], src[bulk:], ks[:tail])
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

// tag writes the tag of ad and ct: p.aead and p.finish, in one assembly
// call where im has one for these lengths.
func (p *polyState) tag(im impl, ad, ct []byte, tag *[16]byte) {
	if !polyAEAD(im, p, ad, ct, tag) {
		p.aead(im, ad, ct)
		p.finish(tag)
	}
}

// end absorbs rest padded (the end of the ciphertext, all before it
// absorbed in whole blocks) and the length block of adLen and ctLen, and
// writes the tag.
func (p *polyState) end(im impl, rest []byte, adLen, ctLen int, tag *[16]byte) {
	if !polyEnd(im, p, rest, adLen, ctLen, tag) {
		p.absorbPadded(im, rest)
		p.lengths(im, adLen, ctLen)
		p.finish(tag)
	}
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

// xorKS sets dst = x ^ y for the first min(len(x), len(y)) bytes, as
// subtle.XORBytes, with im's kernel for the whole 64-byte blocks.
func xorKS(im impl, dst, x, y []byte) {
	n := min(len(x), len(y))
	dst, x, y = dst[:n], x[:n], y[:n]
	k := xorBlocks(im, dst, x, y)
	if n-k < 64 {
		xorShort(dst[k:], x[k:], y[k:])
		return
	}
	subtle.XORBytes(dst[k:], x[k:], y[k:])
}

// xorShort sets dst = src ^ ks for short slices of equal length, without
// the call and checks of crypto/subtle.XORBytes.
func xorShort(dst, src, ks []byte) {
	for len(src) >= 8 && len(dst) >= 8 && len(ks) >= 8 {
		binary.LittleEndian.PutUint64(dst, binary.LittleEndian.Uint64(src)^binary.LittleEndian.Uint64(ks))
		dst, src, ks = dst[8:], src[8:], ks[8:]
	}
	for i := range src {
		dst[i] = src[i] ^ ks[i]
	}
}

// tagEqual reports whether tag (16 bytes) equals sum, in constant time: the
// words are XORed and ORed, and only the final zero test is a comparison.
func tagEqual(sum *[16]byte, tag []byte) bool {
	d := binary.LittleEndian.Uint64(sum[0:]) ^ binary.LittleEndian.Uint64(tag[0:])
	d |= binary.LittleEndian.Uint64(sum[8:]) ^ binary.LittleEndian.Uint64(tag[8:16])
	return (d|-d)>>63 == 0
}
