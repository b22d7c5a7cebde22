package translate

import (
	"strings"
	"testing"

	"ramendest/wasm/jsonv"
)

// goldenCase feeds messages, in order, to one fresh translator and compares every call
// made, as JSON text, so key order and value types are checked too.
type goldenCase struct {
	name   string
	events []string // messages as analytics.js handed them to integrations
	want   string   // all calls, [[method, ...args], …]
	diags  string   // codes of all diagnostics, comma-separated
	tz     float64  // the page's getTimezoneOffset()
}

const (
	email     = `"email":"email@example.com"`
	ramenName = `"name":"ryan+segment@ramen.is"`
	// pageCall and trackCall come after a page or track when an identify was sent.
	pageCall = `["page"]`
)

// Section 2 of the reference: the public examples of the classic integration's tests.
var publicExamples = []goldenCase{
	{name: "identify with only an id",
		events: []string{`{"type":"identify","userId":"users-id","traits":{}}`},
		want:   `[["identify",{"id":"users-id","traits":{}},{}]]`},
	{name: "identify with only an email",
		events: []string{`{"type":"identify","userId":"id","traits":{` + email + `}}`},
		want:   `[["identify",{"id":"id",` + email + `,"traits":{}},{}]]`},
	{name: "identify with email, name and a trait",
		events: []string{`{"type":"identify","userId":"id","traits":{` + email + `,` + ramenName + `,"is_friend":true}}`},
		want:   `[["identify",{"id":"id",` + email + `,` + ramenName + `,"traits":{"is_friend":true}},{}]]`},
	{name: "identify with a company",
		events: []string{`{"type":"identify","userId":"19","traits":{` + email + `,` + ramenName + `,"company":{"name":"Pied Piper, Inc.","url":"http://piedpiper.com","id":"987","createdAt":"2009-02-13T23:31:30.000Z","is_friend":true,"used_coupon_at":1234567890}}}`},
		// created_at is a new key set by the rename, so it comes last (as in JavaScript).
		want: `[["identify",{"id":"19",` + email + `,` + ramenName + `,"company":{"name":"Pied Piper, Inc.","url":"http://piedpiper.com","id":"987","is_friend":true,"used_coupon_at":1234567890,"created_at":1234567890},"traits":{}},{}]]`},
	{name: "identify with other traits",
		events: []string{`{"type":"identify","userId":"id","traits":{` + email + `,` + ramenName + `,"age":32,"score":43.1,"color":"green","is_friend":true,"became_maven_at":1234567890,"first_purchase_at":"2009-02-13T23:31:31.000Z","lastPurchaseAt":"2009-02-13T23:31:32.000Z"}}`},
		want:   `[["identify",{"id":"id",` + email + `,` + ramenName + `,"traits":{"age":32,"score":43.1,"color":"green","is_friend":true,"became_maven_at":1234567890,"first_purchase_at":1234567891,"lastPurchaseAt":1234567892}},{}]]`},
	{name: "identify without an id sends nothing",
		events: []string{`{"type":"identify","traits":{"a_trait":11}}`},
		want:   `[]`, diags: CodeIdentifyNoUserID},
	{name: "identify with integration options",
		events: []string{`{"type":"identify","userId":"id","traits":{` + email + `,` + ramenName + `},"integrations":{"Ramen":{"unknown_future_opt":"11","environment":"staging","auth_hash_timestamp":1700000000.5,"auth_hash":"authy_hasy","custom_links":[{"href":"https://ramen.is/support","title":"Hello"}],"user":{"unknown_future_user_opt":"user 11","labels":["use","ramen!"],"logged_in_url":"https://align.ramen.is/manage"}}}}`},
		want:   `[["identify",{"id":"id",` + email + `,` + ramenName + `,"traits":{}},{"unknown_future_opt":"11","environment":"staging","auth_hash":"authy_hasy","custom_links":[{"href":"https://ramen.is/support","title":"Hello"}],"user":{"unknown_future_user_opt":"user 11","labels":["use","ramen!"],"logged_in_url":"https://align.ramen.is/manage"},"timestamp":1700000000.5}]]`},
	{name: "group after identify",
		events: []string{`{"type":"identify","userId":"this-user","traits":{}}`, `{"type":"group","groupId":"id1","traits":{}}`},
		want:   `[["identify",{"id":"this-user","traits":{}},{}],["group",{"id":"id1"}]]`},
	{name: "group before identify",
		events: []string{`{"type":"group","groupId":"id1","traits":{}}`},
		want:   `[["identify"],["group",{"id":"id1"}]]`},
	{name: "track after identify",
		events: []string{`{"type":"identify","userId":"this-user","traits":{}}`, `{"type":"track","event":"New Signup","properties":{}}`},
		want:   `[["identify",{"id":"this-user","traits":{}},{}],["track","New Signup"]]`},
	{name: "track before identify",
		events: []string{`{"type":"track","event":"New Signup","properties":{"plan":"Startup"}}`},
		want:   `[["identify"],["track","New Signup"]]`},
	{name: "page after identify",
		events: []string{`{"type":"identify","userId":"this-user","traits":{}}`, `{"type":"page","properties":{"title":"Our page"}}`},
		want:   `[["identify",{"id":"this-user","traits":{}},{}],["page"]]`},
	{name: "page before identify",
		events: []string{`{"type":"page","properties":{}}`},
		want:   `[["identify"],["page"]]`},
	{name: "reset starts the anonymous identify over",
		events: []string{`{"type":"page"}`, `{"type":"reset"}`, `{"type":"page"}`},
		want:   `[["identify"],["page"],["reset"],["identify"],["page"]]`},
}

