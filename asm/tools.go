//go:build tools

package asm

import _ "github.com/mmcloughlin/avo/build"
