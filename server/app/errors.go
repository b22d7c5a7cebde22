package app

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
)

// ErrorBody is the JSON body of every error answer: {"error":"..."}.
type ErrorBody struct {
	// Error says what went wrong, in words meant for the person reading it.
	Error string `json:"error"`
}

// handleError is Echo's HTTPErrorHandler: every error, including the
// router's 404 and 405, becomes a JSON body. Messages of 5xx errors are not
// sent (they may carry internals); they are logged instead.
func (s *Server) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	code, msg := http.StatusInternalServerError, ""
	var he *echo.HTTPError
	if errors.As(err, &he) {
		code = he.Code
		msg = fmt.Sprint(he.Message)
	}
	if code >= 500 {
		s.logger.Error("request failed",
			slog.String("path", c.Request().URL.Path),
			slog.String("error", err.Error()))
		msg = ""
	}
	if msg == "" || msg == http.StatusText(code) {
		msg = strings.ToLower(http.StatusText(code))
	}
	h := c.Response().Header()
	h.Set("Cache-Control", "no-store")
	// Headers of a half-prepared success answer must not describe the error.
	h.Del("ETag")
	h.Del("Content-Encoding")
	if c.Request().Method == http.MethodHead {
		err = c.NoContent(code)
	} else {
		err = c.JSON(code, ErrorBody{Error: msg})
	}
	if err != nil {
		s.logger.Debug("writing error answer failed", slog.String("error", err.Error()))
	}
}

// notFound is a 404 with the given message.
func notFound(format string, args ...any) error {
	return echo.NewHTTPError(http.StatusNotFound, fmt.Sprintf(format, args...))
}
