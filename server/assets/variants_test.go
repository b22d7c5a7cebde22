package assets

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"ramendest/server/precompress"
)

// variantFS is validFS with brotli and gzip variants of the WASM module and
// a gzip variant of the bundle.
func variantFS() fstest.MapFS {
	m := validFS()
	m["manifest.json"].Data = []byte(`{"version":"v1","bundle":"b.js","wasm":"w.wasm","standin":"s.js","snippet":"snippet.js",
		"encodings":{"w.wasm":{"br":"w.wasm.br","gzip":"w.wasm.gz"},"b.js":{"gzip":"b.js.gz"}}}`)
	m["w.wasm"].Data = []byte(strings.Repeat("\x00asm", 100))
	m["w.wasm.br"] = &fstest.MapFile{Data: []byte("brotli bytes")}
	m["w.wasm.gz"] = &fstest.MapFile{Data: []byte("gzip bytes, a bit longer")}
	m["b.js"].Data = []byte(strings.Repeat("bundle;", 10))
	m["b.js.gz"] = &fstest.MapFile{Data: []byte("gz")}
	return m
}

func TestLoadVariants(t *testing.T) {
	s, err := Load(variantFS())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		file   *File
		accept string
		want   string // body sent
		coding string // Content-Encoding sent
	}{
		{s.WASM, "gzip, deflate, br", "brotli bytes", "br"},
		{s.WASM, "gzip", "gzip bytes, a bit longer", "gzip"},
		{s.WASM, "", string(s.WASM.Data), ""},
		{s.Bundle, "br", string(s.Bundle.Data), ""},
		{s.Bundle, "br, gzip", "gz", "gzip"},
		{s.Standin, "br, gzip", "standin", ""},
	}
	for _, tt := range tests {
		req := httptest.NewRequest(http.MethodGet, "/x", nil)
		if tt.accept != "" {
			req.Header.Set("Accept-Encoding", tt.accept)
		}
		rec := httptest.NewRecorder()
		tt.file.Entity.Serve(rec, req, "")
		if rec.Body.String() != tt.want || rec.Header().Get("Content-Encoding") != tt.coding ||
			rec.Header().Get("Content-Type") != tt.file.ContentType {
			t.Errorf("%s with %q: body %q, encoding %q, type %q; want %q, %q, %q", tt.file.Name, tt.accept,
				rec.Body.String(), rec.Header().Get("Content-Encoding"), rec.Header().Get("Content-Type"),
				tt.want, tt.coding, tt.file.ContentType)
		}
	}
	if _, ok := s.WASM.Entity.Variant(precompress.EncodingBrotli); !ok {
		t.Error("WASM has no brotli variant")
	}
}

func TestLoadVariantsErrors(t *testing.T) {
	tests := []struct {
		name     string
		manifest string
		want     string
	}{
		{"unknown file", `"encodings":{"x.js":{"br":"x.js.br"}}`, `"x.js" is not a file the server serves`},
		{"unknown coding", `"encodings":{"w.wasm":{"zstd":"w.wasm.zst"}}`, `unknown content coding "zstd"`},
		{"missing variant", `"encodings":{"w.wasm":{"br":"gone.br"}}`, `read encodings w.wasm br "gone.br"`},
		{"path in variant", `"encodings":{"w.wasm":{"br":"../w.wasm.br"}}`, `is not a plain file name`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := variantFS()
			m["manifest.json"].Data = []byte(`{"version":"v1","bundle":"b.js","wasm":"w.wasm","standin":"s.js","snippet":"snippet.js",` + tt.manifest + `}`)
			_, err := Load(m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
}
