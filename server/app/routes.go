package app

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// Paths of the routes; tests and the demo page refer to them.
const (
	// PathHealth answers {"status":"ok"}.
	PathHealth = "/healthz"
	// PathSnippet is the snippet for one source (Echo pattern).
	PathSnippet = "/v1/projects/:writeKey/snippet.js"
	// PathAssets is the prefix of the content-hashed bundle and WASM module.
	PathAssets = "/assets/"
	// PathStandin is the local stand-in for RamenJS.
	PathStandin = "/ramenjs-standin/ramen.js"
	// PathDemo is the demo page.
	PathDemo = "/"
)

// getHead lists the methods every read-only route answers.
var getHead = []string{http.MethodGet, http.MethodHead}

// routes registers middleware and every route. Public routes (loaded by
// customers' pages from other origins) get CORS; the demo page and the
// health check do not need it.
func (s *Server) routes() {
	e := s.echo
	e.Use(s.logRequests, s.recoverPanics, securityHeaders, limitBodies)

	e.Match(getHead, PathHealth, s.handleHealth)
	e.Match(getHead, PathDemo, s.handleDemo)

	public := []echo.MiddlewareFunc{crossOrigin}
	e.Match(getHead, PathSnippet, s.handleSnippet, public...)
	e.Match(getHead, PathAssets+":file", s.handleAsset, public...)
	e.Match(getHead, PathStandin, s.handleStandin, public...)
	// analytics-next's CDN: settings and the classic destination (anext.go).
	e.Match(getHead, PathSettings, s.handleSettings, public...)
	e.Match(getHead, PathClassic, s.handleClassic, public...)
	e.Match(getHead, PathClassicObfuscated, s.handleClassic, public...)
	e.Match(getHead, PathPluginLatest, s.handlePluginLatest, public...)
	s.standinRoutes(public) // stand-in service and debugger page (standin_api.go)
}
