package app

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"ramendest/server/config"
	"ramendest/server/securemode"
)

// DemoWriteKey is the source the demo page uses when the config has it;
// otherwise the page uses the config's first source.
const DemoWriteKey = "demo"

//go:embed demo.html
var demoHTML string

var demoTemplate = template.Must(template.New("demo").Parse(demoHTML))

// demoData is what the demo page template needs.
type demoData struct {
	WriteKey   string
	SnippetURL string
	// Enabled is false when the source forwards nothing to Ramen.
	Enabled bool
	// UsesStandin is true when the source loads this server's stand-in.
	UsesStandin bool
	// SecureOptions are identify's secure-mode options for the demo user, or
	// nil (see demoSecureMode).
	SecureOptions *securemode.Options
	// DebugURL is the source's debugger page, or empty.
	DebugURL string
}

// handleDemo serves the demo page: a person clicks identify / group / page /
// track / reset and sees the calls the stand-in RamenJS received.
func (s *Server) handleDemo(c echo.Context) error {
	src, ok := demoSource(s.Config())
	if !ok {
		return notFound("no sources configured")
	}
	data := demoData{
		WriteKey:    src.WriteKey,
		SnippetURL:  strings.Replace(PathSnippet, ":writeKey", src.WriteKey, 1),
		Enabled:     src.Ramen.Enabled,
		UsesStandin: src.Ramen.RamenJSURL == PathStandin,
	}
	data.SecureOptions, data.DebugURL = demoSecureMode(s.Config(), src)
	var buf bytes.Buffer
	if err := demoTemplate.Execute(&buf, data); err != nil {
		return fmt.Errorf("render demo page: %w", err)
	}
	h := c.Response().Header()
	h.Set("Cache-Control", cacheRevalidate)
	h.Set("Referrer-Policy", "no-referrer")
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// demoSource picks the source the demo page shows.
func demoSource(cfg *config.Config) (*config.Source, bool) {
	if src, ok := cfg.Source(DemoWriteKey); ok {
		return src, true
	}
	if len(cfg.Sources) == 0 {
		return nil, false
	}
	return &cfg.Sources[0], true
}
