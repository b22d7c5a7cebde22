package analytics

import (
	"testing"

	"ramendest/wasm/jsonv"
)

func TestOptionNormalisation(t *testing.T) {
	track := func(options string) string { return `["track","ev",{},` + options + `]` }
	event := func(integrations, context string) string {
		return `{"type":"track","event":"ev","properties":{},"integrations":` + integrations + `,"context":` + context + `}`
	}
	for _, g := range []golden{
		{name: "integrations pass through", call: track(`{"integrations":{"Ramen":{"auth_hash":"h","auth_hash_timestamp":1}}}`),
			event: event(`{"Ramen":{"auth_hash":"h","auth_hash_timestamp":1}}`, `{}`), callback: -1},
		{name: "top-level Ramen moves into integrations", call: track(`{"Ramen":false}`),
			event: event(`{"Ramen":false}`, `{}`), callback: -1},
		{name: "integrations win over top-level names", call: track(`{"integrations":{"Ramen":{"a":1}},"Ramen":false}`),
			event: event(`{"Ramen":{"a":1}}`, `{}`), callback: -1},
		{name: "any case of Ramen and All moves, as written", call: track(`{"ramen":true,"RAMEN":1,"All":false,"all":true,"ALL":3,"Other":true}`),
			event: event(`{"ramen":true,"RAMEN":1,"All":false,"all":true,"ALL":3}`, `{"Other":true}`), callback: -1},
		{name: "providers fill in", call: track(`{"providers":{"Ramen":false,"Foo":true}}`),
			event: event(`{"Ramen":false}`, `{}`), callback: -1},
		{name: "a boolean provider does not override", call: track(`{"integrations":{"Ramen":true},"providers":{"Ramen":false,"All":false}}`),
			event: event(`{"Ramen":true,"All":false}`, `{}`), callback: -1},
		{name: "an object provider overrides a non-object", call: track(`{"integrations":{"Ramen":"x"},"providers":{"Ramen":{"b":1}}}`),
			event: event(`{"Ramen":{"b":1}}`, `{}`), callback: -1},
		{name: "an object integration stays", call: track(`{"integrations":{"Ramen":{"a":1}},"providers":{"Ramen":{"b":1}}}`),
			event: event(`{"Ramen":{"a":1}}`, `{}`), callback: -1},
		{name: "other keys go to context", call: track(`{"context":{"ip":"1"},"foo":{"bar":1},"traits":{"t":1}}`),
			event: event(`{}`, `{"ip":"1","foo":{"bar":1},"traits":{"t":1}}`), callback: -1},
		{name: "anonymousId and timestamp go to the top",
			call:  track(`{"anonymousId":"a1","timestamp":{"\u0000date":5000}}`),
			event: `{"type":"track","event":"ev","properties":{},` + empty + `,"anonymousId":"a1","timestamp":{"\u0000date":5000}}`, callback: -1},
		{name: "an empty anonymousId is not sent", call: track(`{"anonymousId":""}`), event: event(`{}`, `{}`), callback: -1},
		{name: "a falsy context.page is dropped", call: track(`{"context":{"page":null,"a":1}}`), event: event(`{}`, `{"a":1}`), callback: -1},
		{name: "number options are ignored", call: track(`5`), event: event(`{}`, `{}`), callback: -1,
			codes: "track_options_not_object"},
		{name: "text options throw", call: track(`"Ramen"`), event: `null`, callback: -1,
			codes: "track_throws"},
		{name: "array options throw", call: track(`["Ramen"]`), event: `null`, callback: -1, codes: "track_throws"},
		{name: "text context throws", call: track(`{"context":"x"}`), event: `null`, callback: -1, codes: "track_throws"},
		{name: "text providers throw", call: track(`{"providers":"abc"}`), event: `null`, callback: -1, codes: "track_throws"},
		{name: "boolean integrations pass on", call: track(`{"integrations":true}`), event: event(`true`, `{}`), callback: -1,
			codes: "track_integrations_not_object"},
		{name: "boolean integrations with a name to move throw", call: track(`{"integrations":true,"Ramen":false}`),
			event: `null`, callback: -1, codes: "track_integrations_not_object track_throws"},
		{name: "names moved into array integrations are lost", call: track(`{"integrations":[],"Ramen":false}`),
			event: event(`[]`, `{}`), callback: -1, codes: "track_integrations_not_object"},
	} {
		t.Run(g.name, func(t *testing.T) { runGolden(t, g) })
	}
}

func TestRestore(t *testing.T) {
	for _, tc := range []struct{ name, stored, want string }{
		{"nothing", `null`, noneState},
		{"not an object", `"x"`, noneState},
		{"wrong member types", `{"user":5,"group":[1]}`, noneState},
		{"user and group", `{"user":{"id":"7","traits":{"a":{"\u0000date":1000}}},"group":{"id":"g","traits":{}}}`,
			`{"user":{"id":"7","traits":{"a":{"\u0000date":1000}}},"group":{"id":"g","traits":{}}}`},
		{"falsy ids read as none", `{"user":{"id":0,"traits":null},"group":{"id":"","traits":"x"}}`,
			`{"user":{"id":null,"traits":{}},"group":{"id":null,"traits":"x"}}`},
		{"tags are sanitised", `{"user":{"id":{"\u0000fn":1},"traits":{"f":{"\u0000fn":1},"u":[{"\u0000undef":1}]}}}`,
			`{"user":{"id":"undefined","traits":{"u":[null]}},"group":{"id":null,"traits":{}}}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := NewSession(mustParse(t, tc.stored))
			if got := jsonv.MarshalTagged(s.State()); got != tc.want {
				t.Errorf("state\n got %s\nwant %s", got, tc.want)
			}
		})
	}

	// A restored session goes on as the original would have.
	s := NewSession(nil)
	s.Call("identify", mustParse(t, `["7",{"a":1}]`).([]any))
	restored := NewSession(mustParse(t, jsonv.MarshalTagged(s.State())))
	res := restored.Call("identify", mustParse(t, `[{"b":2}]`).([]any))
	if got, want := jsonv.Marshal(res.Event), `{"type":"identify","userId":"7","traits":{"a":1,"b":2},`+empty+`}`; got != want {
		t.Errorf("after restore\n got %s\nwant %s", got, want)
	}
}

// TestMessagesAreCopies checks that neither the message nor the remembered traits share
// objects with the page's arguments, which the page may change later.
func TestMessagesAreCopies(t *testing.T) {
	s := NewSession(nil)
	args := mustParse(t, `["7",{"a":{"b":1}},{"integrations":{"Ramen":{"x":1}}}]`).([]any)
	res := s.Call("identify", args)
	nested, _ := args[1].(*jsonv.Object).Get("a")
	nested.(*jsonv.Object).Set("b", 2.0)
	ramen, _ := args[2].(*jsonv.Object).Get("integrations")
	ramen.(*jsonv.Object).Set("Ramen", false)
	if got, want := jsonv.Marshal(res.Event), `{"type":"identify","userId":"7","traits":{"a":{"b":1}},"integrations":{"Ramen":{"x":1}},"context":{}}`; got != want {
		t.Errorf("message changed with the arguments\n got %s\nwant %s", got, want)
	}
	if got, want := jsonv.Marshal(s.State()), `{"user":{"id":"7","traits":{"a":{"b":1}}},"group":{"id":null,"traits":{}}}`; got != want {
		t.Errorf("state changed with the arguments\n got %s\nwant %s", got, want)
	}
}
