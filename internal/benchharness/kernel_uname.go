//go:build linux || darwin || freebsd || netbsd || openbsd

package benchharness

import "golang.org/x/sys/unix"

// kernel returns what uname -srm prints.
func kernel() string {
	var u unix.Utsname
	if unix.Uname(&u) != nil {
		return ""
	}
	return unix.ByteSliceToString(u.Sysname[:]) + " " + unix.ByteSliceToString(u.Release[:]) + " " + unix.ByteSliceToString(u.Machine[:])
}
