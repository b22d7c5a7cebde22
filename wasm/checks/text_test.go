package checks

import (
	"strings"
	"testing"
	"unicode"
)

func TestIsSpaceMatchesUnicode(t *testing.T) {
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if isSpace(r) != unicode.IsSpace(r) {
			t.Fatalf("isSpace(%U) = %v, unicode.IsSpace says %v", r, isSpace(r), unicode.IsSpace(r))
		}
	}
}

func TestTextHelpersMatchStrings(t *testing.T) {
	inputs := []string{"", " ", "\t\n", "a", " a ", "\u00a0", "\u3000x", "\xff", "a@b.c", "a@@b", "@", "x..y", ".", "..",
		"a b@c.d", "é@ü.de", "<a>@b.c", "a,b;c", "\u2009\u2028", "ab\u0085"}
	for _, s := range inputs {
		if got, want := blankString(s), strings.TrimSpace(s) == ""; got != want {
			t.Errorf("blankString(%q) = %v, want %v", s, got, want)
		}
		if got, want := containsAnyByte(s, " \t\r\n<>,;"), strings.ContainsAny(s, " \t\r\n<>,;"); got != want {
			t.Errorf("containsAnyByte(%q) = %v, want %v", s, got, want)
		}
		for _, c := range []byte{'@', '.'} {
			if got, want := indexByte(s, c), strings.IndexByte(s, c); got != want {
				t.Errorf("indexByte(%q, %q) = %d, want %d", s, c, got, want)
			}
			if got, want := lastIndexByte(s, c), strings.LastIndexByte(s, c); got != want {
				t.Errorf("lastIndexByte(%q, %q) = %d, want %d", s, c, got, want)
			}
		}
		if got, want := containsDoubleDot(s), strings.Contains(s, ".."); got != want {
			t.Errorf("containsDoubleDot(%q) = %v, want %v", s, got, want)
		}
	}
}
