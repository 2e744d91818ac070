//go:build !amd64 || !gc || purego

package p256

// Point arithmetic has assembly only on amd64: every other build (arm64,
// whose assembly is the field multiplication, and the builds without
// assembly) runs the Go point code, and these report that.

func jdoubleAsm(Impl, *jacPoint, *jacPoint, int) bool    { return false }
func jaddAsm(Impl, *jacPoint, *jacPoint, *jacPoint) bool { return false }

func addAffineAsm(Impl, *point, *point, *affinePoint) bool                     { return false }
func selectAffineAsm(Impl, *affinePoint, *[baseTable]affinePoint, uint64) bool { return false }
func selectJacAsm(Impl, *jacPoint, *[varTable]jacPoint, uint64) bool           { return false }

func montSqrNAsm(Impl, *elem, *elem, int, *modulus) bool { return false }

func jaddAffineAsm(Impl, *jacPoint, *jacPoint, *affinePoint) bool { return false }

func baseStepAsm(Impl, *jacPoint, *affinePoint, uint64, uint64) (uint64, bool) { return 0, false }

func varStepAsm(Impl, *jacPoint, *jacPoint, uint64) bool { return false }

func baseStepSelAsm(Impl, *jacPoint, *affinePoint, uint64, uint64, *[baseTable]affinePoint, uint64) (uint64, bool) {
	return 0, false
}
