package analytics

import (
	"strings"
	"testing"

	"ramendest/wasm/jsonv"
)

// golden is one table row: calls made first (setup), then the call under test, with
// the message and state expected as JSON text (jsonv.MarshalTagged, so Dates show as
// {"\u0000date":ms} tags and an undefined value would show as a tag too).
type golden struct {
	name     string
	setup    string // JSON array of earlier calls, each [method, ...args]; "" for none
	call     string // JSON array [method, ...args]
	event    string // MarshalTagged(Result.Event), "null" when nothing is sent
	state    string // MarshalTagged(State()) afterwards; "" to skip
	callback int
	codes    string // the diagnostic codes, space separated
	changed  bool   // Result.StateChanged
}

// runGolden runs one row against a fresh session.
func runGolden(t *testing.T, g golden) {
	t.Helper()
	s := NewSession(nil)
	if g.setup != "" {
		for _, c := range mustParse(t, g.setup).([]any) {
			args := c.([]any)
			s.Call(args[0].(string), args[1:])
		}
	}
	args := mustParse(t, g.call).([]any)
	res := s.Call(args[0].(string), args[1:])
	event := "null"
	if res.Event != nil {
		event = jsonv.MarshalTagged(res.Event)
	}
	if event != g.event {
		t.Errorf("event\n got %s\nwant %s", event, g.event)
	}
	if g.state != "" {
		if got := jsonv.MarshalTagged(s.State()); got != g.state {
			t.Errorf("state\n got %s\nwant %s", got, g.state)
		}
	}
	if res.Callback != g.callback {
		t.Errorf("callback = %d, want %d", res.Callback, g.callback)
	}
	var codes []string
	for _, d := range res.Diagnostics {
		codes = append(codes, d.Code)
		if d.Message == "" || (d.Level != "error" && d.Level != "warn" && d.Level != "info") {
			t.Errorf("diagnostic %+v lacks a message or a known level", d)
		}
	}
	if got := strings.Join(codes, " "); got != g.codes {
		t.Errorf("diagnostics = %q, want %q", got, g.codes)
	}
	if res.StateChanged != g.changed {
		t.Errorf("StateChanged = %v, want %v", res.StateChanged, g.changed)
	}
}

func mustParse(t *testing.T, text string) any {
	t.Helper()
	v, err := jsonv.Parse(text)
	if err != nil {
		t.Fatalf("bad test JSON %s: %v", text, err)
	}
	return v
}

const (
	fn        = `{"\u0000fn":1}`
	empty     = `"integrations":{},"context":{}`
	noneState = `{"user":{"id":null,"traits":{}},"group":{"id":null,"traits":{}}}`
)

