package analytics

import (
	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
)

// call holds one analytics.<method>(…) call while it is turned into a message.
type call struct {
	method string
	args   []any
	diags  []diag.Diagnostic
}

// arg returns the i-th argument, undefined when the page passed fewer.
func (c *call) arg(i int) any {
	if i < len(c.args) {
		return c.args[i]
	}
	return jsonv.Undefined{}
}

// callback returns the index of fn in the arguments when analytics.js would call it.
func callback(fn any, index int) int {
	if isFn(fn) {
		return index
	}
	return -1
}

// checkArity warns about arguments analytics.js never looks at.
func (c *call) checkArity(most int) {
	if len(c.args) > most {
		c.warn("extra_arguments", "analytics."+c.method+" takes at most "+itoa(most)+
			" arguments; the "+itoa(len(c.args)-most)+" after them are ignored.")
	}
}

// shiftArgs reads the first n arguments as analytics.js's argument juggling does: the
// last one is the callback, and a function in any earlier argument but the first takes
// its place, the arguments from it on becoming null. It returns the arguments (a new
// slice, for the caller to unpack) and the callback's index, n-1 when none moved.
func (c *call) shiftArgs(n int) (args []any, fnIndex int) {
	c.checkArity(n)
	args = make([]any, n)
	for i := range args {
		args[i] = c.arg(i)
	}
	fnIndex = n - 1
	// From the back, as analytics.js tests them: a function further forward wins.
	for i := n - 2; i >= 1; i-- {
		if isFn(args[i]) {
			args[n-1], fnIndex = args[i], i
			for j := i; j < n-1; j++ {
				args[j] = nil
			}
		}
	}
	return args, fnIndex
}

// readOptions builds the options object with view (which may fail as analytics.js
// would, with a TypeError), warns about options it ignores and normalises them.
func (c *call) readOptions(options any, view func(any) (*jsonv.Object, error)) (normalized, error) {
	obj, err := view(options)
	if err != nil {
		return normalized{}, err
	}
	c.checkOptions(options)
	return normalize(obj)
}

// identifyEntity is analytics.identify(id, traits, options, fn) and analytics.group(…),
// which differ only in the entity they remember and the id's name in the message.
func (s *Session) identifyEntity(c *call, e *entity, idKey string) (Result, error) {
	a, fnIndex := c.shiftArgs(4)
	id, traits, options, fn := a[0], a[1], a[2], a[3]
	if isPlainObject(id) {
		options, traits, id = traits, id, e.id
	} else {
		c.checkID(id, e.id)
	}
	if jsonv.Truthy(traits) && !isPlainObject(traits) {
		c.warn("traits_not_object", "The traits of analytics."+c.method+" should be a plain object; analytics.js spreads a "+
			jsType(traits)+" into numbered keys or keeps it as it is.")
	}
	if err := e.identify(id, traits); err != nil {
		return Result{Callback: -1}, err
	}
	norm, err := c.readOptions(options, optionsView)
	if err != nil {
		return Result{Callback: -1}, err
	}
	ev := newEvent(c.method)
	if c.method == "identify" {
		ev.Set("userId", jsonv.Clone(e.id))
	} else {
		s.setUserID(ev)
		ev.Set(idKey, jsonv.Clone(e.id))
	}
	ev.Set("traits", e.traitsValue())
	norm.addTo(ev)
	return Result{Event: ev, Callback: callback(fn, fnIndex)}, nil
}

