// Package record is a zero-copy TLS record layer: record protection for TLS
// 1.3 (RFC 8446 section 5) and the AEAD cipher suites of TLS 1.2 (RFC 5288,
// RFC 7905), built on the AEADs of package aead/, for TLS stacks that do
// their own handshake and hand over the suite and the traffic secrets (TLS
// 1.3) or keys (TLS 1.2).
//
// A [Sealer] protects the records one side sends and an [Opener] checks and
// decrypts the records it receives. Both work in place in the caller's
// buffers and allocate nothing per record. [Conn] reads and writes records
// on a net.Conn.
//
// Every error caused by what a peer sent is an [*AlertError] naming the
// alert to send. Open never returns unauthenticated bytes and nothing a peer
// can send makes this package panic.
package record

import (
	"crypto/cipher"
	"encoding/binary"
	"errors"
	"math"
	"strconv"

	"github.com/tlscore/tlscore/internal/alias"
)

// ContentType is the type of a TLS record (RFC 8446 section 5.1).
type ContentType uint8

// Content types.
const (
	ChangeCipherSpec ContentType = 20
	Alert            ContentType = 21
	Handshake        ContentType = 22
	ApplicationData  ContentType = 23
)

func (t ContentType) String() string {
	switch t {
	case ChangeCipherSpec:
		return "change_cipher_spec"
	case Alert:
		return "alert"
	case Handshake:
		return "handshake"
	case ApplicationData:
		return "application_data"
	}
	return "content_type(" + strconv.Itoa(int(t)) + ")"
}

const (
	// HeaderLen is the length of the record header: type, version, length.
	HeaderLen = 5
	// MaxPlaintext is the largest payload of one record, 2^14 bytes.
	MaxPlaintext = 1 << 14
	// MaxCiphertext13 is the largest TLS 1.3 record body, 2^14+256 bytes
	// (RFC 8446 section 5.2).
	MaxCiphertext13 = MaxPlaintext + 256
	// MaxCiphertext12 is the largest TLS 1.2 record body, 2^14+2048 bytes
	// (RFC 5246 section 6.2.3).
	MaxCiphertext12 = MaxPlaintext + 2048
	// MaxRecord is the largest record either version accepts, header
	// included: a buffer of this size holds any record.
	MaxRecord = HeaderLen + MaxCiphertext12

	tagLen      = 16
	explicitLen = 8 // TLS 1.2 AES-GCM explicit nonce (RFC 5288 section 3)
)

// state is what a Sealer and an Opener share: one direction of a connection.
type state struct {
	aead     cipher.AEAD
	suite    *suiteInfo
	version  uint16
	explicit int // explicit nonce bytes in each record: 8 for TLS 1.2 AES-GCM, else 0
	// limit is the largest plaintext of a record, in TLS 1.3 the inner
	// plaintext (content, type and padding): 2^14+1, 2^14 in TLS 1.2, or a
	// record_size_limit (RFC 8449).
	limit int
	seq   uint64
	// exhausted is set once the record with sequence number 2^64-1 has been
	// processed: sequence numbers never wrap.
	exhausted bool

	// iv is the TLS 1.3 or TLS 1.2 ChaCha20-Poly1305 IV that the sequence
	// number is XORed into (RFC 8446 section 5.3, RFC 7905 section 2), or
	// for TLS 1.2 AES-GCM the 4-byte salt in iv[:4] (RFC 5288 section 3).
	iv     [12]byte
	ivTail uint64   // iv[4:12] as a big-endian number
	nonce  [12]byte // the current nonce; nonce[:4] is iv[:4] for good
	ad     [13]byte // scratch for the TLS 1.2 additional data

	secret [48]byte // TLS 1.3 current traffic secret, suite.hashLen bytes
}

func (st *state) init13(suite uint16, trafficSecret []byte) error {
	s, err := lookupSuite(suite, VersionTLS13)
	if err != nil {
		return err
	}
	if len(trafficSecret) != s.hashLen {
		return errors.New("record: traffic secret length is not the suite's hash length")
	}
	st.suite = s
	st.version = VersionTLS13
	st.limit = MaxPlaintext + 1
	return st.setSecret(trafficSecret)
}

func (st *state) setSecret(secret []byte) error {
	key, iv, err := trafficKeys(st.suite, secret)
	if err != nil {
		return err
	}
	a, err := newAEAD(st.suite, key)
	clear(key)
	if err != nil {
		return err
	}
	st.aead = a
	copy(st.iv[:], iv)
	clear(iv)
	copy(st.secret[:], secret)
	st.seq = 0
	st.exhausted = false
	st.setIV()
	return nil
}

