package alias

import "testing"

func TestOverlap(t *testing.T) {
	b := make([]byte, 32)
	for _, c := range []struct {
		x, y         []byte
		any, inexact bool
	}{
		{b[:16], b[16:], false, false},
		{b[:16], b[:16], true, false},
		{b[:16], b[:8], true, false},
		{b[:16], b[15:], true, true},
		{b[1:16], b[:16], true, true},
		{b[:0], b, false, false},
		{nil, b, false, false},
		{b[:16], make([]byte, 16), false, false},
	} {
		if got := AnyOverlap(c.x, c.y); got != c.any {
			t.Errorf("AnyOverlap(%p+%d, %p+%d) = %v", c.x, len(c.x), c.y, len(c.y), got)
		}
		if got := InexactOverlap(c.x, c.y); got != c.inexact {
			t.Errorf("InexactOverlap(%p+%d, %p+%d) = %v", c.x, len(c.x), c.y, len(c.y), got)
		}
	}
}

func TestSliceForAppend(t *testing.T) {
	in := make([]byte, 3, 10)
	head, tail := SliceForAppend(in, 5)
	if len(head) != 8 || len(tail) != 5 || &head[0] != &in[0] || &tail[0] != &head[3] {
		t.Error("did not reuse capacity")
	}
	in = []byte{1, 2, 3}
	head, tail = SliceForAppend(in, 5)
	if len(head) != 8 || len(tail) != 5 || &head[0] == &in[0] || head[2] != 3 {
		t.Error("bad reallocation")
	}
}
