package engine

import (
	"strings"
	"testing"

	"ramendest/wasm/jsonv"
)

const (
	openDemo = `{"op":"open","engine":1,"settings":{"organization_id":"6389149"},"state":null,"tzOffsetMinutes":0}`
	bootDemo = `{"calls":[["boot","6389149",{"organization_id":"6389149"}]],"callback":-1,"diagnostics":[]}`
)

// exchange is one request and the exact answer expected for it.
type exchange struct{ request, answer string }

// TestExchanges sends whole requests to one engine per case and compares whole answers.
func TestExchanges(t *testing.T) {
	cases := []struct {
		name  string
		steps []exchange
	}{
		{"open answers boot", []exchange{{openDemo, bootDemo}}},
		{"open without a timezone offset", []exchange{{
			`{"op":"open","engine":3,"settings":{"organization_id":"6389149","type":"browser"}}`, bootDemo}}},
		{"snippet identify with a callback remembers the user", []exchange{
			{openDemo, bootDemo},
			{`{"op":"call","engine":1,"method":"identify","args":["19",{"email":"a@b.c"},{"\u0000fn":1}]}`,
				`{"calls":[["identify",{"id":"19","email":"a@b.c","traits":{}},{}]],"state":{"user":{"id":"19","traits":{"email":"a@b.c"}},"group":{"id":null,"traits":{}}},"callback":2,"diagnostics":[]}`},
			{`{"op":"call","engine":1,"method":"track","args":["Signed Up",{"plan":"pro"}]}`,
				`{"calls":[["track","Signed Up"]],"callback":-1,"diagnostics":[]}`},
		}},
		{"snippet state comes back from an earlier page", []exchange{
			{`{"op":"open","engine":1,"settings":{"organization_id":"6389149"},"state":{"user":{"id":"19","traits":{"plan":"a","since":{"\u0000date":1234567890000}}},"group":{"id":null,"traits":{}}},"tzOffsetMinutes":0}`, bootDemo},
			{`{"op":"call","engine":1,"method":"identify","args":[{"seats":2}]}`,
				`{"calls":[["identify",{"id":"19","traits":{"plan":"a","since":1234567890,"seats":2}},{}]],"state":{"user":{"id":"19","traits":{"plan":"a","since":{"\u0000date":1234567890000},"seats":2}},"group":{"id":null,"traits":{}}},"callback":-1,"diagnostics":[]}`},
		}},
		{"snippet page before identify", []exchange{
			{openDemo, bootDemo},
			{`{"op":"call","engine":1,"method":"page","args":[]}`, `{"calls":[["identify"],["page"]],"callback":-1,"diagnostics":[]}`},
		}},
		{"snippet reset", []exchange{
			{openDemo, bootDemo},
			{`{"op":"call","engine":1,"method":"reset","args":[]}`,
				`{"calls":[["reset"]],"state":{"user":{"id":null,"traits":{}},"group":{"id":null,"traits":{}}},"callback":-1,"diagnostics":[]}`},
		}},
		{"event identify from analytics-next", []exchange{
			{`{"op":"open","engine":2,"settings":{"organization_id":"6389149","type":"browser","versionSettings":{"version":"0.1.0"}},"state":null,"tzOffsetMinutes":-60}`, bootDemo},
			{`{"op":"event","engine":2,"event":{"type":"identify","userId":"19","traits":{"createdAt":{"\u0000date":1234567890000},"seen":"2009-02-13 23:31:30"},"integrations":{},"timestamp":{"\u0000date":1700000000000}}}`,
				`{"calls":[["identify",{"id":"19","created_at":1234567890,"traits":{"seen":1234564290}},{}]],"callback":-1,"diagnostics":[]}`},
			{`{"op":"event","engine":2,"event":{"type":"page","properties":{}}}`, `{"calls":[["page"]],"callback":-1,"diagnostics":[]}`},
			{`{"op":"event","engine":2,"event":{"type":"reset"}}`, `{"calls":[["reset"]],"callback":-1,"diagnostics":[]}`},
			{`{"op":"event","engine":2,"event":{"type":"track","event":"x"}}`, `{"calls":[["identify"],["track","x"]],"callback":-1,"diagnostics":[]}`},
		}},
		{"event identify without a user id", []exchange{
			{openDemo, bootDemo},
			{`{"op":"event","engine":1,"event":{"type":"identify","traits":{"a":1}}}`,
				`{"calls":[],"callback":-1,"diagnostics":[{"code":"identify_no_user_id","level":"info","message":"identify was ignored: it has no user id, and Ramen identifies logged-in users by id. Pass the user's id as the first argument; page, track and group already work for anonymous visitors."}]}`},
		}},
		{"options in identify keep other dates as ISO strings", []exchange{
			{openDemo, bootDemo},
			{`{"op":"event","engine":1,"event":{"type":"identify","userId":"1","integrations":{"Ramen":{"user":{"since":{"\u0000date":0}}}}}}`,
				`{"calls":[["identify",{"id":"1","traits":{}},{"user":{"since":"1970-01-01T00:00:00.000Z"}}]],"callback":-1,"diagnostics":[]}`},
		}},
		{"engines are independent", []exchange{
			{openDemo, bootDemo},
			{strings.Replace(openDemo, `"engine":1`, `"engine":2`, 1), bootDemo},
			{`{"op":"event","engine":1,"event":{"type":"identify","userId":"1"}}`, `{"calls":[["identify",{"id":"1","traits":{}},{}]],"callback":-1,"diagnostics":[]}`},
			{`{"op":"event","engine":2,"event":{"type":"page"}}`, `{"calls":[["identify"],["page"]],"callback":-1,"diagnostics":[]}`},
			{`{"op":"event","engine":1,"event":{"type":"page"}}`, `{"calls":[["page"]],"callback":-1,"diagnostics":[]}`},
		}},
		{"Ramen disabled for the source", []exchange{
			{`{"op":"open","engine":1,"settings":null,"state":null,"tzOffsetMinutes":0}`,
				`{"calls":[],"callback":-1,"diagnostics":[{"code":"ramen_disabled","level":"info","message":"Ramen is disabled for this source, so calls are accepted and nothing is sent to Ramen."}]}`},
			{`{"op":"event","engine":1,"event":{"type":"page"}}`, `{"calls":[],"callback":-1,"diagnostics":[]}`},
			{`{"op":"call","engine":1,"method":"identify","args":["7",{},{"\u0000fn":1}]}`,
				`{"calls":[],"state":{"user":{"id":"7","traits":{}},"group":{"id":null,"traits":{}}},"callback":2,"diagnostics":[]}`},
		}},
		{"reopening starts over", []exchange{
			{openDemo, bootDemo},
			{`{"op":"event","engine":1,"event":{"type":"page"}}`, `{"calls":[["identify"],["page"]],"callback":-1,"diagnostics":[]}`},
			{openDemo, bootDemo},
			{`{"op":"event","engine":1,"event":{"type":"page"}}`, `{"calls":[["identify"],["page"]],"callback":-1,"diagnostics":[]}`},
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := &Engine{}
			for i, x := range c.steps {
				if got := e.Handle(x.request); got != x.answer {
					t.Errorf("step %d: %s\n got %s\nwant %s", i, x.request, got, x.answer)
				}
			}
		})
	}
}