func (st *state) init12(suite uint16, key, fixedIV []byte) error {
	s, err := lookupSuite(suite, VersionTLS12)
	if err != nil {
		return err
	}
	ivLen := 4
	if s.chacha {
		ivLen = 12
	} else {
		st.explicit = explicitLen
	}
	if len(fixedIV) != ivLen {
		return errors.New("record: wrong fixed IV length for the cipher suite (4 for AES-GCM, 12 for ChaCha20-Poly1305)")
	}
	a, err := newAEAD(s, key)
	if err != nil {
		return err
	}
	st.suite = s
	st.version = VersionTLS12
	st.limit = MaxPlaintext
	st.aead = a
	copy(st.iv[:], fixedIV)
	st.setIV()
	return nil
}

func (st *state) update() error {
	if st.version != VersionTLS13 {
		return errUpdate12
	}
	if st.aead == nil {
		return errErased
	}
	next, err := nextTrafficSecret(st.suite, st.secret[:st.suite.hashLen])
	if err != nil {
		return err
	}
	err = st.setSecret(next)
	clear(next)
	return err
}

func (st *state) setIV() {
	st.nonce = st.iv
	st.ivTail = binary.BigEndian.Uint64(st.iv[4:])
	st.setNonce()
}

// setNonce computes the nonce of the record with sequence number st.seq,
// as soon as st.seq is set (and not when the record is processed): the IV
// XOR the sequence number (RFC 8446 section 5.3, RFC 7905 section 2), or for
// TLS 1.2 AES-GCM the salt and the sequence number, which a Sealer sends as
// the explicit nonce (RFC 5288 section 3).
func (st *state) setNonce() {
	if st.explicit != 0 {
		binary.BigEndian.PutUint64(st.nonce[4:], st.seq)
		return
	}
	binary.BigEndian.PutUint64(st.nonce[4:], st.ivTail^st.seq)
}

// setExplicitNonce sets the nonce of a received TLS 1.2 AES-GCM record from
// the 8 explicit bytes it carries, whatever the sender chose.
func (st *state) setExplicitNonce(explicitNonce []byte) {
	copy(st.nonce[4:], explicitNonce)
}

// additionalData12 returns the TLS 1.2 additional data (RFC 5246 section
// 6.2.3.3): seq_num || type || version || length of the plaintext.
func (st *state) additionalData12(typ ContentType, n int) []byte {
	binary.BigEndian.PutUint64(st.ad[:8], st.seq)
	st.ad[8] = byte(typ)
	binary.BigEndian.PutUint16(st.ad[9:], VersionTLS12)
	binary.BigEndian.PutUint16(st.ad[11:], uint16(n))
	return st.ad[:]
}

// next advances the sequence number after a record was processed.
func (st *state) next() {
	if st.seq == math.MaxUint64 {
		st.exhausted = true
		return
	}
	st.seq++
	st.setNonce()
}

// Seq returns the sequence number of the next record.
func (st *state) Seq() uint64 { return st.seq }

// Version returns VersionTLS13 or VersionTLS12.
func (st *state) Version() uint16 { return st.version }

// Suite returns the cipher suite.
func (st *state) Suite() uint16 { return st.suite.id }

// NeedsUpdate reports whether the key has protected as many records as RFC
// 8446 section 5.5 allows (2^24.5 for AES-GCM, counting every record as a
// full one), or the sequence number is about to run out. A TLS 1.3 stack
// should then send a KeyUpdate and call Update (Conn does this itself); a TLS
// 1.2 stack must close the connection: Seal refuses application data under
// the key from then on, and allows one last handshake or alert record.
func (st *state) NeedsUpdate() bool {
	return st.seq >= st.suite.limit || st.seq >= math.MaxUint64-1<<16 || st.exhausted
}

// A Sealer protects the records one side of a connection sends. It is not
// safe for concurrent use. The zero value is not usable.
type Sealer struct {
	state
	padding func(typ ContentType, n int) int
}

// An Opener authenticates and decrypts the records one side of a connection
// receives. It is not safe for concurrent use. The zero value is not usable.
type Opener struct {
	state
}

// NewSealer13 returns a Sealer for TLS 1.3 with the given cipher suite
// (TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384 or
// TLS_CHACHA20_POLY1305_SHA256, the crypto/tls values) and traffic secret
// (as long as the suite's hash), starting at sequence number 0. It derives
// the key and IV with HKDF-Expand-Label (RFC 8446 section 7.3).
func NewSealer13(suite uint16, trafficSecret []byte) (*Sealer, error) {
	s := new(Sealer)
	if err := s.init13(suite, trafficSecret); err != nil {
		return nil, err
	}
	return s, nil
}

