// Package cpu is the one place in tlscore that reads CPU feature bits and
// the machine's identity. Every other package asks it.
//
// The hot-path feature bits are plain package variables, set once at
// start-up, after the TLSCORE_CPU environment variable has switched some of
// them off. TLSCORE_CPU is a comma-separated list of feature names, each
// prefixed by "-", for example
//
//	TLSCORE_CPU=-avx512,-vaes go test ./aead/...
//
// The names are listed by [Names] and in the README:
//
//	amd64: aesni pclmulqdq ssse3 avx avx2 bmi2 adx avx512f avx512bw avx512vl
//	       avx512ifma avx512vbmi2 vaes vpclmulqdq gfni
//	arm64: aes pmull sha2 sha3 asimd
//
// plus the groups "avx512" (every avx512* feature) and "all" (every
// feature, leaving only the generic implementations). An unknown name is
// reported once on standard error and otherwise ignored.
package cpu

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strings"
)

// x86 features, after TLSCORE_CPU. Read them freely on hot paths.
var (
	X86HasAESNI       bool
	X86HasPCLMULQDQ   bool
	X86HasSSSE3       bool
	X86HasAVX         bool
	X86HasAVX2        bool
	X86HasBMI2        bool
	X86HasADX         bool
	X86HasAVX512F     bool
	X86HasAVX512BW    bool
	X86HasAVX512VL    bool
	X86HasAVX512IFMA  bool
	X86HasAVX512VBMI2 bool
	// X86HasVAES and X86HasVPCLMULQDQ report the instructions at any width
	// the OS supports: ymm needs AVX2, zmm needs AVX-512 as well.
	X86HasVAES       bool
	X86HasVPCLMULQDQ bool
	X86HasGFNI       bool
)

// arm64 features, after TLSCORE_CPU.
var (
	ARM64HasAES   bool
	ARM64HasPMULL bool
	ARM64HasSHA2  bool
	ARM64HasSHA3  bool
	ARM64HasASIMD bool
)

// Feature names a CPU feature, as TLSCORE_CPU and package dispatch spell
// it. Implementations state the features they need with these constants;
// the registry checks them with [Known].
type Feature string

// The features of amd64.
const (
	AESNI       Feature = "aesni"
	PCLMULQDQ   Feature = "pclmulqdq"
	SSSE3       Feature = "ssse3"
	AVX         Feature = "avx"
	AVX2        Feature = "avx2"
	BMI2        Feature = "bmi2"
	ADX         Feature = "adx"
	AVX512F     Feature = "avx512f"
	AVX512BW    Feature = "avx512bw"
	AVX512VL    Feature = "avx512vl"
	AVX512IFMA  Feature = "avx512ifma"
	AVX512VBMI2 Feature = "avx512vbmi2"
	VAES        Feature = "vaes"
	VPCLMULQDQ  Feature = "vpclmulqdq"
	GFNI        Feature = "gfni"
)

// The features of arm64.
const (
	ARM64AES Feature = "aes"
	PMULL    Feature = "pmull"
	SHA2     Feature = "sha2"
	SHA3     Feature = "sha3"
	ASIMD    Feature = "asimd"
)

// allFeatures lists every Feature constant, on every architecture.
var allFeatures = []Feature{
	AESNI, PCLMULQDQ, SSSE3, AVX, AVX2, BMI2, ADX,
	AVX512F, AVX512BW, AVX512VL, AVX512IFMA, AVX512VBMI2,
	VAES, VPCLMULQDQ, GFNI,
	ARM64AES, PMULL, SHA2, SHA3, ASIMD,
}

// Known reports whether f is one of the Feature constants (of any
// architecture).
func Known(f Feature) bool {
	for _, k := range allFeatures {
		if k == f {
			return true
		}
	}
	return false
}

// feature ties a TLSCORE_CPU name to its variable and its hardware value.
type feature struct {
	name Feature
	arch string
	v    *bool
	hw   bool // as detected, before TLSCORE_CPU
}

var features []*feature

// Env is the environment variable that switches features off.
const Env = "TLSCORE_CPU"

// envErrors holds the complaints about TLSCORE_CPU, reported once.
var envErrors []string

func init() {
	detect() // per architecture: fills the variables with the hardware's bits
	for _, f := range features {
		f.hw = *f.v
	}
	envErrors = apply(os.Getenv(Env))
	for _, e := range envErrors {
		fmt.Fprintf(os.Stderr, "tlscore: %s: %s\n", Env, e)
	}
}

func register(arch string, name Feature, v *bool) {
	features = append(features, &feature{name: name, arch: arch, v: v})
}

// apply switches off the features that spec names and returns its errors.
func apply(spec string) []string {
	var errs []string
	for _, item := range strings.Split(spec, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			continue
		}
		name, ok := strings.CutPrefix(item, "-")
		if !ok {
			errs = append(errs, fmt.Sprintf("%q: features can only be switched off; write -%s", item, item))
			continue
		}
		name = strings.ToLower(name)
		n := 0
		for _, f := range features {
			if string(f.name) == name || name == "all" || (name == "avx512" && strings.HasPrefix(string(f.name), "avx512")) {
				*f.v = false
				n++
			}
		}
		if n == 0 && !knownName(name) {
			errs = append(errs, fmt.Sprintf("unknown feature %q (known: %s)", name, strings.Join(Names(), " ")))
		}
	}
	return errs
}

// knownName reports whether name is a feature of any architecture, so that
// TLSCORE_CPU=-aes on amd64 is not an error.
func knownName(name string) bool {
	for _, n := range Names() {
		if n == name {
			return true
		}
	}
	return false
}

// Names returns every name TLSCORE_CPU accepts, on every architecture.
func Names() []string {
	names := []string{"all", "avx512"}
	for _, f := range allFeatures {
		names = append(names, string(f))
	}
	return names
}

// EnvErrors returns the complaints about TLSCORE_CPU, if any.
func EnvErrors() []string { return envErrors }

// Has reports whether the named feature is usable on this CPU after
// TLSCORE_CPU. Names of another architecture report false.
func Has(name Feature) bool {
	for _, f := range features {
		if f.name == name {
			return *f.v
		}
	}
	return false
}

// HasAll reports whether every named feature is usable.
func HasAll(names ...Feature) bool {
	for _, n := range names {
		if !Has(n) {
			return false
		}
	}
	return true
}

// Hardware reports whether the CPU itself has the named feature, whatever
// TLSCORE_CPU says.
func Hardware(name Feature) bool {
	for _, f := range features {
		if f.name == name {
			return f.hw
		}
	}
	return false
}

// Masked reports whether TLSCORE_CPU switched the named feature off.
func Masked(name Feature) bool { return Hardware(name) && !Has(name) }

// Enabled returns the names of the usable features of this architecture,
// sorted.
func Enabled() []string {
	var out []string
	for _, f := range features {
		if *f.v {
			out = append(out, string(f.name))
		}
	}
	sort.Strings(out)
	return out
}

// Disabled returns the features the hardware has but TLSCORE_CPU switched off.
func Disabled() []string {
	var out []string
	for _, f := range features {
		if f.hw && !*f.v {
			out = append(out, string(f.name))
		}
	}
	sort.Strings(out)
	return out
}

// Arch is runtime.GOARCH, for symmetry with the feature names.
const Arch = runtime.GOARCH
