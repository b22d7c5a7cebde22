package app

import (
	"sync"

	"ramendest/server/config"
	"ramendest/server/precompress"
)

// maxRendered bounds how many bodies one configuration generation keeps.
// Snippet URLs depend on the request's Host when public_base_url is unset,
// so a client sending many Host values must not grow memory without bound;
// past the limit bodies are rendered per request and sent uncompressed (no
// compression work per request either way).
const maxRendered = 256

// renderCache holds the bodies rendered from one configuration — snippets,
// settings — each compressed once. SetConfig swaps the configuration; the
// first request that sees the new one starts a new cache, and the old one is
// garbage once no request uses it.
type renderCache struct {
	cfg     *config.Config
	mu      sync.Mutex
	entries map[string]*renderEntry
}

// renderEntry is one body, made by the first request that needs it; others
// wait for it instead of rendering and compressing it again.
type renderEntry struct {
	once   sync.Once
	entity *precompress.Entity
	err    error
}

// rendered returns the body for key (which must name everything the body
// depends on besides cfg: the route, the write key, the base URL), rendering
// it with render and compressing it the first time cfg asks for it.
func (s *Server) rendered(cfg *config.Config, key, contentType string, render func() ([]byte, error)) (*precompress.Entity, error) {
	cache := s.renderCacheFor(cfg)
	cache.mu.Lock()
	entry, ok := cache.entries[key]
	if !ok && len(cache.entries) < maxRendered {
		entry = &renderEntry{}
		cache.entries[key] = entry
	}
	cache.mu.Unlock()
	if entry == nil {
		body, err := render()
		if err != nil {
			return nil, err
		}
		return precompress.New(contentType, body, nil), nil
	}
	entry.once.Do(func() {
		body, err := render()
		if err != nil {
			entry.err = err
			return
		}
		entry.entity, entry.err = precompress.Compress(contentType, body)
	})
	return entry.entity, entry.err
}

// renderCacheFor returns the cache of cfg's generation, starting it if cfg is
// newer than the current one. A request still holding an older cfg gets a
// private cache, so it never replaces a newer generation.
func (s *Server) renderCacheFor(cfg *config.Config) *renderCache {
	for {
		cur := s.renders.Load()
		if cur != nil && cur.cfg == cfg {
			return cur
		}
		fresh := &renderCache{cfg: cfg, entries: map[string]*renderEntry{}}
		if cfg != s.Config() {
			return fresh // raced with SetConfig: serve this request, keep nothing
		}
		if s.renders.CompareAndSwap(cur, fresh) {
			return fresh
		}
	}
}
