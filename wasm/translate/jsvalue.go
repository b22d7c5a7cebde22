package translate

import (
	"math"
	"strconv"
	"unicode/utf8"

	"ramendest/wasm/jsonv"
)

// undefined is what a lookup that finds nothing yields, as JavaScript's undefined.
var undefined any = jsonv.Undefined{}

// isUndefined reports whether v stands for JavaScript's undefined.
func isUndefined(v any) bool {
	_, ok := v.(jsonv.Undefined)
	return ok
}

// isNullish reports v == null in JavaScript's loose sense (null or undefined).
func isNullish(v any) bool {
	return v == nil || isUndefined(v)
}

// isTypeofObject reports typeof v === "object": null, objects, arrays and Dates.
func isTypeofObject(v any) bool {
	switch v.(type) {
	case nil, *jsonv.Object, []any, jsonv.Date:
		return true
	}
	return false
}

// get reads key from v when v is an object; anything else has no keys.
func get(v any, key string) any {
	if o, ok := v.(*jsonv.Object); ok && o != nil {
		if x, ok := o.Get(key); ok {
			return x
		}
	}
	return undefined
}

// hasOwn reports v.hasOwnProperty(key) for the values the translator meets.
func hasOwn(v any, key string) bool {
	o, ok := v.(*jsonv.Object)
	if !ok || o == nil {
		return false
	}
	_, ok = o.Get(key)
	return ok
}

// jsTrim trims what JavaScript's \s matches (white space and line terminators), as
// String#trim and the /^\s*|\s*$/ trim the reference used do.
func jsTrim(s string) string {
	// strings.TrimFunc would do, but package strings links Unicode tables into the
	// WebAssembly module.
	start, end := 0, len(s)
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:end])
		if !isJSSpace(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !isJSSpace(r) {
			break
		}
		end -= n
	}
	return s[start:end]
}

func isJSSpace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', ' ', 0xa0, 0x1680, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000, 0xfeff:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// jsToString converts v to a string the way JavaScript's String(v) does, for the
// values a date field can hold.
func jsToString(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case jsonv.Undefined:
		return "undefined"
	case bool:
		if t {
			return "true"
		}
		return "false"
	case float64:
		return numberString(t)
	case string:
		return t
	case []any:
		var b []byte
		for i, x := range t {
			if i > 0 {
				b = append(b, ',')
			}
			if !isNullish(x) {
				b = append(b, jsToString(x)...)
			}
		}
		return string(b)
	case jsonv.Date:
		return dateString(t)
	case jsonv.Func:
		return "function () { [native code] }"
	}
	return "[object Object]"
}

// numberString is Number#toString: JSON's form, except for the non-finite values.
func numberString(f float64) string {
	switch {
	case f != f:
		return "NaN"
	case f > 1.7976931348623157e308:
		return "Infinity"
	case f < -1.7976931348623157e308:
		return "-Infinity"
	}
	return string(jsonv.AppendNumber(nil, f))
}

// dateString is Date#toString in UTC ("Fri Feb 13 2009 23:31:30 GMT+0000
// (Coordinated Universal Time)"): the browser would write local time, which names the
// same instant and has the same shape, so Date.parse and the digit tests of new-date
// read both alike.
func dateString(d jsonv.Date) string {
	if !d.Valid {
		return "Invalid Date"
	}
	iso := jsonv.FormatISO(d.Ms) // 2009-02-13T23:31:30.000Z, or ±YYYYYY-… far away
	t := 0
	for t < len(iso) && iso[t] != 'T' {
		t++
	}
	date, clock := iso[:t], iso[t+1:t+9]
	year, month, day := date[:len(date)-6], date[len(date)-5:len(date)-3], date[len(date)-2:]
	if y, err := strconv.Atoi(year); err == nil { // V8 pads to 4 digits, sign for BC only
		sign := ""
		if y < 0 {
			sign, y = "-", -y
		}
		year = strconv.Itoa(y)
		for len(year) < 4 {
			year = "0" + year
		}
		year = sign + year
	}
	days := int(math.Floor(d.Ms / 86400000))
	weekday := ((days+4)%7 + 7) % 7 // 1970-01-01 was a Thursday
	m := (int(month[0]-'0')*10 + int(month[1]-'0') - 1) * 3
	return "SunMonTueWedThuFriSat"[weekday*3:weekday*3+3] + " " + "JanFebMarAprMayJunJulAugSepOctNovDec"[m:m+3] +
		" " + day + " " + year + " " + clock + " GMT+0000 (Coordinated Universal Time)"
}
