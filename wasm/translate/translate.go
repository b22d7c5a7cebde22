// Package translate turns Segment messages into the calls RamenJS receives, exactly
// as Segment's classic Ramen integration (run by analytics.js) made them.
//
// A message is the object analytics.js handed its integrations — analytics-next's
// facade.obj / ctx.event, or what package analytics builds for the standalone snippet:
// {type, userId, traits, groupId, event, properties, integrations, context, options}.
// Like the facade library, the translator first copies the message and turns every
// ISO-8601 string in it into a Date, so all front doors read the same values.
//
// The translator remembers one thing: whether an identify has been sent, because page,
// track and group first send a bare identify() for anonymous visitors.
package translate

import (
	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
)

// Name is the integration name the per-call options use ({integrations: {Ramen: …}}).
const Name = "Ramen"

// Diagnostic codes this package produces.
const (
	CodeIdentifyNoUserID    = "identify_no_user_id"
	CodeSuppressed          = "call_suppressed"
	CodeUnsupportedType     = "unsupported_type"
	CodeTraitsNotObject     = "traits_not_object"
	CodeIdentifyOptionsNull = "identify_options_null"
	CodeInvalidDate         = "invalid_date"
	CodeTrackNoEvent        = "track_no_event"
	CodeSettingsNotObject   = "settings_not_object"
)

// bootOptionKeys are the settings passed to boot besides organization_id: the boot
// options Ramen documents. Integration bookkeeping that analytics-next adds to the
// settings (type, versionSettings, …) is left out so every front door boots alike.
var bootOptionKeys = []string{"custom_links", "custom_trigger_id", "custom_trigger_class", "bug_image_url", "environment"}

// Call is one RamenJS call: window._ramen[Method](...Args).
type Call struct {
	Method string
	Args   []any
}

// Options are what the translator needs from the browser.
type Options struct {
	// ParseDate is JavaScript's Date.parse, for the date strings only a JavaScript
	// engine reads the way analytics.js did; nil makes such strings invalid dates.
	ParseDate func(string) (ms float64, ok bool)
	// TZOffsetMinutes is the page's new Date().getTimezoneOffset(); ISO strings with a
	// space instead of "T" are local time.
	TZOffsetMinutes float64
}

// Translator translates the messages of one front door; it is not safe for
// concurrent use.
type Translator struct {
	orgID      any
	bootOpts   *jsonv.Object
	opts       Options
	identified bool
}

// New makes a translator for a source's public Ramen settings (organization_id and
// the boot options). settings may be nil: organization_id is then "", the integration's
// default.
func New(settings *jsonv.Object, opts Options) (*Translator, []diag.Diagnostic) {
	var diags []diag.Diagnostic
	if settings == nil {
		diags = append(diags, diag.Diagnostic{Code: CodeSettingsNotObject, Level: diag.Error,
			Message: "The Ramen settings are missing, so RamenJS boots without an organization id. Give the source an organization_id."})
	}
	t := &Translator{orgID: "", bootOpts: jsonv.NewObject(), opts: opts}
	if v, ok := settings.Get("organization_id"); ok {
		t.orgID = jsonv.Clone(v)
	}
	t.bootOpts.Set("organization_id", t.orgID)
	for _, k := range settings.Keys() {
		for _, known := range bootOptionKeys {
			if k == known {
				v, _ := settings.Get(k)
				t.bootOpts.Set(k, jsonv.Clone(v))
			}
		}
	}
	return t, diags
}

// Boot is the first call RamenJS receives: boot(organization_id, {organization_id, …}).
func (t *Translator) Boot() Call {
	return Call{Method: "boot", Args: []any{jsonv.Clone(t.orgID), jsonv.Clone(t.bootOpts)}}
}

// Reset forgets that an identify was sent: the next page, track or group sends a bare
// identify() again.
func (t *Translator) Reset() {
	t.identified = false
}

// Identified reports whether an identify has been sent since the start or the last
// reset.
func (t *Translator) Identified() bool {
	return t.identified
}

// Translate turns one message into RamenJS calls (none when the message is ignored or
// suppressed). The diagnostics explain; they never change what is sent.
func (t *Translator) Translate(event *jsonv.Object) ([]Call, []diag.Diagnostic) {
	typ, _ := get(event, "type").(string)
	switch typ {
	case "reset":
		t.Reset()
		return []Call{{Method: "reset", Args: []any{}}}, nil
	case "identify", "group", "page", "track":
	default:
		return nil, []diag.Diagnostic{{Code: CodeUnsupportedType, Level: diag.Info,
			Message: "A " + quoteType(typ) + " call has no Ramen equivalent; nothing was sent to Ramen."}}
	}
	msg, _ := traverse(event, t.opts.TZOffsetMinutes).(*jsonv.Object)
	f := facade{msg: msg}
	if !f.enabled(Name) {
		return nil, []diag.Diagnostic{{Code: CodeSuppressed, Level: diag.Info,
			Message: "This " + typ + " call was not sent to Ramen because its options disable it (integrations.Ramen is false, or All is false without Ramen: true)."}}
	}
	if typ == "identify" {
		return t.identify(f)
	}
	var calls []Call
	var diags []diag.Diagnostic
	if !t.identified {
		calls = append(calls, Call{Method: "identify", Args: []any{}})
		t.identified = true
	}
	switch typ {
	case "page":
		calls = append(calls, Call{Method: "page", Args: []any{}})
	case "track":
		name := f.field("event")
		if !jsonv.Truthy(name) {
			diags = append(diags, diag.Diagnostic{Code: CodeTrackNoEvent, Level: diag.Warn,
				Message: "track was called without an event name; Ramen receives an empty one. Pass the event name as the first argument."})
		}
		calls = append(calls, Call{Method: "track", Args: []any{name}})
	case "group":
		// The bare identify above goes out even when the group itself cannot.
		company, ok, d := t.group(f)
		diags = append(diags, d...)
		if ok {
			calls = append(calls, Call{Method: "group", Args: []any{company}})
		}
	}
	return calls, diags
}

func quoteType(typ string) string {
	if typ == "" {
		return "message without a type"
	}
	return "\"" + typ + "\""
}

// MarshalCalls writes calls as the JSON list the browser glue applies:
// [[method, ...args], …], dates as ISO strings.
func MarshalCalls(calls []Call) string {
	return jsonv.Marshal(CallsValue(calls))
}

// CallsValue is calls as a JSON value: a list of [method, ...args] lists.
func CallsValue(calls []Call) []any {
	list := make([]any, len(calls))
	for i, c := range calls {
		entry := make([]any, 0, len(c.Args)+1)
		entry = append(entry, c.Method)
		list[i] = append(entry, c.Args...)
	}
	return list
}
