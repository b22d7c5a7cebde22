package app

import (
	"net/http"
	"strings"
	"testing"
)

func TestDemoPage(t *testing.T) {
	s, _ := newTestServer(t, "")
	res, body := do(t, s, http.MethodGet, "/", nil)
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "text/html; charset=UTF-8" {
		t.Fatalf("got %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	for _, want := range []string{
		`<script src="/v1/projects/demo/snippet.js"></script>`,
		"uses a local stand-in for RamenJS",
		`id="args-identify"`, `id="call-identify"`, `id="error-identify"`,
		`id="args-group"`, `id="args-page"`, `id="args-track"`, `id="args-reset"`, `id="call-reset"`,
		`id="sent"`, `id="received"`, `id="status"`,
		`"email": "ryan@charturl.com"`, `"is_profitable": true`, `"mrr": 149.99`,
		`"url": "https://charturl.com"`, `"is_awesome": true`, `"Subscribed"`,
		"ramen-standin:call", "window.Ramen", ".received",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("demo page lacks %q", want)
		}
	}
	for _, unwanted := range []string{"class=\"note\"", "disabled:"} {
		if strings.Contains(body, unwanted) {
			t.Errorf("default demo page shows a warning (%q)", unwanted)
		}
	}
	if res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Error("demo page should not carry CORS")
	}
}

func TestDemoPageSourceChoice(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{
			name: "first source when there is no demo source, with warnings",
			yaml: "sources:\n  - write_key: site_a\n    ramen: {enabled: false}\n  - write_key: site_b\n",
			want: []string{`<script src="/v1/projects/site_a/snippet.js"></script>`, "has its Ramen destination disabled", "loads RamenJS from another URL"},
		},
		{
			name: "demo source preferred",
			yaml: "sources:\n  - write_key: x\n  - write_key: demo\n    ramen: {organization_id: \"1\", ramenjs_url: /ramenjs-standin/ramen.js}\n",
			want: []string{`<script src="/v1/projects/demo/snippet.js"></script>`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestServer(t, tt.yaml)
			_, body := do(t, s, http.MethodGet, "/", nil)
			for _, w := range tt.want {
				if !strings.Contains(body, w) {
					t.Errorf("demo page lacks %q", w)
				}
			}
		})
	}
}
