package assets

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io"
	"io/fs"
	"strings"
)

// ClassicContentType is the Content-Type of the classic destination script.
// Browsers refuse to run a script sent as anything else when nosniff is set.
const ClassicContentType = "application/javascript; charset=utf-8"

// maxClassicSize bounds the decompressed classic script when checking it: it
// is tens of kilobytes, so anything near this is not the file the build wrote.
const maxClassicSize = 16 << 20

// loadAnalyticsNext reads the analytics-next files the manifest names. Both
// are optional, so a build made before they existed still loads; the routes
// then answer 404. The classic script must be gzip data (it is served with
// Content-Encoding: gzip, and a browser given anything else throws a
// SyntaxError into the page), and the plugin an .mjs file.
func (s *Set) loadAnalyticsNext(fsys fs.FS) error {
	m := s.Manifest
	if m.Classic != "" {
		f, err := readFile(fsys, "classic", m.Classic)
		if err != nil {
			return err
		}
		if !strings.HasSuffix(f.Name, ".js.gz") {
			return fmt.Errorf("%s: classic %q must be a .js.gz file", ManifestName, f.Name)
		}
		if err := checkGzip(f.Data); err != nil {
			return fmt.Errorf("%s: classic %q: %w", ManifestName, f.Name, err)
		}
		f.ContentType = ClassicContentType
		s.Classic = f
	}
	if m.Plugin != "" {
		f, err := readFile(fsys, "plugin", m.Plugin)
		if err != nil {
			return err
		}
		if !strings.HasSuffix(f.Name, ".mjs") {
			return fmt.Errorf("%s: plugin %q must be an .mjs file", ManifestName, f.Name)
		}
		for _, other := range []*File{s.Bundle, s.WASM} {
			if other.Name == f.Name {
				return fmt.Errorf("%s: plugin and another entry name the same file %q", ManifestName, f.Name)
			}
		}
		s.Plugin = f
	}
	return nil
}

// checkGzip verifies that data is a complete gzip stream.
func checkGzip(data []byte) error {
	r, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("not gzip data: %w", err)
	}
	n, err := io.Copy(io.Discard, io.LimitReader(r, maxClassicSize+1))
	if err != nil {
		return fmt.Errorf("corrupt gzip data: %w", err)
	}
	if n > maxClassicSize {
		return fmt.Errorf("decompresses to more than %d bytes", maxClassicSize)
	}
	return nil
}
