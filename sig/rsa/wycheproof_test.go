package rsa

import (
	"io/fs"

	"github.com/c2sp/wycheproof"
)

func wycheproofDir() ([]string, error) {
	es, err := fs.ReadDir(wycheproof.TestVectors, ".")
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names, err
}
