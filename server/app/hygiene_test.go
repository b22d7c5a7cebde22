package app

import (
	"encoding/json"
	"mime"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// publicPrefixes are the routes customers' pages load from another origin:
// only they may answer with Access-Control-Allow-Origin.
var publicPrefixes = []string{"/v1/projects/", PathAssets, "/ramenjs-standin/", "/next-integrations/"}

func isPublic(path string) bool {
	for _, p := range publicPrefixes {
		if strings.HasPrefix(path, p) {
			return true
		}
	}
	return false
}

// validValues are path parameter values that name something that exists.
func validValues(s *Server) map[string][]string {
	values := map[string][]string{"": {"x"}}
	for _, src := range s.Config().Sources {
		values[":writeKey"] = append(values[":writeKey"], src.WriteKey)
	}
	m := s.assets.Manifest
	values[":file"] = []string{m.Bundle, m.WASM}
	values[":version"] = []string{m.Version, "latest"}
	return values
}

// request sends one request to s with an Origin header, as a browser on a
// customer's page does.
func request(s http.Handler, method, target, body string) *http.Response {
	req := httptest.NewRequest(method, target, strings.NewReader(body))
	req.Header.Set("Origin", "http://customer.example")
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	return rec.Result()
}

// checkJSONError fails unless res is an error answer with a JSON body
// {"error": "..."}, or the stand-in service's verdict {"code": "..."} (no
// body for HEAD). Malformed request lines (an invalid %-escape) never reach
// the handler: net/http refuses them with a plain 400 (see the server's
// process test).
func checkJSONError(t *testing.T, what string, res *http.Response, method string) {
	t.Helper()
	if method == http.MethodHead {
		return
	}
	if mt, _, _ := mime.ParseMediaType(res.Header.Get("Content-Type")); mt != "application/json" {
		t.Errorf("%s: %d with Content-Type %q, want application/json", what, res.StatusCode, res.Header.Get("Content-Type"))
		return
	}
	var body map[string]any
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil {
		t.Errorf("%s: %d with a body that is not JSON: %v", what, res.StatusCode, err)
		return
	}
	// The stand-in service answers as Ramen did: a verdict with a code.
	msg, ok := body["error"].(string)
	if !ok {
		msg, ok = body["code"].(string)
	}
	if !ok || msg == "" {
		t.Errorf("%s: %d with JSON %v, want {\"error\": \"...\"}", what, res.StatusCode, body)
	}
}

// TestEveryRouteHygiene walks every registered route with valid values and
// checks the headers every answer must (or must not) carry: nosniff always,
// CORS only on the public routes, JSON bodies on errors, never a 5xx.
func TestEveryRouteHygiene(t *testing.T) {
	s, _ := newTestServer(t, secretsYAML)
	values := validValues(s)
	checked := 0
	for _, r := range s.Echo().Routes() {
		for _, target := range expand(r.Path, values) {
			res := request(s, r.Method, target, "{}")
			what := r.Method + " " + target
			checked++
			if res.StatusCode >= 500 {
				t.Errorf("%s: %d", what, res.StatusCode)
			}
			if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
				t.Errorf("%s: X-Content-Type-Options %q, want nosniff", what, got)
			}
			acao := res.Header.Get("Access-Control-Allow-Origin")
			switch {
			case isPublic(r.Path) && acao != "*":
				t.Errorf("%s: public route answers without Access-Control-Allow-Origin: *", what)
			case !isPublic(r.Path) && acao != "":
				t.Errorf("%s: private route answers with Access-Control-Allow-Origin %q", what, acao)
			}
			if res.StatusCode >= 400 {
				checkJSONError(t, what, res, r.Method)
			}
		}
	}
	if checked < 10 {
		t.Fatalf("only %d route requests; the walk is broken", checked)
	}
}

