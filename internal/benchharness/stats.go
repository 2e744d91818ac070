package benchharness

import (
	"math"
	"slices"
)

// SpreadLimit is the spread above which a row is flagged as noisy: its
// rounds disagree by more than 10% of the median.
const SpreadLimit = 0.10

// Stats summarizes the per-round times of one row.
type Stats struct {
	Median float64 `json:"median_ns"` // ns/op
	Min    float64 `json:"min_ns"`
	Max    float64 `json:"max_ns"`
	// Spread is (Max-Min)/Median: the whole range of the rounds relative to
	// the reported value.
	Spread  float64 `json:"spread"`
	Flagged bool    `json:"flagged"` // Spread > SpreadLimit
}

// Summarize computes the median, range and spread of ns/op samples. It
// returns the zero Stats for no samples.
func Summarize(samples []float64) Stats {
	if len(samples) == 0 {
		return Stats{}
	}
	s := slices.Clone(samples)
	slices.Sort(s)
	var med float64
	if n := len(s); n%2 == 1 {
		med = s[n/2]
	} else {
		med = (s[n/2-1] + s[n/2]) / 2
	}
	st := Stats{Median: med, Min: s[0], Max: s[len(s)-1]}
	if med > 0 {
		st.Spread = (st.Max - st.Min) / med
	}
	st.Flagged = st.Spread > SpreadLimit
	return st
}

// GeoMean returns the geometric mean of positive values, or 0 if there are
// none.
func GeoMean(vs []float64) float64 {
	var sum float64
	n := 0
	for _, v := range vs {
		if v > 0 {
			sum += math.Log(v)
			n++
		}
	}
	if n == 0 {
		return 0
	}
	return math.Exp(sum / float64(n))
}