// TestBadRequests checks that malformed requests get a bad_request answer and nothing
// else, whatever state the engine is in.
func TestBadRequests(t *testing.T) {
	requests := []string{
		``, `nope`, `[]`, `null`, `{"op":"open"}`, `{"op":"open","engine":1.5,"settings":{}}`,
		`{"op":"open","engine":"1","settings":{}}`, `{"op":"close","engine":1}`, `{"engine":1}`,
		`{"op":"open","engine":1,"settings":"6389149"}`, `{"op":"open","engine":1,"settings":{},"tzOffsetMinutes":"0"}`,
		`{"op":"call","engine":9,"method":"page","args":[]}`, `{"op":"event","engine":9,"event":{"type":"page"}}`,
		`{"op":"call","engine":1,"method":"alias","args":["x"]}`, `{"op":"call","engine":1,"method":"page"}`,
		`{"op":"call","engine":1,"method":"page","args":{}}`, `{"op":"call","engine":1,"args":[]}`,
		`{"op":"event","engine":1}`, `{"op":"event","engine":1,"event":[]}`, `{"op":"event","engine":1,"event":null}`,
		`{"op":"open","engine":1e300,"settings":{}}`,
	}
	e := &Engine{}
	e.Handle(openDemo)
	for _, r := range requests {
		got := e.Handle(r)
		if !strings.HasPrefix(got, `{"calls":[],"diagnostics":[{"code":"bad_request","level":"error","message":"`) || !strings.HasSuffix(got, `"}]}`) {
			t.Errorf("Handle(%q) = %s, want a bad_request answer", r, got)
		}
		if _, err := jsonv.Parse(got); err != nil {
			t.Errorf("Handle(%q) answer is not JSON: %v", r, err)
		}
	}
	if got := e.Handle(`{"op":"event","engine":1,"event":{"type":"page"}}`); got != `{"calls":[["identify"],["page"]],"callback":-1,"diagnostics":[]}` {
		t.Errorf("engine 1 no longer works after bad requests: %s", got)
	}
	if got := BadRequest("x"); got != `{"calls":[],"diagnostics":[{"code":"bad_request","level":"error","message":"x"}]}` {
		t.Errorf("BadRequest = %s", got)
	}
}

