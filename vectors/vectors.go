// Package vectors loads known-answer test vectors for tlscore's tests:
// Wycheproof JSON files (from any fs.FS; tests pass the embedded file
// system of github.com/c2sp/wycheproof), NIST CAVP .rsp files and RFC text
// embedded in this package, and hex helpers.
//
// It is for tests only: library packages must not import it.
package vectors

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"embed"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"strings"
)

//go:embed data
var data embed.FS

// Open returns the embedded data file at name (for example
// "cavp/gcmDecrypt128.rsp" or "rfc/rfc8439.txt"), decompressing
// name+".gz" if that is how it is stored.
func Open(name string) ([]byte, error) {
	b, err := data.ReadFile(path.Join("data", name))
	if err == nil {
		return b, nil
	}
	gz, err2 := data.ReadFile(path.Join("data", name+".gz"))
	if err2 != nil {
		return nil, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

// Hex is a byte string written in JSON as hexadecimal.
type Hex []byte

// UnmarshalJSON implements json.Unmarshaler.
func (h *Hex) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	d, err := hex.DecodeString(s)
	if err != nil {
		return err
	}
	*h = d
	return nil
}

// MustHex decodes s, ignoring spaces, colons and newlines, and panics on bad input.
func MustHex(s string) []byte {
	s = strings.NewReplacer(" ", "", ":", "", "\n", "", "\t", "").Replace(s)
	b, err := hex.DecodeString(s)
	if err != nil {
		panic(err)
	}
	return b
}

// Wycheproof is the top level of a Wycheproof vector file; G is the type
// of its test groups (for example AEADGroup).
type Wycheproof[G any] struct {
	Algorithm     string `json:"algorithm"`
	Schema        string `json:"schema"`
	NumberOfTests int    `json:"numberOfTests"`
	TestGroups    []G    `json:"testGroups"`
}

// Case holds the fields every Wycheproof test case has.
type Case struct {
	TcID    int      `json:"tcId"`
	Comment string   `json:"comment"`
	Result  string   `json:"result"` // "valid", "invalid" or "acceptable"
	Flags   []string `json:"flags"`
}

// Valid reports whether the case must succeed.
func (c Case) Valid() bool { return c.Result == "valid" }

// Invalid reports whether the case must fail.
func (c Case) Invalid() bool { return c.Result == "invalid" }

// HasFlag reports whether the case carries flag.
func (c Case) HasFlag(flag string) bool {
	for _, f := range c.Flags {
		if f == flag {
			return true
		}
	}
	return false
}

func (c Case) String() string { return fmt.Sprintf("tcId %d (%s) %s", c.TcID, c.Comment, c.Result) }

// AEADGroup is a group of aead_test_schema_v1 cases.
type AEADGroup struct {
	IvSize  int        `json:"ivSize"`  // bits
	KeySize int        `json:"keySize"` // bits
	TagSize int        `json:"tagSize"` // bits
	Tests   []AEADCase `json:"tests"`
}

// AEADCase is one AEAD test case.
type AEADCase struct {
	Case
	Key Hex `json:"key"`
	IV  Hex `json:"iv"`
	AAD Hex `json:"aad"`
	Msg Hex `json:"msg"`
	CT  Hex `json:"ct"`
	Tag Hex `json:"tag"`
}

// XDHGroup is a group of xdh_comp_schema_v1 cases (X25519).
type XDHGroup struct {
	Curve string    `json:"curve"`
	Tests []XDHCase `json:"tests"`
}

// XDHCase is one X25519 test case.
type XDHCase struct {
	Case
	Public  Hex `json:"public"`
	Private Hex `json:"private"`
	Shared  Hex `json:"shared"`
}

// ECDHGroup is a group of ecdh_test_schema_v1 or ecdh_ecpoint_test_schema_v1 cases.
type ECDHGroup struct {
	Curve    string     `json:"curve"`
	Encoding string     `json:"encoding"`
	Tests    []ECDHCase `json:"tests"`
}

// ECDHCase is one ECDH test case; Public is an SPKI or an encoded point
// depending on the schema.
type ECDHCase struct {
	Case
	Public  Hex `json:"public"`
	Private Hex `json:"private"`
	Shared  Hex `json:"shared"`
}

// LoadWycheproof decodes the Wycheproof file name from fsys into v, which
// is usually a *Wycheproof[G].
func LoadWycheproof(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// LoadWycheproofNewest is LoadWycheproof, except that where this package
// embeds a newer copy of the file than the pinned module (see SOURCES.md:
// the ECDSA files with the r+n comparison cases added after the module
// version whose go directive the project can take), it decodes that copy.
func LoadWycheproofNewest(fsys fs.FS, name string, v any) error {
	b, err := Open(path.Join("wycheproof", name))
	if errors.Is(err, fs.ErrNotExist) {
		return LoadWycheproof(fsys, name, v)
	}
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}

// RSPEntry is one entry of a CAVP .rsp file: its fields ("Key", "IV",
// "PT", ...), the section parameters in force ("Keylen", "Taglen", ...), and
// whether it is marked FAIL.
type RSPEntry struct {
	Params map[string]string
	Fields map[string]string
	Fail   bool
}

// ParseRSP parses a CAVP response file. Entries start at a "Count" line.
func ParseRSP(b []byte) ([]RSPEntry, error) {
	var out []RSPEntry
	params := map[string]string{}
	var cur *RSPEntry
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimSpace(sc.Text())
		switch {
		case s == "" || strings.HasPrefix(s, "#"):
		case strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]"):
			k, v, ok := strings.Cut(s[1:len(s)-1], "=")
			if !ok {
				return nil, fmt.Errorf("rsp line %d: bad section %q", line, s)
			}
			if cur != nil {
				out = append(out, *cur)
				cur = nil
				params = map[string]string{}
			}
			params[strings.TrimSpace(k)] = strings.TrimSpace(v)
		case s == "FAIL":
			if cur == nil {
				return nil, fmt.Errorf("rsp line %d: FAIL outside an entry", line)
			}
			cur.Fail = true
		default:
			k, v, ok := strings.Cut(s, "=")
			if !ok {
				return nil, fmt.Errorf("rsp line %d: cannot parse %q", line, s)
			}
			k, v = strings.TrimSpace(k), strings.TrimSpace(v)
			if k == "Count" {
				if cur != nil {
					out = append(out, *cur)
				}
				p := make(map[string]string, len(params))
				for pk, pv := range params {
					p[pk] = pv
				}
				cur = &RSPEntry{Params: p, Fields: map[string]string{}}
			}
			if cur == nil {
				return nil, fmt.Errorf("rsp line %d: field before the first Count", line)
			}
			cur.Fields[k] = v
		}
	}
	if cur != nil {
		out = append(out, *cur)
	}
	return out, sc.Err()
}

// Hex returns the field k decoded from hex (empty for a missing field).
func (e RSPEntry) Hex(k string) []byte { return MustHex(e.Fields[k]) }
