package translate

import (
	"math"
	"strconv"

	"ramendest/wasm/jsonv"
)

// This file reproduces the isodate package analytics.js used to recognise and read
// ISO-8601 strings, without regexp or time (both would grow the WebAssembly module).
// Its pattern is
//
//	^(\d{4})(?:-?(\d{2})(?:-?(\d{2}))?)?(?:([ T])(\d{2}):?(\d{2})(?::?(\d{2})
//	(?:[,\.](\d{1,}))?)?(?:(Z)|([+\-])(\d{2})(?::?(\d{2}))?)?)?$
//
// Every optional part of it is decided by the next character alone, so a greedy scan
// gives the same answer and the same captures as the backtracking matcher.

// isoParts are the pattern's captures; an empty string is an absent group.
type isoParts struct {
	year, month, day, sep, hour, minute, second, fraction, zulu, sign, tzHour, tzMinute string
}

type scanner struct {
	s string
	i int
}

func (p *scanner) digits(n int) (string, bool) {
	if len(p.s)-p.i < n {
		return "", false
	}
	for j := p.i; j < p.i+n; j++ {
		if p.s[j] < '0' || p.s[j] > '9' {
			return "", false
		}
	}
	p.i += n
	return p.s[p.i-n : p.i], true
}

func (p *scanner) optional(c byte) {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
	}
}

// twoDigits reads the pattern's `<c>?\d{2}` groups: all or nothing.
func (p *scanner) twoDigits(c byte) string {
	save := p.i
	p.optional(c)
	if d, ok := p.digits(2); ok {
		return d
	}
	p.i = save
	return ""
}

// matchISO runs the isodate pattern over s.
func matchISO(s string) (isoParts, bool) {
	var m isoParts
	p := &scanner{s: s}
	var ok bool
	if m.year, ok = p.digits(4); !ok {
		return m, false
	}
	if m.month = p.twoDigits('-'); m.month != "" {
		m.day = p.twoDigits('-')
	}
	if p.i < len(s) && (s[p.i] == ' ' || s[p.i] == 'T') {
		m.sep = s[p.i : p.i+1]
		p.i++
		if m.hour, ok = p.digits(2); !ok {
			return m, false
		}
		p.optional(':')
		if m.minute, ok = p.digits(2); !ok {
			return m, false
		}
		if m.second = p.twoDigits(':'); m.second != "" {
			if p.i < len(s) && (s[p.i] == ',' || s[p.i] == '.') {
				start := p.i + 1
				end := start
				for end < len(s) && s[end] >= '0' && s[end] <= '9' {
					end++
				}
				if end > start {
					m.fraction = s[start:end]
					p.i = end
				}
			}
		}
		if p.i < len(s) {
			switch s[p.i] {
			case 'Z':
				m.zulu = "Z"
				p.i++
			case '+', '-':
				save := p.i
				m.sign = s[p.i : p.i+1]
				p.i++
				if m.tzHour, ok = p.digits(2); ok {
					m.tzMinute = p.twoDigits(':')
				} else {
					m.sign, p.i = "", save
				}
			}
		}
	}
	return m, p.i == len(s)
}

// isISODate is isodate.is(s, strict): strict mode also wants "YYYY-MM-DD" at the start.
func isISODate(s string, strict bool) bool {
	if strict {
		if len(s) < 10 || s[4] != '-' || s[7] != '-' {
			return false
		}
		for _, i := range []int{0, 1, 2, 3, 5, 6, 8, 9} {
			if s[i] < '0' || s[i] > '9' {
				return false
			}
		}
	}
	_, ok := matchISO(s)
	return ok
}

// atoiOr0 is `parseInt(x, 10) || 0` for a capture made only of digits.
func atoiOr0(s string) float64 {
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0
	}
	return float64(n)
}

// parseISO is isodate.parse for a string matchISO accepted: the components go through
// Date.UTC. A space separator means local time: tzOffsetMinutes is the page's current
// getTimezoneOffset(), which is what the reference applied (even over an explicit zone).
func parseISO(m isoParts, tzOffsetMinutes float64) jsonv.Date {
	month := atoiOr0(m.month)
	if month == 0 {
		month = 1
	}
	day := atoiOr0(m.day)
	if day == 0 {
		day = 1
	}
	ms := 0.0
	if m.fraction != "" {
		ms = atoiOr0((m.fraction + "00")[:3])
	}
	offset := 0.0
	switch {
	case m.sep == " ":
		offset = tzOffsetMinutes
	case m.zulu == "" && m.sign != "":
		offset = atoiOr0(m.tzHour)*60 + atoiOr0(m.tzMinute)
		if m.sign == "+" {
			offset = -offset
		}
	}
	return dateUTC(atoiOr0(m.year), month-1, day, atoiOr0(m.hour), atoiOr0(m.minute)+offset, atoiOr0(m.second), ms)
}

// dateUTC is JavaScript's new Date(Date.UTC(...)) for integral arguments: years 0-99
// mean 1900-1999, and every field may overflow into the next.
func dateUTC(year, month0, day, hour, minute, second, ms float64) jsonv.Date {
	if year >= 0 && year <= 99 {
		year += 1900
	}
	y := int64(year) + int64(math.Floor(month0/12))
	mn := int64(month0) - int64(math.Floor(month0/12))*12
	days := float64(jsonv.DaysFromCivil(y, mn+1, 1)) + day - 1
	t := hour*3600000 + minute*60000 + second*1000 + ms
	return timeClip(days*86400000 + t)
}

// timeClip is what new Date(ms) keeps of a number: nothing beyond ±8.64e15 ms, and
// whole milliseconds only (truncated toward zero).
func timeClip(ms float64) jsonv.Date {
	if ms != ms || math.Abs(ms) > 8.64e15 {
		return jsonv.Date{}
	}
	return jsonv.Date{Ms: math.Trunc(ms) + 0, Valid: true}
}

// traverse returns a copy of v in which every string that passes the strict isodate
// test has become a Date, in objects and arrays at any depth, as the facade did to
// every message before an integration saw it.
func traverse(v any, tzOffsetMinutes float64) any {
	return jsonv.Map(v, func(leaf any) any {
		if s, ok := leaf.(string); ok && isISODate(s, true) {
			m, _ := matchISO(s)
			return parseISO(m, tzOffsetMinutes)
		}
		return leaf
	})
}
