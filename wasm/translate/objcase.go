package translate

import (
	"strconv"

	"ramendest/wasm/jsonv"
)

// This file reproduces the lookups of the obj-case package the reference integration
// and its facade used: a key matches a path segment when both are equal after removing
// everything but ASCII letters, digits and dots and lower-casing, so "createdAt" finds
// "created_at" and "firstName" finds "First Name". The first matching key in the
// object's key order wins, which decides what happens when several keys match.

// normalizeKey is obj-case's normaliser.
func normalizeKey(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			b = append(b, c+('a'-'A'))
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '.':
			b = append(b, c)
		}
	}
	return string(b)
}

// walk follows path through v and returns the object holding the leaf and the leaf's
// key; ok is false when some segment matches nothing. A nullish value on the way stops
// the walk at that key, as obj-case does.
func walk(v any, path string) (holder any, key string, ok bool) {
	path = normalizeKey(path)
	for {
		matched := false
		for _, k := range keysOf(v) {
			nk := normalizeKey(k)
			if len(path) < len(nk) || path[:len(nk)] != nk { // strings.HasPrefix
				continue
			}
			rest := path[len(nk):]
			if rest != "" && rest[0] != '.' {
				continue
			}
			if rest != "" {
				rest = rest[1:]
			}
			path = rest
			key = k
			child := childOf(v, k)
			if isNullish(child) || path == "" {
				// An empty key is falsy in JavaScript: obj-case then reports nothing.
				return v, key, key != ""
			}
			v = child
			matched = true
			break
		}
		if !matched {
			return nil, "", false
		}
	}
}

// keysOf lists what a for-in loop visits for the values a message can hold.
func keysOf(v any) []string {
	switch t := v.(type) {
	case *jsonv.Object:
		return t.Keys()
	case []any:
		keys := make([]string, len(t))
		for i := range t {
			keys[i] = strconv.Itoa(i)
		}
		return keys
	}
	return nil
}

func childOf(v any, key string) any {
	switch t := v.(type) {
	case *jsonv.Object:
		return get(t, key)
	case []any:
		if i, err := strconv.Atoi(key); err == nil && i >= 0 && i < len(t) {
			return t[i]
		}
	}
	return undefined
}

// find is obj-case's default export: the value at a loosely matched path, or
// undefined.
func find(v any, path string) any {
	holder, key, ok := walk(v, path)
	if !ok {
		return undefined
	}
	return childOf(holder, key)
}

// del is obj-case's del: it removes the first loosely matching key only.
func del(v any, path string) {
	holder, key, ok := walk(v, path)
	if !ok {
		return
	}
	if o, isObj := holder.(*jsonv.Object); isObj {
		o.Delete(key)
	}
}
