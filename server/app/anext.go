package app

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"

	"github.com/labstack/echo/v4"

	"ramendest/server/config"
)

// Routes analytics-next requests from its CDN when the page points the CDN at
// this server (window.analytics._cdn, or cdnURL).
const (
	// PathSettings is analytics-next's settings for one source (Echo pattern).
	PathSettings = "/v1/projects/:writeKey/settings"
	// PathClassic is the classic destination script analytics-next loads
	// for an integration named "Ramen"; :version is the manifest's version or
	// "latest".
	PathClassic = "/next-integrations/integrations/ramen/:version/ramen.dynamic.js.gz"
	// PathClassicObfuscated is PathClassic as analytics-next asks for it with
	// its obfuscate option (base64 of "ramen", padding dropped).
	PathClassicObfuscated = "/next-integrations/integrations/cmFtZW4/:version/cmFtZW4.dynamic.js.gz"
	// PathPluginLatest redirects to the register() plugin's ES module, whose
	// own name changes with every build: sites import or download this URL.
	PathPluginLatest = PathAssets + "ramen-plugin.mjs"
)

// segmentIntegration is the name of Segment's own integration. analytics-next
// installs classic destinations only when the settings name two or more
// integrations, and Segment's CDN always names this one.
const segmentIntegration = "Segment.io"

// defaultMetrics turns analytics-next's remote metrics off unless a source
// configures them.
var defaultMetrics = json.RawMessage(`{"sampleRate":0}`)

// ramenBlock is the "Ramen" entry of the settings' integrations: the public
// settings only (organization_id, and the RamenJS URL the destination loads),
// plus what analytics-next needs to load the destination's script.
type ramenBlock struct {
	OrganizationID  string          `json:"organization_id"`
	RamenJSURL      string          `json:"ramenjs_url"`
	Type            string          `json:"type"`
	VersionSettings versionSettings `json:"versionSettings"`
}

type versionSettings struct {
	Version        string   `json:"version"`
	ComponentTypes []string `json:"componentTypes"`
}

// settingsBody is the settings answer. Fields besides integrations and
// metrics are the empty values Segment's CDN sends for a source that uses no
// such feature, so analytics-next loads none of its optional chunks.
type settingsBody struct {
	Integrations              json.RawMessage `json:"integrations"`
	Plan                      struct{}        `json:"plan"`
	MiddlewareSettings        struct{}        `json:"middlewareSettings"`
	EnabledMiddleware         struct{}        `json:"enabledMiddleware"`
	Metrics                   json.RawMessage `json:"metrics"`
	LegacyVideoPluginsEnabled bool            `json:"legacyVideoPluginsEnabled"`
	RemotePlugins             []struct{}      `json:"remotePlugins"`
}

// handleSettings answers analytics-next's settings request for a source.
func (s *Server) handleSettings(c echo.Context) error {
	return s.serveSourceBody(c, "settings", echo.MIMEApplicationJSON, func(src *config.Source, base string) ([]byte, error) {
		body, err := s.settingsJSON(src, base)
		if err != nil {
			return nil, fmt.Errorf("encode settings for %q: %w", src.WriteKey, err)
		}
		return body, nil
	})
}

// settingsJSON builds the settings answer for a source whose URLs live under
// base.
func (s *Server) settingsJSON(src *config.Source, base string) ([]byte, error) {
	var ig bytes.Buffer
	ig.WriteByte('{')
	n := 0
	add := func(name string, block []byte) {
		if n > 0 {
			ig.WriteByte(',')
		}
		n++
		quoted, _ := json.Marshal(name) // a string always encodes
		ig.Write(quoted)
		ig.WriteByte(':')
		ig.Write(block)
	}
	if !namesIntegration(src.Integrations, segmentIntegration) {
		block, err := json.Marshal(map[string]string{"apiKey": src.WriteKey})
		if err != nil {
			return nil, err
		}
		add(segmentIntegration, block)
	}
	for _, in := range src.Integrations {
		add(in.Name, in.Settings)
	}
	if pub := src.Ramen.PublicSettings(); pub != nil && s.assets.Classic != nil {
		block, err := json.Marshal(ramenBlock{
			OrganizationID: pub.OrganizationID,
			RamenJSURL:     ramenJSURL(src.Ramen, base),
			Type:           "browser",
			VersionSettings: versionSettings{
				Version:        s.assets.Manifest.Version,
				ComponentTypes: []string{"browser"},
			},
		})
		if err != nil {
			return nil, err
		}
		add(config.RamenIntegration, block)
	}
	ig.WriteByte('}')
	body := settingsBody{Integrations: ig.Bytes(), Metrics: src.Metrics, RemotePlugins: []struct{}{}}
	if body.Metrics == nil {
		body.Metrics = defaultMetrics
	}
	return json.Marshal(body)
}

func namesIntegration(list []config.Integration, name string) bool {
	for _, in := range list {
		if in.Name == name {
			return true
		}
	}
	return false
}

// handleClassic serves the classic destination script, gzip-compressed as
// built: analytics-next inserts it as a <script>, and the browser decodes it
// because of Content-Encoding. A versioned URL names fixed bytes and is cached
// for a year; "latest" is short-lived like the snippet.
func (s *Server) handleClassic(c echo.Context) error {
	f := s.assets.Classic
	if f == nil {
		return notFound("the classic destination script is not built")
	}
	cache := cacheImmutable
	switch v := c.Param("version"); v {
	case s.assets.Manifest.Version:
	case "latest":
		cache = cacheShort
	default:
		return notFound("unknown version %q (this server has %q and \"latest\")", truncate(v, 64), s.assets.Manifest.Version)
	}
	c.Response().Header().Set("Content-Encoding", "gzip")
	return serveBytes(c, f.Data, f.ContentType, f.ETag, cache)
}

// handlePluginLatest redirects to the current plugin module. A module's
// import.meta.url is the URL after redirects, so the module still finds the
// translator beside itself.
func (s *Server) handlePluginLatest(c echo.Context) error {
	f := s.assets.Plugin
	if f == nil {
		return notFound("the plugin module is not built")
	}
	base, err := baseURL(c, s.Config())
	if err != nil {
		return err
	}
	c.Response().Header().Set("Cache-Control", cacheShort)
	return c.Redirect(http.StatusFound, base+PathAssets+f.Name)
}

// truncate keeps an echoed path segment short.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