// TestPanicsBecomeInternalErrors breaks an engine on purpose: a door without a session.
func TestPanicsBecomeInternalErrors(t *testing.T) {
	e := &Engine{doors: map[int]*door{1: {}}}
	got := e.Handle(`{"op":"call","engine":1,"method":"page","args":[]}`)
	if !strings.HasPrefix(got, `{"calls":[],"diagnostics":[{"code":"internal_error","level":"error","message":"The Ramen translator failed on this call (`) {
		t.Errorf("answer = %s, want an internal_error answer", got)
	}
	if _, err := jsonv.Parse(got); err != nil {
		t.Errorf("answer is not JSON: %v", err)
	}
}

// TestParseDateIsUsed checks that strings only a browser can read go to ParseDate.
func TestParseDateIsUsed(t *testing.T) {
	var asked []string
	e := &Engine{ParseDate: func(s string) (float64, bool) {
		asked = append(asked, s)
		return 1234567890000, true
	}}
	e.Handle(openDemo)
	got := e.Handle(`{"op":"event","engine":1,"event":{"type":"identify","userId":"1","traits":{"created":"Feb 13, 2009"}}}`)
	if want := `{"calls":[["identify",{"id":"1","created_at":1234567890,"traits":{}},{}]],"callback":-1,"diagnostics":[]}`; got != want {
		t.Errorf("answer = %s, want %s", got, want)
	}
	if len(asked) != 1 || asked[0] != "Feb 13, 2009" {
		t.Errorf("ParseDate asked %q", asked)
	}
}

// benchmarkCall measures one snippet-door request after an open.
func benchmarkCall(b *testing.B, request string) {
	e := &Engine{}
	e.Handle(openDemo)
	e.Handle(`{"op":"call","engine":1,"method":"page","args":[]}`) // past the bare identify
	b.ReportAllocs()
	for b.Loop() {
		e.Handle(request)
	}
}

func BenchmarkTrack(b *testing.B) {
	benchmarkCall(b, `{"op":"call","engine":1,"method":"track","args":["Signed Up",{"plan":"pro","seats":3}]}`)
}

func BenchmarkIdentify20Traits(b *testing.B) {
	traits := `{"email":"a@b.co","name":"Ryan Angilly","createdAt":"2009-02-13T23:31:30Z"`
	for i := 0; i < 17; i++ {
		traits += `,"trait_` + itoa(i) + `":` + itoa(i)
	}
	benchmarkCall(b, `{"op":"call","engine":1,"method":"identify","args":["19",`+traits+`}]}`)
}
