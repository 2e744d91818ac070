package cpu

import (
	"fmt"

	"github.com/klauspost/cpuid/v2"
)

// Identity describes the machine, for benchmark reports and for the
// choices that depend on the CPU model rather than on its feature bits.
type Identity struct {
	Vendor       string // "AMD", "Intel", "ARM", ...
	Brand        string // the CPU's brand string
	Family       int
	Model        int
	Stepping     int
	Microarch    string // "Zen 5", "Sapphire Rapids", ... or "unknown"
	LogicalCores int
	L1D, L2, L3  int // cache sizes in bytes; -1 if unknown
	CacheLine    int
	// AvoidZMM is true on Intel cores where 512-bit execution lowers the
	// clock (Skylake-SP through Ice Lake and Tiger Lake): there the
	// 256-bit paths win even though AVX-512 is usable.
	AvoidZMM bool
}

// Machine is the identity of the CPU this process runs on.
var Machine = readIdentity()

func readIdentity() Identity {
	c := cpuid.CPU
	id := Identity{
		Vendor:       c.VendorID.String(),
		Brand:        c.BrandName,
		Family:       c.Family,
		Model:        c.Model,
		Stepping:     c.Stepping,
		LogicalCores: c.LogicalCores,
		L1D:          c.Cache.L1D,
		L2:           c.Cache.L2,
		L3:           c.Cache.L3,
		CacheLine:    c.CacheLine,
	}
	switch c.VendorID {
	case cpuid.AMD, cpuid.Hygon:
		id.Vendor = "AMD"
		id.Microarch = amdMicroarch(c.Family, c.Model)
	case cpuid.Intel:
		id.Vendor = "Intel"
		id.Microarch, id.AvoidZMM = intelMicroarch(c.Family, c.Model)
	}
	if id.Vendor == "" || id.Vendor == "VendorUnknown" {
		id.Vendor = "unknown"
	}
	if id.Microarch == "" {
		id.Microarch = "unknown"
	}
	return id
}

// amdMicroarch names AMD cores by family and model (AMD's published
// processor programming references).
func amdMicroarch(family, model int) string {
	switch family {
	case 0x17:
		switch {
		case model < 0x30 && model != 0x08 && model != 0x18:
			return "Zen"
		case model == 0x08 || model == 0x18:
			return "Zen+"
		default:
			return "Zen 2"
		}
	case 0x19:
		switch {
		case model >= 0x10 && model <= 0x1f, model >= 0x60 && model <= 0x7f, model >= 0xa0 && model <= 0xaf:
			return "Zen 4"
		default:
			return "Zen 3"
		}
	case 0x1a:
		if model >= 0x50 && model <= 0x5f {
			return "Zen 6"
		}
		return "Zen 5"
	}
	return fmt.Sprintf("AMD family %#x", family)
}

// intelMicroarch names Intel family-6 cores and reports whether 512-bit
// execution should be avoided there (the list BoringSSL keeps in
// crypto/cpu_intel.cc, and Linux in aes-gcm-avx10-x86_64.S).
func intelMicroarch(family, model int) (name string, avoidZMM bool) {
	if family != 6 {
		return fmt.Sprintf("Intel family %d", family), false
	}
	switch model {
	case 0x3c, 0x3f, 0x45, 0x46:
		return "Haswell", false
	case 0x3d, 0x47, 0x4f, 0x56:
		return "Broadwell", false
	case 0x4e, 0x5e, 0x8e, 0x9e:
		return "Skylake (client)", false
	case 0x55:
		return "Skylake-SP / Cascade Lake", true
	case 0x66:
		return "Cannon Lake", true
	case 0x6a, 0x6c:
		return "Ice Lake-SP", true
	case 0x7d, 0x7e:
		return "Ice Lake", true
	case 0x8c, 0x8d:
		return "Tiger Lake", true
	case 0xa7:
		return "Rocket Lake", true
	case 0x97, 0x9a:
		return "Alder Lake", false
	case 0xb7, 0xba, 0xbf:
		return "Raptor Lake", false
	case 0x8f:
		return "Sapphire Rapids", false
	case 0xcf:
		return "Emerald Rapids", false
	case 0xad, 0xae:
		return "Granite Rapids", false
	case 0xaa, 0xac:
		return "Meteor Lake", false
	case 0xbd:
		return "Lunar Lake", false
	case 0xc5, 0xc6:
		return "Arrow Lake", false
	}
	return fmt.Sprintf("Intel model %#x", model), false
}

// Prefer512 reports whether the 512-bit (zmm) paths should be chosen
// automatically: AVX-512 usable and a core that does not downclock.
func Prefer512() bool {
	return X86HasAVX512F && X86HasAVX512BW && X86HasAVX512VL && !Machine.AvoidZMM
}
