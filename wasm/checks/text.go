package checks

import "unicode/utf8"

// The string helpers the checks need, written out because package strings links
// Unicode tables into the WebAssembly module. Each matches the strings function it
// replaces exactly (text_test.go compares them).

// blankString reports whether s is empty or only white space: strings.TrimSpace(s) == "".
func blankString(s string) bool {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !isSpace(r) {
			return false
		}
		i += n
	}
	return true
}

// isSpace is unicode.IsSpace: Latin-1 white space, then Unicode's White_Space property.
func isSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0x85, 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// containsAnyByte reports whether s contains any byte of set (ASCII only, where it is
// strings.ContainsAny: no byte of a multi-byte UTF-8 sequence is ASCII).
func containsAnyByte(s, set string) bool {
	for i := 0; i < len(s); i++ {
		for j := 0; j < len(set); j++ {
			if s[i] == set[j] {
				return true
			}
		}
	}
	return false
}

// indexByte is strings.IndexByte.
func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// lastIndexByte is strings.LastIndexByte.
func lastIndexByte(s string, c byte) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == c {
			return i
		}
	}
	return -1
}

// containsDoubleDot is strings.Contains(s, "..").
func containsDoubleDot(s string) bool {
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '.' && s[i+1] == '.' {
			return true
		}
	}
	return false
}
