package translate

import (
	"strings"
	"testing"
)

func TestJSTrimMatchesTrimFunc(t *testing.T) {
	for _, s := range []string{"", " ", "a", " a ", "\ufeff2020-01-01\u3000", "\u00a0\u2009x\u200a", "\xff ", " \xff", "a b", "\u0085x"} {
		if got, want := jsTrim(s), strings.TrimFunc(s, isJSSpace); got != want {
			t.Errorf("jsTrim(%q) = %q, want %q", s, got, want)
		}
	}
}
