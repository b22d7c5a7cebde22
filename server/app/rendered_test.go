package app

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/andybalholm/brotli"

	"ramendest/server/config"
	"ramendest/server/precompress"
)

func TestSnippetCompressed(t *testing.T) {
	s, _ := newTestServer(t, "")
	const target = "/v1/projects/demo/snippet.js"
	_, plain := do(t, s, http.MethodGet, target, nil)
	tests := []struct {
		accept, coding string
	}{
		{"gzip, deflate, br, zstd", "br"},
		{"gzip, deflate", "gzip"},
		{"", ""},
	}
	for _, tt := range tests {
		res, body := do(t, s, http.MethodGet, target, http.Header{"Accept-Encoding": {tt.accept}})
		if got := res.Header.Get("Content-Encoding"); got != tt.coding {
			t.Errorf("Accept-Encoding %q: Content-Encoding %q, want %q", tt.accept, got, tt.coding)
		}
		if res.Header.Get("Vary") != "Accept-Encoding" && res.Header.Get("Content-Encoding") != "" {
			t.Errorf("Accept-Encoding %q: Vary %q", tt.accept, res.Header.Get("Vary"))
		}
		if res.Header.Get("Content-Encoding") == "br" {
			got, err := io.ReadAll(brotli.NewReader(strings.NewReader(body)))
			if err != nil || string(got) != plain {
				t.Errorf("brotli snippet decodes to %q (%v), want %q", got, err, plain)
			}
		}
	}
}

func TestRenderedOncePerGeneration(t *testing.T) {
	s, _ := newTestServer(t, "")
	var renders atomic.Int32
	render := func() ([]byte, error) {
		renders.Add(1)
		return bytes.Repeat([]byte("x"), 500), nil
	}
	get := func(cfg *config.Config, key string) *precompress.Entity {
		t.Helper()
		e, err := s.rendered(cfg, key, "text/plain", render)
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	cfg := s.Config()
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); get(cfg, "a") }()
	}
	wg.Wait()
	if n := renders.Load(); n != 1 {
		t.Fatalf("8 concurrent first requests rendered %d times, want 1", n)
	}
	if _, ok := get(cfg, "a").Variant(precompress.EncodingBrotli); !ok {
		t.Error("cached body has no brotli variant")
	}
	get(cfg, "b")
	if n := renders.Load(); n != 2 {
		t.Fatalf("a second key: %d renders, want 2", n)
	}

	next, err := config.LoadDefault()
	if err != nil {
		t.Fatal(err)
	}
	s.SetConfig(next)
	get(next, "a")
	get(next, "a")
	if n := renders.Load(); n != 3 {
		t.Fatalf("after SetConfig: %d renders, want 3", n)
	}
	// A request that started before SetConfig renders for itself and does
	// not replace the new generation.
	get(cfg, "a")
	get(next, "a")
	if n := renders.Load(); n != 4 {
		t.Fatalf("old generation: %d renders, want 4", n)
	}
}

func TestRenderedBounded(t *testing.T) {
	s, _ := newTestServer(t, "")
	cfg := s.Config()
	for i := range maxRendered + 3 {
		e, err := s.rendered(cfg, fmt.Sprint("host", i), "text/plain", func() ([]byte, error) {
			return bytes.Repeat([]byte("y"), 500), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		_, compressed := e.Variant(precompress.EncodingGzip)
		if want := i < maxRendered; compressed != want {
			t.Fatalf("key %d: compressed %v, want %v", i, compressed, want)
		}
	}
	if n := len(s.renders.Load().entries); n != maxRendered {
		t.Errorf("cache holds %d entries, want %d", n, maxRendered)
	}
}

func TestRenderedError(t *testing.T) {
	s, _ := newTestServer(t, "")
	_, err := s.rendered(s.Config(), "bad", "text/plain", func() ([]byte, error) {
		return nil, fmt.Errorf("boom")
	})
	if err == nil || err.Error() != "boom" {
		t.Fatalf("error %v, want boom", err)
	}
}
