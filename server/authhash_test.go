package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"ramendest/server/securemode"
)

// knownSecret is the secret of the known vector in Ramen's documentation.
const knownSecret = "oihs9uhasdg8934y8"

func TestAuthHashCommand(t *testing.T) {
	now := time.Unix(1700000000, 0)
	env := map[string]string{SecretEnv: knownSecret}
	tests := []struct {
		name     string
		args     []string
		env      map[string]string
		code     int
		stdout   string // exact, when the command succeeds
		stderr   string // substring
		noStderr string // must not appear in stderr
	}{
		{name: "known vector", env: env,
			args:   []string{"-id", "42", "-email", "ryan@ramen.is", "-name", "Ryan Angilly", "-timestamp", "1234567890"},
			stdout: `{"timestamp":1234567890,"auth_hash":"09cc0a69233f1bf41e68ed00b9256fde5a4542e9fdba635fe2a9a4edf9ee1ba1"}` + "\n"},
		{name: "now by default", env: env,
			args:   []string{"-id=42", "-email=ryan@ramen.is"},
			stdout: `{"timestamp":1700000000,"auth_hash":"` + securemode.AuthHash("ryan@ramen.is", "42", "ryan@ramen.is", 1700000000, knownSecret) + `"}` + "\n"},
		{name: "secret unset", args: []string{"-id", "42"}, code: 1, stderr: "$RAMEN_SECURE_MODE_SECRET is not set"},
		{name: "secret flag refused", env: env, args: []string{"-id", "42", "-secret", "flag-secret-value"}, code: 2,
			stderr: "never a flag", noStderr: "flag-secret-value"},
		{name: "secret flag with = refused", env: env, args: []string{"--secret=flag-secret-value", "-id", "42"}, code: 2,
			stderr: "never a flag", noStderr: "flag-secret-value"},
		{name: "id missing", env: env, args: []string{"-email", "a@b.co"}, code: 2, stderr: "-id is required"},
		{name: "unknown flag", env: env, args: []string{"-id", "1", "-mail", "a@b.co"}, code: 2, stderr: "flag provided but not defined: -mail"},
		{name: "stray argument", env: env, args: []string{"-id", "1", "extra"}, code: 2, stderr: "unexpected arguments"},
		{name: "help", env: env, args: []string{"-h"}, stderr: "RAMEN_SECURE_MODE_SECRET=… server authhash -id USER_ID"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			getenv := func(k string) string { return tt.env[k] }
			code := runAuthHash(tt.args, &stdout, &stderr, getenv, func() time.Time { return now })
			if code != tt.code {
				t.Errorf("exit code %d, want %d (stderr %q)", code, tt.code, stderr.String())
			}
			if tt.code == 0 && tt.stdout != "" && stdout.String() != tt.stdout {
				t.Errorf("stdout %q, want %q", stdout.String(), tt.stdout)
			}
			if tt.code != 0 && stdout.Len() != 0 {
				t.Errorf("a failure printed to stdout: %q", stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr %q lacks %q", stderr.String(), tt.stderr)
			}
			if tt.noStderr != "" && strings.Contains(stderr.String(), tt.noStderr) {
				t.Errorf("stderr echoes %q: %q", tt.noStderr, stderr.String())
			}
			for _, out := range []string{stdout.String(), stderr.String()} {
				if strings.Contains(out, knownSecret) {
					t.Errorf("the secret was printed: %q", out)
				}
			}
			if tt.code == 0 && stdout.Len() > 0 {
				var opts map[string]any
				if err := json.Unmarshal(stdout.Bytes(), &opts); err != nil || len(opts) != 2 {
					t.Errorf("stdout is not the {timestamp, auth_hash} object: %q (%v)", stdout.String(), err)
				}
			}
		})
	}
}
