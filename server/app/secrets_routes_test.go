package app

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/andybalholm/brotli"

	"ramendest/server/securemode"
)

// secretsYAML sets every server-side value (api_key, endpoint,
// secure_mode_secret) on an enabled stand-in source, an open one and a
// disabled one, with the stand-in service and the debugger on.
const secretsYAML = `standin: {enabled: true}
sources:
  - write_key: sec
    ramen:
      organization_id: "300"
      api_key: sec-api-key-value
      endpoint: https://sec-endpoint.invalid/sec-endpoint-path
      secure_mode_secret: sec-secure-mode-secret-value
      ramenjs_url: /ramenjs-standin/ramen.js
  - write_key: plain
    ramen:
      organization_id: "301"
      api_key: plain-api-key-value
      endpoint: https://plain-endpoint.invalid/p
      ramenjs_url: /ramenjs-standin/ramen.js
  - write_key: off
    ramen:
      enabled: false
      organization_id: "302"
      api_key: off-api-key-value
      endpoint: https://off-endpoint.invalid/o
      secure_mode_secret: off-secure-mode-secret-value
`

var secretValues = []string{
	"sec-api-key-value", "sec-endpoint.invalid", "sec-endpoint-path", "sec-secure-mode-secret-value",
	"plain-api-key-value", "plain-endpoint.invalid",
	"off-api-key-value", "off-endpoint.invalid", "off-secure-mode-secret-value",
}

// routeParam matches an Echo path parameter such as :writeKey.
var routeParam = regexp.MustCompile(`:[A-Za-z_]+`)

// TestNoSecretOnAnyRoute walks every route the server registers (read from
// Echo, so a route added later is walked too) with every source's write key
// and with unknown values, through GET, HEAD, POST and OPTIONS with several
// bodies, and fails if a server-side value appears in a status line's body, a
// header or the log.
func TestNoSecretOnAnyRoute(t *testing.T) {
	s, logs := newTestServer(t, secretsYAML)
	cfg := s.Config()
	values := map[string][]string{"": {"nope", "bad.value"}}
	for _, src := range cfg.Sources {
		values[":writeKey"] = append(values[":writeKey"], src.WriteKey)
	}
	values[":writeKey"] = append(values[":writeKey"], "nope", "bad.key")
	m := s.assets.Manifest
	values[":file"] = []string{m.Bundle, m.WASM, "nope.js"}
	values[":version"] = []string{m.Version, "latest", "nope"}

	var targets []string
	seen := map[string]bool{}
	for _, r := range s.Echo().Routes() {
		for _, target := range expand(r.Path, values) {
			if !seen[target] {
				seen[target] = true
				targets = append(targets, target)
			}
		}
	}
	targets = append(targets, "/nope", "/debug/", "/ramenjs-standin/api/")
	sort.Strings(targets)

	now := time.Now().Unix()
	good := securemode.AuthHash("a@b.co", "1", "A", now, "sec-secure-mode-secret-value")
	ts := strconv.FormatInt(now, 10)
	bodies := []struct{ contentType, body string }{
		{"", ""},
		{"application/json", `{}`},
		{"application/json", `{"id":"1","email":"a@b.co","name":"A"}`},
		{"application/json", `{"organization_id":"300","user":{"id":"1","email":"a@b.co","name":"A"},"options":{"timestamp":` + ts + `,"auth_hash":"` + good + `"}}`},
		{"application/json", `{"organization_id":"300","user":{"id":"1","email":"a@b.co","name":"B"},"options":{"timestamp":` + ts + `,"auth_hash":"` + good + `"}}`},
		{"application/json", `{"organization_id":"300","user":{"id":"1"},"options":{"timestamp":1,"auth_hash":"x"}}`},
		{"application/json", `{"organization_id":"302","user":{"id":"1"}}`},
		{"text/plain", `{"organization_id":"301","user":{"email":"bad"}}`},
		{"application/json", `{"organization_id":`},
	}
	requests := 0
	for _, target := range targets {
		for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodOptions} {
			checkNoSecret(t, s, method, target, "", "")
			requests++
		}
		for _, b := range bodies {
			checkNoSecret(t, s, http.MethodPost, target, b.contentType, b.body)
			requests++
		}
	}
	for _, secret := range secretValues {
		if strings.Contains(logs.String(), secret) {
			t.Errorf("the log holds %q", secret)
		}
	}
	t.Logf("%d routes expanded to %d targets, %d requests", len(s.Echo().Routes()), len(targets), requests)
	for _, must := range []string{"/debug/sec", "/debug/sec/authhash", PathStandinIdentify, "/v1/projects/off/snippet.js"} {
		if !seen[must] {
			t.Errorf("the walk missed %s; routes: %v", must, targets)
		}
	}
}

// expand fills each :param of an Echo path with every value given for it
// (values[""] for parameters it does not know) and * with "x".
func expand(path string, values map[string][]string) []string {
	path = strings.ReplaceAll(path, "*", "x")
	loc := routeParam.FindStringIndex(path)
	if loc == nil {
		return []string{path}
	}
	vals, ok := values[path[loc[0]:loc[1]]]
	if !ok {
		vals = values[""]
	}
	var out []string
	for _, v := range vals {
		out = append(out, expand(path[:loc[0]]+v+path[loc[1]:], values)...)
	}
	return out
}

func checkNoSecret(t *testing.T, s http.Handler, method, target, contentType, body string) {
	t.Helper()
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	req.Header.Set("Origin", "http://customer.example")
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	res := rec.Result()
	dump := answerDump(res)
	for _, secret := range secretValues {
		if strings.Contains(dump, secret) {
			t.Errorf("%s %s (%s) answers %d and leaks %q", method, target, contentType, res.StatusCode, secret)
		}
	}
}

// answerDump returns everything an answer shows a client: its body as sent,
// the body decoded again when it is gzip- or brotli-encoded (a secret must not
// hide behind compression), and its headers.
func answerDump(res *http.Response) string {
	got, _ := io.ReadAll(res.Body)
	var dump strings.Builder
	dump.Write(got)
	switch res.Header.Get("Content-Encoding") {
	case "gzip":
		if zr, err := gzip.NewReader(bytes.NewReader(got)); err == nil {
			plain, _ := io.ReadAll(zr)
			dump.Write(plain)
		}
	case "br":
		plain, _ := io.ReadAll(brotli.NewReader(bytes.NewReader(got)))
		dump.Write(plain)
	}
	for k, vs := range res.Header {
		dump.WriteString("\n" + k + ": " + strings.Join(vs, ", "))
	}
	return dump.String()
}
