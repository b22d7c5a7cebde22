package app

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

// MaxRequestBody bounds every request body. The only bodies this server
// reads are the stand-in's and the debugger's small JSON posts; a route that
// reads more gets an error (readJSON turns it into a 413), so no route can be
// made to buffer an arbitrary upload, whatever Content-Length claims.
const MaxRequestBody = 64 << 10

// limitBodies caps the bytes any handler can read from a request body. The
// refusal itself is left to the route, so it carries the route's headers
// (CORS included) and a page can read why it failed.
func limitBodies(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		req := c.Request()
		if req.Body != nil && req.Body != http.NoBody {
			req.Body = http.MaxBytesReader(c.Response(), req.Body, MaxRequestBody)
		}
		return next(c)
	}
}
