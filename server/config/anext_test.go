package config

import (
	"errors"
	"strings"
	"testing"
)

func TestParseIntegrationsAndMetrics(t *testing.T) {
	tests := []struct {
		name             string
		yaml             string
		wantIntegrations []string // "name=json"
		wantMetrics      string
	}{
		{"none", "sources:\n  - write_key: a\n", nil, ""},
		{"segment block in file order",
			"sources:\n  - write_key: a\n    integrations:\n      Segment.io:\n        apiKey: a\n        apiHost: 127.0.0.1:9/v1\n        protocol: http\n      Google Analytics: {trackingId: UA-1, anonymizeIp: true}\n",
			[]string{`Segment.io={"apiKey":"a","apiHost":"127.0.0.1:9/v1","protocol":"http"}`,
				`Google Analytics={"trackingId":"UA-1","anonymizeIp":true}`}, ""},
		{"every JSON value",
			"sources:\n  - write_key: a\n    integrations:\n      X: {i: 12, f: 1.5, neg: -3, s: '007', b: false, n: null, l: [1, 'two', {k: v}], e: {}}\n",
			[]string{`X={"i":12,"f":1.5,"neg":-3,"s":"007","b":false,"n":null,"l":[1,"two",{"k":"v"}],"e":{}}`}, ""},
		{"html is escaped", "sources:\n  - write_key: a\n    integrations:\n      X: {s: '</script>'}\n",
			[]string{`X={"s":"\u003c/script\u003e"}`}, ""},
		{"aliases are expanded", "sources:\n  - write_key: a\n    integrations:\n      X: &x {a: 1}\n      Y: *x\n",
			[]string{`X={"a":1}`, `Y={"a":1}`}, ""},
		{"metrics", "sources:\n  - write_key: a\n    metrics: {sampleRate: 0.1, host: 127.0.0.1:9/v1}\n",
			nil, `{"sampleRate":0.1,"host":"127.0.0.1:9/v1"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("config.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			src := cfg.Sources[0]
			var got []string
			for _, in := range src.Integrations {
				got = append(got, in.Name+"="+string(in.Settings))
			}
			if strings.Join(got, "\n") != strings.Join(tt.wantIntegrations, "\n") {
				t.Errorf("integrations\n got %q\nwant %q", got, tt.wantIntegrations)
			}
			if string(src.Metrics) != tt.wantMetrics {
				t.Errorf("metrics = %s, want %s", src.Metrics, tt.wantMetrics)
			}
		})
	}
}

func TestParseIntegrationsErrors(t *testing.T) {
	const head = "sources:\n  - write_key: a\n"
	tests := []struct {
		name string
		yaml string
		want wantErr
	}{
		{"not a mapping", head + "    integrations: [x]\n", wantErr{3, "sources[0].integrations", "expected a mapping of integration names"}},
		{"block not a mapping", head + "    integrations:\n      Segment.io: true\n", wantErr{4, "sources[0].integrations.Segment.io", "expected a mapping (the integration's settings), got a boolean"}},
		{"Ramen refused", head + "    integrations:\n      Ramen: {organization_id: '1'}\n", wantErr{4, "sources[0].integrations.Ramen", "configure Ramen there"}},
		{"repeated", head + "    integrations:\n      X: {}\n      X: {}\n", wantErr{5, "sources[0].integrations.X", "integration repeated (first at line 4)"}},
		{"number name", head + "    integrations:\n      12: {}\n", wantErr{4, "sources[0].integrations", "integration names must be non-empty strings, got a number"}},
		{"timestamp value", head + "    integrations:\n      X:\n        since: 2001-12-14\n", wantErr{5, "sources[0].integrations.X.since", `(put it in quotes: "2001-12-14")`}},
		{"infinite number", head + "    integrations:\n      X: {n: .inf}\n", wantErr{4, "sources[0].integrations.X.n", "not a number JSON can hold"}},
		{"non-string key", head + "    integrations:\n      X: {1: a}\n", wantErr{4, "sources[0].integrations.X", "keys must be strings, got a number"}},
		{"repeated inner key", head + "    integrations:\n      X:\n        a: 1\n        a: 2\n", wantErr{6, "sources[0].integrations.X.a", "key repeated"}},
		{"too deep", head + "    integrations:\n      X: {a: " + strings.Repeat("[", 40) + strings.Repeat("]", 40) + "}\n", wantErr{4, "sources[0].integrations.X.a" + strings.Repeat("[0]", 32), "too large"}},
		{"metrics not a mapping", head + "    metrics: 0\n", wantErr{3, "sources[0].metrics", "expected a mapping (e.g. sampleRate: 0), got a number"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.yaml", []byte(tt.yaml))
			var errs Errors
			if !errors.As(err, &errs) || len(errs) != 1 {
				t.Fatalf("want exactly one problem, got %v", err)
			}
			e, w := errs[0], tt.want
			if e.Line != w.line || e.Path != w.path || !strings.Contains(e.Msg, w.msg) {
				t.Errorf("problem = {%d %q %q}, want {%d %q ~%q}", e.Line, e.Path, e.Msg, w.line, w.path, w.msg)
			}
		})
	}
}
