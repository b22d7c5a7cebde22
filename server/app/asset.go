package app

import (
	"github.com/labstack/echo/v4"
)

// handleAsset serves the content-hashed bundle and WASM module named in the
// manifest. Their URLs change with their content, so they are cached for a
// year; anything else under /assets/ is a 404. The build's brotli and gzip
// variants are sent to clients that accept them: no compression happens here.
func (s *Server) handleAsset(c echo.Context) error {
	name := c.Param("file")
	f, ok := s.assets.Asset(name)
	if !ok {
		return notFound("unknown asset")
	}
	f.Entity.Serve(c.Response(), c.Request(), cacheImmutable)
	return nil
}
