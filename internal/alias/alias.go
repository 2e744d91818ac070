// Package alias holds the buffer rules of the crypto/cipher.AEAD contract
// that every tlscore AEAD and the record layer share: appending to dst and
// the overlap checks.
package alias

import "unsafe"

// SliceForAppend extends in by n bytes, reusing its capacity if it can,
// and returns the whole slice and the n new bytes.
func SliceForAppend(in []byte, n int) (head, tail []byte) {
	if total := len(in) + n; cap(in) >= total {
		head = in[:total]
	} else {
		head = make([]byte, total)
		copy(head, in)
	}
	tail = head[len(in):]
	return
}

// AnyOverlap reports whether x and y share memory at any (not necessarily
// corresponding) index. Empty slices overlap nothing.
func AnyOverlap(x, y []byte) bool {
	return len(x) > 0 && len(y) > 0 &&
		uintptr(unsafe.Pointer(&x[0])) <= uintptr(unsafe.Pointer(&y[len(y)-1])) &&
		uintptr(unsafe.Pointer(&y[0])) <= uintptr(unsafe.Pointer(&x[len(x)-1]))
}

// InexactOverlap reports whether x and y share memory at some index other
// than the corresponding one: in place (the same start) is allowed, a
// shifted overlap is not.
func InexactOverlap(x, y []byte) bool {
	if len(x) == 0 || len(y) == 0 || &x[0] == &y[0] {
		return false
	}
	return AnyOverlap(x, y)
}
