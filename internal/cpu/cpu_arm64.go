//go:build arm64

package cpu

import "golang.org/x/sys/cpu"

func detect() {
	a := cpu.ARM64
	ARM64HasAES = a.HasAES
	ARM64HasPMULL = a.HasPMULL
	ARM64HasSHA2 = a.HasSHA2
	ARM64HasSHA3 = a.HasSHA3
	ARM64HasASIMD = a.HasASIMD
	register("arm64", "aes", &ARM64HasAES)
	register("arm64", "pmull", &ARM64HasPMULL)
	register("arm64", "sha2", &ARM64HasSHA2)
	register("arm64", SHA3, &ARM64HasSHA3)
	register("arm64", "asimd", &ARM64HasASIMD)
}