// NewOpener13 returns an Opener for TLS 1.3; see [NewSealer13].
func NewOpener13(suite uint16, trafficSecret []byte) (*Opener, error) {
	o := new(Opener)
	if err := o.init13(suite, trafficSecret); err != nil {
		return nil, err
	}
	return o, nil
}

// NewSealer12 returns a Sealer for a TLS 1.2 AEAD cipher suite (the
// ECDHE/RSA AES-GCM suites of RFC 5288/5289 and the ECDHE ChaCha20-Poly1305
// suites of RFC 7905, crypto/tls values) with the write key and the fixed IV
// from the key block (4 bytes for AES-GCM, 12 for ChaCha20-Poly1305),
// starting at sequence number 0. AES-GCM records carry the sequence number
// as their 8-byte explicit nonce.
func NewSealer12(suite uint16, key, fixedIV []byte) (*Sealer, error) {
	s := new(Sealer)
	if err := s.init12(suite, key, fixedIV); err != nil {
		return nil, err
	}
	return s, nil
}

// NewOpener12 returns an Opener for a TLS 1.2 AEAD cipher suite; see
// [NewSealer12].
func NewOpener12(suite uint16, key, fixedIV []byte) (*Opener, error) {
	o := new(Opener)
	if err := o.init12(suite, key, fixedIV); err != nil {
		return nil, err
	}
	return o, nil
}

// Update moves to the next traffic secret (RFC 8446 section 7.2) and resets
// the sequence number to 0. It returns an error for TLS 1.2, which has no
// KeyUpdate.
func (s *Sealer) Update() error { return s.update() }

// Update moves to the next traffic secret (RFC 8446 section 7.2) and resets
// the sequence number to 0. It returns an error for TLS 1.2.
func (o *Opener) Update() error { return o.update() }

// erase implements Erase.
func (st *state) erase() {
	clear(st.secret[:])
	clear(st.iv[:])
	clear(st.nonce[:])
	st.ivTail = 0
	st.aead = nil
	// Seal and Open check exhausted before they touch the AEAD.
	st.exhausted = true
}

// Erase zeroes the traffic secret, IV and nonce the Sealer holds and drops
// its AEAD, for a connection that is closed: Seal then returns an error,
// and so does Update. The AEAD's expanded key is left to the garbage
// collector (package aead/ keeps it in its own state and offers no way to
// clear it).
func (s *Sealer) Erase() { s.erase() }

// Erase zeroes the Opener's secrets; see [Sealer.Erase].
func (o *Opener) Erase() { o.erase() }

// SetSeq sets the sequence number of the next record. It is for stacks that
// hand a connection over after some records were already protected (for
// example after the TLS 1.2 Finished message, sequence number 1). Reusing a
// sequence number under one key reuses nonces, which breaks the AEAD.
func (s *Sealer) SetSeq(seq uint64) {
	s.seq, s.exhausted = seq, s.aead == nil // an erased Sealer stays unusable
	s.setNonce()
}

// SetSeq sets the sequence number of the next record expected; see
// [Sealer.SetSeq].
func (o *Opener) SetSeq(seq uint64) {
	o.seq, o.exhausted = seq, o.aead == nil
	o.setNonce()
}

// setLimit implements SetRecordSizeLimit.
func (st *state) setLimit(n int) error {
	if n < 64 {
		return errRecordSizeLimit
	}
	limit := MaxPlaintext
	if st.version == VersionTLS13 {
		limit++
	}
	st.limit = min(n, limit)
	return nil
}

// SetRecordSizeLimit applies the record_size_limit the peer sent (RFC 8449):
// the largest plaintext of a record, in TLS 1.3 counting the content type
// and padding. Seal then refuses longer payloads (see [Sealer.MaxPayload])
// and clamps padding. Values above the protocol's limit (2^14+1 in TLS 1.3,
// 2^14 in TLS 1.2) mean that limit. A value below 64, which RFC 8449 section
// 4 forbids, is an [*AlertError] with illegal_parameter (the peer sent it)
// and leaves the limit unchanged.
func (s *Sealer) SetRecordSizeLimit(n int) error { return s.setLimit(n) }

// SetRecordSizeLimit applies the record_size_limit this endpoint sent (RFC
// 8449): a record with a longer plaintext (TLS 1.3: inner plaintext) fails
// with record_overflow. See [Sealer.SetRecordSizeLimit]; values below 64
// are an error here too.
func (o *Opener) SetRecordSizeLimit(n int) error { return o.setLimit(n) }

