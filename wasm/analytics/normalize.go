package analytics

import (
	"ramendest/wasm/jsonv"
)

// integrationName is the one integration on the page; analytics.js moves top-level
// option keys naming it (in any case) into `integrations`.
const integrationName = "Ramen"

// normalized is what analytics.js's normalize() makes of a call's options.
type normalized struct {
	integrations any // usually *jsonv.Object
	context      any // usually *jsonv.Object
	anonymousID  any // nil unless the options gave a truthy one
	timestamp    any // jsonv.Undefined unless the options had one
}

// propTarget is a value analytics.js assigns properties to. Assigning to a primitive
// throws (strict mode); properties assigned to an array or a Date are kept while the
// call runs but lost when the message is cloned, so they live in a scratch object.
type propTarget struct {
	value any
	props *jsonv.Object // nil for a primitive
}

func newTarget(v any) propTarget {
	switch t := v.(type) {
	case *jsonv.Object:
		if t != nil {
			return propTarget{value: t, props: t}
		}
	case []any, jsonv.Date, jsonv.Func:
		return propTarget{value: t, props: jsonv.NewObject()}
	}
	if !jsonv.Truthy(v) {
		o := jsonv.NewObject()
		return propTarget{value: o, props: o}
	}
	return propTarget{value: v}
}

func (t propTarget) has(key string) bool {
	_, ok := t.props.Get(key) // a nil *Object answers false
	return ok
}

func (t propTarget) get(key string) any {
	if v, ok := t.props.Get(key); ok {
		return v
	}
	return jsonv.Undefined{}
}

func (t propTarget) set(key string, v any) error {
	if t.props == nil {
		return typeError("Cannot create property '" + key + "' on " + jsType(t.value) + " '" + shortText(t.value) + "'")
	}
	t.props.Set(key, v)
	return nil
}

// isIntegration is normalize()'s test for an option key that names an integration:
// key.toLowerCase() equal to "all" or to the integration's lower-cased name.
func isIntegration(key string) bool {
	return key == integrationName || lowerCaseIs(key, "all") || lowerCaseIs(key, integrationLower)
}

// integrationLower is integrationName lower-cased.
const integrationLower = "ramen"

// lowerCaseIs reports whether JavaScript's s.toLowerCase() equals lower, which must be
// lower-case ASCII. Only ASCII letters can lower-case to ASCII letters other than "k"
// (from the Kelvin sign) and "i" (from U+0130, which becomes two characters), so
// comparing byte by byte with ASCII folding is exact, and it keeps Unicode's case
// tables (strings.ToLower) out of the WASM module.
func lowerCaseIs(s, lower string) bool {
	if len(s) != len(lower) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != lower[i] {
			return false
		}
	}
	return true
}

// walksByIndex reports whether analytics.js's `each` walks v by numeric index: a
// non-empty string or array. normalize() then calls toLowerCase on the first index,
// a number, and throws.
func walksByIndex(v any) bool {
	switch t := v.(type) {
	case string:
		return t != ""
	case []any:
		return len(t) > 0
	}
	return false
}

// optionsView turns a call's options into the object normalize() walks. It takes a
// copy, because the walk deletes keys; values other than objects have no keys to walk.
func optionsView(opts any) (*jsonv.Object, error) {
	if walksByIndex(opts) {
		return nil, typeError("name.toLowerCase is not a function")
	}
	if o, ok := opts.(*jsonv.Object); ok && o != nil {
		return jsonv.Clone(o).(*jsonv.Object), nil
	}
	return jsonv.NewObject(), nil
}

// normalize follows analytics.js's normalize(msg, ["Ramen"]) and the page context it
// adds afterwards. view is the options as optionsView returned them.
func normalize(view *jsonv.Object) (normalized, error) {
	integrations := newTarget(get(view, "integrations"))
	providers := get(view, "providers")
	context := newTarget(get(view, "context"))
	out := normalized{timestamp: jsonv.Undefined{}}

	// Top-level integration names move into integrations unless already there.
	keys := append([]string(nil), view.Keys()...)
	for _, k := range keys {
		if !isIntegration(k) {
			continue
		}
		if !integrations.has(k) {
			if err := integrations.set(k, get(view, k)); err != nil {
				return out, err
			}
		}
		view.Delete(k)
	}

	// Legacy `providers` fill in what integrations does not say.
	view.Delete("providers")
	if walksByIndex(providers) {
		return out, typeError("name.toLowerCase is not a function")
	}
	if p, ok := providers.(*jsonv.Object); ok && p != nil {
		for _, k := range p.Keys() {
			v, _ := p.Get(k)
			if !isIntegration(k) || isPlainObject(integrations.get(k)) {
				continue
			}
			if _, isBool := v.(bool); isBool && integrations.has(k) {
				continue
			}
			if err := integrations.set(k, v); err != nil {
				return out, err
			}
		}
	}

	// The remaining keys: a few go to the top of the message, the rest into context.
	for _, k := range view.Keys() {
		v, _ := view.Get(k)
		switch k {
		case "integrations", "context":
		case "anonymousId":
			if jsonv.Truthy(v) {
				out.anonymousID = v
			}
		case "timestamp":
			out.timestamp = v
		default:
			if err := context.set(k, v); err != nil {
				return out, err
			}
		}
	}

	// analytics.js then fills context.page with the page's defaults (URL, title…),
	// which only the browser knows; a falsy user value is replaced by them.
	if context.props == nil {
		return out, typeError("Cannot create property 'page' on " + jsType(context.value) + " '" + shortText(context.value) + "'")
	}
	if !jsonv.Truthy(context.get("page")) {
		context.props.Delete("page")
	}
	out.integrations = integrations.value
	out.context = context.value
	return out, nil
}

// get reads a property of an options object (undefined when absent).
func get(o *jsonv.Object, key string) any {
	if v, ok := o.Get(key); ok {
		return v
	}
	return jsonv.Undefined{}
}