func TestIdentifyShifting(t *testing.T) {
	for _, g := range []golden{
		{name: "id", call: `["identify","7"]`,
			event: `{"type":"identify","userId":"7","traits":{},` + empty + `}`, callback: -1, changed: true},
		{name: "id traits", call: `["identify","7",{"a":1}]`,
			event: `{"type":"identify","userId":"7","traits":{"a":1},` + empty + `}`, callback: -1, changed: true,
			state: `{"user":{"id":"7","traits":{"a":1}},"group":{"id":null,"traits":{}}}`},
		{name: "id traits options fn", call: `["identify","7",{"a":1},{"integrations":{"Ramen":{"auth_hash":"h"}}},` + fn + `]`,
			event: `{"type":"identify","userId":"7","traits":{"a":1},"integrations":{"Ramen":{"auth_hash":"h"}},"context":{}}`, callback: 3, changed: true},
		{name: "id traits fn", call: `["identify","7",{"a":1},` + fn + `]`,
			event: `{"type":"identify","userId":"7","traits":{"a":1},` + empty + `}`, callback: 2, changed: true},
		{name: "id fn", call: `["identify","7",` + fn + `]`,
			event: `{"type":"identify","userId":"7","traits":{},` + empty + `}`, callback: 1, changed: true},
		{name: "traits", call: `["identify",{"a":1}]`,
			event: `{"type":"identify","userId":null,"traits":{"a":1},` + empty + `}`, callback: -1, changed: true},
		{name: "traits options", call: `["identify",{"a":1},{"Ramen":false}]`,
			event: `{"type":"identify","userId":null,"traits":{"a":1},"integrations":{"Ramen":false},"context":{}}`, callback: -1, changed: true},
		{name: "traits fn", call: `["identify",{"a":1},` + fn + `]`,
			event: `{"type":"identify","userId":null,"traits":{"a":1},` + empty + `}`, callback: 1, changed: true},
		{name: "traits options fn", call: `["identify",{"a":1},{"x":1},` + fn + `]`,
			event: `{"type":"identify","userId":null,"traits":{"a":1},"integrations":{},"context":{"x":1}}`, callback: 2, changed: true},
		{name: "no arguments", call: `["identify"]`,
			event: `{"type":"identify","userId":null,"traits":{},` + empty + `}`, callback: -1, state: noneState},
		{name: "not a function in callback place", call: `["identify","7",{},{},"x"]`,
			event: `{"type":"identify","userId":"7","traits":{},` + empty + `}`, callback: -1, changed: true},
		{name: "first of several functions wins", call: `["identify","7",` + fn + `,` + fn + `,` + fn + `]`,
			event: `{"type":"identify","userId":"7","traits":{},` + empty + `}`, callback: 1, changed: true},
		{name: "function as id", call: `["identify",` + fn + `]`,
			event: `{"type":"identify","userId":"undefined","traits":{},` + empty + `}`, callback: -1, changed: true,
			codes: "identify_function_not_callback"},
		{name: "extra arguments", call: `["identify","7",{},{},` + fn + `,5]`,
			event: `{"type":"identify","userId":"7","traits":{},` + empty + `}`, callback: 3, changed: true,
			codes: "identify_extra_arguments"},
		{name: "traits a string", call: `["identify","7","ab"]`,
			event: `{"type":"identify","userId":"7","traits":{"0":"a","1":"b"},` + empty + `}`, callback: -1, changed: true,
			codes: "identify_traits_not_object"},
		{name: "array id", call: `["identify",[1,2]]`,
			event: `{"type":"identify","userId":[1,2],"traits":{},` + empty + `}`, callback: -1, changed: true,
			codes: "identify_id_not_string"},
		{name: "Date id is stored as text", call: `["identify",{"\u0000date":1000}]`,
			event: `{"type":"identify","userId":"1970-01-01T00:00:01.000Z","traits":{},` + empty + `}`, callback: -1, changed: true,
			codes: "identify_id_not_string"},
	} {
		t.Run(g.name, func(t *testing.T) { runGolden(t, g) })
	}
}

