package main

import (
	"fmt"
	"math"
	"sort"
)

// Series is one figure measured several times.
type Series []float64

// Median returns the middle value (the mean of the two middle values for an
// even count), or NaN for no values.
func (s Series) Median() float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	v := append(Series(nil), s...)
	sort.Float64s(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}

// Min returns the smallest value, or NaN for no values.
func (s Series) Min() float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	m := s[0]
	for _, x := range s[1:] {
		m = math.Min(m, x)
	}
	return m
}

// Max returns the largest value, or NaN for no values.
func (s Series) Max() float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	m := s[0]
	for _, x := range s[1:] {
		m = math.Max(m, x)
	}
	return m
}

// Format writes "median (min–max)" with the given number of decimals, or
// "n/a" when nothing was measured.
func (s Series) Format(decimals int) string {
	if len(s) == 0 {
		return "n/a"
	}
	if len(s) == 1 {
		return fmt.Sprintf("%.*f", decimals, s[0])
	}
	return fmt.Sprintf("%.*f (%.*f–%.*f)", decimals, s.Median(), decimals, s.Min(), decimals, s.Max())
}
