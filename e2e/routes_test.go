package e2e

import (
	"encoding/json"
	"mime"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestSnippetRoute checks the snippet route over plain HTTP, as a browser on
// a customer's origin sees it.
func TestSnippetRoute(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name     string
		writeKey string
		status   int
		mimeType string
		contains []string
		// errorText, when set, is the exact "error" field of a JSON body.
		errorText string
	}{
		{name: "enabled source", writeKey: "e2e", status: http.StatusOK, mimeType: "application/javascript",
			contains: []string{`"writeKey":"e2e"`, `"organization_id":"6389149"`, "/ramenjs-standin/ramen.js"}},
		{name: "disabled source", writeKey: "e2e-disabled", status: http.StatusOK, mimeType: "application/javascript",
			contains: []string{`"writeKey":"e2e-disabled"`, `"settings":null`}},
		{name: "unknown write key", writeKey: "nope", status: http.StatusNotFound, mimeType: "application/json",
			errorText: `unknown write key "nope"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			status, header, body, err := httpGet(snippetURL(c.writeKey), "Origin", pages.URL())
			if err != nil {
				t.Fatal(err)
			}
			if status != c.status {
				t.Fatalf("status %d, want %d; body: %s", status, c.status, body)
			}
			if mt, _, _ := mime.ParseMediaType(header.Get("Content-Type")); mt != c.mimeType {
				t.Errorf("Content-Type %q, want %s", header.Get("Content-Type"), c.mimeType)
			}
			if status == http.StatusOK && header.Get("Access-Control-Allow-Origin") != "*" {
				t.Errorf("Access-Control-Allow-Origin %q, want *", header.Get("Access-Control-Allow-Origin"))
			}
			for _, s := range c.contains {
				if !strings.Contains(body, s) {
					t.Errorf("body lacks %s:\n%s", s, body)
				}
			}
			for _, s := range []string{"__RAMEN_SNIPPET_CONFIG__", testAPIKey, testEndpoint} {
				if strings.Contains(body, s) {
					t.Errorf("body contains %q:\n%s", s, body)
				}
			}
			if c.errorText != "" {
				var e struct {
					Error string `json:"error"`
				}
				if err := json.Unmarshal([]byte(body), &e); err != nil || e.Error != c.errorText {
					t.Errorf("body %s: want {\"error\": %q} (%v)", body, c.errorText, err)
				}
			}
		})
	}
}

// TestDisabledSourceForwardsNothing loads a page of a source whose Ramen
// destination is disabled: every call is accepted without an error, and
// nothing reaches RamenJS (it is not even loaded).
func TestDisabledSourceForwardsNothing(t *testing.T) {
	t.Parallel()
	calls := `analytics.identify('1', {email: 'a@example.com'}); analytics.group('g1');
		analytics.track('Clicked'); analytics.page(); analytics.reset();`
	tab := newTab(t)
	tab.Navigate(pageURL(t, pageSpec{snippet: snippetSrc, writeKey: "e2e-disabled", script: calls}))
	// A disabled destination resolves analytics._ramenReady with false.
	if awaitReady(t, tab) {
		t.Error("analytics._ramenReady resolved true for a disabled source")
	}
	tab.Exec("(function () {" + calls + "})()")
	time.Sleep(3 * settle)
	var state struct {
		Received      any  `json:"received"`
		StandInLoaded bool `json:"standInLoaded"`
	}
	err := tab.Eval(`({
		received: window.Ramen && window.Ramen.received || null,
		standInLoaded: performance.getEntriesByType('resource').some(e => e.name.includes('/ramenjs-standin/')),
	})`, &state)
	if err != nil {
		t.Fatal(err)
	}
	if state.Received != nil || state.StandInLoaded {
		t.Errorf("a disabled source reached RamenJS: received %v, stand-in loaded %v\n%s",
			state.Received, state.StandInLoaded, tab.Diagnostics())
	}
}
