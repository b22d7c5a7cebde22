package app

import (
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/labstack/echo/v4"
)

// maxLoggedPath bounds the logged path so a huge URL cannot flood the log.
const maxLoggedPath = 256

// logRequests logs one line per request: method, path, status, size,
// duration and peer address. It never logs headers, query strings or
// bodies, which is where secrets would travel.
func (s *Server) logRequests(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		start := time.Now()
		if err := next(c); err != nil {
			c.Error(err) // write the error response now, so its status is logged
		}
		req, res := c.Request(), c.Response()
		path := req.URL.Path
		if len(path) > maxLoggedPath {
			path = path[:maxLoggedPath] + "…"
		}
		level := slog.LevelInfo
		if res.Status >= 500 {
			level = slog.LevelError
		}
		s.logger.LogAttrs(req.Context(), level, "request",
			slog.String("method", req.Method),
			slog.String("path", path),
			slog.Int("status", res.Status),
			slog.Int64("bytes", res.Size),
			slog.Duration("duration", time.Since(start)),
			slog.String("remote", req.RemoteAddr),
		)
		return nil
	}
}

// recoverPanics turns a panic in a handler into a logged 500 with a JSON body
// instead of a dropped connection. (Echo's own Recover lives in a package
// whose rate limiter would add a dependency for nothing.)
func (s *Server) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			r := recover()
			if r == nil {
				return
			}
			if r == http.ErrAbortHandler {
				panic(r) // net/http's way to abort a response on purpose
			}
			s.logger.Error("panic in handler",
				slog.String("path", c.Request().URL.Path),
				slog.String("panic", fmt.Sprint(r)),
				slog.String("stack", string(debug.Stack())))
			err = fmt.Errorf("panic in handler: %v", r)
		}()
		return next(c)
	}
}

// securityHeaders sets headers every response should carry.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		c.Response().Header().Set("X-Content-Type-Options", "nosniff")
		return next(c)
	}
}

// crossOrigin marks a response as loadable from any origin: customers' pages
// load the snippet, bundle and WASM from this server. Set before the handler
// runs so error answers carry it too (a page can then read why it failed).
func crossOrigin(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Access-Control-Allow-Origin", "*")
		// Pages isolated with Cross-Origin-Embedder-Policy can still embed us.
		h.Set("Cross-Origin-Resource-Policy", "cross-origin")
		// Lets the page's Resource Timing see sizes and timings of our files.
		h.Set("Timing-Allow-Origin", "*")
		return next(c)
	}
}
