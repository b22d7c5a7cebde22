package app

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"html/template"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/labstack/echo/v4"

	"ramendest/server/securemode"
)

// Paths of the debugger page (only while the stand-in service is enabled).
const (
	// PathDebug is the debugger page for one source (Echo pattern).
	PathDebug = "/debug/:writeKey"
	// PathDebugAuthHash computes secure-mode options with the source's
	// development secret; it answers only {timestamp, auth_hash}.
	PathDebugAuthHash = "/debug/:writeKey/authhash"
)

// maxAuthHashBody bounds the {id, email, name} body of the hash helper.
const maxAuthHashBody = 16 << 10

//go:embed debug.html
var debugHTML string

//go:embed debug.js.tmpl
var debugJS string

// debugTemplate is the page with its script defined as "debug.js", which the
// page includes inline (no second request, and the script sees the same data).
var debugTemplate = func() *template.Template {
	page := template.Must(template.New("debug").Parse(debugHTML))
	template.Must(page.New("debug.js").Parse(debugJS))
	return page
}()

// debugData is what the debugger page template needs.
type debugData struct {
	WriteKey       string
	OrganizationID string
	SnippetURL     string
	AuthHashURL    string
	// Enabled is false when the source forwards nothing to Ramen.
	Enabled bool
	// UsesStandin is true when the source loads this server's stand-in RamenJS.
	UsesStandin bool
	// SecureMode is true when the source has a development secret.
	SecureMode bool
}

// handleDebug serves the debugger page: a person writes identify, group,
// page and track calls (secure-mode options included) and sees, side by
// side, the analytics call, the Ramen calls it became, each diagnostic and
// the stand-in service's answer.
func (s *Server) handleDebug(c echo.Context) error {
	key := c.Param("writeKey")
	src, err := standinSource(s.Config(), key)
	if err != nil {
		return err
	}
	data := debugData{
		WriteKey:       src.WriteKey,
		OrganizationID: src.Ramen.OrganizationID,
		SnippetURL:     strings.Replace(PathSnippet, ":writeKey", src.WriteKey, 1),
		AuthHashURL:    strings.Replace(PathDebugAuthHash, ":writeKey", src.WriteKey, 1),
		Enabled:        src.Ramen.Enabled,
		UsesStandin:    src.Ramen.RamenJSURL == PathStandin,
		SecureMode:     src.Ramen.SecureModeSecret.IsSet(),
	}
	var buf bytes.Buffer
	if err := debugTemplate.Execute(&buf, data); err != nil {
		return fmt.Errorf("render debugger page: %w", err)
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	return c.HTMLBlob(http.StatusOK, buf.Bytes())
}

// authHashRequest is the user the debugger page asks a hash for: the same
// id, email and name its identify call sends.
type authHashRequest struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

// handleDebugAuthHash computes valid secure-mode options for the debugger
// page, as a customer's server would, with the source's development secret.
// It answers only {timestamp, auth_hash}, never the secret. It requires a
// JSON body, so another site cannot post to it without a CORS preflight,
// which this route does not grant.
func (s *Server) handleDebugAuthHash(c echo.Context) error {
	src, err := standinSource(s.Config(), c.Param("writeKey"))
	if err != nil {
		return err
	}
	if mt, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType)); mt != echo.MIMEApplicationJSON {
		return echo.NewHTTPError(http.StatusUnsupportedMediaType, "send the user as application/json: {\"id\", \"email\", \"name\"}")
	}
	var req authHashRequest
	if err := readJSON(c, maxAuthHashBody, &req); err != nil {
		return err
	}
	secret := src.Ramen.SecureModeSecret
	if !secret.IsSet() {
		return notFound("source %q has no secure_mode_secret: secure mode is off for it, so identify needs no hash", src.WriteKey)
	}
	user := securemode.User{ID: req.ID, Email: req.Email, Name: req.Name}
	opts, err := securemode.Sign(user, secret.Reveal(), time.Now())
	if errors.Is(err, securemode.ErrNoUserID) {
		return echo.NewHTTPError(http.StatusBadRequest, "the user id is empty: Ramen refuses an identify without one")
	}
	if err != nil {
		return fmt.Errorf("sign for source %q: %w", src.WriteKey, err)
	}
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, opts)
}
