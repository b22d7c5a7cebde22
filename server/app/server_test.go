package app

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	"ramendest/server/config"
)

func TestHealth(t *testing.T) {
	s, _ := newTestServer(t, "")
	res, body := do(t, s, http.MethodGet, "/healthz", nil)
	if res.StatusCode != http.StatusOK || strings.TrimSpace(body) != `{"status":"ok"}` {
		t.Fatalf("got %d %q", res.StatusCode, body)
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("health check should not carry CORS")
	}
}

func TestErrorAnswers(t *testing.T) {
	tests := []struct {
		method, target string
		status         int
		body, allow    string
	}{
		{http.MethodGet, "/nope", 404, `{"error":"not found"}`, ""},
		{http.MethodGet, "/v1/projects/demo/snippet.jsx", 404, `{"error":"not found"}`, ""},
		{http.MethodPost, "/healthz", 405, `{"error":"method not allowed"}`, "GET, HEAD"},
		{http.MethodDelete, "/assets/ramen.abcd1234.js", 405, `{"error":"method not allowed"}`, "GET, HEAD"},
		{http.MethodPut, "/v1/projects/demo/snippet.js", 405, `{"error":"method not allowed"}`, "GET, HEAD"},
		{http.MethodHead, "/nope", 404, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.target, func(t *testing.T) {
			s, _ := newTestServer(t, "")
			res, body := do(t, s, tt.method, tt.target, nil)
			if res.StatusCode != tt.status || strings.TrimSpace(body) != tt.body {
				t.Errorf("got %d %q, want %d %q", res.StatusCode, body, tt.status, tt.body)
			}
			if tt.body != "" && !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Errorf("Content-Type %q", res.Header.Get("Content-Type"))
			}
			if tt.allow != "" && !sameMethods(res.Header.Get("Allow"), tt.allow) {
				t.Errorf("Allow %q, want %q", res.Header.Get("Allow"), tt.allow)
			}
		})
	}
}

// sameMethods compares comma-separated method lists ignoring order.
func sameMethods(a, b string) bool {
	set := map[string]bool{}
	for _, m := range strings.Split(a, ",") {
		set[strings.TrimSpace(m)] = true
	}
	for _, m := range strings.Split(b, ",") {
		if !set[strings.TrimSpace(m)] {
			return false
		}
		delete(set, strings.TrimSpace(m))
	}
	return len(set) == 0 || (len(set) == 1 && set["OPTIONS"])
}

func TestPanicBecomes500(t *testing.T) {
	s, logs := newTestServer(t, "")
	s.Echo().GET("/boom", func(echo.Context) error { panic("kaboom internal detail") })
	res, body := do(t, s, http.MethodGet, "/boom", nil)
	if res.StatusCode != http.StatusInternalServerError || strings.TrimSpace(body) != `{"error":"internal server error"}` {
		t.Fatalf("got %d %q", res.StatusCode, body)
	}
	if !strings.Contains(logs.String(), "kaboom internal detail") || !strings.Contains(logs.String(), "status=500") {
		t.Errorf("panic not logged:\n%s", logs)
	}
	// The server keeps serving.
	if res, _ := do(t, s, http.MethodGet, "/healthz", nil); res.StatusCode != http.StatusOK {
		t.Errorf("after panic: %d", res.StatusCode)
	}
}

func TestRequestLog(t *testing.T) {
	s, logs := newTestServer(t, "")
	do(t, s, http.MethodGet, "/v1/projects/demo/snippet.js?token=query-secret", nil)
	out := logs.String()
	for _, want := range []string{"msg=request", "method=GET", "path=/v1/projects/demo/snippet.js", "status=200"} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "query-secret") {
		t.Errorf("log contains the query string:\n%s", out)
	}
}

func TestSetConfig(t *testing.T) {
	s, _ := newTestServer(t, "")
	if res, _ := do(t, s, http.MethodGet, "/v1/projects/other/snippet.js", nil); res.StatusCode != http.StatusNotFound {
		t.Fatalf("before: %d", res.StatusCode)
	}
	cfg, err := config.Parse("new.yaml", []byte("sources:\n  - write_key: other\n    ramen: {organization_id: \"9\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	s.SetConfig(cfg)
	if s.Config() != cfg {
		t.Fatal("Config() does not return the new config")
	}
	res, body := do(t, s, http.MethodGet, "/v1/projects/other/snippet.js", nil)
	if res.StatusCode != http.StatusOK || !strings.Contains(body, `"organization_id":"9"`) {
		t.Errorf("after: %d %s", res.StatusCode, body)
	}
	if res, _ := do(t, s, http.MethodGet, "/v1/projects/demo/snippet.js", nil); res.StatusCode != http.StatusNotFound {
		t.Errorf("old source still served: %d", res.StatusCode)
	}
}

func TestErrorBodyShape(t *testing.T) {
	b, _ := json.Marshal(ErrorBody{Error: "x"})
	if string(b) != `{"error":"x"}` {
		t.Errorf("ErrorBody JSON = %s", b)
	}
}
