package app

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"

	"ramendest/server/assets"
	"ramendest/server/config"
)

const classicSource = "window.ramenDeps=[];window.ramenLoader=function(){};"

// fakeAnextBuild is fakeBuild plus the analytics-next files.
func fakeAnextBuild(t *testing.T) fstest.MapFS {
	t.Helper()
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	if _, err := w.Write([]byte(classicSource)); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	fsys := fakeBuild()
	fsys["manifest.json"] = &fstest.MapFile{Data: []byte(`{"version":"abcd1234","bundle":"ramen.abcd1234.js","wasm":"ramen.abcd1234.wasm",` +
		`"standin":"ramen-standin.js","snippet":"snippet.js","classic":"ramen-classic.0000aaaa.js.gz","plugin":"ramen-plugin.0000bbbb.mjs"}`)}
	fsys["ramen-classic.0000aaaa.js.gz"] = &fstest.MapFile{Data: gz.Bytes()}
	fsys["ramen-plugin.0000bbbb.mjs"] = &fstest.MapFile{Data: []byte("export function plugin(){}")}
	return fsys
}

const anextYAML = `
sources:
  - write_key: site
    ramen:
      organization_id: "6389149"
      api_key: secret-api-key-value
      endpoint: https://secret-endpoint.invalid/x
      ramenjs_url: /ramenjs-standin/ramen.js
  - write_key: withsegment
    ramen:
      organization_id: "42"
      ramenjs_url: https://cdn.example.com/ramen.js
    integrations:
      Segment.io: {apiKey: seg, apiHost: 127.0.0.1:9/v1, protocol: http}
      Other: {on: true}
    metrics: {sampleRate: 0.5}
  - write_key: off
    ramen:
      enabled: false
      organization_id: "7"
      api_key: secret-api-key-value
`

func newAnextServer(t *testing.T, fsys fstest.MapFS) *Server {
	t.Helper()
	cfg, err := config.Parse("test.yaml", []byte(anextYAML))
	if err != nil {
		t.Fatal(err)
	}
	set, err := assets.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return New(cfg, set, slog.New(slog.DiscardHandler))
}

