package analytics

import (
	"math"
	"strconv"
	"unicode/utf16"
	"unicode/utf8"

	"ramendest/wasm/jsonv"
)

// Helpers that give jsonv values the JavaScript semantics analytics.js relies on.

// maxDateMs is the largest magnitude a JavaScript Date can hold; beyond it a Date is
// invalid.
const maxDateMs = 8.64e15

// jsType returns what the `component-type` package analytics.js uses would say for v.
func jsType(v any) string {
	switch t := v.(type) {
	case nil:
		return "null"
	case jsonv.Undefined:
		return "undefined"
	case bool:
		return "boolean"
	case float64:
		if t != t {
			return "nan"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case *jsonv.Object:
		if t == nil {
			return "null"
		}
		return "object"
	case jsonv.Date:
		return "date"
	case jsonv.Func:
		return "function"
	}
	return "undefined"
}

// isFn is the `is.fn` test analytics.js uses to find callbacks.
func isFn(v any) bool {
	_, ok := v.(jsonv.Func)
	return ok
}

// isPlainObject is the `is.object` test: true only for plain objects (not arrays,
// Dates or null).
func isPlainObject(v any) bool {
	o, ok := v.(*jsonv.Object)
	return ok && o != nil
}

// isPrimitive reports whether v is a string, number or boolean: setting a property on
// one throws a TypeError in analytics.js's strict-mode code.
func isPrimitive(v any) bool {
	switch v.(type) {
	case string, float64, bool:
		return true
	}
	return false
}

// strictEqual is JavaScript's ===, where the left side was read back from storage: a
// stored object or array is a fresh copy, so it never equals anything.
func strictEqual(stored, v any) bool {
	switch a := stored.(type) {
	case nil:
		return v == nil
	case bool:
		b, ok := v.(bool)
		return ok && a == b
	case float64:
		b, ok := v.(float64)
		return ok && a == b // NaN != NaN, as in JavaScript
	case string:
		b, ok := v.(string)
		return ok && a == b
	}
	return false
}

// roundTrip returns what JSON.parse(JSON.stringify(v)) gives, which is what reading a
// value back from a cookie or localStorage gives. ok is false when JSON.stringify(v) is
// undefined (a function or undefined at the top level). With keepDates, a Date that
// analytics.js's ISO-date traversal would turn back into an equal Date stays a Date.
func roundTrip(v any, keepDates bool) (out any, ok bool) {
	switch t := v.(type) {
	case nil, bool:
		return t, true
	case string:
		return validUTF8(t), true
	case float64:
		if math.IsNaN(t) || math.IsInf(t, 0) {
			return nil, true
		}
		if t == 0 {
			return 0.0, true // JSON.stringify(-0) is "0"
		}
		return t, true
	case []any:
		arr := make([]any, len(t))
		for i, x := range t {
			arr[i], _ = roundTrip(x, keepDates) // undefined and functions become null
		}
		return arr, true
	case *jsonv.Object:
		if t == nil {
			return nil, true
		}
		obj := jsonv.NewObject()
		for _, k := range t.Keys() {
			x, _ := t.Get(k)
			if y, ok := roundTrip(x, keepDates); ok {
				obj.Set(validUTF8(k), y)
			}
		}
		return obj, true
	case jsonv.Date:
		return roundTripDate(t, keepDates), true
	}
	return nil, false
}

// roundTripDate stores a Date as Date#toJSON does (null when invalid). The ISO-date
// traversal only recognises four-digit years, and reads years 0-99 as 1900-1999 (it
// uses Date.UTC), so only years 100-9999 are certain to come back as the same Date.
func roundTripDate(d jsonv.Date, keepDates bool) any {
	if !d.Valid || math.IsNaN(d.Ms) || math.Abs(d.Ms) > maxDateMs {
		return nil
	}
	ms := math.Trunc(d.Ms) // a Date holds whole milliseconds
	iso := jsonv.FormatISO(ms)
	if keepDates && len(iso) == 24 && iso[:2] != "00" {
		return jsonv.Date{Ms: ms, Valid: true}
	}
	return iso
}

// validUTF8 replaces each byte of invalid UTF-8 with U+FFFD, as jsonv's encoder does:
// JavaScript strings cannot hold such bytes, so storage would not keep them either.
func validUTF8(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	b := make([]byte, 0, len(s)+8)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = utf8.AppendRune(b, utf8.RuneError)
		} else {
			b = append(b, s[i:i+size]...)
		}
		i += size
	}
	return string(b)
}

// arrayIndex parses a canonical JavaScript array index ("0", "1", … without leading
// zeros).
func arrayIndex(key string) (int, bool) {
	if key == "" || len(key) > 10 || (len(key) > 1 && key[0] == '0') {
		return 0, false
	}
	n, err := strconv.ParseUint(key, 10, 32)
	if err != nil || n >= math.MaxUint32 {
		return 0, false
	}
	return int(n), true
}

// ownEntries lists the own enumerable properties of v as `for…in` with hasOwnProperty
// sees them: keys of an object, indices of an array, UTF-16 code units of a string.
func ownEntries(v any) (keys []string, values []any) {
	switch t := v.(type) {
	case *jsonv.Object:
		for _, k := range t.Keys() {
			x, _ := t.Get(k)
			keys = append(keys, k)
			values = append(values, x)
		}
	case []any:
		for i, x := range t {
			keys = append(keys, strconv.Itoa(i))
			values = append(values, x)
		}
	case string:
		i := 0
		for _, r := range t {
			// A character outside the BMP is two UTF-16 units in JavaScript; each half
			// alone cannot be held in a Go string, so it becomes U+FFFD (as jsonv reads
			// a lone surrogate).
			unit, n := string(r), 1
			if utf16.RuneLen(r) == 2 {
				unit, n = string(utf8.RuneError), 2
			}
			for j := 0; j < n; j++ {
				keys = append(keys, strconv.Itoa(i))
				values = append(values, unit)
				i++
			}
		}
	}
	return keys, values
}
