package handoff

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/tls"
	"encoding/binary"
	"errors"
	"hash"

	"github.com/tlscore/tlscore/record"
)

// Handshake message types (RFC 8446 section 4, RFC 5246 section 7.4).
const (
	typeHelloRequest     = 0
	typeClientHello      = 1
	typeServerHello      = 2
	typeNewSessionTicket = 4
	typeFinished         = 20
)

// Record content types.
const (
	recChangeCipherSpec = 20
	recAlert            = 21
	recHandshake        = 22
	recApplicationData  = 23
)

// errMismatch is the error of a hand-off whose records do not add up: the
// connection is closed rather than risk using a key and sequence number
// crypto/tls used.
var errMismatch = errors.New("handoff: the records crypto/tls protected do not match its secrets; connection closed")

// helloRandom returns the random of the first handshake message in recs
// (one direction of the stream, as recorded), which must be of type want
// (ClientHello or ServerHello) and sent in plaintext: legacy_version (2
// bytes) then random (32 bytes) (RFC 8446 section 4.1.2, RFC 5246 section
// 7.4.1.2).
func helloRandom(recs []rec, want byte) ([32]byte, error) {
	var random [32]byte
	var msg []byte
	for _, r := range recs {
		switch r.typ() {
		case recChangeCipherSpec:
			continue
		case recHandshake:
			msg = append(msg, r.body()...)
		default:
			return random, errMismatch
		}
		if len(msg) >= 4+2+32 {
			if msg[0] != want {
				return random, errMismatch
			}
			copy(random[:], msg[4+2:])
			return random, nil
		}
	}
	return random, errMismatch
}

// prf12 is the TLS 1.2 PRF (RFC 5246 section 5), P_hash with the suite's
// hash: P_hash(secret, seed) = HMAC(secret, A(1) + seed) + HMAC(secret,
// A(2) + seed) + ..., A(0) = seed, A(i) = HMAC(secret, A(i-1)), with
// seed = label + seed.
func prf12(h func() hash.Hash, secret []byte, label string, seed []byte, n int) []byte {
	labelSeed := make([]byte, 0, len(label)+len(seed))
	labelSeed = append(labelSeed, label...)
	labelSeed = append(labelSeed, seed...)
	mac := hmac.New(h, secret)
	mac.Write(labelSeed)
	a := mac.Sum(nil)
	out := make([]byte, 0, n+mac.Size())
	for len(out) < n {
		mac.Reset()
		mac.Write(a)
		mac.Write(labelSeed)
		out = mac.Sum(out)
		mac.Reset()
		mac.Write(a)
		a = mac.Sum(a[:0])
	}
	clear(a)
	clear(out[n:])
	return out[:n]
}

// suite12 describes a TLS 1.2 AEAD suite for the key block.
type suite12 struct {
	keyLen, ivLen int
	hash          func() hash.Hash
	gcm           bool // AES-GCM: 8-byte explicit nonce in each record
}

func sha384() hash.Hash { return sha512.New384() }

// suites12 are the TLS 1.2 suites the hand-off carries: the AES-GCM suites
// of RFC 5288/5289 and the ChaCha20-Poly1305 suites of RFC 7905.
var suites12 = map[uint16]suite12{
	tls.TLS_RSA_WITH_AES_128_GCM_SHA256:               {16, 4, sha256.New, true},
	tls.TLS_RSA_WITH_AES_256_GCM_SHA384:               {32, 4, sha384, true},
	tls.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256:       {16, 4, sha256.New, true},
	tls.TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384:       {32, 4, sha384, true},
	tls.TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256:         {16, 4, sha256.New, true},
	tls.TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384:         {32, 4, sha384, true},
	tls.TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256:   {32, 12, sha256.New, false},
	tls.TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256: {32, 12, sha256.New, false},
}

// suites13 are the TLS 1.3 suites and their hash lengths.
var suites13 = map[uint16]int{
	tls.TLS_AES_128_GCM_SHA256:       32,
	tls.TLS_AES_256_GCM_SHA384:       48,
	tls.TLS_CHACHA20_POLY1305_SHA256: 32,
}

// keys12 derives the TLS 1.2 write keys and IVs from the master secret
// (RFC 5246 section 6.3): key_block = PRF(master_secret, "key expansion",
// server_random + client_random), cut into client_write_key,
// server_write_key, client_write_IV, server_write_IV (AEAD suites have no
// MAC keys).
func keys12(s suite12, master []byte, clientRandom, serverRandom [32]byte) (ck, sk, civ, siv []byte) {
	seed := make([]byte, 0, 64)
	seed = append(seed, serverRandom[:]...)
	seed = append(seed, clientRandom[:]...)
	kb := prf12(s.hash, master, "key expansion", seed, 2*s.keyLen+2*s.ivLen)
	ck, kb = kb[:s.keyLen:s.keyLen], kb[s.keyLen:]
	sk, kb = kb[:s.keyLen:s.keyLen], kb[s.keyLen:]
	civ, kb = kb[:s.ivLen:s.ivLen], kb[s.ivLen:]
	siv = kb[:s.ivLen:s.ivLen]
	return
}

