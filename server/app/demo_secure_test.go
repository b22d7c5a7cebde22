package app

import (
	"encoding/json"
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"ramendest/server/securemode"
)

var identifyArgs = regexp.MustCompile(`(?s)<textarea id="args-identify"[^>]*>(.*?)</textarea>`)

// TestDemoPageSecureMode checks that the default demo renders identify with
// secure-mode options that the stand-in service accepts: signed for the
// user the box sends, with the demo source's development secret.
func TestDemoPageSecureMode(t *testing.T) {
	s, _ := newTestServer(t, "")
	_, body := do(t, s, http.MethodGet, "/", nil)
	m := identifyArgs.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no identify box")
	}
	var args []json.RawMessage
	if err := json.Unmarshal([]byte(html.UnescapeString(m[1])), &args); err != nil || len(args) != 3 {
		t.Fatalf("identify box %q: want 3 JSON arguments (%v)", m[1], err)
	}
	var traits struct{ Email, Name string }
	var opts struct {
		Integrations struct{ Ramen securemode.Options }
	}
	if json.Unmarshal(args[1], &traits) != nil || json.Unmarshal(args[2], &opts) != nil {
		t.Fatalf("identify box %s", m[1])
	}
	var id string
	_ = json.Unmarshal(args[0], &id)
	secret := s.Config().Sources[0].Ramen.SecureModeSecret.Reveal()
	got := opts.Integrations.Ramen
	if want := securemode.AuthHash(traits.Email, id, traits.Name, got.Timestamp, secret); got.AuthHash != want {
		t.Errorf("auth_hash %s does not match the user the box sends (want %s)", got.AuthHash, want)
	}
	if !strings.Contains(body, `href="/debug/demo"`) {
		t.Error("the demo page does not link the debugger page")
	}
	if strings.Contains(body, secret) {
		t.Error("the demo page serves the secret")
	}

	// Without the stand-in service: no options, no link.
	s, _ = newTestServer(t, "sources:\n  - write_key: demo\n    ramen: {organization_id: \"1\", secure_mode_secret: x, ramenjs_url: /ramenjs-standin/ramen.js}\n")
	_, body = do(t, s, http.MethodGet, "/", nil)
	if strings.Contains(body, "auth_hash") || strings.Contains(body, "/debug/") {
		t.Error("with the stand-in service off the demo still shows secure mode or the debugger")
	}
}