func TestRememberedUser(t *testing.T) {
	const seven = `[["identify","7",{"a":1}]]`
	for _, g := range []golden{
		{name: "traits alone merge into the remembered user", setup: seven, call: `["identify",{"b":2}]`,
			event: `{"type":"identify","userId":"7","traits":{"a":1,"b":2},` + empty + `}`, callback: -1, changed: true,
			state: `{"user":{"id":"7","traits":{"a":1,"b":2}},"group":{"id":null,"traits":{}}}`},
		{name: "same id merges", setup: seven, call: `["identify","7",{"a":2,"c":3}]`,
			event: `{"type":"identify","userId":"7","traits":{"a":2,"c":3},` + empty + `}`, callback: -1, changed: true},
		{name: "same id and traits change nothing", setup: seven, call: `["identify","7",{"a":1}]`,
			event: `{"type":"identify","userId":"7","traits":{"a":1},` + empty + `}`, callback: -1},
		{name: "another id replaces", setup: seven, call: `["identify","8",{"c":3}]`,
			event: `{"type":"identify","userId":"8","traits":{"c":3},` + empty + `}`, callback: -1, changed: true,
			state: `{"user":{"id":"8","traits":{"c":3}},"group":{"id":null,"traits":{}}}`},
		{name: "anonymous traits carry over to the first id", setup: `[["identify",{"a":1}]]`, call: `["identify","7",{"b":2}]`,
			event: `{"type":"identify","userId":"7","traits":{"a":1,"b":2},` + empty + `}`, callback: -1, changed: true},
		{name: "falsy id keeps the id and replaces traits", setup: seven, call: `["identify",0,{"b":2}]`,
			event: `{"type":"identify","userId":"7","traits":{"b":2},` + empty + `}`, callback: -1, changed: true,
			codes: "identify_falsy_id"},
		{name: "no arguments forget the traits", setup: seven, call: `["identify"]`,
			event: `{"type":"identify","userId":"7","traits":{},` + empty + `}`, callback: -1, changed: true,
			codes: "identify_traits_replaced"},
		{name: "number and text ids differ", setup: `[["identify",7,{"a":1}]]`, call: `["identify","7",{"b":2}]`,
			event: `{"type":"identify","userId":"7","traits":{"b":2},` + empty + `}`, callback: -1, changed: true,
			codes: "identify_id_type_changed"},
		{name: "remembered user on track", setup: seven, call: `["track","ev"]`,
			event: `{"type":"track","userId":"7","event":"ev",` + empty + `}`, callback: -1},
		{name: "remembered user on page", setup: seven, call: `["page"]`,
			event: `{"type":"page","userId":"7","properties":{},` + empty + `}`, callback: -1},
		{name: "remembered user and group on group", setup: `[["identify","7"],["group","g1",{"n":"x"}]]`, call: `["group",{"m":1}]`,
			event: `{"type":"group","userId":"7","groupId":"g1","traits":{"n":"x","m":1},` + empty + `}`, callback: -1, changed: true,
			state: `{"user":{"id":"7","traits":{}},"group":{"id":"g1","traits":{"n":"x","m":1}}}`},
		{name: "reset forgets user and group", setup: `[["identify","7",{"a":1}],["group","g",{"b":1}]]`, call: `["reset"]`,
			event: `{"type":"reset"}`, callback: -1, changed: true, state: noneState},
		{name: "after reset traits start over", setup: `[["identify","7",{"a":1}],["reset"]]`, call: `["identify",{"c":1}]`,
			event: `{"type":"identify","userId":null,"traits":{"c":1},` + empty + `}`, callback: -1, changed: true},
		{name: "Dates stay Dates unless storage changes them", call: `["identify","7",{"d":{"\u0000date":1234567890000},` +
			`"bad":{"\u0000date":null},"y68":{"\u0000date":-60000000000000},"big":{"\u0000date":253402300800000},"iso":"2009-02-13T23:31:30.000Z"}]`,
			event: `{"type":"identify","userId":"7","traits":{"d":{"\u0000date":1234567890000},"bad":null,"y68":"0068-09-03T13:20:00.000Z",` +
				`"big":"+010000-01-01T00:00:00.000Z","iso":"2009-02-13T23:31:30.000Z"},` + empty + `}`, callback: -1, changed: true},
		{name: "traits that are a Date absorb merges", setup: `[["identify","7"],["identify","8",{"\u0000date":0}]]`, call: `["identify","8",{"x":1}]`,
			event: `{"type":"identify","userId":"8","traits":{"\u0000date":0},` + empty + `}`, callback: -1},
		{name: "merging into remembered text traits throws", setup: `[["identify","7"],["identify","8","str"]]`, call: `["identify","8",{"x":1}]`,
			event: `null`, callback: -1, codes: "identify_throws"},
	} {
		t.Run(g.name, func(t *testing.T) { runGolden(t, g) })
	}
}

