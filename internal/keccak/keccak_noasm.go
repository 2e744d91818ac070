//go:build !((amd64 || arm64) && gc && !purego)

package keccak

func archLookup(name string) (kind, bool) { return 0, false }

func permuteX4Arch(k kind, s *StateX4) { permuteX4Generic(s) }

func permuteX8Arch(k kind, s *StateX8) { permuteX8Generic(s) }
