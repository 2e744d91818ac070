//go:build (amd64 || arm64) && gc && !purego

package edwards25519

func fe64Chain(v, a *Fe64, steps []chainStep) {
	var r [chainSlots]Fe64
	r[0] = *a
	for _, s := range steps {
		if s.n > 0 {
			Fe64Sqr(&r[s.dst], &r[s.x], int(s.n))
		} else {
			Fe64Mul(&r[s.dst], &r[s.x], &r[s.y])
		}
	}
	*v = r[chainResult]
}

// Fe64Pow22523 sets v = a^((p-5)/8).
func Fe64Pow22523(v, a *Fe64) { fe64Chain(v, a, pow22523Steps) }
