// Package site is a stand-in for a customer's web site: an HTTP server on
// its own 127.0.0.1 origin, separate from the asset server, that serves the
// HTML pages tests register. Real sites load the snippet cross-origin, so the
// tests do too.
package site

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
)

// Site serves registered pages at fresh paths.
type Site struct {
	srv   *httptest.Server
	mu    sync.Mutex
	pages map[string]page
	next  int
}

type page struct {
	contentType string
	body        string
}

// Start starts a site on a random 127.0.0.1 port.
func Start() *Site {
	s := &Site{pages: map[string]page{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL returns the site's origin, such as http://127.0.0.1:41234.
func (s *Site) URL() string { return s.srv.URL }

// Close stops the site.
func (s *Site) Close() { s.srv.Close() }

// AddHTML registers an HTML document under a fresh path and returns its
// absolute URL. Every call gets its own path, so no page is ever served from
// the browser's cache.
func (s *Site) AddHTML(html string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.next++
	path := fmt.Sprintf("/page/%d", s.next)
	s.pages[path] = page{contentType: "text/html; charset=utf-8", body: html}
	return s.srv.URL + path
}

// Handle registers a document with the given content type at path, replacing
// any earlier one, and returns its absolute URL.
func (s *Site) Handle(path, contentType, body string) string {
	if !strings.HasPrefix(path, "/") {
		path = "/" + path
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.pages[path] = page{contentType: contentType, body: body}
	return s.srv.URL + path
}

func (s *Site) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	p, ok := s.pages[r.URL.Path]
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	w.Header().Set("Content-Type", p.contentType)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte(p.body))
}