// The seed document's examples (Segment's page for the destination).
var seedExamples = []goldenCase{
	{name: "seed identify",
		events: []string{`{"type":"identify","userId":"314159","traits":{"email":"ryan@charturl.com","name":"Ryan Angilly","created_at":1234567890,"is_profitable":true,"plan":"Startup","mrr":149.99}}`},
		want:   `[["identify",{"id":"314159","email":"ryan@charturl.com","created_at":1234567890,"name":"Ryan Angilly","traits":{"is_profitable":true,"plan":"Startup","mrr":149.99}},{}]]`},
	{name: "seed group",
		events: []string{`{"type":"group","groupId":"314159","traits":{"name":"Ryan Angilly","url":"https://charturl.com","created_at":1234567890,"is_awesome":true,"plan":"Startup","mrr":149.99}}`},
		want:   `[["identify"],["group",{"name":"Ryan Angilly","url":"https://charturl.com","created_at":1234567890,"is_awesome":true,"plan":"Startup","mrr":149.99,"id":"314159"}]]`},
	{name: "seed secure mode",
		events: []string{`{"type":"identify","userId":"42","traits":{"email":"ryan@ramen.is","createdAt":1234567890},"integrations":{"Ramen":{"timestamp":1700000000,"auth_hash":"09cc0a69233f1bf41e68ed00b9256fde5a4542e9fdba635fe2a9a4edf9ee1ba1"}}}`},
		want:   `[["identify",{"id":"42","email":"ryan@ramen.is","created_at":1234567890,"traits":{}},{"timestamp":1700000000,"auth_hash":"09cc0a69233f1bf41e68ed00b9256fde5a4542e9fdba635fe2a9a4edf9ee1ba1"}]]`},
}

func TestPublicExamples(t *testing.T) { runGolden(t, publicExamples) }
func TestSeedExamples(t *testing.T)   { runGolden(t, seedExamples) }

func runGolden(t *testing.T, cases []goldenCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			tr, _ := New(mustObject(t, `{"organization_id":"6389149"}`), Options{TZOffsetMinutes: c.tz, ParseDate: fakeParseDate})
			var all []Call
			var codes []string
			for _, text := range c.events {
				calls, diags := tr.Translate(mustObject(t, text))
				all = append(all, calls...)
				for _, d := range diags {
					codes = append(codes, d.Code)
					if d.Message == "" || (d.Level != "info" && d.Level != "warn" && d.Level != "error") {
						t.Errorf("diagnostic %+v lacks a message or a level", d)
					}
				}
			}
			if got := MarshalCalls(all); got != c.want {
				t.Errorf("calls\n got %s\nwant %s", got, c.want)
			}
			if got := strings.Join(codes, ","); got != c.diags {
				t.Errorf("diagnostics = %q, want %q", got, c.diags)
			}
		})
	}
}

// fakeParseDate stands in for the browser's Date.parse in tests.
func fakeParseDate(s string) (float64, bool) {
	switch s {
	case "Fri, 13 Feb 2009 23:31:30 GMT":
		return 1234567890000, true
	case "12345":
		return 327403382400000, true // V8 reads it as the year 12345
	}
	return 0, false
}

func mustObject(t testing.TB, text string) *jsonv.Object {
	t.Helper()
	v, err := jsonv.Parse(text)
	if err != nil {
		t.Fatalf("parse %s: %v", text, err)
	}
	o, ok := v.(*jsonv.Object)
	if !ok {
		t.Fatalf("%s is not an object", text)
	}
	return o
}

func TestBoot(t *testing.T) {
	cases := []struct{ settings, want string }{
		{`{"organization_id":"6389149"}`, `["boot","6389149",{"organization_id":"6389149"}]`},
		{`{"type":"browser","versionSettings":{"version":"1.0.0"},"environment":"staging","organization_id":"6389149","custom_links":[{"title":"Help","href":"/help"}],"api_key":"x"}`,
			`["boot","6389149",{"organization_id":"6389149","environment":"staging","custom_links":[{"title":"Help","href":"/help"}]}]`},
		{`{}`, `["boot","",{"organization_id":""}]`},
	}
	for _, c := range cases {
		tr, _ := New(mustObject(t, c.settings), Options{})
		if got := jsonv.Marshal(CallsValue([]Call{tr.Boot()})[0]); got != c.want {
			t.Errorf("Boot(%s) = %s, want %s", c.settings, got, c.want)
		}
	}
	tr, diags := New(nil, Options{})
	if got := jsonv.Marshal(CallsValue([]Call{tr.Boot()})[0]); got != `["boot","",{"organization_id":""}]` || len(diags) != 1 {
		t.Errorf("Boot(nil) = %s, %v", got, diags)
	}
}
