package app

import (
	"bytes"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"ramendest/server/config"
)

// Cache-Control values, by how long a response may be reused.
const (
	// cacheImmutable is for content-hashed URLs: the bytes never change.
	cacheImmutable = "public, max-age=31536000, immutable"
	// cacheShort is for the snippet: a config change reaches every browser
	// within a minute, while caches may serve a stale copy for five more
	// minutes as they refresh it in the background.
	cacheShort = "public, max-age=60, stale-while-revalidate=300"
	// cacheRevalidate is for unhashed files (stand-in, demo page): always
	// ask, usually get a 304.
	cacheRevalidate = "no-cache"
)

// serveBytes sends data with a strong ETag. http.ServeContent answers
// If-None-Match with 304, HEAD without a body, and Range requests.
func serveBytes(c echo.Context, data []byte, contentType, etag, cacheControl string) error {
	h := c.Response().Header()
	h.Set(echo.HeaderContentType, contentType)
	h.Set("Cache-Control", cacheControl)
	h.Set("ETag", etag)
	http.ServeContent(c.Response(), c.Request(), "", time.Time{}, bytes.NewReader(data))
	return nil
}

// baseURL returns the scheme, host and optional path prefix that browsers
// use to reach this server: public_base_url when configured, else the
// request's own scheme and Host (forwarding headers are ignored; see the
// package comment).
func baseURL(c echo.Context, cfg *config.Config) (string, error) {
	if cfg.PublicBaseURL != "" {
		return cfg.PublicBaseURL, nil
	}
	r := c.Request()
	if !validHost(r.Host) {
		return "", echo.NewHTTPError(http.StatusBadRequest,
			"missing or malformed Host header (set public_base_url in the config to serve such clients)")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host, nil
}

// validHost accepts host[:port] made of the characters a DNS name, an IPv4
// address or a bracketed IPv6 address can use.
func validHost(h string) bool {
	if h == "" || len(h) > 255 {
		return false
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
			c == '.' || c == '-' || c == '_' || c == ':' || c == '[' || c == ']') {
			return false
		}
	}
	return true
}

// ramenJSURL returns the absolute URL browsers load RamenJS from: a
// configured path is joined to the base URL.
func ramenJSURL(r config.Ramen, base string) string {
	if r.RamenJSIsRelative() {
		return base + r.RamenJSURL
	}
	return r.RamenJSURL
}
