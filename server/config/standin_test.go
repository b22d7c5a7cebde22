package config

import (
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
)

func TestStandinAndSecureModeSecret(t *testing.T) {
	tests := []struct {
		name        string
		yaml        string
		wantStandin bool
		wantSecrets map[string]string // write key → secret
	}{
		{
			name:        "off without the block",
			yaml:        "sources:\n  - write_key: a\n    ramen: {organization_id: \"1\", secure_mode_secret: s3}\n",
			wantSecrets: map[string]string{"a": "s3"},
		},
		{
			name:        "block present means enabled",
			yaml:        "standin: {}\nsources:\n  - write_key: a\n    ramen: {organization_id: \"1\"}\n",
			wantStandin: true,
			wantSecrets: map[string]string{"a": ""},
		},
		{
			name:        "explicitly disabled",
			yaml:        "standin:\n  enabled: false\nsources:\n  - write_key: a\n",
			wantSecrets: map[string]string{"a": ""},
		},
		{
			name: "shared organization with the same secret",
			yaml: "standin: {enabled: true}\nsources:\n  - write_key: a\n    ramen: {organization_id: \"1\", secure_mode_secret: s}\n" +
				"  - write_key: b\n    ramen: {organization_id: \"1\", secure_mode_secret: s}\n" +
				"  - write_key: c\n    ramen: {enabled: false, organization_id: \"1\", secure_mode_secret: other}\n",
			wantStandin: true,
			wantSecrets: map[string]string{"a": "s", "b": "s", "c": "other"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := Parse("c.yaml", []byte(tt.yaml))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Standin.Enabled != tt.wantStandin {
				t.Errorf("Standin.Enabled = %v, want %v", cfg.Standin.Enabled, tt.wantStandin)
			}
			for key, want := range tt.wantSecrets {
				src, _ := cfg.Source(key)
				if got := src.Ramen.SecureModeSecret.Reveal(); got != want {
					t.Errorf("%s: secure_mode_secret = %q, want %q", key, got, want)
				}
			}
		})
	}
}

func TestStandinParseErrors(t *testing.T) {
	tests := []struct {
		name, yaml string
		line       int
		path, msg  string
	}{
		{"standin not a mapping", "standin: yes\nsources: [{write_key: a}]\n", 1, "standin", "expected a mapping (keys: enabled)"},
		{"standin unknown key", "standin:\n  enable: true\nsources: [{write_key: a}]\n", 2, "standin.enable", "unknown key"},
		{"standin enabled not a bool", "standin: {enabled: \"yes\"}\nsources: [{write_key: a}]\n", 1, "standin.enabled", "expected true or false"},
		{"secret empty", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      secure_mode_secret: \"\"\n", 5, "sources[0].ramen.secure_mode_secret", "must not be empty"},
		{"secret spaces", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      secure_mode_secret: \" s\"\n", 5, "sources[0].ramen.secure_mode_secret", "leading or trailing spaces"},
		{"secret not a string", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      secure_mode_secret: [s]\n", 5, "sources[0].ramen.secure_mode_secret", "expected a string"},
		{"secret a float, not shown", "sources:\n  - write_key: a\n    ramen:\n      organization_id: \"1\"\n      secure_mode_secret: 7e77\n", 5, "sources[0].ramen.secure_mode_secret", "put the secret in quotes"},
		{"shared organization, other secret",
			"sources:\n  - write_key: a\n    ramen: {organization_id: \"1\", secure_mode_secret: s}\n  - write_key: b\n    ramen: {organization_id: \"1\"}\n",
			4, "sources[1].ramen.secure_mode_secret", `differs from the one of source "a"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("config.yaml", []byte(tt.yaml))
			var errs Errors
			if !errors.As(err, &errs) || len(errs) != 1 {
				t.Fatalf("got %v, want one problem", err)
			}
			e := errs[0]
			if e.Line != tt.line || e.Path != tt.path || !strings.Contains(e.Msg, tt.msg) {
				t.Errorf("got %q, want line %d, path %s, message with %q", e.Error(), tt.line, tt.path, tt.msg)
			}
			if strings.Contains(e.Error(), "7e77") || strings.Contains(e.Error(), " s\"") {
				t.Errorf("message shows the secret: %s", e.Error())
			}
		})
	}
}

func TestStandinOrganization(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("sources:\n"+
		"  - write_key: off\n    ramen: {enabled: false, organization_id: \"9\", secure_mode_secret: x}\n"+
		"  - write_key: a\n    ramen: {organization_id: \"1\", secure_mode_secret: s}\n"+
		"  - write_key: b\n    ramen: {organization_id: \"2\"}\n"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		org, key, secret string
		ok               bool
	}{
		{"1", "a", "s", true},
		{"2", "b", "", true},
		{"9", "", "", false}, // only enabled sources count
		{"", "", "", false},
		{"3", "", "", false},
	}
	for _, tt := range tests {
		got, ok := cfg.StandinOrganization(tt.org)
		if ok != tt.ok || got.WriteKey != tt.key || got.SecureModeSecret.Reveal() != tt.secret {
			t.Errorf("StandinOrganization(%q) = %+v, %v; want %s %q %v", tt.org, got, ok, tt.key, tt.secret, tt.ok)
		}
	}
}

func TestSecureModeSecretNeverFormatted(t *testing.T) {
	cfg, err := Parse("c.yaml", []byte("sources:\n  - write_key: a\n    ramen: {organization_id: \"1\", secure_mode_secret: hush-hush-value}\n"))
	if err != nil {
		t.Fatal(err)
	}
	var logs strings.Builder
	slog.New(slog.NewTextHandler(&logs, nil)).Info("cfg", "ramen", cfg.Sources[0].Ramen)
	for _, s := range []string{fmt.Sprintf("%v %+v %#v", cfg, *cfg, *cfg), logs.String()} {
		if strings.Contains(s, "hush-hush-value") {
			t.Errorf("secret formatted: %s", s)
		}
	}
	if !strings.Contains(logs.String(), "secure_mode_secret_set=true") {
		t.Errorf("log lacks secure_mode_secret_set: %s", logs.String())
	}
}
