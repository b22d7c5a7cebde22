package app

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// handleHealth answers GET /healthz with {"status":"ok"} while the server
// can serve requests.
func (s *Server) handleHealth(c echo.Context) error {
	c.Response().Header().Set("Cache-Control", "no-store")
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}
