package analytics

import "testing"

// TestIsIntegration checks the key test against what JavaScript's toLowerCase gives.
func TestIsIntegration(t *testing.T) {
	tests := []struct {
		key  string
		want bool
	}{
		{"Ramen", true}, {"ramen", true}, {"RAMEN", true}, {"rAmEn", true},
		{"All", true}, {"all", true}, {"ALL", true},
		{"Ramens", false}, {"Rame", false}, {"", false}, {"Segment.io", false},
		{"Ramén", false}, // "ramén" in JavaScript too
		{"ＡＬＬ", false},   // full-width letters lower-case to full-width letters
		{"ſall", false},  // U+017F folds to "s" but does not lower-case to it
		{"AL\u212a", false},
	}
	for _, tt := range tests {
		if got := isIntegration(tt.key); got != tt.want {
			t.Errorf("isIntegration(%q) = %v, want %v", tt.key, got, tt.want)
		}
	}
}