// TestUnknownPathsAndMethods checks the router's own answers: 404 for a path
// no route matches and 405 (with Allow) for a method a route does not take,
// both with JSON bodies and without CORS on private paths.
func TestUnknownPathsAndMethods(t *testing.T) {
	s, _ := newTestServer(t, secretsYAML)
	for _, target := range []string{"/nope", "/v1/projects", "/v1/projects/sec", "/assets", "/assets/", "/debug",
		"/next-integrations/integrations/ramen/", "/ramenjs-standin/", "/.env", "/../../etc/passwd"} {
		res := request(s, http.MethodGet, target, "")
		if res.StatusCode != http.StatusNotFound {
			t.Errorf("GET %s: %d, want 404", target, res.StatusCode)
		}
		checkJSONError(t, "GET "+target, res, http.MethodGet)
	}
	values := validValues(s)
	registered := map[string]map[string]bool{}
	for _, r := range s.Echo().Routes() {
		if registered[r.Path] == nil {
			registered[r.Path] = map[string]bool{}
		}
		registered[r.Path][r.Method] = true
	}
	for path, methods := range registered {
		target := expand(path, values)[0]
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
			if methods[m] || (m == http.MethodGet && methods[http.MethodHead]) {
				continue
			}
			res := request(s, m, target, "")
			if res.StatusCode != http.StatusMethodNotAllowed {
				t.Errorf("%s %s: %d, want 405", m, target, res.StatusCode)
				continue
			}
			if res.Header.Get("Allow") == "" {
				t.Errorf("%s %s: 405 without Allow", m, target)
			}
			checkJSONError(t, m+" "+target, res, m)
		}
	}
}

// oddValues are path parameter values an attacker or a broken client sends:
// traversal, encoded traversal (single, double, overlong UTF-8, backslash),
// NUL bytes, invalid UTF-8, control characters and absurd lengths.
var oddValues = []string{
	"..", ".", "%2e%2e", "%2E%2E", ".%2e", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "..%2f..%2f..%2fetc%2fpasswd",
	"..%5c..%5cwindows", "%252e%252e", "%252e%252e%252fetc%252fpasswd", "%c0%ae%c0%ae", "%c0%af", "%e0%80%ae",
	"%00", "demo%00", "%00.js", "sec%00.js", "%ff%fe", "%0d%0aSet-Cookie:%20x=1", "%09", "%20", "%7e", "~root",
	"sec%2fsnippet.js", "a;b", "%3bjsessionid=1", "*", "%2a", "..%00", strings.Repeat("a", 5000),
	strings.Repeat("%2e%2e%2f", 300), "%EF%BC%8E%EF%BC%8E",
}

// TestOddPathParameters fills every path parameter of every route with each
// odd value: the answer must be a 400 or 404 with a JSON body, never a file,
// a success or a 5xx.
func TestOddPathParameters(t *testing.T) {
	s, _ := newTestServer(t, secretsYAML)
	valid := validValues(s)
	n := 0
	for _, r := range s.Echo().Routes() {
		params := routeParam.FindAllString(r.Path, -1)
		for _, p := range params {
			for _, odd := range oddValues {
				values := map[string][]string{"": {"x"}}
				for k, v := range valid {
					values[k] = v[:1]
				}
				values[p] = []string{odd}
				target := expand(r.Path, values)[0]
				res := request(s, r.Method, target, "{}")
				what := r.Method + " " + r.Path + " with " + p + "=" + odd
				n++
				if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusNotFound {
					t.Errorf("%s: %d, want 400 or 404", what, res.StatusCode)
					continue
				}
				checkJSONError(t, what, res, r.Method)
				if got := res.Header.Get("Set-Cookie"); got != "" {
					t.Errorf("%s: header injection: Set-Cookie %q", what, got)
				}
			}
		}
	}
	if n == 0 {
		t.Fatal("no route has a path parameter; the test is broken")
	}
	t.Logf("%d odd requests", n)
}

// TestBodyLimit posts a body larger than MaxRequestBody to every POST route:
// the answer is a 4xx with a JSON body (413 where the route reads the body).
func TestBodyLimit(t *testing.T) {
	s, _ := newTestServer(t, secretsYAML)
	big := `{"user":{"id":"` + strings.Repeat("x", 2*MaxRequestBody) + `"}}`
	values := validValues(s)
	posts := 0
	for _, r := range s.Echo().Routes() {
		if r.Method != http.MethodPost {
			continue
		}
		posts++
		for _, target := range expand(r.Path, values) {
			res := request(s, r.Method, target, big)
			if res.StatusCode < 400 || res.StatusCode >= 500 {
				t.Errorf("POST %s with %d bytes: %d, want a 4xx", target, len(big), res.StatusCode)
			}
			checkJSONError(t, "POST "+target, res, r.Method)
		}
	}
	res := request(s, http.MethodPost, PathStandinIdentify, big)
	if res.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("POST %s with %d bytes: %d, want 413", PathStandinIdentify, len(big), res.StatusCode)
	}
	t.Logf("%d POST routes", posts)
}
