package app

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
)

func TestStaticFiles(t *testing.T) {
	tests := []struct {
		target, contentType, cache, body string
	}{
		{"/assets/ramen.abcd1234.js", "application/javascript; charset=utf-8", "public, max-age=31536000, immutable", "/*bundle*/window.__bundle=1;"},
		{"/assets/ramen.abcd1234.wasm", "application/wasm", "public, max-age=31536000, immutable", "\x00asm\x01\x00\x00\x00"},
		{"/ramenjs-standin/ramen.js", "application/javascript; charset=utf-8", "no-cache", "/*stand-in*/window.Ramen={standIn:true,received:[]};"},
	}
	for _, tt := range tests {
		t.Run(tt.target, func(t *testing.T) {
			s, _ := newTestServer(t, "")
			res, body := do(t, s, http.MethodGet, tt.target, nil)
			if res.StatusCode != http.StatusOK || body != tt.body {
				t.Fatalf("GET: %d %q", res.StatusCode, body)
			}
			want := map[string]string{
				"Content-Type":                 tt.contentType,
				"Cache-Control":                tt.cache,
				"Access-Control-Allow-Origin":  "*",
				"Cross-Origin-Resource-Policy": "cross-origin",
				"X-Content-Type-Options":       "nosniff",
				"Content-Length":               strconv.Itoa(len(tt.body)),
			}
			for k, v := range want {
				if got := res.Header.Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			etag := res.Header.Get("ETag")
			if len(etag) < 3 || etag[0] != '"' || strings.HasPrefix(etag, "W/") {
				t.Fatalf("ETag %q is not strong", etag)
			}

			res, body = do(t, s, http.MethodGet, tt.target, http.Header{"If-None-Match": {etag}})
			if res.StatusCode != http.StatusNotModified || body != "" || res.Header.Get("ETag") != etag {
				t.Errorf("If-None-Match: %d %q ETag %q, want 304 with the same ETag", res.StatusCode, body, res.Header.Get("ETag"))
			}
			res, body = do(t, s, http.MethodGet, tt.target, http.Header{"If-None-Match": {`"other"`}})
			if res.StatusCode != http.StatusOK || body != tt.body {
				t.Errorf("stale If-None-Match: %d, want 200", res.StatusCode)
			}
			res, body = do(t, s, http.MethodHead, tt.target, nil)
			if res.StatusCode != http.StatusOK || body != "" || res.Header.Get("Content-Length") != strconv.Itoa(len(tt.body)) {
				t.Errorf("HEAD: %d %q Content-Length %q", res.StatusCode, body, res.Header.Get("Content-Length"))
			}
		})
	}
}

func TestAssetNotFound(t *testing.T) {
	for _, target := range []string{
		"/assets/ramen-standin.js", // a manifest file, but not an /assets/ one
		"/assets/snippet.js",
		"/assets/manifest.json",
		"/assets/ramen.00000000.js",
		"/assets/..%2fmanifest.json",
		"/assets/%2e%2e",
		"/assets/",
		"/assets/ramen.abcd1234.js/x",
	} {
		s, _ := newTestServer(t, "")
		res, body := do(t, s, http.MethodGet, target, nil)
		if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(body, `{"error":`) {
			t.Errorf("%s: %d %s, want 404 with a JSON body", target, res.StatusCode, body)
		}
	}
}
