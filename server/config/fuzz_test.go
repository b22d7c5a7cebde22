package config

import (
	"errors"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes Parse panic, and that every refusal
// is an Errors list whose lines all start with the file name.
func FuzzParse(f *testing.F) {
	f.Add([]byte(""))
	f.Add(DefaultYAML())
	f.Add([]byte("sources:\n  - write_key: a\n    ramen: {enabled: maybe}\n"))
	f.Add([]byte("sources:\n  - write_key: a\n    ramen: &r {organization_id: 1}\n  - write_key: b\n    ramen: *r\n"))
	f.Add([]byte("public_base_url: https://x.example/\nsources: [{write_key: a, ramen: {ramenjs_url: /r.js, organization_id: \"1\"}}]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cfg, err := Parse("f.yaml", data)
		if err == nil {
			if cfg == nil || len(cfg.Sources) == 0 {
				t.Fatalf("accepted config without sources: %+v", cfg)
			}
			for _, s := range cfg.Sources {
				if !ValidWriteKey(s.WriteKey) {
					t.Fatalf("accepted invalid write key %q", s.WriteKey)
				}
			}
			return
		}
		var errs Errors
		if !errors.As(err, &errs) || len(errs) == 0 {
			t.Fatalf("error %v is not a non-empty Errors", err)
		}
		for _, e := range errs {
			if !strings.HasPrefix(e.Error(), "f.yaml") {
				t.Fatalf("message %q does not name the file", e.Error())
			}
		}
	})
}
