package app

import (
	"net/http"
	"strings"
	"testing"
)

// TestNoSecretInAnyResponse walks every route, success and error answers,
// GET and HEAD, for every source, and fails if a server-side setting's value
// appears in any response header or body, or in the logs.
func TestNoSecretInAnyResponse(t *testing.T) {
	const yamlText = `sources:
  - write_key: demo
    ramen:
      organization_id: "6389149"
      api_key: demo-api-key-not-secret
      endpoint: https://ramen-endpoint.invalid/demo-endpoint-not-secret
      ramenjs_url: /ramenjs-standin/ramen.js
  - write_key: other
    ramen:
      enabled: false
      api_key: other-api-key-value
      endpoint: https://other-endpoint.invalid/x
`
	secrets := []string{
		"demo-api-key-not-secret", "ramen-endpoint.invalid", "demo-endpoint-not-secret",
		"other-api-key-value", "other-endpoint.invalid",
		"demo-secure-mode-secret-not-secret", // the default config's development secret
	}
	// The embedded default must carry the demo secrets this test looks for.
	def, _ := newTestServer(t, "")
	if def.Config().Sources[0].Ramen.APIKey.Reveal() != secrets[0] {
		t.Fatal("default config's demo api_key changed; update this test")
	}

	targets := []string{
		"/", "/healthz", "/ramenjs-standin/ramen.js",
		"/assets/ramen.abcd1234.js", "/assets/ramen.abcd1234.wasm", "/assets/nope.js",
		"/v1/projects/nope/snippet.js", "/v1/projects/bad.key/snippet.js", "/nope",
	}
	for _, name := range []string{"default", "two sources"} {
		text := yamlText
		if name == "default" {
			text = ""
		}
		s, logs := newTestServer(t, text)
		all := append([]string(nil), targets...)
		for _, src := range s.Config().Sources {
			all = append(all, "/v1/projects/"+src.WriteKey+"/snippet.js")
		}
		for _, target := range all {
			for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPost} {
				res, body := do(t, s, method, target, nil)
				var dump strings.Builder
				dump.WriteString(body)
				for k, vs := range res.Header {
					dump.WriteString("\n" + k + ": " + strings.Join(vs, ", "))
				}
				for _, secret := range secrets {
					if strings.Contains(dump.String(), secret) {
						t.Errorf("%s: %s %s leaks %q:\n%s", name, method, target, secret, dump.String())
					}
				}
			}
		}
		for _, secret := range secrets {
			if strings.Contains(logs.String(), secret) {
				t.Errorf("%s: logs leak %q", name, secret)
			}
		}
	}
}
