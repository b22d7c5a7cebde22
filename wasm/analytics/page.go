package analytics

import (
	"ramendest/wasm/jsonv"
)

// pageDefaultKeys are the page properties analytics.js fills from the browser
// (location, referrer, title) and mirrors into context.page.
var pageDefaultKeys = []string{"path", "referrer", "search", "title", "url"}

// page is analytics.page(category, name, properties, options, fn).
func (s *Session) page(c *call) (Result, error) {
	a, fnIndex := c.shiftArgs(5)
	category, name, properties, options, fn := a[0], a[1], a[2], a[3], a[4]
	if isFn(category) {
		c.warn("function_not_callback", "A function as the first argument of analytics.page is taken as the category, not as a callback.")
	}
	if jsType(category) == "object" {
		options, properties, name, category = name, category, nil, nil
	}
	if jsType(name) == "object" {
		options, properties, name = properties, name, nil
	}
	if jsType(category) == "string" && jsType(name) != "string" {
		if jsonv.Truthy(name) {
			c.warn("name_not_string", "The page name "+jsonv.Marshal(name)+" is not a string: analytics.js drops it and uses the category as the name.")
		}
		name, category = category, nil
	}

	// properties = clone(properties) || {}, then name and category are copied in.
	props := newTarget(jsonv.Clone(properties))
	if jsonv.Truthy(properties) && !isPlainObject(properties) {
		c.warn("properties_not_object", "The properties of analytics.page should be a plain object, not a "+jsType(properties)+".")
	}
	if jsonv.Truthy(name) {
		if err := props.set("name", name); err != nil {
			return Result{Callback: -1}, err
		}
	}
	if jsonv.Truthy(category) {
		if err := props.set("category", category); err != nil {
			return Result{Callback: -1}, err
		}
	}

	norm, err := c.readOptions(options, func(o any) (*jsonv.Object, error) { return pageOptions(props, o) })
	if err != nil {
		return Result{Callback: -1}, err
	}
	ev := newEvent("page")
	s.setUserID(ev)
	setDefined(ev, "category", category)
	setDefined(ev, "name", name)
	ev.Set("properties", jsonv.Clone(props.value))
	norm.addTo(ev)
	return Result{Event: ev, Callback: callback(fn, fnIndex)}, nil
}

// pageOptions mirrors the page properties analytics.js takes from the browser into
// options.context.page. analytics.js adds the browser's values first, so an object,
// array or Date always has some to mirror, and it then needs options to be an object.
// Only the values the page gave are mirrored here: the browser's are unknown to Go.
func pageOptions(props propTarget, options any) (*jsonv.Object, error) {
	if props.props == nil {
		return optionsView(options) // a primitive gets no defaults and mirrors nothing
	}
	if jsonv.Truthy(options) && isPrimitive(options) {
		return nil, typeError("Cannot create property 'context' on " + jsType(options) + " '" + shortText(options) + "'")
	}
	view, err := optionsView(options)
	if err != nil {
		return nil, err
	}
	overrides := jsonv.NewObject()
	if obj, ok := props.value.(*jsonv.Object); ok {
		for _, k := range pageDefaultKeys {
			if v, ok := obj.Get(k); ok {
				overrides.Set(k, jsonv.Clone(v))
			}
		}
	}
	ctx := get(view, "context")
	if !jsonv.Truthy(ctx) {
		ctx = jsonv.NewObject()
		view.Set("context", ctx)
	}
	switch t := ctx.(type) {
	case *jsonv.Object:
		// The page's own context.page is replaced; an empty mirror is left out
		// rather than standing for the browser's values.
		t.Delete("page")
		if overrides.Len() > 0 {
			t.Set("page", overrides)
		}
	case string, float64, bool:
		return nil, typeError("Cannot create property 'page' on " + jsType(t) + " '" + shortText(t) + "'")
	}
	return view, nil
}
