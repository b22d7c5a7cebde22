package translate

import (
	"math"

	"ramendest/wasm/jsonv"
)

// convertDates returns a copy of v in which every Date, at any depth of objects and
// arrays, is whole epoch seconds (Math.floor(ms / 1000); an invalid Date gives NaN,
// which JSON writes as null), as the reference did to the whole user.
func convertDates(v any) any {
	return jsonv.Map(v, func(leaf any) any {
		if d, ok := leaf.(jsonv.Date); ok {
			if !d.Valid {
				return math.NaN()
			}
			return math.Floor(d.Ms / 1000)
		}
		return leaf
	})
}

// rename is the alias package with one pair: when obj has key (not undefined), its
// value moves to key to — keeping to's place if to exists, else going last.
func rename(obj *jsonv.Object, key, to string) {
	v, ok := obj.Get(key)
	if !ok || isUndefined(v) {
		return
	}
	obj.Set(to, v)
	obj.Delete(key)
}

// hasDefined reports whether obj has key with a value other than undefined.
func hasDefined(obj *jsonv.Object, key string) bool {
	v, ok := obj.Get(key)
	return ok && !isUndefined(v)
}

// containsInvalidDate reports whether v holds an invalid Date anywhere, for a
// diagnostic.
func containsInvalidDate(v any) bool {
	switch t := v.(type) {
	case jsonv.Date:
		return !t.Valid
	case *jsonv.Object:
		for _, k := range t.Keys() {
			x, _ := t.Get(k)
			if containsInvalidDate(x) {
				return true
			}
		}
	case []any:
		for _, x := range t {
			if containsInvalidDate(x) {
				return true
			}
		}
	}
	return false
}
