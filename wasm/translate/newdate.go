package translate

import (
	"math"
	"strconv"
	"unicode/utf8"

	"ramendest/wasm/jsonv"
)

// secondsLimit separates seconds from milliseconds in the new-date package: a number
// below it (a year after the epoch, in milliseconds) is read as seconds.
const secondsLimit = 31557600000

// newDate reproduces the new-date package the facade used for created times: Dates
// stay, numbers below secondsLimit are seconds, ISO-like strings (loose form) go
// through isodate, strings holding 13 digits in a row are milliseconds and 10 digits in
// a row seconds (read with parseInt), and anything else goes to JavaScript's Date
// constructor, which only parseDate can imitate (nil: an invalid date).
func newDate(v any, tzOffsetMinutes float64, parseDate func(string) (float64, bool)) jsonv.Date {
	switch t := v.(type) {
	case jsonv.Date:
		return t
	case float64:
		if t < secondsLimit {
			t *= 1000
		}
		return timeClip(t)
	}
	s := jsToString(v)
	if m, ok := matchISO(s); ok {
		return parseISO(m, tzOffsetMinutes)
	}
	switch run := longestDigitRun(s); {
	case run >= 13:
		return timeClip(parseInt(s))
	case run >= 10:
		return timeClip(parseInt(s) * 1000)
	}
	// new Date(value): booleans become numbers; objects, arrays and strings are parsed
	// as strings, which only the browser's Date.parse can do faithfully.
	switch t := v.(type) {
	case bool:
		if t {
			return timeClip(1)
		}
		return timeClip(0)
	case string, []any:
		if parseDate != nil {
			if ms, ok := parseDate(s); ok {
				return timeClip(ms)
			}
		}
	}
	return jsonv.Date{}
}

func longestDigitRun(s string) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] >= '0' && s[i] <= '9' {
			run++
			if run > best {
				best = run
			}
		} else {
			run = 0
		}
	}
	return best
}

// parseInt is JavaScript's parseInt(s, 10): leading white space, a sign, then as many
// decimal digits as there are; NaN when there are none.
func parseInt(s string) float64 {
	i := 0
	for i < len(s) {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !isJSSpace(r) {
			break
		}
		i += size
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	start := i
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == start {
		return math.NaN()
	}
	f, _ := strconv.ParseFloat(s[start:i], 64) // out of range gives ±Inf, as in JavaScript
	if neg {
		f = -f
	}
	return f
}
