package jsonv

import (
	"math"
	"strconv"
	"unicode/utf8"
)

// Marshal writes v as plain JSON, the way JSON.stringify would see it in the browser:
// a Date becomes its ISO-8601 string (null when invalid), a Func or Undefined becomes
// null in an array and is left out of an object, NaN and ±Infinity become null.
func Marshal(v any) string {
	return string(appendValue(nil, v, false))
}

// MarshalTagged writes v as JSON that keeps Date, Func and Undefined as the tags Parse
// reads back, for state the glue stores and returns later.
func MarshalTagged(v any) string {
	return string(appendValue(nil, v, true))
}

func appendValue(dst []byte, v any, tagged bool) []byte {
	switch t := v.(type) {
	case nil:
		return append(dst, "null"...)
	case bool:
		return strconv.AppendBool(dst, t)
	case float64:
		return AppendNumber(dst, t)
	case string:
		return AppendString(dst, t)
	case []any:
		dst = append(dst, '[')
		for i, x := range t {
			if i > 0 {
				dst = append(dst, ',')
			}
			dst = appendValue(dst, x, tagged)
		}
		return append(dst, ']')
	case *Object:
		if t == nil {
			return append(dst, "null"...)
		}
		dst = append(dst, '{')
		first := true
		for _, k := range t.keys {
			x := t.values[k]
			if !tagged && omitted(x) {
				continue
			}
			if !first {
				dst = append(dst, ',')
			}
			first = false
			dst = AppendString(dst, k)
			dst = append(dst, ':')
			dst = appendValue(dst, x, tagged)
		}
		return append(dst, '}')
	case Date:
		if tagged {
			dst = append(dst, `{"\u0000date":`...)
			if t.Valid {
				dst = AppendNumber(dst, t.Ms)
			} else {
				dst = append(dst, "null"...)
			}
			return append(dst, '}')
		}
		if !t.Valid || math.IsNaN(t.Ms) || math.IsInf(t.Ms, 0) {
			return append(dst, "null"...)
		}
		return AppendString(dst, FormatISO(t.Ms))
	case Func:
		if tagged {
			return append(dst, `{"\u0000fn":1}`...)
		}
		return append(dst, "null"...)
	case Undefined:
		if tagged {
			return append(dst, `{"\u0000undef":1}`...)
		}
		return append(dst, "null"...)
	}
	return append(dst, "null"...)
}

// omitted reports whether JSON.stringify leaves a property with this value out.
func omitted(v any) bool {
	switch v.(type) {
	case Func, Undefined:
		return true
	}
	return false
}

// AppendNumber writes f as JavaScript's Number#toString would (NaN and ±Infinity as
// null, as JSON.stringify does).
func AppendNumber(dst []byte, f float64) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return append(dst, "null"...)
	}
	if f == 0 {
		return append(dst, '0') // -0 too, as JSON.stringify writes it
	}
	abs := math.Abs(f)
	if abs >= 1e-6 && abs < 1e21 {
		return strconv.AppendFloat(dst, f, 'f', -1, 64)
	}
	// Exponential form: Go writes "1e+21" and "1.5e-07"; JavaScript writes "1e+21"
	// and "1.5e-7", so drop the exponent's leading zeros.
	start := len(dst)
	dst = strconv.AppendFloat(dst, f, 'e', -1, 64)
	for i := start; i < len(dst); i++ {
		if dst[i] == 'e' {
			j := i + 2 // after the sign
			k := j
			for k < len(dst)-1 && dst[k] == '0' {
				k++
			}
			dst = append(dst[:j], dst[k:]...)
			break
		}
	}
	return dst
}

const hexDigits = "0123456789abcdef"

// AppendString writes s as a JSON string literal, escaping as JSON.stringify does.
func AppendString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c == '"' || c == '\\':
				dst = append(dst, '\\', c)
			case c == '\n':
				dst = append(dst, '\\', 'n')
			case c == '\r':
				dst = append(dst, '\\', 'r')
			case c == '\t':
				dst = append(dst, '\\', 't')
			case c == '\b':
				dst = append(dst, '\\', 'b')
			case c == '\f':
				dst = append(dst, '\\', 'f')
			case c < 0x20:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
			default:
				dst = append(dst, c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			dst = utf8.AppendRune(dst, utf8.RuneError) // invalid UTF-8 cannot reach JavaScript as is
		} else {
			dst = append(dst, s[i:i+size]...)
		}
		i += size
	}
	return append(dst, '"')
}

// FormatISO writes milliseconds since the epoch as Date#toISOString does
// ("2009-02-13T23:31:30.000Z"; years outside 0-9999 as "+012345" / "-000001").
func FormatISO(ms float64) string {
	total := int64(math.Floor(ms))
	days := floorDiv(total, 86400000)
	msOfDay := total - days*86400000
	year, month, day := CivilFromDays(days)
	var b []byte
	switch {
	case year < 0:
		b = append(b, '-')
		b = appendPadded(b, -year, 6)
	case year > 9999:
		b = append(b, '+')
		b = appendPadded(b, year, 6)
	default:
		b = appendPadded(b, year, 4)
	}
	b = append(b, '-')
	b = appendPadded(b, int64(month), 2)
	b = append(b, '-')
	b = appendPadded(b, int64(day), 2)
	b = append(b, 'T')
	b = appendPadded(b, msOfDay/3600000, 2)
	b = append(b, ':')
	b = appendPadded(b, msOfDay/60000%60, 2)
	b = append(b, ':')
	b = appendPadded(b, msOfDay/1000%60, 2)
	b = append(b, '.')
	b = appendPadded(b, msOfDay%1000, 3)
	return string(append(b, 'Z'))
}

func appendPadded(dst []byte, n int64, width int) []byte {
	s := strconv.FormatInt(n, 10)
	for i := len(s); i < width; i++ {
		dst = append(dst, '0')
	}
	return append(dst, s...)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// CivilFromDays converts days since 1970-01-01 to a proleptic Gregorian date, without
// the time package (whose zone tables would grow the WebAssembly module).
func CivilFromDays(days int64) (year int64, month, day int) {
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return y, int(m), int(d)
}

// DaysFromCivil converts a proleptic Gregorian date to days since 1970-01-01; month
// and day may be out of range and roll over, as in Date.UTC.
func DaysFromCivil(year int64, month, day int64) int64 {
	// Normalise the month first so Date.UTC-style overflow works.
	year += floorDiv(month-1, 12)
	month = month - 1 - floorDiv(month-1, 12)*12 + 1
	if month <= 2 {
		year--
	}
	era := floorDiv(year, 400)
	yoe := year - era*400
	mp := (month + 9) % 12
	doy := (153*mp+2)/5 + day - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}
