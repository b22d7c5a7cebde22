package standin

import (
	"encoding/json"
	"testing"
	"time"

	"ramendest/server/securemode"
)

func TestVerify(t *testing.T) {
	now := time.Unix(1700000000, 0)
	ts := now.Unix() - 10
	good := securemode.AuthHash("ryan@ramen.is", "42", "Ryan Angilly", ts, "sekrit")
	noName := securemode.AuthHash("ryan@ramen.is", "42", "ryan@ramen.is", ts, "sekrit")
	lookup := func(id string) (Organization, bool) {
		switch id {
		case "open":
			return Organization{}, true
		case "secure":
			return Organization{SecureModeSecret: "sekrit"}, true
		}
		return Organization{}, false
	}
	cases := []struct {
		name, body string
		status     int
		code       string
	}{
		{"unknown org", `{"organization_id":"nope","user":{"id":"1"}}`, 404, "unknown_organization"},
		{"open ok", `{"organization_id":"open","user":{"id":1}}`, 200, ""},
		{"no id", `{"organization_id":"open","user":{"email":"a@b.co"}}`, 401, "identify_no_user_id"},
		{"bad email", `{"organization_id":"open","user":{"id":"1","email":"Ryan"}}`, 401, "email_invalid"},
		{"blank email", `{"organization_id":"open","user":{"id":"1","email":""}}`, 200, ""},
		{"secure ok", `{"organization_id":"secure","user":{"id":"42","email":"ryan@ramen.is","name":"Ryan Angilly"},"options":{"timestamp":` + itoa(ts) + `,"auth_hash":"` + good + `"}}`, 200, ""},
		{"secure no name uses email", `{"organization_id":"secure","user":{"id":"42","email":"ryan@ramen.is"},"options":{"timestamp":` + itoa(ts) + `,"auth_hash":"` + noName + `"}}`, 200, ""},
		{"secure missing both", `{"organization_id":"secure","user":{"id":"42"}}`, 401, "secure_mode_missing"},
		{"secure missing ts", `{"organization_id":"secure","user":{"id":"42"},"options":{"auth_hash":"` + good + `"}}`, 401, "secure_mode_timestamp_missing"},
		{"secure missing hash", `{"organization_id":"secure","user":{"id":"42"},"options":{"timestamp":` + itoa(ts) + `}}`, 401, "secure_mode_auth_hash_missing"},
		{"secure stale", `{"organization_id":"secure","user":{"id":"42","email":"ryan@ramen.is","name":"Ryan Angilly"},"options":{"timestamp":1234567890,"auth_hash":"` + good + `"}}`, 401, "secure_mode_timestamp_stale"},
		{"secure wrong hash", `{"organization_id":"secure","user":{"id":"42","email":"ryan@ramen.is","name":"Ryan"},"options":{"timestamp":` + itoa(ts) + `,"auth_hash":"` + good + `"}}`, 401, "secure_mode_auth_hash_mismatch"},
		{"secure ts string", `{"organization_id":"secure","user":{"id":"42"},"options":{"timestamp":"x","auth_hash":"` + good + `"}}`, 401, "secure_mode_timestamp_not_number"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var req Request
			if err := json.Unmarshal([]byte(c.body), &req); err != nil {
				t.Fatal(err)
			}
			got := Verify(req, lookup, now)
			if got.Status != c.status || got.Code != c.code {
				t.Errorf("Verify = %+v, want %d %s", got, c.status, c.code)
			}
			if got.Status != 200 && got.Reason == "" {
				t.Errorf("refusal without a reason: %+v", got)
			}
		})
	}
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestHumanAge(t *testing.T) {
	for _, c := range []struct {
		age  time.Duration
		want string
	}{
		{16 * time.Minute, "16m0s"},
		{47 * time.Hour, "47h0m0s"},
		{time.Unix(1700000000, 0).Sub(time.Unix(1234567890, 0)), "5386 days"},
	} {
		if got := humanAge(c.age); got != c.want {
			t.Errorf("humanAge(%v) = %q, want %q", c.age, got, c.want)
		}
	}
}
