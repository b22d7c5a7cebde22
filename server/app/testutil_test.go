package app

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"testing/fstest"

	"ramendest/server/assets"
	"ramendest/server/config"
)

// fakeBuild is a small stand-in for the web build's output.
func fakeBuild() fstest.MapFS {
	return fstest.MapFS{
		"manifest.json":       {Data: []byte(`{"version":"abcd1234","bundle":"ramen.abcd1234.js","wasm":"ramen.abcd1234.wasm","standin":"ramen-standin.js","snippet":"snippet.js"}`)},
		"ramen.abcd1234.js":   {Data: []byte("/*bundle*/window.__bundle=1;")},
		"ramen.abcd1234.wasm": {Data: []byte("\x00asm\x01\x00\x00\x00")},
		"ramen-standin.js":    {Data: []byte("/*stand-in*/window.Ramen={standIn:true,received:[]};")},
		"snippet.js":          {Data: []byte(`!function(){var c="__RAMEN_SNIPPET_CONFIG__";window.analytics=[];window.analytics._ramenDestination=c}();`)},
	}
}

// syncBuffer is a log sink safe for concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newTestServer builds a Server over the fake build; yamlText "" means the
// embedded default config. It also returns the log output.
func newTestServer(t *testing.T, yamlText string) (*Server, *syncBuffer) {
	t.Helper()
	var cfg *config.Config
	var err error
	if yamlText == "" {
		cfg, err = config.LoadDefault()
	} else {
		cfg, err = config.Parse("test.yaml", []byte(yamlText))
	}
	if err != nil {
		t.Fatal(err)
	}
	set, err := assets.Load(fakeBuild())
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	return New(cfg, set, logger), logs
}

// do sends one request to s and returns the recorded response and its body.
func do(t *testing.T, s http.Handler, method, target string, header http.Header) (*http.Response, string) {
	t.Helper()
	req := httptest.NewRequest(method, target, nil)
	for k, vs := range header {
		for _, v := range vs {
			req.Header.Add(k, v)
		}
	}
	rec := httptest.NewRecorder()
	s.ServeHTTP(rec, req)
	res := rec.Result()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(body)
}
