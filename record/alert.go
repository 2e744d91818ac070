package record

import "strconv"

// AlertDescription is a TLS alert description (RFC 8446 section 6, RFC 5246 section 7.2).
type AlertDescription uint8

// Alert descriptions. Every error this package returns for something a peer
// sent carries one of them, the alert a TLS stack should send before it
// closes the connection.
const (
	AlertCloseNotify                  AlertDescription = 0
	AlertUnexpectedMessage            AlertDescription = 10
	AlertBadRecordMAC                 AlertDescription = 20
	AlertDecryptionFailed             AlertDescription = 21 // TLS 1.2 and earlier, reserved in TLS 1.3
	AlertRecordOverflow               AlertDescription = 22
	AlertHandshakeFailure             AlertDescription = 40
	AlertBadCertificate               AlertDescription = 42
	AlertUnsupportedCertificate       AlertDescription = 43
	AlertCertificateRevoked           AlertDescription = 44
	AlertCertificateExpired           AlertDescription = 45
	AlertCertificateUnknown           AlertDescription = 46
	AlertIllegalParameter             AlertDescription = 47
	AlertUnknownCA                    AlertDescription = 48
	AlertAccessDenied                 AlertDescription = 49
	AlertDecodeError                  AlertDescription = 50
	AlertDecryptError                 AlertDescription = 51
	AlertProtocolVersion              AlertDescription = 70
	AlertInsufficientSecurity         AlertDescription = 71
	AlertInternalError                AlertDescription = 80
	AlertInappropriateFallback        AlertDescription = 86
	AlertUserCanceled                 AlertDescription = 90
	AlertNoRenegotiation              AlertDescription = 100
	AlertMissingExtension             AlertDescription = 109
	AlertUnsupportedExtension         AlertDescription = 110
	AlertUnrecognizedName             AlertDescription = 112
	AlertBadCertificateStatusResponse AlertDescription = 113
	AlertUnknownPSKIdentity           AlertDescription = 115
	AlertCertificateRequired          AlertDescription = 116
	AlertNoApplicationProtocol        AlertDescription = 120
)

var alertNames = map[AlertDescription]string{
	AlertCloseNotify:                  "close_notify",
	AlertUnexpectedMessage:            "unexpected_message",
	AlertBadRecordMAC:                 "bad_record_mac",
	AlertDecryptionFailed:             "decryption_failed",
	AlertRecordOverflow:               "record_overflow",
	AlertHandshakeFailure:             "handshake_failure",
	AlertBadCertificate:               "bad_certificate",
	AlertUnsupportedCertificate:       "unsupported_certificate",
	AlertCertificateRevoked:           "certificate_revoked",
	AlertCertificateExpired:           "certificate_expired",
	AlertCertificateUnknown:           "certificate_unknown",
	AlertIllegalParameter:             "illegal_parameter",
	AlertUnknownCA:                    "unknown_ca",
	AlertAccessDenied:                 "access_denied",
	AlertDecodeError:                  "decode_error",
	AlertDecryptError:                 "decrypt_error",
	AlertProtocolVersion:              "protocol_version",
	AlertInsufficientSecurity:         "insufficient_security",
	AlertInternalError:                "internal_error",
	AlertInappropriateFallback:        "inappropriate_fallback",
	AlertUserCanceled:                 "user_canceled",
	AlertNoRenegotiation:              "no_renegotiation",
	AlertMissingExtension:             "missing_extension",
	AlertUnsupportedExtension:         "unsupported_extension",
	AlertUnrecognizedName:             "unrecognized_name",
	AlertBadCertificateStatusResponse: "bad_certificate_status_response",
	AlertUnknownPSKIdentity:           "unknown_psk_identity",
	AlertCertificateRequired:          "certificate_required",
	AlertNoApplicationProtocol:        "no_application_protocol",
}

// String returns the RFC name of a, such as "bad_record_mac", or
// "alert(N)" for a value without one.
func (a AlertDescription) String() string {
	if s, ok := alertNames[a]; ok {
		return s
	}
	return "alert(" + strconv.Itoa(int(a)) + ")"
}

// AlertError is the error type of this package. For an error detected here
// (Remote false) Alert is the alert to send to the peer before closing the
// connection; the Sealer, Opener or Conn that returned it must not be used
// for that direction any more. For an alert the peer sent (Remote true, only
// from [Conn]) Alert is what it sent, and nothing should be sent back.
//
// Errors are values shared by every connection: compare them with
// errors.As and the Alert field, not by identity.
type AlertError struct {
	Alert  AlertDescription
	Remote bool
	Reason string // what went wrong, for people; empty for remote alerts
}

func (e *AlertError) Error() string {
	if e.Remote {
		return "record: remote error: " + e.Alert.String()
	}
	return "record: " + e.Reason + " (alert " + e.Alert.String() + ")"
}

// Errors are preallocated so that returning them does not allocate: a peer
// that makes us fail records should not also make us allocate.
var (
	errShortHeader    = &AlertError{AlertDecodeError, false, "record shorter than its 5-byte header"}
	errLength         = &AlertError{AlertDecodeError, false, "record length does not match its header"}
	errOverflow       = &AlertError{AlertRecordOverflow, false, "record longer than the protocol allows"}
	errBadMAC         = &AlertError{AlertBadRecordMAC, false, "record authentication failed"}
	errOuterType      = &AlertError{AlertUnexpectedMessage, false, "unexpected record content type"}
	errInnerType      = &AlertError{AlertUnexpectedMessage, false, "unexpected inner content type"}
	errNoInnerType    = &AlertError{AlertUnexpectedMessage, false, "TLS 1.3 inner plaintext without a content type (empty or all padding)"}
	errEmptyFragment  = &AlertError{AlertUnexpectedMessage, false, "zero-length handshake or alert record"}
	errVersion        = &AlertError{AlertProtocolVersion, false, "record version is not TLS 1.2 (0x0303)"}
	errSeqExhausted   = &AlertError{AlertInternalError, false, "sequence number exhausted: 2^64-1 records under one key"}
	errPayloadTooLong = &AlertError{AlertInternalError, false, "payload longer than 2^14 bytes"}
	errBadContentType = &AlertError{AlertInternalError, false, "content type not allowed for a protected record"}
	errEmptySeal      = &AlertError{AlertInternalError, false, "empty handshake or alert record"}
	errUpdate12       = &AlertError{AlertInternalError, false, "KeyUpdate does not exist in TLS 1.2"}
	errKeyLimit       = &AlertError{AlertInternalError, false, "key usage limit reached: 2^24.5 AES-GCM records (RFC 8446 section 5.5); TLS 1.3 needs a KeyUpdate, TLS 1.2 a new connection"}

	errRecordSizeLimit = &AlertError{AlertIllegalParameter, false, "record_size_limit below 64 (RFC 8449 section 4)"}
	errErased          = &AlertError{AlertInternalError, false, "keys erased"}
)
