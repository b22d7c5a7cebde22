package app

import (
	"github.com/labstack/echo/v4"
)

// handleStandin serves the local stand-in for RamenJS (for development, the
// demo and tests; it labels itself as a stand-in in the browser console).
// Its URL is not content-hashed, so browsers revalidate it on every load.
func (s *Server) handleStandin(c echo.Context) error {
	f := s.assets.Standin
	f.Entity.Serve(c.Response(), c.Request(), cacheRevalidate)
	return nil
}
