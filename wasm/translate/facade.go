package translate

import "ramendest/wasm/jsonv"

// facade answers the questions the reference integration asked Segment's facade
// library about a message: which integrations are enabled, the options for one of
// them, the traits. msg is already a traversed copy (ISO strings are Dates).
type facade struct {
	msg *jsonv.Object
}

// field is a top-level property of the message (undefined when absent).
func (f facade) field(key string) any {
	return get(f.msg, key)
}

// options is the facade's options(): the message's options, else its context, else {}.
// analytics.js moved the per-call options into context, so this is where the legacy
// top-level form ({Ramen: {...}} beside integrations) is found.
func (f facade) options() any {
	if v := f.field("options"); jsonv.Truthy(v) {
		return v
	}
	if v := f.field("context"); jsonv.Truthy(v) {
		return v
	}
	return jsonv.NewObject()
}

// integrations is the facade's integrations(): the message's integrations, else the
// legacy options.providers, else the options themselves.
func (f facade) integrations() any {
	if v := f.field("integrations"); jsonv.Truthy(v) {
		return v
	}
	if v := find(f.options(), "providers"); jsonv.Truthy(v) {
		return v
	}
	return f.options()
}

// enabled is the facade's enabled(name): a loosely matched "all" flag (in
// options.providers, options, then integrations) sets the default; an exactly named
// entry in providers, then in integrations, overrides it — a boolean as it is, any
// other value (an options object) as true.
func (f facade) enabled(name string) bool {
	all := find(f.options(), "providers.all")
	if _, ok := all.(bool); !ok {
		all = find(f.options(), "all")
	}
	if _, ok := all.(bool); !ok {
		all = find(f.integrations(), "all")
	}
	if _, ok := all.(bool); !ok {
		all = true
	}
	enabled := all
	integrations := f.integrations()
	if providers := get(integrations, "providers"); jsonv.Truthy(providers) && hasOwn(providers, name) {
		enabled = get(providers, name)
	}
	if hasOwn(integrations, name) {
		if b, ok := get(integrations, name).(bool); ok {
			enabled = b
		} else {
			enabled = true
		}
	}
	return jsonv.Truthy(enabled)
}

// integrationOptions is the facade's options(name) for an enabled integration: the
// exactly named entry of integrations, else a loosely named one, else a loosely named
// entry of the options; {} unless that is an object (typeof "object", null included).
func (f facade) integrationOptions(name string) any {
	integrations := f.integrations()
	value := get(integrations, name)
	if !jsonv.Truthy(value) {
		value = find(integrations, name)
	}
	if !isTypeofObject(value) {
		value = find(f.options(), name)
	}
	if isTypeofObject(value) {
		return value
	}
	return jsonv.NewObject()
}
