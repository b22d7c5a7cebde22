package app

import (
	"github.com/labstack/echo/v4"

	"ramendest/server/config"
)

// lookupSource returns the source key names in cfg, or a 404 that says
// whether the key is malformed or just unknown.
func lookupSource(cfg *config.Config, key string) (*config.Source, error) {
	if !config.ValidWriteKey(key) {
		return nil, notFound("invalid write key")
	}
	src, ok := cfg.Source(key)
	if !ok {
		return nil, notFound("unknown write key %q", key)
	}
	return src, nil
}

// serveSourceBody serves a body made for the source the :writeKey parameter
// names, with URLs under the request's base URL. render runs once per
// configuration, write key and base URL (kind tells routes apart); the
// result is compressed once and served from the render cache (rendered.go).
func (s *Server) serveSourceBody(c echo.Context, kind, contentType string, render func(src *config.Source, base string) ([]byte, error)) error {
	cfg := s.Config()
	key := c.Param("writeKey")
	src, err := lookupSource(cfg, key)
	if err != nil {
		return err
	}
	base, err := baseURL(c, cfg)
	if err != nil {
		return err
	}
	e, err := s.rendered(cfg, kind+"\x00"+key+"\x00"+base, contentType, func() ([]byte, error) {
		return render(src, base)
	})
	if err != nil {
		return err
	}
	e.Serve(c.Response(), c.Request(), cacheShort)
	return nil
}
