package checks

import (
	"strings"
	"testing"

	"ramendest/wasm/jsonv"
)

const now = 1700000000000.0 // ms

func obj(t *testing.T, text string) *jsonv.Object {
	t.Helper()
	v, err := jsonv.Parse(text)
	if err != nil {
		t.Fatal(err)
	}
	return v.(*jsonv.Object)
}

func TestIdentify(t *testing.T) {
	cases := []struct {
		name, user, opts string
		want             []string // codes, in order
	}{
		{"plain", `{"id":"1","email":"a@b.co"}`, `{}`, nil},
		{"blank email is fine", `{"id":"1","email":" "}`, `{}`, nil},
		{"email not an address", `{"id":"1","email":"Ryan Angilly"}`, `{}`, []string{CodeEmailInvalid}},
		{"email a number", `{"id":"1","email":42}`, `{}`, []string{CodeEmailInvalid}},
		{"email two ats", `{"id":"1","email":"a@b@c.co"}`, `{}`, []string{CodeEmailInvalid}},
		{"secure ok", `{"id":"1"}`, `{"timestamp":1699999990,"auth_hash":"` + strings.Repeat("a", 64) + `"}`, nil},
		{"hash without timestamp", `{"id":"1"}`, `{"auth_hash":"` + strings.Repeat("a", 64) + `"}`, []string{CodeTimestampMissing}},
		{"timestamp without hash", `{"id":"1"}`, `{"timestamp":1699999990}`, []string{CodeAuthHashMissing}},
		{"timestamp a string", `{"id":"1"}`, `{"timestamp":"1699999990","auth_hash":"` + strings.Repeat("a", 64) + `"}`, []string{CodeTimestampNotNumber}},
		{"timestamp stale", `{"id":"1"}`, `{"timestamp":1234567890,"auth_hash":"` + strings.Repeat("a", 64) + `"}`, []string{CodeTimestampStale}},
		{"timestamp future", `{"id":"1"}`, `{"timestamp":1700001000,"auth_hash":"` + strings.Repeat("a", 64) + `"}`, []string{CodeTimestampFuture}},
		{"timestamp in ms", `{"id":"1"}`, `{"timestamp":1700000000000,"auth_hash":"` + strings.Repeat("a", 64) + `"}`, []string{CodeTimestampFuture}},
		{"hash malformed", `{"id":"1"}`, `{"timestamp":1699999990,"auth_hash":"authy_hasy"}`, []string{CodeAuthHashMalformed}},
		{"everything wrong", `{"id":"1","email":"x"}`, `{"timestamp":"soon","auth_hash":"zz"}`, []string{CodeEmailInvalid, CodeTimestampNotNumber, CodeAuthHashMalformed}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, d := range Identify(obj(t, c.user), obj(t, c.opts), now) {
				got = append(got, d.Code)
				if d.Message == "" || d.Level != "error" {
					t.Errorf("diagnostic %+v lacks a message or is not an error", d)
				}
			}
			if strings.Join(got, ",") != strings.Join(c.want, ",") {
				t.Errorf("codes = %v, want %v", got, c.want)
			}
		})
	}
}

func TestIdentifyWithoutClock(t *testing.T) {
	// An unknown clock (0) skips the age checks but not the others.
	got := Identify(obj(t, `{"id":"1"}`), obj(t, `{"timestamp":1234567890,"auth_hash":"zz"}`), 0)
	if len(got) != 1 || got[0].Code != CodeAuthHashMalformed {
		t.Errorf("Identify without a clock = %+v, want only %s", got, CodeAuthHashMalformed)
	}
	if got := Identify(obj(t, `{"id":"1"}`), nil, now); got != nil {
		t.Errorf("Identify without options = %+v", got)
	}
}

func TestOrganizationID(t *testing.T) {
	cases := []struct {
		orgID any
		want  string // code, or "" for none
	}{
		{nil, CodeOrganizationIDEmpty}, {"", CodeOrganizationIDEmpty}, {"  ", CodeOrganizationIDEmpty},
		{true, CodeOrganizationIDEmpty}, {6389149.0, CodeOrganizationIDNotString}, {"6389149", ""},
	}
	for _, c := range cases {
		var got string
		if d := OrganizationID(c.orgID); len(d) == 1 {
			got = d[0].Code
		} else if len(d) > 1 {
			t.Errorf("OrganizationID(%v) = %d diagnostics", c.orgID, len(d))
		}
		if got != c.want {
			t.Errorf("OrganizationID(%v) code = %q, want %q", c.orgID, got, c.want)
		}
	}
}
