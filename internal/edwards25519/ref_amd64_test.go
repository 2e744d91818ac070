//go:build amd64 && gc && !purego

package edwards25519

// The Go references of the amd64 point kernels that production code never
// calls (it runs the assembly; the references are not fallbacks): the
// tests compare the assembly with them.

// window8Generic is the Go reference of window8IFMA, lane by lane with
// the radix-2^51 point operations of point.go (the results are equal mod p,
// not limb for limb).
func window8Generic(p *[3]Fe8, a *[4]Fe8, b *[3]Fe8) {
	for l := range 8 {
		r := P2{Fe8Lane(&p[0], l), Fe8Lane(&p[1], l), Fe8Lane(&p[2], l)}
		var c P1P1
		var e ExtPoint
		for range 4 {
			DoubleP2(&c, &r)
			r.FromP1P1(&c)
		}
		e.FromP1P1(&c)
		ca := Cached{Fe8Lane(&a[0], l), Fe8Lane(&a[1], l), Fe8Lane(&a[2], l), Fe8Lane(&a[3], l)}
		AddCached(&c, &e, &ca, false)
		e.FromP1P1(&c)
		nb := Niels{Fe8Lane(&b[0], l), Fe8Lane(&b[1], l), Fe8Lane(&b[2], l)}
		AddAffine(&c, &e, &nb, false)
		r.FromP1P1(&c)
		SetFe8Lane(&p[0], l, &r.X)
		SetFe8Lane(&p[1], l, &r.Y)
		SetFe8Lane(&p[2], l, &r.Z)
	}
}

// verify4Generic is the Go reference of verify4IFMA: the same loop with the
// radix-2^51 point operations of point.go (results equal mod p).
func verify4Generic(s *[5][4]uint64, tabA *[17 * 20]uint64, tabB *[129 * 20]uint64, offA, offB *[256]uint64, n int) {
	var p ExtPoint
	p.fromLanes(s)
	var half Fe
	FeInvertFermat(&half, &Fe{2})
	entry := func(t []uint64) Cached {
		var c Cached
		for r := range 5 {
			c.YminusX[r], c.YplusX[r], c.T2d[r], c.Z[r] = t[4*r], t[4*r+1], t[4*r+2], t[4*r+3]
		}
		FeMul(&c.Z, &c.Z, &half) // the entry holds 2Z
		return c
	}
	for j := range n {
		var c P1P1
		p2 := P2{p.X, p.Y, p.Z}
		DoubleP2(&c, &p2)
		p.FromP1P1(&c)
		for _, a := range []struct {
			tab []uint64
			off uint64
		}{{tabA[:], offA[j]}, {tabB[:], offB[j]}} {
			if a.off != 0 {
				e := entry(a.tab[a.off/8:])
				AddCached(&c, &p, &e, false)
				p.FromP1P1(&c)
			}
		}
	}
	for i := range 5 {
		s[i] = [4]uint64{p.X[i], p.Y[i], p.T[i], p.Z[i]}
	}
}

// table4Generic is the Go reference of table4IFMA, with OddMultiples.
func table4Generic(tab *[17 * 20]uint64, a *ExtPoint) {
	var c [8]Cached
	OddMultiples(c[:], a)
	for i := range c {
		var z2, neg Fe
		FeAdd(&z2, &c[i].Z, &c[i].Z)
		FeNeg(&neg, &c[i].T2d)
		PutEntry4(tab[(1+i)*20:], &c[i].YplusX, &c[i].YminusX, &c[i].T2d, &z2)
		PutEntry4(tab[(9+i)*20:], &c[i].YminusX, &c[i].YplusX, &neg, &z2)
	}
}
