package app

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"ramendest/server/securemode"
)

// standinYAML has the stand-in service on, an open and a secure organization.
const standinYAML = `standin: {enabled: true}
sources:
  - write_key: open
    ramen: {organization_id: "100", ramenjs_url: /ramenjs-standin/ramen.js}
  - write_key: secure
    ramen:
      organization_id: "200"
      ramenjs_url: /ramenjs-standin/ramen.js
      api_key: k-api-value
      secure_mode_secret: s3cr3t-dev-value
`

// post sends a POST with a body and returns the response and its body.
func post(t *testing.T, s http.Handler, target, contentType, body string) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(http.MethodPost, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Origin", "http://customer.example")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	res := rec.Result()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

func TestStandinIdentify(t *testing.T) {
	s, logs := newTestServer(t, standinYAML)
	ts := time.Now().Unix()
	good := securemode.AuthHash("ryan@ramen.is", "42", "Ryan Angilly", ts, "s3cr3t-dev-value")
	user := `{"id":"42","email":"ryan@ramen.is","name":"Ryan Angilly"}`
	secure := func(opts string) string {
		return `{"organization_id":"200","user":` + user + `,"options":` + opts + `}`
	}
	tests := []struct {
		name, body string
		status     int
		code       string
	}{
		{"open org, no secure mode", `{"organization_id":"100","user":{"id":7},"options":{}}`, 200, ""},
		{"unknown organization", `{"organization_id":"999","user":{"id":"1"}}`, 404, "unknown_organization"},
		{"empty organization", `{"organization_id":"","user":{"id":"1"}}`, 404, "unknown_organization"},
		{"invalid email", `{"organization_id":"100","user":{"id":"1","email":"Ryan"}}`, 401, "email_invalid"},
		{"no user id", `{"organization_id":"100","user":{"email":"a@b.co"}}`, 401, "identify_no_user_id"},
		{"secure ok", secure(`{"timestamp":` + strconv.FormatInt(ts, 10) + `,"auth_hash":"` + good + `"}`), 200, ""},
		{"secure without options", secure(`{}`), 401, "secure_mode_missing"},
		{"secure stale", secure(`{"timestamp":1234567890,"auth_hash":"` + good + `"}`), 401, "secure_mode_timestamp_stale"},
		{"secure wrong hash", secure(`{"timestamp":` + strconv.FormatInt(ts, 10) + `,"auth_hash":"` + strings.Repeat("0", 64) + `"}`), 401, "secure_mode_auth_hash_mismatch"},
		{"not JSON", `{"organization_id":`, 400, ""},
		{"user not an object", `{"organization_id":"100","user":[1]}`, 400, ""},
		{"too big", `{"organization_id":"100","user":{"id":"` + strings.Repeat("x", maxStandinBody) + `"}}`, 413, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := post(t, s, PathStandinIdentify, "application/json", tt.body)
			if res.StatusCode != tt.status {
				t.Fatalf("status %d, want %d: %s", res.StatusCode, tt.status, body)
			}
			if res.Header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("no CORS on the answer: %v", res.Header)
			}
			var got struct {
				Status  int    `json:"status"`
				Code    string `json:"code"`
				Reason  string `json:"reason"`
				Service string `json:"service"`
				Error   string `json:"error"`
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("body %q: %v", body, err)
			}
			if tt.status >= 400 && tt.code == "" {
				if got.Error == "" || got.Code != "" {
					t.Errorf("a malformed request should get {error} without a code: %s", body)
				}
				return
			}
			if got.Status != tt.status || got.Code != tt.code || got.Service != "stand-in" {
				t.Errorf("answer %s, want status %d code %q service stand-in", body, tt.status, tt.code)
			}
			if tt.status != 200 && got.Reason == "" {
				t.Errorf("refusal without a reason: %s", body)
			}
		})
	}
	if !strings.Contains(logs.String(), "code=secure_mode_auth_hash_mismatch") {
		t.Errorf("the server log does not name the cause:\n%s", logs.String())
	}
	for _, secret := range []string{"s3cr3t-dev-value", good} {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
}

func TestStandinPreflight(t *testing.T) {
	for _, yaml := range []string{standinYAML, "sources: [{write_key: a}]\n"} {
		s, _ := newTestServer(t, yaml)
		req := httptest.NewRequest(http.MethodOptions, PathStandinIdentify, nil)
		req.Header.Set("Origin", "http://customer.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		h := rec.Result().Header
		if rec.Code != http.StatusNoContent || h.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
			!strings.EqualFold(h.Get("Access-Control-Allow-Headers"), "Content-Type") {
			t.Errorf("preflight: %d %v", rec.Code, h)
		}
	}
}

// TestStandinOff checks that without the standin block every stand-in route is
// a 404 whose body has an error and no code (the stand-in RamenJS then stops
// posting quietly).
func TestStandinOff(t *testing.T) {
	s, _ := newTestServer(t, "sources:\n  - write_key: a\n    ramen: {organization_id: \"1\", secure_mode_secret: x}\n")
	checks := []struct{ method, target, body string }{
		{http.MethodPost, PathStandinIdentify, `{"organization_id":"1","user":{"id":"1"}}`},
		{http.MethodGet, "/debug/a", ""},
		{http.MethodPost, "/debug/a/authhash", `{"id":"1"}`},
	}
	for _, c := range checks {
		req := httptest.NewRequest(c.method, c.target, strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		var body map[string]any
		if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil || rec.Code != http.StatusNotFound {
			t.Errorf("%s %s: %d %s", c.method, c.target, rec.Code, rec.Body)
			continue
		}
		if _, hasCode := body["code"]; hasCode || !strings.Contains(body["error"].(string), "standin") {
			t.Errorf("%s %s: body %v, want an error naming the standin key and no code", c.method, c.target, body)
		}
	}
}
