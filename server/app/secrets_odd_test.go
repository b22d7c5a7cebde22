package app

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"ramendest/server/config"
)

// TestNoSecretUnderOddRequests extends TestNoSecretOnAnyRoute's walk (same
// config, same routes, same secret values) to the requests it does not send:
// every content-negotiation and cache header, hostile Host headers, odd path
// parameters, methods no route takes, oversized bodies, and the same walk
// again after the configuration was swapped at run time (a reload).
func TestNoSecretUnderOddRequests(t *testing.T) {
	s, logs := newTestServer(t, secretsYAML)
	headerSets := []map[string]string{
		{},
		{"Accept-Encoding": "br"},
		{"Accept-Encoding": "gzip"},
		{"Accept-Encoding": "identity", "Range": "bytes=0-99"},
		{"Accept-Encoding": "*", "If-None-Match": "*"},
		{"Host": "evil.example", "X-Forwarded-Host": "evil.example", "X-Forwarded-Proto": "javascript"},
		{"Host": "bad host\x7f"},
		{"Accept": "text/html", "Cookie": "a=b"},
	}
	walk := func(label string) int {
		n := 0
		valid := validValues(s)
		for _, r := range s.Echo().Routes() {
			targets := expand(r.Path, valid)
			for _, p := range routeParam.FindAllString(r.Path, -1) {
				for _, odd := range oddValues[:12] {
					values := map[string][]string{"": {"x"}}
					for k, v := range valid {
						values[k] = v
					}
					values[p] = []string{odd}
					targets = append(targets, expand(r.Path, values)...)
				}
			}
			for _, target := range targets {
				for _, h := range headerSets {
					for _, method := range []string{r.Method, http.MethodPut, http.MethodDelete} {
						body := ""
						if method != http.MethodGet && method != http.MethodHead {
							body = `{"organization_id":"300","user":{"id":"1"}}`
						}
						checkNoSecretWith(t, s, label, method, target, h, body)
						n++
					}
				}
				checkNoSecretWith(t, s, label, http.MethodPost, target, nil, strings.Repeat("x", 2*MaxRequestBody))
				n++
			}
		}
		return n
	}
	n := walk("first config")

	// A reload swaps in a configuration whose secrets differ; neither the old
	// nor the new values may show.
	swapped := strings.NewReplacer("-value", "-value-2", "-path", "-path-2").Replace(secretsYAML)
	cfg, err := config.Parse("reloaded.yaml", []byte(swapped))
	if err != nil {
		t.Fatal(err)
	}
	s.SetConfig(cfg)
	n += walk("after reload")

	for _, secret := range secretValues {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
	t.Logf("%d requests", n)
}

// checkNoSecretWith sends one request with extra headers and fails if a
// secret value (old or reloaded) appears in the answer's headers or body,
// decoded when gzip- or brotli-encoded.
func checkNoSecretWith(t *testing.T, s http.Handler, label, method, target string, header map[string]string, body string) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Origin", "http://customer.example")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		if k == "Host" {
			req.Host = v
			continue
		}
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	res := rec.Result()
	dump := answerDump(res)
	for _, secret := range secretValues {
		if strings.Contains(dump, secret) {
			t.Errorf("%s: %s %s %v answers %d and leaks %q", label, method, target, header, res.StatusCode, secret)
		}
	}
	if res.StatusCode >= 500 {
		t.Errorf("%s: %s %s %v answers %d", label, method, target, header, res.StatusCode)
	}
}
