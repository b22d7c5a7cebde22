// Package analytics emulates what Segment's classic analytics.js (analytics.js-core
// 4.x) does between a page's analytics.identify/group/page/track/reset(…) call and the
// moment an integration sees the message: argument shifting, option normalisation and
// the remembered user and group. It turns the raw arguments into a message shaped like
// analytics-next's facade.obj, so both front doors share one translator.
//
// Converting ISO-8601 strings into Dates is left to the translator, which does it for
// both front doors as analytics.js's facade does.
package analytics

import (
	"strconv"

	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
)

// Session emulates analytics.js for one page: the remembered user and group.
type Session struct {
	user  entity
	group entity
}

// Result is what one analytics.<method>(…) call produced.
type Result struct {
	Event        *jsonv.Object // the message in analytics-next's facade.obj shape; nil when nothing is sent
	Callback     int           // index in args of the callback analytics.js would call, or -1
	StateChanged bool          // the remembered user/group changed (glue persists State())
	Diagnostics  []diag.Diagnostic
}

// NewSession restores a session from the glue's stored state (a value parsed by
// jsonv.Parse from what State() produced earlier; nil or malformed → empty session,
// never a panic).
func NewSession(stored any) *Session {
	s := &Session{}
	if o, ok := stored.(*jsonv.Object); ok && o != nil {
		user, _ := o.Get("user")
		group, _ := o.Get("group")
		s.user = restore(user)
		s.group = restore(group)
	}
	return s
}

// State returns the remembered user and group:
// {"user":{"id":…,"traits":{…}},"group":{"id":…,"traits":{…}}} (id null when none).
// Dates in traits stay Dates, so marshal it with jsonv.MarshalTagged.
func (s *Session) State() *jsonv.Object {
	o := jsonv.NewObject()
	o.Set("user", s.user.state())
	o.Set("group", s.group.state())
	return o
}

// Call turns the raw arguments of analytics.<method>(…) into a Segment message.
// Arguments the page left out may simply be missing from args; a function is
// jsonv.Func and an explicit undefined is jsonv.Undefined.
func (s *Session) Call(method string, args []any) Result {
	c := &call{method: method, args: args}
	var (
		res Result
		err error
	)
	before := ""
	switch method {
	case "identify", "group":
		before = jsonv.MarshalTagged(s.State())
	}
	switch method {
	case "identify":
		res, err = s.identifyEntity(c, &s.user, "userId")
	case "group":
		if len(args) == 0 {
			// analytics.group() with no argument returns the current group.
			c.diag(diag.Info, "group_no_arguments", "analytics.group() without arguments only reads the current group; nothing is sent.")
			res = Result{Callback: -1}
			break
		}
		res, err = s.identifyEntity(c, &s.group, "groupId")
	case "track":
		res, err = s.track(c)
	case "page":
		res, err = s.page(c)
	case "reset":
		s.user, s.group = entity{}, entity{}
		res = Result{Event: newEvent("reset"), Callback: -1, StateChanged: true}
	default:
		c.diag(diag.Error, "unknown_method", "analytics."+shortText(method)+" is not one of identify, group, page, track and reset; nothing is sent.")
		res = Result{Callback: -1}
	}
	if err != nil {
		res = Result{Callback: -1}
		c.diag(diag.Error, method+"_throws", "analytics.js throws on this call ("+err.Error()+"), so nothing is sent and no callback runs; check the argument types.")
	}
	if before != "" && jsonv.MarshalTagged(s.State()) != before {
		res.StateChanged = true
	}
	res.Diagnostics = c.diags
	return res
}

// warn records a warning whose code is prefixed by the method name.
func (c *call) warn(code, message string) {
	c.diag(diag.Warn, c.method+"_"+code, message)
}

func (c *call) diag(level, code, message string) {
	c.diags = append(c.diags, diag.Diagnostic{Code: code, Level: level, Message: message})
}

func itoa(n int) string { return strconv.Itoa(n) }
