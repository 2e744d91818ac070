package record

import (
	"crypto/cipher"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"hash"
	"math"

	"crypto/hkdf"
)

// Cipher suite identifiers, the same values as the crypto/tls constants of
// the same names (the tests check). They are repeated here so that the
// record layer does not pull crypto/tls into a binary.
const (
	// TLS 1.3 (RFC 8446 appendix B.4).
	TLS_AES_128_GCM_SHA256       uint16 = 0x1301
	TLS_AES_256_GCM_SHA384       uint16 = 0x1302
	TLS_CHACHA20_POLY1305_SHA256 uint16 = 0x1303

	// TLS 1.2 AEAD suites (RFC 5288, RFC 5289, RFC 7905).
	TLS_RSA_WITH_AES_128_GCM_SHA256               uint16 = 0x009c
	TLS_RSA_WITH_AES_256_GCM_SHA384               uint16 = 0x009d
	TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256       uint16 = 0xc02b
	TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384       uint16 = 0xc02c
	TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256         uint16 = 0xc02f
	TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384         uint16 = 0xc030
	TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256   uint16 = 0xcca8
	TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256 uint16 = 0xcca9
)

// Protocol versions as they appear on the wire.
const (
	VersionTLS12 uint16 = 0x0303
	VersionTLS13 uint16 = 0x0304
)

// suiteInfo is what the record layer needs to know about a cipher suite.
type suiteInfo struct {
	id      uint16
	version uint16 // VersionTLS12 or VersionTLS13
	keyLen  int
	chacha  bool             // ChaCha20-Poly1305 rather than AES-GCM
	hash    func() hash.Hash // TLS 1.3: the HKDF hash
	hashLen int
	// limit is the number of records one key may protect before it should
	// be replaced: RFC 8446 section 5.5 and RFC 9147 section 4.5.3 give
	// 2^24.5 full-size records for AES-GCM; for ChaCha20-Poly1305 the
	// confidentiality limit exceeds 2^64 records (no limit but the sequence
	// number). Records are counted whatever their size, which is
	// conservative for short ones.
	limit uint64
}

// aesGCMRecordLimit is floor(2^24.5), RFC 8446 section 5.5.
const aesGCMRecordLimit = 23726566

func sha384() hash.Hash { return sha512.New384() }

var suites = []suiteInfo{
	{TLS_AES_128_GCM_SHA256, VersionTLS13, 16, false, sha256.New, 32, aesGCMRecordLimit},
	{TLS_AES_256_GCM_SHA384, VersionTLS13, 32, false, sha384, 48, aesGCMRecordLimit},
	{TLS_CHACHA20_POLY1305_SHA256, VersionTLS13, 32, true, sha256.New, 32, math.MaxUint64},

	{TLS_RSA_WITH_AES_128_GCM_SHA256, VersionTLS12, 16, false, nil, 0, aesGCMRecordLimit},
	{TLS_RSA_WITH_AES_256_GCM_SHA384, VersionTLS12, 32, false, nil, 0, aesGCMRecordLimit},
	{TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, VersionTLS12, 16, false, nil, 0, aesGCMRecordLimit},
	{TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, VersionTLS12, 32, false, nil, 0, aesGCMRecordLimit},
	{TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, VersionTLS12, 16, false, nil, 0, aesGCMRecordLimit},
	{TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, VersionTLS12, 32, false, nil, 0, aesGCMRecordLimit},
	{TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, VersionTLS12, 32, true, nil, 0, math.MaxUint64},
	{TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, VersionTLS12, 32, true, nil, 0, math.MaxUint64},
}

func lookupSuite(id, version uint16) (*suiteInfo, error) {
	for i := range suites {
		if suites[i].id == id {
			if suites[i].version != version {
				if version == VersionTLS13 {
					return nil, errors.New("record: cipher suite is not a TLS 1.3 suite")
				}
				return nil, errors.New("record: cipher suite is not a TLS 1.2 AEAD suite")
			}
			return &suites[i], nil
		}
	}
	return nil, errors.New("record: unsupported cipher suite")
}

// expandLabel is HKDF-Expand-Label (RFC 8446 section 7.1):
//
//	HKDF-Expand-Label(Secret, Label, Context, Length) =
//	    HKDF-Expand(Secret, HkdfLabel, Length)
//	struct {
//	    uint16 length = Length;
//	    opaque label<7..255> = "tls13 " + Label;
//	    opaque context<0..255> = Context;
//	} HkdfLabel;
//
// Only the HkdfLabel encoding is ours; HKDF-Expand is crypto/hkdf's.
func expandLabel(h func() hash.Hash, secret []byte, label string, context []byte, length int) ([]byte, error) {
	info, err := hkdfLabel(label, context, length)
	if err != nil {
		return nil, err
	}
	return hkdf.Expand(h, secret, string(info), length)
}

// hkdfLabel encodes the HkdfLabel structure of RFC 8446 section 7.1.
func hkdfLabel(label string, context []byte, length int) ([]byte, error) {
	const prefix = "tls13 "
	if len(prefix)+len(label) > 255 || len(context) > 255 || length < 0 || length > 0xffff {
		return nil, errors.New("record: HKDF-Expand-Label argument out of range")
	}
	b := make([]byte, 0, 2+1+len(prefix)+len(label)+1+len(context))
	b = binary.BigEndian.AppendUint16(b, uint16(length))
	b = append(b, byte(len(prefix)+len(label)))
	b = append(b, prefix...)
	b = append(b, label...)
	b = append(b, byte(len(context)))
	b = append(b, context...)
	return b, nil
}

// trafficKeys derives the write key and IV from a TLS 1.3 traffic secret
// (RFC 8446 section 7.3).
func trafficKeys(s *suiteInfo, secret []byte) (key, iv []byte, err error) {
	key, err = expandLabel(s.hash, secret, "key", nil, s.keyLen)
	if err != nil {
		return nil, nil, err
	}
	iv, err = expandLabel(s.hash, secret, "iv", nil, 12)
	if err != nil {
		return nil, nil, err
	}
	return key, iv, nil
}

// nextTrafficSecret is application_traffic_secret_N+1 (RFC 8446 section 7.2).
func nextTrafficSecret(s *suiteInfo, secret []byte) ([]byte, error) {
	return expandLabel(s.hash, secret, "traffic upd", nil, s.hashLen)
}

// newAEAD returns the AEAD of suite s with key, from package aead/.
// Keep in sync with the implementations the tests select (aeadAlg).
func newAEAD(s *suiteInfo, key []byte) (cipher.AEAD, error) {
	if len(key) != s.keyLen {
		return nil, errors.New("record: wrong key length for the cipher suite")
	}
	if s.chacha {
		return newChaCha20Poly1305(key)
	}
	return newAESGCM(key)
}