func TestGroupTrackPageShifting(t *testing.T) {
	for _, g := range []golden{
		{name: "group id traits", call: `["group","g1",{"n":"x"}]`,
			event: `{"type":"group","groupId":"g1","traits":{"n":"x"},` + empty + `}`, callback: -1, changed: true},
		{name: "group traits options fn", call: `["group",{"n":"x"},{"Ramen":false},` + fn + `]`,
			event: `{"type":"group","groupId":null,"traits":{"n":"x"},"integrations":{"Ramen":false},"context":{}}`, callback: 2, changed: true},
		{name: "group id fn", call: `["group","g1",` + fn + `]`,
			event: `{"type":"group","groupId":"g1","traits":{},` + empty + `}`, callback: 1, changed: true},
		{name: "group without arguments sends nothing", call: `["group"]`, event: `null`, callback: -1, codes: "group_no_arguments"},
		{name: "track", call: `["track","ev",{"p":1}]`,
			event: `{"type":"track","event":"ev","properties":{"p":1},` + empty + `}`, callback: -1},
		{name: "track options fn", call: `["track","ev",{"p":1},{"Ramen":false},` + fn + `]`,
			event: `{"type":"track","event":"ev","properties":{"p":1},"integrations":{"Ramen":false},"context":{}}`, callback: 3},
		{name: "track fn", call: `["track","ev",` + fn + `]`,
			event: `{"type":"track","event":"ev","properties":null,` + empty + `}`, callback: 1},
		{name: "track properties fn", call: `["track","ev",{"p":1},` + fn + `]`,
			event: `{"type":"track","event":"ev","properties":{"p":1},` + empty + `}`, callback: 2},
		{name: "track nothing", call: `["track"]`, event: `{"type":"track",` + empty + `}`, callback: -1},
		{name: "track keeps property Dates", call: `["track","ev",{"d":{"\u0000date":null},"e":{"\u0000date":5}}]`,
			event: `{"type":"track","event":"ev","properties":{"d":{"\u0000date":null},"e":{"\u0000date":5}},` + empty + `}`, callback: -1},
		{name: "page", call: `["page"]`, event: `{"type":"page","properties":{},` + empty + `}`, callback: -1},
		{name: "page name", call: `["page","Name"]`,
			event: `{"type":"page","category":null,"name":"Name","properties":{"name":"Name"},` + empty + `}`, callback: -1},
		{name: "page category name", call: `["page","Cat","Name"]`,
			event: `{"type":"page","category":"Cat","name":"Name","properties":{"name":"Name","category":"Cat"},` + empty + `}`, callback: -1},
		{name: "page all five", call: `["page","Cat","Name",{"p":1},{"x":1},` + fn + `]`,
			event: `{"type":"page","category":"Cat","name":"Name","properties":{"p":1,"name":"Name","category":"Cat"},"integrations":{},"context":{"x":1}}`, callback: 4},
		{name: "page properties options", call: `["page",{"p":1},{"Ramen":false}]`,
			event: `{"type":"page","category":null,"name":null,"properties":{"p":1},"integrations":{"Ramen":false},"context":{}}`, callback: -1},
		{name: "page name properties", call: `["page","Name",{"p":1}]`,
			event: `{"type":"page","category":null,"name":"Name","properties":{"p":1,"name":"Name"},` + empty + `}`, callback: -1},
		{name: "page name fn", call: `["page","Name",` + fn + `]`,
			event: `{"type":"page","category":null,"name":"Name","properties":{"name":"Name"},` + empty + `}`, callback: 1},
		{name: "page category name properties fn", call: `["page","Cat","Name",{"p":1},` + fn + `]`,
			event: `{"type":"page","category":"Cat","name":"Name","properties":{"p":1,"name":"Name","category":"Cat"},` + empty + `}`, callback: 3},
		{name: "page category with a non-text name", call: `["page","Cat",5]`,
			event: `{"type":"page","category":null,"name":"Cat","properties":{"name":"Cat"},` + empty + `}`, callback: -1,
			codes: "page_name_not_string"},
		{name: "page mirrors url and title into context.page", call: `["page","Name",{"url":"http://x/","title":"T","p":1},{"context":{"page":{"path":"/z"},"ip":"1"}}]`,
			event: `{"type":"page","category":null,"name":"Name","properties":{"url":"http://x/","title":"T","p":1,"name":"Name"},` +
				`"integrations":{},"context":{"ip":"1","page":{"title":"T","url":"http://x/"}}}`, callback: -1},
		{name: "page text properties with a name throws", call: `["page","Cat","Name","props"]`,
			event: `null`, callback: -1, codes: "page_properties_not_object page_throws"},
		{name: "page text options throws", call: `["page",{"p":1},"Name"]`, event: `null`, callback: -1, codes: "page_throws"},
		{name: "page function as category", call: `["page",` + fn + `]`,
			event: `{"type":"page","category":` + fn + `,"properties":{"category":` + fn + `},` + empty + `}`, callback: -1,
			codes: "page_function_not_callback"},
		{name: "unknown method", call: `["alias","a","b"]`, event: `null`, callback: -1, codes: "unknown_method"},
	} {
		t.Run(g.name, func(t *testing.T) { runGolden(t, g) })
	}
}
