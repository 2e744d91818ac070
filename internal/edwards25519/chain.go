package edwards25519

// The addition chains of Fermat inversion (a^(p-2)) and of square roots
// (a^((p-5)/8)), written once as data for every representation: each
// representation's runner (feChain, fe64Chain, fe8Chain) walks the steps
// with its own squaring and multiplication, direct calls on a local array
// of slots. The same operations run whatever a is (constant time).

// chainStep is dst = x^(2^n) for n > 0, or dst = x * y for n = 0, on slots
// 0 (a), 1 (a^2), 2 (a^9), 3 (a^11), 4 (a^(2^5-1)), 5 (a^(2^10-1)),
// 6 (a^(2^20-1)), 7 (a^(2^50-1)), 8 (a^(2^100-1)) and 9 (the running
// value, and the result).
type chainStep struct{ dst, x, y, n uint8 }

const chainSlots, chainResult = 10, 9

// powSteps compute slot 9 = a^(2^250-1): 249 squarings, 11 multiplications.
var powSteps = []chainStep{
	{1, 0, 0, 1},   // 2
	{9, 1, 0, 2},   // 8
	{2, 9, 0, 0},   // 9
	{3, 2, 1, 0},   // 11
	{9, 3, 0, 1},   // 22
	{4, 9, 2, 0},   // 2^5 - 1
	{9, 4, 0, 5},   // 2^10 - 2^5
	{5, 9, 4, 0},   // 2^10 - 1
	{9, 5, 0, 10},  // 2^20 - 2^10
	{6, 9, 5, 0},   // 2^20 - 1
	{9, 6, 0, 20},  // 2^40 - 2^20
	{9, 9, 6, 0},   // 2^40 - 1
	{9, 9, 0, 10},  // 2^50 - 2^10
	{7, 9, 5, 0},   // 2^50 - 1
	{9, 7, 0, 50},  // 2^100 - 2^50
	{8, 9, 7, 0},   // 2^100 - 1
	{9, 8, 0, 100}, // 2^200 - 2^100
	{9, 9, 8, 0},   // 2^200 - 1
	{9, 9, 0, 50},  // 2^250 - 2^50
	{9, 9, 7, 0},   // 2^250 - 1
}

// invertSteps compute a^(p-2) = a^(2^255-21).
var invertSteps = append(powSteps[:len(powSteps):len(powSteps)],
	chainStep{9, 9, 0, 5}, // 2^255 - 2^5
	chainStep{9, 9, 3, 0}, // 2^255 - 21
)

// pow22523Steps compute a^((p-5)/8) = a^(2^252-3).
var pow22523Steps = append(powSteps[:len(powSteps):len(powSteps)],
	chainStep{9, 9, 0, 2}, // 2^252 - 4
	chainStep{9, 9, 0, 0}, // 2^252 - 3
)

func feChain(v, a *Fe, steps []chainStep) {
	var r [chainSlots]Fe
	r[0] = *a
	for _, s := range steps {
		if s.n > 0 {
			FeSquareN(&r[s.dst], &r[s.x], int(s.n))
		} else {
			FeMul(&r[s.dst], &r[s.x], &r[s.y])
		}
	}
	*v = r[chainResult]
}

// FeInvertFermat sets v = 1/a (0 for a = 0) as a^(p-2), with 254
// squarings and 11 multiplications. It is the reference of FeInvert.
func FeInvertFermat(v, a *Fe) { feChain(v, a, invertSteps) }

// FePow22523 sets v = a^((p-5)/8), the exponentiation of square roots
// (RFC 8032 section 5.1.3).
func FePow22523(v, a *Fe) { feChain(v, a, pow22523Steps) }
