package app

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"ramendest/server/securemode"
)

func TestDebugPage(t *testing.T) {
	s, _ := newTestServer(t, standinYAML)
	tests := []struct {
		target string
		status int
		want   []string
	}{
		{"/debug/secure", http.StatusOK, []string{
			`<script src="/v1/projects/secure/snippet.js"></script>`,
			"local stand-ins", `id="org-id">200<`, "on (development secret)",
			`id="identify-user-id"`, `id="identify-traits"`, `id="identify-timestamp"`, `id="identify-auth-hash"`,
			`id="identify-compute"`, `id="call-identify"`, `id="call-group"`, `id="call-page"`, `id="call-track"`,
			`id="rows"`, "ramen-destination:diagnostic", "ramen-standin:call", "ramen-standin:answer",
			`AUTH_HASH_URL = "/debug/secure/authhash"`,
		}},
		{"/debug/open", http.StatusOK, []string{`id="secure-mode">off<`}},
		{"/debug/nope", http.StatusNotFound, []string{`{"error":"unknown write key \"nope\""}`}},
		{"/debug/bad.key", http.StatusNotFound, []string{`"error":"invalid write key"`}},
	}
	for _, tt := range tests {
		res, body := do(t, s, http.MethodGet, tt.target, nil)
		if res.StatusCode != tt.status {
			t.Errorf("GET %s: %d, want %d", tt.target, res.StatusCode, tt.status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET %s lacks %s", tt.target, w)
			}
		}
		if strings.Contains(body, "s3cr3t-dev-value") {
			t.Errorf("GET %s serves the secret", tt.target)
		}
	}
}

func TestDebugAuthHash(t *testing.T) {
	s, _ := newTestServer(t, standinYAML)
	const user = `{"id":"42","email":"ryan@ramen.is","name":"Ryan Angilly"}`
	tests := []struct {
		name, target, contentType, body string
		status                          int
		errorText                       string
	}{
		{"valid", "/debug/secure/authhash", "application/json", user, 200, ""},
		{"charset param", "/debug/secure/authhash", "application/json; charset=utf-8", user, 200, ""},
		{"form post refused", "/debug/secure/authhash", "text/plain", user, 415, "application/json"},
		{"no id", "/debug/secure/authhash", "application/json", `{"email":"a@b.co"}`, 400, "user id is empty"},
		{"not JSON", "/debug/secure/authhash", "application/json", `{`, 400, "not the expected JSON"},
		{"no secret", "/debug/open/authhash", "application/json", user, 404, "has no secure_mode_secret"},
		{"unknown key", "/debug/nope/authhash", "application/json", user, 404, "unknown write key"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := time.Now().Unix()
			res, body := post(t, s, tt.target, tt.contentType, tt.body)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, body)
			}
			if strings.Contains(body, "s3cr3t-dev-value") {
				t.Fatalf("the answer holds the secret: %s", body)
			}
			if res.Header.Get("Access-Control-Allow-Origin") != "" {
				t.Errorf("the hash helper must not allow other origins")
			}
			if tt.status != 200 {
				if !strings.Contains(body, tt.errorText) {
					t.Errorf("body %s lacks %q", body, tt.errorText)
				}
				return
			}
			var got map[string]json.RawMessage
			if err := json.Unmarshal([]byte(body), &got); err != nil || len(got) != 2 {
				t.Fatalf("body %s: want exactly {timestamp, auth_hash} (%v)", body, err)
			}
			var opts securemode.Options
			if err := json.Unmarshal([]byte(body), &opts); err != nil {
				t.Fatal(err)
			}
			if opts.Timestamp < before || opts.Timestamp > time.Now().Unix() {
				t.Errorf("timestamp %d is not now", opts.Timestamp)
			}
			if want := securemode.AuthHash("ryan@ramen.is", "42", "Ryan Angilly", opts.Timestamp, "s3cr3t-dev-value"); opts.AuthHash != want {
				t.Errorf("auth_hash %s, want %s", opts.AuthHash, want)
			}
		})
	}
}
