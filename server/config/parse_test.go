package config

import (
	"errors"
	"strings"
	"testing"
)

// wantErr is one expected problem: its line, key path and a fragment of its
// message.
type wantErr struct {
	line int
	path string
	msg  string
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		yaml string
		want []wantErr
	}{
		{"empty file", "", []wantErr{{0, "", "empty config"}}},
		{"only comments", "# nothing\n", []wantErr{{0, "", "empty config"}}},
		{"syntax error with line", "sources:\n  - write_key: a\n    ramen: [\n", []wantErr{{3, "", "invalid YAML: did not find expected node content"}}},
		{"tab indentation", "sources:\n\t- write_key: a\n", []wantErr{{2, "", "invalid YAML"}}},
		{"unknown anchor", "sources: *nope\n", []wantErr{{0, "", "invalid YAML: unknown anchor"}}},
		{"two documents", "sources: []\n---\nsources: []\n", []wantErr{{2, "", "more than one YAML document"}}},
		{"root not a mapping", "- a\n- b\n", []wantErr{{1, "", "expected a mapping (keys: public_base_url, sources, standin), got a list"}}},
		{"unknown top-level key", "source:\n  - write_key: a\n", []wantErr{
			{1, "source", "unknown key (known keys: public_base_url, sources, standin)"},
			{1, "sources", "missing required key"},
		}},
		{"repeated top-level key", "sources: [{write_key: a}]\nsources: [{write_key: b}]\n", []wantErr{{2, "sources", "key repeated (first at line 1)"}}},
		{"sources not a list", "sources: demo\n", []wantErr{{1, "sources", "expected a list, got a string"}}},
		{"sources empty", "sources: []\n", []wantErr{{1, "sources", "at least one source is required"}}},
		{"sources null", "sources:\n", []wantErr{{1, "sources", "expected a list, got nothing (null)"}}},
		{"source not a mapping", "sources:\n  - demo\n", []wantErr{{2, "sources[0]", "expected a mapping (keys: write_key, ramen, integrations, metrics), got a string"}}},
		{"write_key missing", "sources:\n  - ramen: {enabled: false}\n", []wantErr{{2, "sources[0].write_key", "missing required key"}}},
		{"write_key empty", "sources:\n  - write_key: \"\"\n", []wantErr{{2, "sources[0].write_key", "must not be empty"}}},
		{"write_key bad characters", "sources:\n  - write_key: a/b\n", []wantErr{{2, "sources[0].write_key", `"a/b" has characters other than`}}},
		{"write_key too long", "sources:\n  - write_key: " + strings.Repeat("k", 101) + "\n", []wantErr{{2, "sources[0].write_key", "longer than 100 characters"}}},
		{"write_key a list", "sources:\n  - write_key: [a]\n", []wantErr{{2, "sources[0].write_key", "expected a string, got a list"}}},
		{"write_key reused", "sources:\n  - write_key: a\n  - write_key: b\n  - write_key: a\n", []wantErr{{4, "sources[2].write_key", `write key "a" is already used (first at line 2)`}}},
		{"unknown ramen key", "sources:\n  - write_key: a\n    ramen:\n      organisation_id: \"1\"\n", []wantErr{
			{4, "sources[0].ramen.organisation_id", "unknown key (known keys: enabled, organization_id, api_key, endpoint, secure_mode_secret, ramenjs_url)"},
			{4, "sources[0].ramen.organization_id", "missing required key (needed when enabled is true)"},
		}},
		{"repeated ramen key", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      organization_id: \"2\"\n", []wantErr{{5, "sources[0].ramen.organization_id", "key repeated (first at line 4)"}}},
		{"ramen not a mapping", "sources:\n  - write_key: a\n    ramen: yes\n", []wantErr{{3, "sources[0].ramen", "expected a mapping (keys: enabled, organization_id, api_key, endpoint, secure_mode_secret, ramenjs_url), got a string"}}},
		{"ramen null", "sources:\n  - write_key: a\n    ramen:\n", []wantErr{{3, "sources[0].ramen", "got nothing (null)"}}},
		{"organization_id missing when enabled", "sources:\n  - write_key: a\n    ramen: {enabled: true}\n", []wantErr{{3, "sources[0].ramen.organization_id", "missing required key"}}},
		{"organization_id empty", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"\"\n", []wantErr{{4, "sources[0].ramen.organization_id", "must not be empty when enabled is true"}}},
		{"organization_id blank", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"  \"\n", []wantErr{{4, "sources[0].ramen.organization_id", "must not be empty"}}},
		{"organization_id padded", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \" 12\"\n", []wantErr{{4, "sources[0].ramen.organization_id", "leading or trailing spaces"}}},
		{"organization_id float", "sources:\n  - write_key: a\n    ramen:\n      organization_id: 1e3\n", []wantErr{{4, "sources[0].ramen.organization_id", `expected a string, got a number (put it in quotes: "1e3")`}}},
		{"organization_id hex", "sources:\n  - write_key: a\n    ramen:\n      organization_id: 0x1F\n", []wantErr{{4, "sources[0].ramen.organization_id", "got a number"}}},
		{"organization_id boolean", "sources:\n  - write_key: a\n    ramen:\n      organization_id: true\n", []wantErr{{4, "sources[0].ramen.organization_id", "got a boolean"}}},
		{"organization_id null", "sources:\n  - write_key: a\n    ramen:\n      organization_id:\n", []wantErr{{4, "sources[0].ramen.organization_id", "expected a string, got nothing (null)"}}},
		{"enabled not a boolean", "sources:\n  - write_key: a\n    ramen:\n      enabled: yes\n      organization_id: \"1\"\n", []wantErr{{4, "sources[0].ramen.enabled", `expected true or false, got "yes"`}}},
		{"api_key a mapping", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      api_key: {a: 1}\n", []wantErr{{5, "sources[0].ramen.api_key", "expected a string, got a mapping"}}},
		{"ramenjs_url empty", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      ramenjs_url: \"\"\n", []wantErr{{5, "sources[0].ramen.ramenjs_url", "must not be empty"}}},
		{"ramenjs_url relative without slash", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      ramenjs_url: ramen.js\n", []wantErr{{5, "sources[0].ramen.ramenjs_url", "scheme must be http or https"}}},
		{"ramenjs_url protocol-relative", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      ramenjs_url: //cdn.example.com/ramen.js\n", []wantErr{{5, "sources[0].ramen.ramenjs_url", "scheme must be http or https"}}},
		{"ramenjs_url other scheme", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      ramenjs_url: ftp://example.com/r.js\n", []wantErr{{5, "sources[0].ramen.ramenjs_url", "scheme must be http or https"}}},
		{"ramenjs_url no host", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      ramenjs_url: \"https:///r.js\"\n", []wantErr{{5, "sources[0].ramen.ramenjs_url", "missing host"}}},
		{"ramenjs_url credentials", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      ramenjs_url: https://u:p@example.com/r.js\n", []wantErr{{5, "sources[0].ramen.ramenjs_url", "user name or password"}}},
		{"ramenjs_url space", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      ramenjs_url: \"/a b.js\"\n", []wantErr{{5, "sources[0].ramen.ramenjs_url", "spaces or control characters"}}},
		{"public_base_url scheme", "public_base_url: cdn.example.com\nsources: [{write_key: a}]\n", []wantErr{{1, "public_base_url", "scheme must be http or https"}}},
		{"public_base_url query", "public_base_url: https://cdn.example.com/?x=1\nsources: [{write_key: a}]\n", []wantErr{{1, "public_base_url", "must not have a query"}}},
		{"public_base_url fragment", "public_base_url: https://cdn.example.com/#x\nsources: [{write_key: a}]\n", []wantErr{{1, "public_base_url", "fragment"}}},
		{"public_base_url empty", "public_base_url: \"\"\nsources: [{write_key: a}]\n", []wantErr{{1, "public_base_url", "must not be empty"}}},
		{"non-string key", "sources: [{write_key: a}]\n1: x\n", []wantErr{{2, "", "keys must be plain names, got a number"}}},
		{"several problems reported together", "sources:\n  - write_key: a\n    ramen: {enabled: maybe}\n  - write_key: \"b c\"\n", []wantErr{
			{3, "sources[0].ramen.enabled", "expected true or false"},
			{4, "sources[1].write_key", "has characters other than"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("config.yaml", []byte(tt.yaml))
			if err == nil {
				t.Fatalf("Parse succeeded (%+v), want errors", cfg)
			}
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("error %T %v is not Errors", err, err)
			}
			if len(errs) != len(tt.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(errs), len(tt.want), err)
			}
			for i, w := range tt.want {
				e := errs[i]
				if e.File != "config.yaml" || e.Line != w.line || e.Path != w.path || !strings.Contains(e.Msg, w.msg) {
					t.Errorf("problem %d = {%q %d %q %q}, want {config.yaml %d %q ~%q}", i, e.File, e.Line, e.Path, e.Msg, w.line, w.path, w.msg)
				}
				if !strings.HasPrefix(e.Error(), "config.yaml") {
					t.Errorf("message %q does not start with the file name", e.Error())
				}
			}
		})
	}
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  Error
		want string
	}{
		{Error{"config.yaml", 7, "sources[0].ramen.organisation_id", "unknown key"}, "config.yaml:7: sources[0].ramen.organisation_id: unknown key"},
		{Error{"config.yaml", 0, "", "empty config"}, "config.yaml: empty config"},
		{Error{"c.yaml", 3, "", "invalid YAML: x"}, "c.yaml:3: invalid YAML: x"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
}

func TestParseStopsAfterManyProblems(t *testing.T) {
	var b strings.Builder
	b.WriteString("sources:\n")
	for range 80 {
		b.WriteString("  - write_key: \"bad key\"\n")
	}
	_, err := Parse("config.yaml", []byte(b.String()))
	var errs Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want Errors", err)
	}
	if len(errs) != maxErrors+1 || !strings.Contains(errs[maxErrors].Msg, "too many problems") {
		t.Fatalf("got %d problems, last %q; want %d ending with a too-many note", len(errs), errs[len(errs)-1].Msg, maxErrors+1)
	}
}