// keyLimitReached reports whether Seal must refuse a record of type typ
// because the key has protected as many records as RFC 8446 section 5.5
// allows (2^24.5 for AES-GCM). Once [Sealer.NeedsUpdate] reports true no
// more application data goes out under the key, in TLS 1.2 (which has no
// KeyUpdate) as in TLS 1.3; one more record is allowed, and it must be a
// handshake or alert record: the KeyUpdate that moves to the next key, or
// the close_notify that ends a TLS 1.2 connection.
func (st *state) keyLimitReached(typ ContentType) bool {
	limit := st.suite.limit
	if limit == math.MaxUint64 {
		return false // only the sequence number limits the key
	}
	return st.seq > limit || st.seq == limit && typ == ApplicationData
}

// MaxPayload returns the longest payload Seal accepts: 2^14, or less under a
// record size limit.
func (s *Sealer) MaxPayload() int {
	if s.version == VersionTLS13 {
		return s.limit - 1
	}
	return s.limit
}

// SetPadding sets the TLS 1.3 padding policy (RFC 8446 section 5.4): f
// returns how many zero bytes to add to a record of type typ with an n-byte
// payload. The result is clamped so that the inner plaintext stays within
// 2^14+1 bytes (or the record size limit); negative results mean none. nil (the default) pads nothing.
// TLS 1.2 has no padding and ignores the policy. See [PadToMultiple].
func (s *Sealer) SetPadding(f func(typ ContentType, n int) int) { s.padding = f }

// PadToMultiple returns a padding policy that pads every record's inner
// plaintext (payload and type byte) to a multiple of k bytes.
func PadToMultiple(k int) func(typ ContentType, n int) int {
	if k <= 0 {
		panic("record: PadToMultiple of a non-positive size")
	}
	return func(_ ContentType, n int) int {
		return (k - (n+1)%k) % k
	}
}

// Overhead returns the most bytes a record adds to its payload (header,
// explicit nonce, inner content type and tag), padding not included.
func (s *Sealer) Overhead() int {
	if s.version == VersionTLS13 {
		return HeaderLen + 1 + tagLen
	}
	return HeaderLen + s.explicit + tagLen
}

// PayloadOffset returns where in a record its encrypted payload starts: 5,
// or 13 for TLS 1.2 AES-GCM (explicit nonce). A payload placed at
// dst[len(dst)+PayloadOffset():] is sealed without being copied.
func (s *Sealer) PayloadOffset() int { return HeaderLen + s.explicit }

// Seal appends one whole protected record of type typ carrying payload
// (5-byte header, explicit nonce for TLS 1.2 AES-GCM, ciphertext, tag) to dst
// and returns the extended slice. In TLS 1.3 the record's outer type is
// application_data and typ travels encrypted, followed by the padding the
// policy asks for.
//
// payload may be at most 2^14 bytes ([Sealer.MaxPayload]). When payload
// already sits where its ciphertext goes, at dst[len(dst)+PayloadOffset():],
// it is encrypted in place without a copy; otherwise it may overlap dst's
// spare capacity in any way, and is moved first. If dst lacks capacity a new
// buffer is allocated.
//
// Seal returns an error, and dst unchanged, if payload is too long, typ is
// not alert, handshake or application_data, payload is empty and typ is not
// application_data (RFC 8446 section 5.1), the sequence number is
// exhausted, or the key has reached its usage limit (RFC 8446 section 5.5:
// after 2^24.5 AES-GCM records no application data, in TLS 1.2 as in TLS
// 1.3, and only one more handshake or alert record: the KeyUpdate that
// [Sealer.NeedsUpdate] asks for, or a TLS 1.2 close_notify).
func (s *Sealer) Seal(dst []byte, typ ContentType, payload []byte) ([]byte, error) {
	n := len(payload)
	if n > s.MaxPayload() {
		return dst, errPayloadTooLong
	}
	if typ != Alert && typ != Handshake && typ != ApplicationData {
		return dst, errBadContentType
	}
	if n == 0 && typ != ApplicationData {
		return dst, errEmptySeal
	}
	if s.exhausted {
		return dst, errSeqExhausted
	}
	if s.keyLimitReached(typ) {
		return dst, errKeyLimit
	}
	inner := n
	pad := 0
	if s.version == VersionTLS13 {
		if s.padding != nil {
			pad = max(0, min(s.padding(typ, n), s.limit-1-n))
		}
		inner = n + 1 + pad
	}
	off := HeaderLen + s.explicit
	ret, out := alias.SliceForAppend(dst, off+inner+tagLen)
	body := out[off : off+inner]
	// Move the payload first: it may overlap the header.
	if n > 0 && &body[0] != &payload[0] {
		copy(body, payload)
	}

	outer := typ
	if s.version == VersionTLS13 {
		outer = ApplicationData
		body[n] = byte(typ)
		if pad > 0 {
			clear(body[n+1:])
		}
	}
	out[0] = byte(outer)
	binary.BigEndian.PutUint16(out[1:], VersionTLS12)
	binary.BigEndian.PutUint16(out[3:], uint16(len(out)-HeaderLen))

	var ad []byte
	// The nonce was computed when the sequence number was set: a store
	// just before the AEAD's (masked, vector) load of it would stall.
	if s.version == VersionTLS13 {
		ad = out[:HeaderLen]
	} else {
		if s.explicit != 0 {
			binary.BigEndian.PutUint64(out[HeaderLen:], s.seq)
		}
		ad = s.additionalData12(typ, n)
	}
	s.aead.Seal(body[:0], s.nonce[:], body, ad)
	s.next()
	return ret, nil
}

