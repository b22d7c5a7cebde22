// Package app is the HTTP server: the snippet, the bundle assets, the
// stand-in RamenJS, the demo page and the health check, on Echo.
//
// A Server is an http.Handler, so it runs under http.Server in main and
// in-process under httptest in tests:
//
//	srv := app.New(cfg, set, logger)
//	ts := httptest.NewServer(srv)
//
// Absolute URLs in the snippet come from the config's public_base_url when
// set, else from the request's own scheme (https when the connection is TLS)
// and Host header. X-Forwarded-Proto and X-Forwarded-Host are deliberately
// ignored: the snippet is publicly cacheable, and honouring headers a client
// can set would let one request poison a shared cache with URLs of its
// choosing. Behind a proxy or CDN, set public_base_url.
package app

import (
	"log/slog"
	"net/http"
	"sync/atomic"

	"github.com/labstack/echo/v4"

	"ramendest/server/assets"
	"ramendest/server/config"
)

// Server serves every route. Its configuration can be replaced while it runs
// (SetConfig); each request sees one configuration from start to end.
type Server struct {
	echo   *echo.Echo
	assets *assets.Set
	logger *slog.Logger
	cfg    atomic.Pointer[config.Config]
	// renders caches bodies rendered from the current configuration
	// (rendered.go).
	renders atomic.Pointer[renderCache]
}

// New returns a Server for cfg and the built assets. A nil logger discards
// logs. cfg and set must not be nil.
func New(cfg *config.Config, set *assets.Set, logger *slog.Logger) *Server {
	if cfg == nil || set == nil {
		panic("app.New: nil config or assets")
	}
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{echo: echo.New(), assets: set, logger: logger}
	s.cfg.Store(cfg)
	s.echo.HideBanner = true
	s.echo.HidePort = true
	s.echo.HTTPErrorHandler = s.handleError
	s.routes()
	return s
}

// ServeHTTP makes Server an http.Handler.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.echo.ServeHTTP(w, r)
}

// Echo returns the underlying Echo instance, for adding routes or middleware
// before the server starts. Echo is not safe to change while serving.
func (s *Server) Echo() *echo.Echo { return s.echo }

// Config returns the configuration requests currently use.
func (s *Server) Config() *config.Config { return s.cfg.Load() }

// SetConfig replaces the configuration atomically: requests already running
// finish with the old one, later requests use cfg. cfg must not be nil.
func (s *Server) SetConfig(cfg *config.Config) {
	if cfg == nil {
		panic("app.Server.SetConfig: nil config")
	}
	s.cfg.Store(cfg)
}
