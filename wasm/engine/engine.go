// Package engine answers the browser glue's requests (wasm/PROTOCOL.md): one JSON
// string in, one JSON string out. It keeps one translator per front door ("engine"
// number) and, for the standalone snippet, the analytics.js emulation that turns raw
// call arguments into messages. It is pure Go; the WebAssembly main only moves the
// strings across.
package engine

import (
	"math"

	"ramendest/wasm/analytics"
	"ramendest/wasm/diag"
	"ramendest/wasm/jsonv"
	"ramendest/wasm/translate"
)

// Diagnostic codes the engine itself produces.
const (
	CodeBadRequest    = "bad_request"
	CodeInternalError = "internal_error"
	CodeRamenDisabled = "ramen_disabled"
)

// Engine holds the open front doors. The zero value is ready to use; it is not safe
// for concurrent use (the browser calls it from one thread).
type Engine struct {
	// ParseDate is JavaScript's Date.parse, which the WebAssembly main injects; nil
	// (in tests) makes strings only a browser could read invalid dates.
	ParseDate func(string) (ms float64, ok bool)

	doors map[int]*door
}

// door is one front door: its translator (nil when the source has Ramen disabled:
// calls are accepted and nothing is forwarded) and its analytics.js emulation.
type door struct {
	tr      *translate.Translator
	session *analytics.Session
}

// Handle answers one request. It never panics: a malformed request gets a bad_request
// diagnostic, and a failure inside the translator an internal_error one.
func (e *Engine) Handle(request string) (answer string) {
	defer func() {
		if r := recover(); r != nil {
			answer = failure(CodeInternalError, "The Ramen translator failed on this call ("+panicText(r)+"); nothing was sent to Ramen. Please report it with the call that caused it.")
		}
	}()
	v, err := jsonv.Parse(request)
	if err != nil {
		return failure(CodeBadRequest, "The request is not valid JSON: "+err.Error())
	}
	req, ok := v.(*jsonv.Object)
	if !ok {
		return failure(CodeBadRequest, "The request is not a JSON object.")
	}
	op, _ := field(req, "op").(string)
	num, ok := engineNumber(field(req, "engine"))
	if !ok {
		return failure(CodeBadRequest, "The request's engine is not a whole number.")
	}
	switch op {
	case "open":
		return e.open(num, req)
	case "call":
		return e.call(num, req)
	case "event":
		return e.event(num, req)
	}
	return failure(CodeBadRequest, "The request's op is not one of open, call and event.")
}

// open starts (or restarts) a front door and answers its boot call.
func (e *Engine) open(num int, req *jsonv.Object) string {
	settings, ok := field(req, "settings").(*jsonv.Object)
	if !ok && field(req, "settings") != nil {
		return failure(CodeBadRequest, "open: settings must be an object, or null when Ramen is disabled for the source.")
	}
	tz := 0.0
	if v := field(req, "tzOffsetMinutes"); !isUndefined(v) {
		f, isNum := v.(float64)
		if !isNum || math.IsNaN(f) || math.IsInf(f, 0) {
			return failure(CodeBadRequest, "open: tzOffsetMinutes must be a number (new Date().getTimezoneOffset()).")
		}
		tz = f
	}
	stored := field(req, "state")
	if isUndefined(stored) {
		stored = nil
	}
	d := &door{session: analytics.NewSession(stored)}
	if e.doors == nil {
		e.doors = map[int]*door{}
	}
	e.doors[num] = d
	if settings == nil {
		return respond(nil, nil, -1, []diag.Diagnostic{{Code: CodeRamenDisabled, Level: diag.Info,
			Message: "Ramen is disabled for this source, so calls are accepted and nothing is sent to Ramen."}})
	}
	tr, diags := translate.New(settings, translate.Options{ParseDate: e.ParseDate, TZOffsetMinutes: tz})
	diags = append(diags, checkOpen(settings)...)
	d.tr = tr
	return respond([]translate.Call{tr.Boot()}, nil, -1, diags)
}

// call is the standalone snippet's door: raw analytics.<method>(…) arguments.
func (e *Engine) call(num int, req *jsonv.Object) string {
	d, bad := e.door(num)
	if d == nil {
		return bad
	}
	method, _ := field(req, "method").(string)
	switch method {
	case "identify", "group", "page", "track", "reset":
	default:
		return failure(CodeBadRequest, "call: method must be one of identify, group, page, track and reset.")
	}
	args, ok := field(req, "args").([]any)
	if !ok {
		return failure(CodeBadRequest, "call: args must be the list of arguments the page passed.")
	}
	res := d.session.Call(method, args)
	diags := res.Diagnostics
	var calls []translate.Call
	if res.Event != nil && d.tr != nil {
		var more []diag.Diagnostic
		calls, more = d.tr.Translate(res.Event)
		diags = append(diags, more...)
		now, clock := requestNow(req)
		diags = append(append(diags, clock...), checkCalls(calls, now)...)
	}
	var state *jsonv.Object
	if res.StateChanged {
		state = d.session.State()
	}
	return respond(calls, state, res.Callback, diags)
}

// event is the analytics-next doors': a message already built by analytics.js.
func (e *Engine) event(num int, req *jsonv.Object) string {
	d, bad := e.door(num)
	if d == nil {
		return bad
	}
	ev, ok := field(req, "event").(*jsonv.Object)
	if !ok || ev == nil {
		return failure(CodeBadRequest, "event: event must be the message object (facade.obj or ctx.event).")
	}
	if d.tr == nil {
		return respond(nil, nil, -1, nil)
	}
	calls, diags := d.tr.Translate(ev)
	now, clock := requestNow(req)
	diags = append(append(diags, clock...), checkCalls(calls, now)...)
	return respond(calls, nil, -1, diags)
}

// door finds an open front door, or returns the bad_request answer.
func (e *Engine) door(num int) (*door, string) {
	if d := e.doors[num]; d != nil {
		return d, ""
	}
	return nil, failure(CodeBadRequest, "Engine "+itoa(num)+" is not open; send an open request first.")
}

func field(o *jsonv.Object, key string) any {
	v, ok := o.Get(key)
	if !ok {
		return jsonv.Undefined{}
	}
	return v
}

func isUndefined(v any) bool {
	_, ok := v.(jsonv.Undefined)
	return ok
}

// engineNumber accepts the small whole numbers the glue picks.
func engineNumber(v any) (int, bool) {
	f, ok := v.(float64)
	if !ok || f != math.Trunc(f) || math.Abs(f) > 1<<31 {
		return 0, false
	}
	return int(f), true
}