// Open authenticates and decrypts, in place, the one whole record in rec
// (header included, nothing after it) and returns its content type and
// payload, a sub-slice of rec. In TLS 1.3 the type is the inner content type
// and the padding is removed.
//
// Errors are [*AlertError]s: decode_error if rec is shorter than its header
// or its length field disagrees with len(rec), record_overflow if the record
// or its plaintext is longer than the protocol (or the record size limit)
// allows, checked before decrypting, bad_record_mac if
// authentication fails (rec's body may then be overwritten, and no plaintext
// is returned), unexpected_message for a content type that may not appear
// (or a TLS 1.3 record with no non-zero byte in its plaintext, or an empty
// handshake or alert record), protocol_version for a TLS 1.2 record whose
// version is not 0x0303. A failed Open does not advance the sequence number
// (but may have overwritten rec); the connection must be closed after it.
//
// Padding is removed by scanning from the end, so the time taken depends on
// its length, as in other TLS implementations.
//
// In TLS 1.3 the unprotected change_cipher_spec records of middlebox
// compatibility mode (RFC 8446 section 5) are not for Open: a stack that
// uses an Opener during the handshake drops them before, and after the
// handshake they are unexpected_message.
func (o *Opener) Open(rec []byte) (ContentType, []byte, error) {
	if len(rec) < HeaderLen {
		return 0, nil, errShortHeader
	}
	typ := ContentType(rec[0])
	length := int(binary.BigEndian.Uint16(rec[3:]))
	maxLen := MaxCiphertext12
	if o.version == VersionTLS13 {
		maxLen = MaxCiphertext13
	}
	if length > maxLen {
		return 0, nil, errOverflow
	}
	if length != len(rec)-HeaderLen {
		return 0, nil, errLength
	}
	if o.version == VersionTLS13 {
		if typ != ApplicationData {
			return 0, nil, errOuterType
		}
	} else {
		if typ != Alert && typ != Handshake && typ != ApplicationData {
			return 0, nil, errOuterType
		}
		if binary.BigEndian.Uint16(rec[1:]) != VersionTLS12 {
			return 0, nil, errVersion
		}
	}
	if o.exhausted {
		return 0, nil, errSeqExhausted
	}
	body := rec[HeaderLen:]
	if len(body) < o.explicit+tagLen {
		return 0, nil, errBadMAC
	}
	if len(body)-o.explicit-tagLen > o.limit {
		return 0, nil, errOverflow
	}

	var ad []byte
	if o.version == VersionTLS13 {
		ad = rec[:HeaderLen]
	} else {
		if o.explicit != 0 {
			o.setExplicitNonce(body[:o.explicit])
		}
		body = body[o.explicit:]
		ad = o.additionalData12(typ, len(body)-tagLen)
	}
	pt, err := o.aead.Open(body[:0], o.nonce[:], body, ad)
	if err != nil {
		return 0, nil, errBadMAC
	}

	if o.version == VersionTLS13 {
		i := len(pt) - 1
		for i >= 0 && pt[i] == 0 {
			i--
		}
		if i < 0 {
			return 0, nil, errNoInnerType
		}
		typ = ContentType(pt[i])
		pt = pt[:i]
		if typ != Alert && typ != Handshake && typ != ApplicationData {
			return 0, nil, errInnerType
		}
	}
	if len(pt) == 0 && typ != ApplicationData {
		return 0, nil, errEmptyFragment
	}
	o.next()
	return typ, pt, nil
}
