package app

import (
	"encoding/json"
	"fmt"

	"github.com/labstack/echo/v4"

	"ramendest/server/config"
)

// SnippetConfig is the object the server writes into the snippet in place
// of the "__RAMEN_SNIPPET_CONFIG__" literal. It carries only public values:
// Settings comes from config.Ramen.PublicSettings, so server-side settings
// (api_key, endpoint) cannot reach it.
type SnippetConfig struct {
	// WriteKey is the source's write key.
	WriteKey string `json:"writeKey"`
	// BundleURL is the absolute URL of the JS bundle.
	BundleURL string `json:"bundleUrl"`
	// WASMURL is the absolute URL of the WASM translator.
	WASMURL string `json:"wasmUrl"`
	// RamenJSURL is the absolute URL browsers load RamenJS from.
	RamenJSURL string `json:"ramenjsUrl"`
	// Settings are the public Ramen settings; null when the destination is
	// disabled (calls are queued, nothing is forwarded).
	Settings *config.PublicSettings `json:"settings"`
	// BundleIntegrity and WASMIntegrity are the files' Subresource Integrity
	// values (integrity.go); the glue refuses a file that does not match.
	BundleIntegrity string `json:"bundleIntegrity,omitempty"`
	WASMIntegrity   string `json:"wasmIntegrity,omitempty"`
}

// snippetConfig builds the SnippetConfig for a source, with URLs under base.
func (s *Server) snippetConfig(src *config.Source, base string) SnippetConfig {
	m := s.assets.Manifest
	return SnippetConfig{
		WriteKey:   src.WriteKey,
		BundleURL:  base + PathAssets + m.Bundle,
		WASMURL:    base + PathAssets + m.WASM,
		RamenJSURL: ramenJSURL(src.Ramen, base),
		Settings:   src.Ramen.PublicSettings(),

		BundleIntegrity: Integrity(s.assets.Bundle),
		WASMIntegrity:   Integrity(s.assets.WASM),
	}
}

// handleSnippet serves the snippet for one source. The result is valid both
// inline in a <script> element and loaded with <script src>: the JSON is
// encoded with HTML escaping (<, >, & as \u escapes), so no value can end
// the script element.
func (s *Server) handleSnippet(c echo.Context) error {
	return s.serveSourceBody(c, "snippet", s.assets.Snippet.File.ContentType, func(src *config.Source, base string) ([]byte, error) {
		obj, err := json.Marshal(s.snippetConfig(src, base))
		if err != nil {
			return nil, fmt.Errorf("encode snippet config for %q: %w", src.WriteKey, err)
		}
		return s.assets.Snippet.Render(obj), nil
	})
}
