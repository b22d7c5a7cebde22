package app

import (
	"crypto/tls"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

const (
	snippetPrefix = `!function(){var c=`
	snippetSuffix = `;window.analytics=[];window.analytics._ramenDestination=c}();`
)

// snippetObject extracts the config object the server wrote into the fake
// snippet template.
func snippetObject(t *testing.T, body string) string {
	t.Helper()
	if !strings.HasPrefix(body, snippetPrefix) || !strings.HasSuffix(body, snippetSuffix) {
		t.Fatalf("snippet does not keep the template around the config: %s", body)
	}
	return strings.TrimSuffix(strings.TrimPrefix(body, snippetPrefix), snippetSuffix)
}

func TestSnippetConfig(t *testing.T) {
	const multi = `public_base_url: https://cdn.example.com/ramen/
sources:
  - write_key: site
    ramen:
      organization_id: "42"
      ramenjs_url: /ramenjs-standin/ramen.js
  - write_key: abs
    ramen:
      organization_id: "7"
      ramenjs_url: https://js.example.net/ramen.js
  - write_key: off
    ramen: {enabled: false}
  - write_key: bare
`
	tests := []struct {
		name, yaml, target string
		tls                bool
		header             http.Header
		want               string
	}{
		{
			name: "default config, request host", target: "/v1/projects/demo/snippet.js",
			want: `{"writeKey":"demo","bundleUrl":"http://example.com/assets/ramen.abcd1234.js","wasmUrl":"http://example.com/assets/ramen.abcd1234.wasm","ramenjsUrl":"http://example.com/ramenjs-standin/ramen.js","settings":{"organization_id":"6389149"}}`,
		},
		{
			name: "TLS request gives https", target: "/v1/projects/demo/snippet.js", tls: true,
			want: `{"writeKey":"demo","bundleUrl":"https://example.com/assets/ramen.abcd1234.js","wasmUrl":"https://example.com/assets/ramen.abcd1234.wasm","ramenjsUrl":"https://example.com/ramenjs-standin/ramen.js","settings":{"organization_id":"6389149"}}`,
		},
		{
			name: "forwarding headers are ignored", target: "/v1/projects/demo/snippet.js",
			header: http.Header{"X-Forwarded-Proto": {"https"}, "X-Forwarded-Host": {"evil.example"}, "Forwarded": {"host=evil.example;proto=https"}},
			want:   `{"writeKey":"demo","bundleUrl":"http://example.com/assets/ramen.abcd1234.js","wasmUrl":"http://example.com/assets/ramen.abcd1234.wasm","ramenjsUrl":"http://example.com/ramenjs-standin/ramen.js","settings":{"organization_id":"6389149"}}`,
		},
		{
			name: "public base URL with prefix, relative ramenjs_url", yaml: multi, target: "/v1/projects/site/snippet.js",
			want: `{"writeKey":"site","bundleUrl":"https://cdn.example.com/ramen/assets/ramen.abcd1234.js","wasmUrl":"https://cdn.example.com/ramen/assets/ramen.abcd1234.wasm","ramenjsUrl":"https://cdn.example.com/ramen/ramenjs-standin/ramen.js","settings":{"organization_id":"42"}}`,
		},
		{
			name: "absolute ramenjs_url kept", yaml: multi, target: "/v1/projects/abs/snippet.js",
			want: `{"writeKey":"abs","bundleUrl":"https://cdn.example.com/ramen/assets/ramen.abcd1234.js","wasmUrl":"https://cdn.example.com/ramen/assets/ramen.abcd1234.wasm","ramenjsUrl":"https://js.example.net/ramen.js","settings":{"organization_id":"7"}}`,
		},
		{
			name: "disabled destination has null settings", yaml: multi, target: "/v1/projects/off/snippet.js",
			want: `{"writeKey":"off","bundleUrl":"https://cdn.example.com/ramen/assets/ramen.abcd1234.js","wasmUrl":"https://cdn.example.com/ramen/assets/ramen.abcd1234.wasm","ramenjsUrl":"https://cdn.ramen.is/assets/ramen.js","settings":null}`,
		},
		{
			name: "source without a ramen block", yaml: multi, target: "/v1/projects/bare/snippet.js",
			want: `{"writeKey":"bare","bundleUrl":"https://cdn.example.com/ramen/assets/ramen.abcd1234.js","wasmUrl":"https://cdn.example.com/ramen/assets/ramen.abcd1234.wasm","ramenjsUrl":"https://cdn.ramen.is/assets/ramen.js","settings":null}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestServer(t, tt.yaml)
			req := httptest.NewRequest(http.MethodGet, tt.target, nil)
			if tt.tls {
				req.TLS = &tls.ConnectionState{}
			}
			for k, v := range tt.header {
				req.Header[k] = v
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != http.StatusOK {
				t.Fatalf("status %d: %s", rec.Code, rec.Body)
			}
			// Every snippet also pins the fake build's files (integrity.go).
			want := strings.TrimSuffix(tt.want, "}") + fakeBuildIntegrity + "}"
			if got := snippetObject(t, rec.Body.String()); got != want {
				t.Errorf("config object\n got %s\nwant %s", got, want)
			}
			wantHeaders := map[string]string{
				"Content-Type":                "application/javascript; charset=utf-8",
				"Cache-Control":               "public, max-age=60, stale-while-revalidate=300",
				"Access-Control-Allow-Origin": "*",
				"X-Content-Type-Options":      "nosniff",
			}
			for k, v := range wantHeaders {
				if got := rec.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
		})
	}
}

func TestSnippetRevalidates(t *testing.T) {
	s, _ := newTestServer(t, "")
	res, _ := do(t, s, http.MethodGet, "/v1/projects/demo/snippet.js", nil)
	etag := res.Header.Get("ETag")
	if !strings.HasPrefix(etag, `"`) {
		t.Fatalf("ETag %q is not strong", etag)
	}
	res, body := do(t, s, http.MethodGet, "/v1/projects/demo/snippet.js", http.Header{"If-None-Match": {etag}})
	if res.StatusCode != http.StatusNotModified || body != "" {
		t.Errorf("conditional GET: status %d body %q, want 304 and no body", res.StatusCode, body)
	}
}

func TestSnippetErrors(t *testing.T) {
	tests := []struct {
		name, target string
		host         string
		status       int
		want         string
	}{
		{"unknown write key", "/v1/projects/nope/snippet.js", "", 404, `{"error":"unknown write key \"nope\""}`},
		{"invalid write key", "/v1/projects/a.b/snippet.js", "", 404, `{"error":"invalid write key"}`},
		{"encoded slash", "/v1/projects/a%2Fb/snippet.js", "", 404, `{"error":`},
		{"malformed Host", "/v1/projects/demo/snippet.js", "bad host", 400, `{"error":"missing or malformed Host header`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestServer(t, "")
			req := httptest.NewRequest(http.MethodGet, tt.target, nil)
			if tt.host != "" {
				req.Host = tt.host
			}
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != tt.status || !strings.HasPrefix(rec.Body.String(), tt.want) {
				t.Errorf("got %d %s, want %d %s", rec.Code, rec.Body, tt.status, tt.want)
			}
			if ct := rec.Header().Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
				t.Errorf("Content-Type %q, want JSON", ct)
			}
			if rec.Header().Get("Access-Control-Allow-Origin") != "*" {
				t.Error("error answer of a public route lacks CORS")
			}
			if rec.Header().Get("Cache-Control") != "no-store" || rec.Header().Get("ETag") != "" {
				t.Errorf("error answer cache headers: %v", rec.Header())
			}
		})
	}
}

// TestSnippetInlineSafe checks that config values cannot end an inline
// <script> element or break out of the JSON.
func TestSnippetInlineSafe(t *testing.T) {
	s, _ := newTestServer(t, "sources:\n  - write_key: x\n    ramen:\n      organization_id: \"</script><script>alert(1)//\\u2028&\\\"\"\n")
	_, body := do(t, s, http.MethodGet, "/v1/projects/x/snippet.js", nil)
	obj := snippetObject(t, body)
	for _, bad := range []string{"<", ">", "&", "\u2028"} {
		if strings.Contains(obj, bad) {
			t.Errorf("config object contains %q: %s", bad, obj)
		}
	}
	var got SnippetConfig
	if err := json.Unmarshal([]byte(obj), &got); err != nil {
		t.Fatal(err)
	}
	if got.Settings == nil || got.Settings.OrganizationID != "</script><script>alert(1)//\u2028&\"" {
		t.Errorf("organization id did not survive encoding: %+v", got.Settings)
	}
}
