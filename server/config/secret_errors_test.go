package config

import (
	"strings"
	"testing"
)

// TestRefusalsNeverRepeatSecrets checks that no refusal of a server-side
// value (api_key, endpoint, secure_mode_secret) repeats the value: config
// errors are printed at start and logged when a reload is refused.
func TestRefusalsNeverRepeatSecrets(t *testing.T) {
	cases := []struct{ yaml, secret string }{
		{"0x5EC2E7", "5EC2E7"},
		{"5.2E7", "5.2E7"},
		{"-123456789", "123456789"},
		{"!!binary NUVDMkU3", "NUVDMkU3"},
		{"[5EC2E7]", "5EC2E7"},
		{"{a: 5EC2E7}", "5EC2E7"},
		{"&anchor 0x5EC2E7", "5EC2E7"},
	}
	for _, key := range []string{"api_key", "endpoint", "secure_mode_secret"} {
		for _, c := range cases {
			t.Run(key+" "+c.yaml, func(t *testing.T) {
				text := "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      " + key + ": " + c.yaml + "\n"
				_, err := Parse("secret.yaml", []byte(text))
				if err == nil {
					t.Fatalf("%s: %s was accepted", key, c.yaml)
				}
				msg := err.Error()
				if !strings.Contains(msg, "secret.yaml:5: sources[0].ramen."+key) {
					t.Errorf("the refusal does not name the file, line and key: %s", msg)
				}
				if strings.Contains(strings.ToUpper(msg), strings.ToUpper(c.secret)) {
					t.Errorf("the refusal repeats the value: %s", msg)
				}
			})
		}
	}
}