func TestSettings(t *testing.T) {
	const tail = `"plan":{},"middlewareSettings":{},"enabledMiddleware":{},`
	tests := []struct {
		name   string
		target string
		host   string
		noDoor bool // a build without the analytics-next files
		want   string
	}{
		{name: "default Segment.io block and Ramen", target: "/v1/projects/site/settings", host: "cdn.test:8080",
			want: `{"integrations":{"Segment.io":{"apiKey":"site"},"Ramen":{"organization_id":"6389149",` +
				`"ramenjs_url":"http://cdn.test:8080/ramenjs-standin/ramen.js","type":"browser",` +
				`"versionSettings":{"version":"abcd1234","componentTypes":["browser"]}}},` +
				tail + `"metrics":{"sampleRate":0},"legacyVideoPluginsEnabled":false,"remotePlugins":[]}`},
		{name: "configured integrations and metrics", target: "/v1/projects/withsegment/settings",
			want: `{"integrations":{"Segment.io":{"apiKey":"seg","apiHost":"127.0.0.1:9/v1","protocol":"http"},"Other":{"on":true},` +
				`"Ramen":{"organization_id":"42","ramenjs_url":"https://cdn.example.com/ramen.js","type":"browser",` +
				`"versionSettings":{"version":"abcd1234","componentTypes":["browser"]}}},` +
				tail + `"metrics":{"sampleRate":0.5},"legacyVideoPluginsEnabled":false,"remotePlugins":[]}`},
		{name: "Ramen disabled", target: "/v1/projects/off/settings",
			want: `{"integrations":{"Segment.io":{"apiKey":"off"}},` +
				tail + `"metrics":{"sampleRate":0},"legacyVideoPluginsEnabled":false,"remotePlugins":[]}`},
		{name: "no classic script built", target: "/v1/projects/site/settings", noDoor: true,
			want: `{"integrations":{"Segment.io":{"apiKey":"site"}},` +
				tail + `"metrics":{"sampleRate":0},"legacyVideoPluginsEnabled":false,"remotePlugins":[]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fakeAnextBuild(t)
			if tt.noDoor {
				fsys = fakeBuild()
			}
			s := newAnextServer(t, fsys)
			res, body := doHost(t, s, http.MethodGet, tt.target, tt.host)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			if body != tt.want {
				t.Errorf("body\n got %s\nwant %s", body, tt.want)
			}
			for k, want := range map[string]string{
				"Content-Type":                "application/json",
				"Access-Control-Allow-Origin": "*",
				"Cache-Control":               cacheShort,
			} {
				if got := res.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if strings.Contains(body, "secret") {
				t.Errorf("the settings carry a server-side value: %s", body)
			}
		})
	}
}

// doHost is do with the request sent to host (the default host when "").
func doHost(t *testing.T, s http.Handler, method, target, host string) (*http.Response, string) {
	t.Helper()
	if host != "" {
		target = "http://" + host + target
	}
	return do(t, s, method, target, nil)
}

func TestSettingsErrors(t *testing.T) {
	s := newAnextServer(t, fakeAnextBuild(t))
	for _, target := range []string{"/v1/projects/nope/settings", "/v1/projects/b%20d/settings"} {
		res, body := do(t, s, http.MethodGet, target, nil)
		if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(body, `{"error":`) {
			t.Errorf("GET %s = %d %s, want 404 with a JSON error", target, res.StatusCode, body)
		}
		if res.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("GET %s: the error is not readable cross-origin", target)
		}
	}
}

func TestClassicScript(t *testing.T) {
	s := newAnextServer(t, fakeAnextBuild(t))
	tests := []struct {
		name, target, method, cache string
	}{
		{"current version", "/next-integrations/integrations/ramen/abcd1234/ramen.dynamic.js.gz", http.MethodGet, cacheImmutable},
		{"latest", "/next-integrations/integrations/ramen/latest/ramen.dynamic.js.gz", http.MethodGet, cacheShort},
		{"obfuscated name", "/next-integrations/integrations/cmFtZW4/latest/cmFtZW4.dynamic.js.gz", http.MethodGet, cacheShort},
		{"HEAD", "/next-integrations/integrations/ramen/abcd1234/ramen.dynamic.js.gz", http.MethodHead, cacheImmutable},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := do(t, s, tt.method, tt.target, nil)
			if res.StatusCode != http.StatusOK {
				t.Fatalf("status %d: %s", res.StatusCode, body)
			}
			for k, want := range map[string]string{
				"Content-Encoding":            "gzip",
				"Content-Type":                assets.ClassicContentType,
				"Access-Control-Allow-Origin": "*",
				"Cache-Control":               tt.cache,
				"X-Content-Type-Options":      "nosniff",
			} {
				if got := res.Header.Get(k); got != want {
					t.Errorf("%s = %q, want %q", k, got, want)
				}
			}
			if tt.method == http.MethodHead {
				if body != "" {
					t.Errorf("HEAD has a body")
				}
				return
			}
			zr, err := gzip.NewReader(strings.NewReader(body))
			if err != nil {
				t.Fatalf("body is not gzip: %v", err)
			}
			plain, err := io.ReadAll(zr)
			if err != nil || string(plain) != classicSource {
				t.Errorf("decompressed body = %q, %v; want %q", plain, err, classicSource)
			}
		})
	}
}

func TestClassicScriptErrors(t *testing.T) {
	tests := []struct {
		name, target string
		noDoor       bool
	}{
		{"unknown version", "/next-integrations/integrations/ramen/1.0.0/ramen.dynamic.js.gz", false},
		{"other integration", "/next-integrations/integrations/intercom/latest/intercom.dynamic.js.gz", false},
		{"not built", "/next-integrations/integrations/ramen/latest/ramen.dynamic.js.gz", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fakeAnextBuild(t)
			if tt.noDoor {
				fsys = fakeBuild()
			}
			res, body := do(t, newAnextServer(t, fsys), http.MethodGet, tt.target, nil)
			if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(body, `{"error":`) {
				t.Errorf("status %d %s, want 404 with a JSON error", res.StatusCode, body)
			}
			if ce := res.Header.Get("Content-Encoding"); ce != "" {
				t.Errorf("an error answer says Content-Encoding %q", ce)
			}
		})
	}
}

func TestPluginModuleAsset(t *testing.T) {
	s := newAnextServer(t, fakeAnextBuild(t))
	res, body := do(t, s, http.MethodGet, "/assets/ramen-plugin.0000bbbb.mjs", nil)
	if res.StatusCode != http.StatusOK || body != "export function plugin(){}" {
		t.Fatalf("status %d body %q", res.StatusCode, body)
	}
	if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/javascript") {
		t.Errorf("Content-Type %q: browsers refuse a module of another type", ct)
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Error("a module imported cross-origin needs CORS")
	}
}

func TestPluginModuleLatest(t *testing.T) {
	res, _ := doHost(t, newAnextServer(t, fakeAnextBuild(t)), http.MethodGet, PathPluginLatest, "cdn.test")
	if res.StatusCode != http.StatusFound || res.Header.Get("Location") != "http://cdn.test/assets/ramen-plugin.0000bbbb.mjs" {
		t.Errorf("GET %s = %d Location %q", PathPluginLatest, res.StatusCode, res.Header.Get("Location"))
	}
	if res.Header.Get("Cache-Control") != cacheShort || res.Header.Get("Access-Control-Allow-Origin") != "*" {
		t.Errorf("redirect headers: %v", res.Header)
	}
	res, body := do(t, newAnextServer(t, fakeBuild()), http.MethodGet, PathPluginLatest, nil)
	if res.StatusCode != http.StatusNotFound || !strings.HasPrefix(body, `{"error":`) {
		t.Errorf("without a plugin module: %d %s", res.StatusCode, body)
	}
}
