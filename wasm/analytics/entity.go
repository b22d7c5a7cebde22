package analytics

import (
	"unicode/utf8"

	"ramendest/wasm/jsonv"
)

// maxArrayGrowth bounds how far merging traits into remembered array traits may grow
// the array: JavaScript would build a sparse array and fail to store it, the WebAssembly
// module would run out of memory first.
const maxArrayGrowth = 1 << 20

// entity is analytics.js's remembered user or group: an id and traits, held as they
// would be read back from the cookie and localStorage (every write goes through JSON).
type entity struct {
	id     any // nil when none; never falsy otherwise
	traits any // nil when none; usually a *jsonv.Object
}

// jsError is a TypeError analytics.js would throw: the call stops, nothing is sent.
type jsError struct{ msg string }

func (e *jsError) Error() string { return e.msg }

func typeError(msg string) *jsError { return &jsError{msg: "TypeError: " + msg} }

// traitsValue is Entity#traits(): a copy of the stored traits, or {} when they are
// falsy.
func (e *entity) traitsValue() any {
	if !jsonv.Truthy(e.traits) {
		return jsonv.NewObject()
	}
	return jsonv.Clone(e.traits)
}

// identify is Entity#identify(id, traits): the same id (or no remembered id) merges the
// traits into the remembered ones, any other id (even a falsy one, which is not stored)
// replaces them.
func (e *entity) identify(id, traits any) error {
	if !jsonv.Truthy(traits) {
		traits = jsonv.NewObject()
	}
	if e.id == nil || strictEqual(e.id, id) {
		merged, err := extend(e.traitsValue(), traits)
		if err != nil {
			return err
		}
		traits = merged
	}
	if jsonv.Truthy(id) {
		e.id = storedID(id)
	}
	e.traits, _ = roundTrip(traits, true)
	return nil
}

// storedID is what reading an id back from storage gives. JSON.stringify of a function
// is undefined, which localStorage stores as the text "undefined"; an invalid Date
// stringifies to null, which clears the id.
func storedID(id any) any {
	v, ok := roundTrip(id, false)
	if !ok {
		return "undefined"
	}
	if !jsonv.Truthy(v) {
		return nil
	}
	return v
}

// storedTraits sanitises traits restored from the glue's storage.
func storedTraits(traits any) any {
	v, _ := roundTrip(traits, true)
	if !jsonv.Truthy(v) {
		return nil
	}
	return v
}

// extend is the shallow `extend(dest, src)` analytics.js merges traits with: every own
// enumerable property of src is assigned to dest.
func extend(dest, src any) (any, error) {
	keys, values := ownEntries(src)
	if len(keys) == 0 {
		return dest, nil
	}
	switch d := dest.(type) {
	case *jsonv.Object:
		for i, k := range keys {
			d.Set(k, values[i])
		}
		return d, nil
	case []any:
		for i, k := range keys {
			idx, ok := arrayIndex(k)
			if !ok {
				continue // a named property of an array is lost when stored as JSON
			}
			if idx >= len(d) {
				if idx-len(d) > maxArrayGrowth {
					return nil, typeError("Invalid array length")
				}
				d = append(d, make([]any, idx+1-len(d))...) // holes store as null
			}
			d[idx] = values[i]
		}
		return d, nil
	case jsonv.Date:
		return d, nil // properties set on a Date are lost when stored as JSON
	}
	return nil, typeError("Cannot create property '" + keys[0] + "' on " + jsType(dest) + " '" + shortText(dest) + "'")
}

// shortText renders a primitive for an error message, cut short.
func shortText(v any) string {
	s, ok := v.(string)
	if !ok {
		s = jsonv.Marshal(v)
	}
	if len(s) > 40 {
		cut := 40
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}

// state returns the entity as {"id":…,"traits":{…}}.
func (e *entity) state() *jsonv.Object {
	o := jsonv.NewObject()
	o.Set("id", jsonv.Clone(e.id))
	o.Set("traits", e.traitsValue())
	return o
}

// restore reads an entity from a state object, ignoring anything malformed.
func restore(v any) entity {
	o, ok := v.(*jsonv.Object)
	if !ok || o == nil {
		return entity{}
	}
	id, _ := o.Get("id")
	traits, _ := o.Get("traits")
	var e entity
	if jsonv.Truthy(id) {
		e.id = storedID(id)
	}
	e.traits = storedTraits(traits)
	return e
}