// checkID warns about ids analytics.js treats in surprising ways.
func (c *call) checkID(id, remembered any) {
	switch t := id.(type) {
	case nil, jsonv.Undefined:
		if remembered != nil {
			c.warn("traits_replaced", "analytics."+c.method+" without an id replaces the remembered traits instead of merging them; "+
				"pass the traits alone (analytics."+c.method+"(traits)) to merge.")
		}
	case jsonv.Func:
		c.warn("function_not_callback", "A function as the first argument of analytics."+c.method+
			" is taken as the id, not as a callback: analytics.js stores it as the text \"undefined\".")
	case bool, float64, string:
		switch {
		case !jsonv.Truthy(t) && remembered != nil:
			c.warn("falsy_id", "The id "+jsonv.Marshal(t)+" is falsy, so analytics.js keeps the remembered id and replaces its traits.")
		case !jsonv.Truthy(t):
			c.warn("falsy_id", "The id "+jsonv.Marshal(t)+" is falsy, so analytics.js sends no id.")
		case remembered != nil && !strictEqual(remembered, t) && primitiveText(remembered) == primitiveText(t):
			c.warn("id_type_changed", "The id "+jsonv.Marshal(t)+" equals the remembered id "+jsonv.Marshal(remembered)+
				" only as text; analytics.js treats it as another id and replaces the remembered traits.")
		}
	case []any, jsonv.Date:
		c.warn("id_not_string", "The id of analytics."+c.method+" is a "+jsType(t)+"; analytics.js stores it as JSON, so it comes back as a "+
			jsType(storedID(t))+".")
	}
}

// primitiveText is String(v) for a string, number or boolean, and "" for anything else.
func primitiveText(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64, bool:
		return jsonv.Marshal(t)
	}
	return ""
}

// checkOptions warns about options analytics.js silently ignores.
func (c *call) checkOptions(options any) {
	if jsonv.Truthy(options) && !isPlainObject(options) {
		c.warn("options_not_object", "The options of analytics."+c.method+" should be a plain object; a "+jsType(options)+" is ignored.")
		return
	}
	o, _ := options.(*jsonv.Object)
	if v, ok := o.Get("integrations"); ok && jsonv.Truthy(v) && !isPlainObject(v) {
		c.warn("integrations_not_object", "options.integrations should be a plain object; analytics.js passes a "+jsType(v)+" on unread.")
	}
}

// track is analytics.track(event, properties, options, fn).
func (s *Session) track(c *call) (Result, error) {
	a, fnIndex := c.shiftArgs(4)
	event, properties, options, fn := a[0], a[1], a[2], a[3]
	if isFn(event) {
		c.warn("function_not_callback", "A function as the first argument of analytics.track is taken as the event name, not as a callback.")
	}
	if jsonv.Truthy(properties) && !isPlainObject(properties) {
		c.warn("properties_not_object", "The properties of analytics.track should be a plain object, not a "+jsType(properties)+".")
	}
	norm, err := c.readOptions(options, optionsView)
	if err != nil {
		return Result{Callback: -1}, err
	}
	ev := newEvent("track")
	s.setUserID(ev)
	setDefined(ev, "event", event)
	setDefined(ev, "properties", properties)
	norm.addTo(ev)
	return Result{Event: ev, Callback: callback(fn, fnIndex)}, nil
}

// newEvent starts a message of the given type.
func newEvent(typ string) *jsonv.Object {
	ev := jsonv.NewObject()
	ev.Set("type", typ)
	return ev
}

// setUserID adds the remembered user id, as analytics-next's messages carry it.
func (s *Session) setUserID(ev *jsonv.Object) {
	if s.user.id != nil {
		ev.Set("userId", jsonv.Clone(s.user.id))
	}
}

// setDefined sets key to a copy of v unless v is undefined: the message analytics.js
// builds loses undefined values when it is cloned.
func setDefined(ev *jsonv.Object, key string, v any) {
	if _, undef := v.(jsonv.Undefined); !undef {
		ev.Set(key, jsonv.Clone(v))
	}
}

// addTo writes the normalised options into the message.
func (n normalized) addTo(ev *jsonv.Object) {
	ev.Set("integrations", jsonv.Clone(n.integrations))
	ev.Set("context", jsonv.Clone(n.context))
	if n.anonymousID != nil {
		ev.Set("anonymousId", jsonv.Clone(n.anonymousID))
	}
	setDefined(ev, "timestamp", n.timestamp)
}