// msgScanner follows handshake message boundaries across records and
// checks the type of each message.
type msgScanner struct {
	need int
	hdr  [4]byte
	hdrN int
}

// scan walks data and calls ok with the type of each message that starts
// in it; it returns the first error ok returns.
func (m *msgScanner) scan(data []byte, ok func(typ byte) error) error {
	for len(data) > 0 {
		if m.need > 0 {
			k := min(m.need, len(data))
			m.need -= k
			data = data[k:]
			continue
		}
		k := copy(m.hdr[m.hdrN:], data)
		m.hdrN += k
		data = data[k:]
		if m.hdrN < 4 {
			return nil
		}
		m.hdrN = 0
		if err := ok(m.hdr[0]); err != nil {
			return err
		}
		m.need = int(m.hdr[1])<<16 | int(m.hdr[2])<<8 | int(m.hdr[3])
	}
	return nil
}

// complete reports whether the data scanned ends at a message boundary.
func (m *msgScanner) complete() bool { return m.need == 0 && m.hdrN == 0 }

// count13 returns how many of recs (one direction of a TLS 1.3 handshake,
// as recorded) were protected under the application traffic secret of that
// direction: the encrypted records from the first one that opens under it
// on, which must all open, in order, at sequence numbers 0, 1, 2, ..., and
// carry only NewSessionTicket messages (the only messages crypto/tls sends
// under those keys during the handshake). A record that does not open once
// one has (or anything else unexpected) is an error: the hand-off then
// fails closed.
func count13(suite uint16, secret []byte, recs []rec) (uint64, error) {
	o, err := record.NewOpener13(suite, secret)
	if err != nil {
		return 0, err
	}
	defer o.Erase()
	return open13(o, recs)
}

// open13 is count13 with the Opener given: it is left after the last
// record that opened. The records are opened in place: their bodies are
// overwritten.
func open13(o *record.Opener, recs []rec) (uint64, error) {
	var n uint64
	var ms msgScanner
	for _, r := range recs {
		if r.typ() != recApplicationData {
			if n > 0 {
				return 0, errMismatch
			}
			continue
		}
		typ, data, err := o.Open(r)
		if err != nil {
			if n > 0 {
				return 0, errMismatch
			}
			continue
		}
		n++
		err = ms.scan(data, onlyNewSessionTicket)
		clear(data)
		if typ != record.Handshake || err != nil {
			return 0, errMismatch
		}
	}
	if !ms.complete() {
		return 0, errMismatch
	}
	return n, nil
}

func onlyNewSessionTicket(typ byte) error {
	if typ != typeNewSessionTicket {
		return errMismatch
	}
	return nil
}

// count12 returns how many of recs (one direction of a TLS 1.2 handshake, as
// recorded) were protected under the given write key and IV: every record
// after the ChangeCipherSpec, which must all open in order at sequence
// numbers 0, 1, ..., and be exactly the Finished message. With
// checkExplicit, the explicit nonces of AES-GCM records must be their
// sequence numbers (crypto/tls's choice; our Sealer continues the same
// count, so no nonce repeats).
func count12(suite uint16, key, iv []byte, recs []rec, checkExplicit bool) (uint64, error) {
	o, err := record.NewOpener12(suite, key, iv)
	if err != nil {
		return 0, err
	}
	defer o.Erase()
	return open12(o, recs, checkExplicit)
}

// open12 is count12 with the Opener given, left after the Finished; the
// records are opened in place.
func open12(o *record.Opener, recs []rec, checkExplicit bool) (uint64, error) {
	ccs := false
	var n uint64
	for _, r := range recs {
		if !ccs {
			if r.typ() == recChangeCipherSpec {
				ccs = true
			}
			continue
		}
		if checkExplicit && len(r) >= 5+8 && binary.BigEndian.Uint64(r[5:]) != n {
			return 0, errMismatch
		}
		typ, data, err := o.Open(r)
		if err != nil {
			return 0, errMismatch
		}
		n++
		ok := n == 1 && typ == record.Handshake && len(data) >= 4 && data[0] == typeFinished &&
			int(data[1])<<16|int(data[2])<<8|int(data[3]) == len(data)-4
		clear(data)
		if !ok {
			return 0, errMismatch
		}
	}
	if n != 1 {
		return 0, errMismatch
	}
	return n, nil
}
