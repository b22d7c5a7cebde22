package main

import (
	"math"
	"testing"
)

func TestSeries(t *testing.T) {
	tests := []struct {
		in            Series
		med, min, max float64
		formatted     string
	}{
		{Series{3, 1, 2}, 2, 1, 3, "2.0 (1.0–3.0)"},
		{Series{4, 1, 3, 2}, 2.5, 1, 4, "2.5 (1.0–4.0)"},
		{Series{7}, 7, 7, 7, "7.0"},
	}
	for _, tt := range tests {
		if tt.in.Median() != tt.med || tt.in.Min() != tt.min || tt.in.Max() != tt.max {
			t.Errorf("%v: median %v min %v max %v, want %v %v %v", tt.in, tt.in.Median(), tt.in.Min(), tt.in.Max(), tt.med, tt.min, tt.max)
		}
		if got := tt.in.Format(1); got != tt.formatted {
			t.Errorf("%v: Format = %q, want %q", tt.in, got, tt.formatted)
		}
	}
	var empty Series
	if !math.IsNaN(empty.Median()) || empty.Format(1) != "n/a" {
		t.Errorf("empty series: median %v, format %q", empty.Median(), empty.Format(1))
	}
}
