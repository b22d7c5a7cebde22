// Package jsonv holds the translator's plain-data values: a JSON tree whose objects keep
// their key order (as JavaScript objects do), plus the few JavaScript values JSON cannot
// carry (Date, function, undefined). It parses and writes JSON itself, without
// encoding/json or reflect, so the WebAssembly module stays small.
//
// A value is one of: nil (null), bool, float64, string, []any, *Object, Date, Func or
// Undefined.
package jsonv

// Object is a JSON object that remembers the order its keys were first set in.
type Object struct {
	keys   []string
	values map[string]any
}

// NewObject returns an empty object.
func NewObject() *Object {
	return &Object{values: map[string]any{}}
}

// Get returns the value under key and whether the key is present.
func (o *Object) Get(key string) (any, bool) {
	if o == nil {
		return nil, false
	}
	v, ok := o.values[key]
	return v, ok
}

// Set stores value under key: an existing key keeps its position, a new one goes last.
func (o *Object) Set(key string, value any) {
	if _, ok := o.values[key]; !ok {
		o.keys = append(o.keys, key)
	}
	o.values[key] = value
}

// Delete removes key, if present.
func (o *Object) Delete(key string) {
	if _, ok := o.values[key]; !ok {
		return
	}
	delete(o.values, key)
	for i, k := range o.keys {
		if k == key {
			o.keys = append(o.keys[:i:i], o.keys[i+1:]...)
			break
		}
	}
}

// Keys returns the keys in order. The caller must not modify the slice.
func (o *Object) Keys() []string {
	if o == nil {
		return nil
	}
	return o.keys
}

// Len returns the number of keys.
func (o *Object) Len() int {
	if o == nil {
		return 0
	}
	return len(o.keys)
}

// Date is a JavaScript Date: milliseconds since the Unix epoch, or an invalid date.
type Date struct {
	Ms    float64
	Valid bool
}

// Func stands for a JavaScript function passed as an argument (a callback).
type Func struct{}

// Undefined stands for a JavaScript undefined passed as an argument.
type Undefined struct{}

// Clone returns a deep copy of v; objects and arrays are copied, other values are
// immutable and shared.
func Clone(v any) any {
	return Map(v, same)
}

// same is Clone's leaf. It is a named function rather than a function literal in
// Clone because the literal made the WebAssembly module measurably larger.
func same(v any) any { return v }

// Map returns a copy of v in which objects and arrays are copied at every depth (keys
// keep their order) and every other value is replaced by leaf(value). A nil *Object
// stays a nil *Object. The translator's whole-tree rewrites (date conversion, ISO-date
// traversal) are this walk with a different leaf.
func Map(v any, leaf func(any) any) any {
	switch t := v.(type) {
	case *Object:
		if t == nil {
			return (*Object)(nil)
		}
		c := &Object{keys: make([]string, len(t.keys)), values: make(map[string]any, len(t.keys))}
		copy(c.keys, t.keys)
		for k, x := range t.values {
			c.values[k] = Map(x, leaf)
		}
		return c
	case []any:
		c := make([]any, len(t))
		for i, x := range t {
			c[i] = Map(x, leaf)
		}
		return c
	default:
		return leaf(v)
	}
}

// Truthy reports whether v is truthy in JavaScript's sense.
func Truthy(v any) bool {
	switch t := v.(type) {
	case nil, Undefined:
		return false
	case bool:
		return t
	case float64:
		return t == t && t != 0 // NaN and ±0 are falsy
	case string:
		return t != ""
	case Date, Func, []any:
		return true
	case *Object:
		return t != nil
	}
	return false
}
