package engine

import (
	"strings"
	"testing"

	"ramendest/wasm/checks"
	"ramendest/wasm/jsonv"
	"ramendest/wasm/translate"
)

// nowMs is the browser clock the requests below carry: 2023-11-14T22:13:20Z.
const nowMs = "1700000000000"

var hash64 = strings.Repeat("ab", 32)

// TestSecureModeDiagnostics drives every browser-side cause of a Ramen 401 or 404
// through both request kinds and checks the diagnostic codes the answer carries.
func TestSecureModeDiagnostics(t *testing.T) {
	cases := []struct {
		name    string
		open    string // settings; default the demo organization
		request string // "call" or "event" request after open
		want    []string
	}{
		{name: "empty organization id", open: `{"organization_id":""}`,
			want: []string{checks.CodeOrganizationIDEmpty}},
		{name: "missing organization id", open: `{}`,
			want: []string{checks.CodeOrganizationIDEmpty}},
		{name: "valid secure identify",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{"email":"ryan@ramen.is"},{"integrations":{"Ramen":{"timestamp":1699999990,"auth_hash":"` + hash64 + `"}}}],"nowMs":` + nowMs + `}`},
		{name: "invalid email",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{"email":"Ryan Angilly"}],"nowMs":` + nowMs + `}`,
			want:    []string{checks.CodeEmailInvalid}},
		{name: "no user id is ignored, and said so",
			request: `{"op":"call","engine":1,"method":"identify","args":[{"email":"ryan@ramen.is"}],"nowMs":` + nowMs + `}`,
			want:    []string{translate.CodeIdentifyNoUserID}},
		{name: "hash without timestamp",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{},{"integrations":{"Ramen":{"auth_hash":"` + hash64 + `"}}}],"nowMs":` + nowMs + `}`,
			want:    []string{checks.CodeTimestampMissing}},
		{name: "timestamp without hash, legacy auth_hash_timestamp",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{},{"integrations":{"Ramen":{"auth_hash_timestamp":1699999990}}}],"nowMs":` + nowMs + `}`,
			want:    []string{checks.CodeAuthHashMissing}},
		{name: "timestamp a string",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{},{"integrations":{"Ramen":{"timestamp":"<%= ts %>","auth_hash":"` + hash64 + `"}}}],"nowMs":` + nowMs + `}`,
			want:    []string{checks.CodeTimestampNotNumber}},
		{name: "stale (hard-coded) timestamp",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{},{"integrations":{"Ramen":{"timestamp":1234567890,"auth_hash":"` + hash64 + `"}}}],"nowMs":` + nowMs + `}`,
			want:    []string{checks.CodeTimestampStale}},
		{name: "timestamp in milliseconds",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{},{"integrations":{"Ramen":{"timestamp":1700000000000,"auth_hash":"` + hash64 + `"}}}],"nowMs":` + nowMs + `}`,
			want:    []string{checks.CodeTimestampFuture}},
		{name: "malformed hash",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{},{"integrations":{"Ramen":{"timestamp":1699999990,"auth_hash":"authy_hasy"}}}],"nowMs":` + nowMs + `}`,
			want:    []string{checks.CodeAuthHashMalformed}},
		{name: "event door: stale timestamp and invalid email",
			request: `{"op":"event","engine":1,"event":{"type":"identify","userId":"42","traits":{"email":"x@y"},"integrations":{"Ramen":{"timestamp":1234567890,"auth_hash":"` + hash64 + `"}}},"nowMs":` + nowMs + `}`,
			want:    []string{checks.CodeEmailInvalid, checks.CodeTimestampStale}},
		{name: "no clock: age not checked",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{},{"integrations":{"Ramen":{"timestamp":1234567890,"auth_hash":"` + hash64 + `"}}}]}`},
		{name: "bad clock: reported, age not checked",
			request: `{"op":"event","engine":1,"event":{"type":"identify","userId":"42","integrations":{"Ramen":{"timestamp":1234567890,"auth_hash":"` + hash64 + `"}}},"nowMs":"soon"}`,
			want:    []string{CodeBadClock}},
		{name: "suppressed identify is not checked",
			request: `{"op":"call","engine":1,"method":"identify","args":["42",{"email":"bad"},{"integrations":{"Ramen":false}}],"nowMs":` + nowMs + `}`,
			want:    []string{translate.CodeSuppressed}},
		{name: "track sends a bare identify, nothing to check",
			request: `{"op":"call","engine":1,"method":"track","args":["Clicked"],"nowMs":` + nowMs + `}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			settings := c.open
			if settings == "" {
				settings = `{"organization_id":"6389149"}`
			}
			var e Engine
			answer := e.Handle(`{"op":"open","engine":1,"settings":` + settings + `,"state":null}`)
			if c.request != "" {
				if codes := diagnosticCodes(t, answer); len(codes) != 0 {
					t.Fatalf("open: unexpected diagnostics %v", codes)
				}
				answer = e.Handle(c.request)
			}
			got := diagnosticCodes(t, answer)
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("diagnostics %v, want %v\nanswer: %s", got, c.want, answer)
			}
		})
	}
}

// TestSecureModeDiagnosticsKeepCalls checks that a diagnostic never changes what is
// sent: Ramen must see the call and answer for itself.
func TestSecureModeDiagnosticsKeepCalls(t *testing.T) {
	var e Engine
	e.Handle(openDemo)
	answer := e.Handle(`{"op":"call","engine":1,"method":"identify","args":["42",{"email":"nope"},{"integrations":{"Ramen":{"timestamp":1234567890,"auth_hash":"x"}}}],"nowMs":` + nowMs + `}`)
	want := `"calls":[["identify",{"id":"42","email":"nope","traits":{}},{"timestamp":1234567890,"auth_hash":"x"}]]`
	if !strings.Contains(answer, want) {
		t.Errorf("answer %s lacks %s", answer, want)
	}
}

func diagnosticCodes(t *testing.T, answer string) []string {
	t.Helper()
	v, err := jsonv.Parse(answer)
	if err != nil {
		t.Fatalf("answer %s: %v", answer, err)
	}
	list, _ := v.(*jsonv.Object).Get("diagnostics")
	var codes []string
	for _, d := range list.([]any) {
		code, _ := d.(*jsonv.Object).Get("code")
		codes = append(codes, code.(string))
	}
	return codes
}
