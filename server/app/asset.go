package app

import (
	"github.com/labstack/echo/v4"
)

// handleAsset serves the content-hashed bundle and WASM module named in the
// manifest. Their URLs change with their content, so they are cached for a
// year; anything else under /assets/ is a 404.
func (s *Server) handleAsset(c echo.Context) error {
	name := c.Param("file")
	f, ok := s.assets.Asset(name)
	if !ok {
		return notFound("unknown asset")
	}
	return serveBytes(c, f.Data, f.ContentType, f.ETag, cacheImmutable)
}
