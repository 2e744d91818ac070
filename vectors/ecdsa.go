package vectors

// ECPublicKey is the publicKey object of Wycheproof ECDSA groups.
type ECPublicKey struct {
	Type         string `json:"type"`
	Curve        string `json:"curve"` // "secp256r1", "secp384r1", ...
	KeySize      int    `json:"keySize"`
	Uncompressed Hex    `json:"uncompressed"` // 0x04 || x || y
	Wx           Hex    `json:"wx"`
	Wy           Hex    `json:"wy"`
}

// ECDSAGroup is a group of ecdsa_verify_schema_v1 (ASN.1 DER signatures)
// or ecdsa_p1363_verify_schema_v1 (r || s) cases.
type ECDSAGroup struct {
	Type         string      `json:"type"` // "EcdsaVerify" or "EcdsaP1363Verify"
	PublicKey    ECPublicKey `json:"publicKey"`
	PublicKeyDer Hex         `json:"publicKeyDer"`
	SHA          string      `json:"sha"` // "SHA-256", ...
	Tests        []ECDSACase `json:"tests"`
}

// ECDSACase is one ECDSA verification case.
type ECDSACase struct {
	Case
	Msg Hex `json:"msg"`
	Sig Hex `json:"sig"`
}
