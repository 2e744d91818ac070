//go:build !(amd64 && gc && !purego)

package keccak

func archLookup(name string) (kind, bool) { return 0, false }

func permuteX4Arch(k kind, s *StateX4) { permuteX4Generic(s) }
