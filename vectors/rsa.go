package vectors

// RSAPublicKey is the publicKey field of Wycheproof RSA signature groups.
type RSAPublicKey struct {
	Modulus        Hex `json:"modulus"`        // big-endian, may have a leading zero byte
	PublicExponent Hex `json:"publicExponent"` // big-endian
}

// RSASigGroup is a group of rsassa_pkcs1_verify_schema or
// rsassa_pss_verify_schema cases (types RsassaPkcs1Verify,
// RsassaPssVerify, RsassaPssWithParametersVerify).
type RSASigGroup struct {
	Type      string       `json:"type"`
	KeySize   int          `json:"keySize"` // bits
	SHA       string       `json:"sha"`     // "SHA-256", ...
	MGF       string       `json:"mgf"`     // PSS: "MGF1"
	MGFSHA    string       `json:"mgfSha"`  // PSS: hash of MGF1
	SLen      int          `json:"sLen"`    // PSS: salt length in bytes
	PublicKey RSAPublicKey `json:"publicKey"`
	// PublicKeyAsn is the PKCS #1 RSAPublicKey DER; PublicKeyDer the SPKI
	// (for *_params files an RSASSA-PSS SPKI).
	PublicKeyAsn Hex          `json:"publicKeyAsn"`
	PublicKeyDer Hex          `json:"publicKeyDer"`
	Tests        []RSASigCase `json:"tests"`
}

// RSASigCase is one RSA signature verification case.
type RSASigCase struct {
	Case
	Msg Hex `json:"msg"`
	Sig Hex `json:"sig"`
}
