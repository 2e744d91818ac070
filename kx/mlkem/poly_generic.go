package mlkem

// Generic (portable Go) polynomial kernels. They are the reference every
// assembly kernel is tested and fuzzed against and the implementation
// "generic" runs. All execute in constant time: loop bounds and indices
// depend only on public sizes.

// nttGeneric replaces p by its NTT (FIPS 203 Algorithm 9), output in the
// bit-reversed pair order of FIPS 203, scaled by nothing. Input
// coefficients must satisfy |x| < q; outputs are Barrett-reduced,
// |x| <= (q-1)/2. Each of the 7 layers adds at most q to the bound, so
// intermediate values stay below 8q < 2^15.
func nttGeneric(p *poly) {
	k := 1
	for l := 128; l >= 2; l >>= 1 {
		for start := 0; start < n; start += 2 * l {
			zeta := zetas[k]
			k++
			for j := start; j < start+l; j++ {
				t := fqmul(zeta, p[j+l])
				p[j+l] = p[j] - t
				p[j] = p[j] + t
			}
		}
	}
	for i := range p {
		p[i] = barrettReduce(p[i])
	}
}

// invNTTGeneric replaces p by R times its inverse NTT (FIPS 203 Algorithm
// 10 times R mod q). Input coefficients must satisfy |x| < 8q (so a sum of
// up to four base products may go in unreduced); outputs satisfy |x| < q.
// The sums are Barrett-reduced in each layer, the differences are
// Montgomery-multiplied, so no value exceeds 2^15 in magnitude.
func invNTTGeneric(p *poly) {
	for i := range p {
		p[i] = barrettReduce(p[i])
	}
	k := 127
	for l := 2; l <= 128; l <<= 1 {
		for start := 0; start < n; start += 2 * l {
			zeta := zetas[k]
			k--
			for j := start; j < start+l; j++ {
				t := p[j]
				p[j] = barrettReduce(t + p[j+l])
				p[j+l] = fqmul(zeta, p[j+l]-t)
			}
		}
	}
	for i := range p {
		p[i] = fqmul(p[i], invNTTScale)
	}
}

// basemulAccGeneric sets r += a∘b*R^-1 (FIPS 203 Algorithm 11, one
// Montgomery factor R^-1 per product), coefficient pair by coefficient pair.
// Inputs need |a|, |b| < q (one of them <= q/2 is not required); each call
// adds less than 2q in magnitude to every coefficient of r, so up to four
// calls may accumulate into a zeroed r (8q < 2^15).
func basemulAccGeneric(r, a, b *poly) {
	for i := 0; i < n/4; i++ {
		zeta := zetas[64+i]
		basemulPair(r[4*i:4*i+2], a[4*i:4*i+2], b[4*i:4*i+2], zeta)
		basemulPair(r[4*i+2:4*i+4], a[4*i+2:4*i+4], b[4*i+2:4*i+4], -zeta)
	}
}

// basemulPair adds (a0 + a1X)(b0 + b1X) mod (X^2 - zeta), times R^-1, to r.
func basemulPair(r, a, b []int16, zeta int16) {
	r0 := fqmul(fqmul(a[1], b[1]), zeta) + fqmul(a[0], b[0])
	r1 := fqmul(a[0], b[1]) + fqmul(a[1], b[0])
	r[0] += r0
	r[1] += r1
}

// reduceGeneric Barrett-reduces every coefficient of p into
// [-(q-1)/2, (q-1)/2].
func reduceGeneric(p *poly) {
	for i := range p {
		p[i] = barrettReduce(p[i])
	}
}

// toMont multiplies every coefficient by R (so that a following Montgomery
// product's R^-1 cancels), output |x| < q.
func toMont(p *poly) {
	for i := range p {
		p[i] = fqmul(p[i], mont2)
	}
}

// polyAdd sets r = a + b without reduction.
func polyAdd(r, a, b *poly) {
	for i := range r {
		r[i] = a[i] + b[i]
	}
}

// polySub sets r = a - b without reduction.
func polySub(r, a, b *poly) {
	for i := range r {
		r[i] = a[i] - b[i]
	}
}
