// Package config loads and validates the server's YAML configuration: the
// public base URL and the sources (one per write key) with their Ramen
// destination settings.
//
// A file is decoded node by node so that every problem is reported with the
// file name, the line and the key path, and unknown keys are refused rather
// than ignored (a misspelt key would otherwise silently fall back to a
// default). The accepted keys:
//
//	public_base_url: https://cdn.example.com   # optional; default: each request's scheme://host
//	sources:
//	  - write_key: demo                        # required, unique, [A-Za-z0-9_-]
//	    ramen:                                 # optional; without it the source forwards nothing
//	      enabled: true                        # default true when the block is present
//	      organization_id: "6389149"           # required when enabled; public
//	      api_key: "..."                       # server-side only, never served or logged
//	      endpoint: "..."                      # server-side only, never served
//	      secure_mode_secret: "..."            # development secret for the stand-in; never served or logged
//	      ramenjs_url: /ramenjs-standin/ramen.js # absolute http(s) URL or a path
//	                                           # joined to the public base URL;
//	                                           # default https://cdn.ramen.is/assets/ramen.js
//	    integrations:                          # optional; other integrations' blocks in the
//	      Segment.io: {apiKey: "..."}          # settings analytics-next loads (served as is)
//	    metrics: {sampleRate: 0}               # optional; analytics-next's metrics settings
//	standin:                                   # optional; the development stand-in for
//	  enabled: true                            # Ramen's identify endpoint (off without the block)
//
// Where a string is expected, an unquoted whole number written only with
// digits (organization_id: 6389149) is accepted and kept exactly as written;
// other non-strings (1e3, 0x1F, true, null) are refused with a hint to quote
// them, because YAML would otherwise change what was typed.
package config

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
)

// DefaultRamenJSURL is where browsers load RamenJS when a source does not set
// ramenjs_url.
const DefaultRamenJSURL = "https://cdn.ramen.is/assets/ramen.js"

// DefaultName is the file name reported for the embedded default
// configuration.
const DefaultName = "default.yaml (embedded)"

//go:embed default.yaml
var defaultYAML []byte

// Config is a validated configuration. Treat it as read-only once loaded:
// the server may share one value between many requests.
type Config struct {
	// File is the name the configuration was loaded under.
	File string
	// PublicBaseURL is the scheme, host and optional path prefix browsers use
	// to reach this server (e.g. behind a CDN), without a trailing slash.
	// Empty means: use each request's own scheme and host.
	PublicBaseURL string
	// Sources are the configured sources, in file order; write keys are unique.
	Sources []Source
	// Standin configures the development stand-in for Ramen's identify
	// endpoint (top-level key `standin`); off unless the file enables it.
	Standin Standin
}

// Source is one site (one write key) and its destination settings.
type Source struct {
	// WriteKey identifies the source in URLs; it is public.
	WriteKey string
	// Ramen holds the Ramen destination settings.
	Ramen Ramen
	// Integrations are other integrations' blocks for analytics-next's
	// settings (key integrations), in file order; public. See anext.go.
	Integrations []Integration
	// Metrics is analytics-next's metrics settings (key metrics) as a JSON
	// object; nil means the server's default, {"sampleRate":0}.
	Metrics json.RawMessage
}

// Ramen is the Ramen destination's settings for one source.
type Ramen struct {
	// Enabled says whether calls are forwarded to RamenJS. When false the
	// snippet still queues calls but nothing reaches Ramen.
	Enabled bool
	// OrganizationID is Segment's "Organization Id" setting; public.
	OrganizationID string
	// APIKey is Segment's "API Key" setting, for server-side use only.
	APIKey Secret
	// Endpoint is Segment's "endpoint" setting, for server-side use only.
	Endpoint string
	// SecureModeSecret is a development secure-mode secret
	// (secure_mode_secret): the stand-in service checks identify hashes
	// against it. Server-side only, never served or logged; never the real
	// Ramen secret.
	SecureModeSecret Secret
	// RamenJSURL is where browsers load RamenJS: an absolute http(s) URL, or
	// a path beginning with "/" that is joined to the public base URL (see
	// IsRelative).
	RamenJSURL string
}

// PublicSettings is everything about a Ramen destination that may be sent to
// a browser. Keeping it a separate type (rather than filtering a map) means a
// new server-side setting can never leak by default.
type PublicSettings struct {
	// OrganizationID is the Ramen organization id passed to _ramen.boot.
	OrganizationID string `json:"organization_id"`
}

// PublicSettings returns the settings a browser may see, or nil when the
// destination is disabled (the snippet then forwards nothing).
func (r Ramen) PublicSettings() *PublicSettings {
	if !r.Enabled {
		return nil
	}
	return &PublicSettings{OrganizationID: r.OrganizationID}
}

// RamenJSIsRelative reports whether RamenJSURL is a path to be joined to the
// public base URL rather than an absolute URL.
func (r Ramen) RamenJSIsRelative() bool {
	return len(r.RamenJSURL) > 0 && r.RamenJSURL[0] == '/'
}

// LogValue keeps secrets out of structured logs even when a whole Ramen value
// is logged.
func (r Ramen) LogValue() slog.Value {
	return slog.GroupValue(
		slog.Bool("enabled", r.Enabled),
		slog.String("organization_id", r.OrganizationID),
		slog.Bool("api_key_set", r.APIKey.IsSet()),
		slog.Bool("endpoint_set", r.Endpoint != ""),
		slog.Bool("secure_mode_secret_set", r.SecureModeSecret.IsSet()),
		slog.String("ramenjs_url", r.RamenJSURL),
	)
}

// Source returns the source with the given write key.
func (c *Config) Source(writeKey string) (*Source, bool) {
	for i := range c.Sources {
		if c.Sources[i].WriteKey == writeKey {
			return &c.Sources[i], true
		}
	}
	return nil, false
}

// Load reads and validates the configuration file at path. A file that does
// not validate gives an Errors value whose lines name the file, line and key.
func Load(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return Parse(path, data)
}

// LoadDefault returns the embedded default configuration: one source, "demo",
// that uses the local stand-in for RamenJS.
func LoadDefault() (*Config, error) {
	cfg, err := Parse(DefaultName, defaultYAML)
	if err != nil {
		return nil, fmt.Errorf("embedded default config: %w", err)
	}
	return cfg, nil
}

// DefaultYAML returns a copy of the embedded default configuration's text,
// a starting point for a real configuration file.
func DefaultYAML() []byte {
	return append([]byte(nil), defaultYAML...)
}
