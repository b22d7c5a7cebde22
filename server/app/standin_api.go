package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"ramendest/server/config"
	"ramendest/server/standin"
)

// Paths of the stand-in Ramen service (development only; see config.Standin).
const (
	// PathStandinIdentify is where the stand-in RamenJS posts each identify
	// ({organization_id, user, options}); it answers like Ramen's API did.
	// The stand-in RamenJS derives it from its own URL (api/identify beside
	// ramen.js), so it follows public_base_url's path prefix too.
	PathStandinIdentify = "/ramenjs-standin/api/identify"
)

// maxStandinBody bounds an identify body: a user with its traits and options.
const maxStandinBody = 64 << 10

// standinOff is the 404 message of the stand-in routes when the service is
// off. The stand-in RamenJS recognises a 404 without a "code" as "no service
// here" and stops posting quietly.
const standinOff = "the stand-in Ramen service is disabled; enable it with `standin: {enabled: true}` in the config (development only)"

// StandinAnswer is the stand-in service's JSON answer to an identify: the
// verdict (status, and for a refusal a stable code and the reason) and a
// marker saying it is not the real service.
type StandinAnswer struct {
	standin.Verdict
	// Service is always "stand-in": this answer does not come from Ramen.
	Service string `json:"service"`
}

// standinRoutes registers the stand-in service and the debugger page. The
// identify endpoint is posted to from customers' pages (another origin), so
// it gets CORS, preflight included; the debugger is same-origin only.
func (s *Server) standinRoutes(public []echo.MiddlewareFunc) {
	e := s.echo
	e.POST(PathStandinIdentify, s.handleStandinIdentify, public...)
	e.OPTIONS(PathStandinIdentify, s.handleStandinPreflight, public...)
	e.Match(getHead, PathDebug, s.handleDebug)
	e.POST(PathDebugAuthHash, s.handleDebugAuthHash)
}

// handleStandinPreflight answers the browser's CORS preflight for the JSON
// POST, even when the service is off, so the page can read the 404's body.
func (s *Server) handleStandinPreflight(c echo.Context) error {
	h := c.Response().Header()
	h.Set("Access-Control-Allow-Methods", "POST, OPTIONS")
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", "600")
	return c.NoContent(http.StatusNoContent)
}

// handleStandinIdentify verifies one identify as Ramen did: 404 for an
// unknown organization id, 401 with a code and a reason for an invalid
// request (bad email, no user id, secure-mode problems), else 200.
func (s *Server) handleStandinIdentify(c echo.Context) error {
	cfg := s.Config()
	if !cfg.Standin.Enabled {
		return notFound(standinOff)
	}
	var req standin.Request
	if err := readJSON(c, maxStandinBody, &req); err != nil {
		return err
	}
	lookup := func(orgID string) (standin.Organization, bool) {
		org, ok := cfg.StandinOrganization(orgID)
		return standin.Organization{SecureModeSecret: org.SecureModeSecret.Reveal()}, ok
	}
	verdict := standin.Verify(req, lookup, time.Now())
	// The code says what to fix; the reason may quote the user's email, and
	// nothing here may log the secret or the hash.
	s.logger.LogAttrs(c.Request().Context(), slog.LevelInfo, "stand-in identify",
		slog.String("organization_id", clip(req.OrganizationID)),
		slog.Int("status", verdict.Status),
		slog.String("code", verdict.Code))
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(verdict.Status, StandinAnswer{Verdict: verdict, Service: "stand-in"})
}

// readJSON decodes a JSON request body of at most limit bytes into v; the
// errors are 413 and 400 answers that say what was wrong.
func readJSON(c echo.Context, limit int64, v any) error {
	body, err := io.ReadAll(http.MaxBytesReader(c.Response(), c.Request().Body, limit))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return echo.NewHTTPError(http.StatusRequestEntityTooLarge, fmt.Sprintf("the body is larger than %d bytes", limit))
		}
		return echo.NewHTTPError(http.StatusBadRequest, "could not read the body")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "the body is not the expected JSON object: "+err.Error())
	}
	return nil
}

// clip keeps a client-chosen value short in a log line.
func clip(s string) string {
	if len(s) > 64 {
		return s[:64] + "…"
	}
	return s
}

// standinSource returns the source a debugger route names, or a 404 when
// the stand-in service is off or the write key is unknown.
func standinSource(cfg *config.Config, key string) (*config.Source, error) {
	if !cfg.Standin.Enabled {
		return nil, notFound("the debugger page needs the stand-in Ramen service, which is disabled; enable it with `standin: {enabled: true}` in the config (development only)")
	}
	return lookupSource(cfg, key)
}
