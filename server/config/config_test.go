package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseValid(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want Config
	}{
		{
			name: "full source",
			yaml: `public_base_url: https://cdn.example.com/ramen/
sources:
  - write_key: site_1-A
    ramen:
      enabled: true
      organization_id: "6389149"
      api_key: k
      endpoint: https://e.example.com
      ramenjs_url: https://cdn.example.com/ramen.js
`,
			want: Config{File: "c.yaml", PublicBaseURL: "https://cdn.example.com/ramen", Sources: []Source{{
				WriteKey: "site_1-A",
				Ramen:    Ramen{Enabled: true, OrganizationID: "6389149", APIKey: "k", Endpoint: "https://e.example.com", RamenJSURL: "https://cdn.example.com/ramen.js"},
			}}},
		},
		{
			name: "unquoted number kept as written, defaults applied",
			yaml: "sources:\n  - write_key: 42\n    ramen:\n      organization_id: 06389149\n",
			want: Config{File: "c.yaml", Sources: []Source{{
				WriteKey: "42",
				Ramen:    Ramen{Enabled: true, OrganizationID: "06389149", RamenJSURL: DefaultRamenJSURL},
			}}},
		},
		{
			name: "no ramen block means disabled",
			yaml: "sources:\n  - write_key: a\n",
			want: Config{File: "c.yaml", Sources: []Source{{WriteKey: "a", Ramen: Ramen{RamenJSURL: DefaultRamenJSURL}}}},
		},
		{
			name: "disabled needs no organization id; relative ramenjs_url",
			yaml: "sources:\n  - write_key: a\n    ramen: {enabled: false, ramenjs_url: \"/ramenjs-standin/ramen.js?v=1\"}\n",
			want: Config{File: "c.yaml", Sources: []Source{{WriteKey: "a", Ramen: Ramen{RamenJSURL: "/ramenjs-standin/ramen.js?v=1"}}}},
		},
		{
			name: "anchors and aliases",
			yaml: "sources:\n  - write_key: a\n    ramen: &r {organization_id: \"1\"}\n  - write_key: b\n    ramen: *r\n",
			want: Config{File: "c.yaml", Sources: []Source{
				{WriteKey: "a", Ramen: Ramen{Enabled: true, OrganizationID: "1", RamenJSURL: DefaultRamenJSURL}},
				{WriteKey: "b", Ramen: Ramen{Enabled: true, OrganizationID: "1", RamenJSURL: DefaultRamenJSURL}},
			}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("c.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(*cfg, tt.want) {
				t.Errorf("got  %#v\nwant %#v", *cfg, tt.want)
			}
		})
	}
}

func TestLoadNamesFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	body := "sources:\n  - write_key: demo\n    ramen:\n      enabled: true\n      organization_id: \"1\"\n      api_key: x\n      organisation_id: \"6389149\"\n"
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	want := path + ":7: sources[0].ramen.organisation_id: unknown key (known keys: enabled, organization_id, api_key, endpoint, secure_mode_secret, ramenjs_url)"
	if err == nil || err.Error() != want {
		t.Fatalf("Load error = %v\nwant %s", err, want)
	}
	var e *Error
	if !errors.As(err, &e) || e.Line != 7 || e.File != path {
		t.Fatalf("errors.As(*Error) = %+v", e)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.yaml"))
	if !errors.Is(err, fs.ErrNotExist) || !strings.Contains(err.Error(), "nope.yaml") {
		t.Fatalf("got %v, want a wrapped not-exist error naming the file", err)
	}
}

func TestLoadDefault(t *testing.T) {
	cfg, err := LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	src, ok := cfg.Source("demo")
	if !ok || len(cfg.Sources) != 1 {
		t.Fatalf("default config sources = %+v, want exactly demo", cfg.Sources)
	}
	want := Ramen{
		Enabled: true, OrganizationID: "6389149", APIKey: "demo-api-key-not-secret",
		Endpoint:         "https://ramen-endpoint.invalid/demo-endpoint-not-secret",
		RamenJSURL:       "/ramenjs-standin/ramen.js",
		SecureModeSecret: "demo-secure-mode-secret-not-secret",
	}
	if !cfg.Standin.Enabled {
		t.Error("the default config must enable the stand-in service (the demo uses it)")
	}
	if src.Ramen != want || !src.Ramen.RamenJSIsRelative() {
		t.Errorf("demo ramen = %#v, want %#v", src.Ramen, want)
	}
	if cfg.PublicBaseURL != "" || cfg.File != DefaultName {
		t.Errorf("PublicBaseURL %q File %q", cfg.PublicBaseURL, cfg.File)
	}
	if _, ok := cfg.Source("nope"); ok {
		t.Error("Source(nope) found something")
	}
}

func TestPublicSettings(t *testing.T) {
	on := Ramen{Enabled: true, OrganizationID: "1", APIKey: "secret", Endpoint: "https://e"}
	b, err := json.Marshal(on.PublicSettings())
	if err != nil || string(b) != `{"organization_id":"1"}` {
		t.Errorf("PublicSettings JSON = %s, %v", b, err)
	}
	if s := (Ramen{OrganizationID: "1"}).PublicSettings(); s != nil {
		t.Errorf("disabled PublicSettings = %+v, want nil", s)
	}
}

func TestSecretNeverFormatted(t *testing.T) {
	const value = "s3cr3t-value"
	r := Ramen{Enabled: true, OrganizationID: "1", APIKey: Secret(value)}
	var logBuf strings.Builder
	slog.New(slog.NewJSONHandler(&logBuf, nil)).Info("x", "ramen", r, "key", r.APIKey)
	jsonBytes, _ := json.Marshal(r)
	outputs := map[string]string{
		"%v":   fmt.Sprintf("%v", r),
		"%+v":  fmt.Sprintf("%+v", r),
		"%#v":  fmt.Sprintf("%#v", r),
		"%s":   fmt.Sprintf("%s", r.APIKey),
		"%q":   fmt.Sprintf("%q", r.APIKey),
		"%x":   fmt.Sprintf("%x", r.APIKey),
		"json": string(jsonBytes),
		"slog": logBuf.String(),
	}
	for name, out := range outputs {
		if strings.Contains(out, value) || strings.Contains(out, fmt.Sprintf("%x", value)) {
			t.Errorf("%s output leaks the secret: %s", name, out)
		}
	}
	if r.APIKey.Reveal() != value || !r.APIKey.IsSet() {
		t.Error("Reveal/IsSet")
	}
}

func TestValidWriteKey(t *testing.T) {
	tests := map[string]bool{
		"demo": true, "A-b_9": true, strings.Repeat("a", 100): true,
		"": false, "a b": false, "a/b": false, "..": false, "é": false, "a%2f": false, strings.Repeat("a", 101): false,
	}
	for in, want := range tests {
		if got := ValidWriteKey(in); got != want {
			t.Errorf("ValidWriteKey(%q) = %v, want %v", in, got, want)
		}
	}
}
