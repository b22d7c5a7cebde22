package assets

import (
	"errors"
	"io/fs"
	"os"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadFakeBuild(t *testing.T) {
	s, err := Load(os.DirFS("testdata/dist"))
	if err != nil {
		t.Fatal(err)
	}
	want := Manifest{Version: "abcd1234", Bundle: "ramen.abcd1234.js", WASM: "ramen.abcd1234.wasm", Standin: "ramen-standin.js", Snippet: "snippet.js"}
	if !reflect.DeepEqual(s.Manifest, want) {
		t.Errorf("manifest = %+v, want %+v", s.Manifest, want)
	}
	tests := []struct {
		file     *File
		name, ct string
	}{
		{s.Bundle, "ramen.abcd1234.js", "application/javascript; charset=utf-8"},
		{s.WASM, "ramen.abcd1234.wasm", "application/wasm"},
		{s.Standin, "ramen-standin.js", "application/javascript; charset=utf-8"},
		{s.Snippet.File, "snippet.js", "application/javascript; charset=utf-8"},
	}
	for _, tt := range tests {
		if tt.file.Name != tt.name || tt.file.ContentType != tt.ct || len(tt.file.Data) == 0 {
			t.Errorf("file %q: got name %q type %q (%d bytes)", tt.name, tt.file.Name, tt.file.ContentType, len(tt.file.Data))
		}
		if len(tt.file.ETag) != 26 || tt.file.ETag[0] != '"' || strings.HasPrefix(tt.file.ETag, "W/") {
			t.Errorf("file %q: ETag %q is not a strong quoted tag", tt.name, tt.file.ETag)
		}
	}
	for name, ok := range map[string]bool{
		"ramen.abcd1234.js": true, "ramen.abcd1234.wasm": true,
		"ramen-standin.js": false, "snippet.js": false, "manifest.json": false, "": false,
	} {
		if _, got := s.Asset(name); got != ok {
			t.Errorf("Asset(%q) found = %v, want %v", name, got, ok)
		}
	}
}

// validFS is a minimal complete build; tests break one piece at a time.
func validFS() fstest.MapFS {
	return fstest.MapFS{
		"manifest.json": {Data: []byte(`{"version":"v1","bundle":"b.js","wasm":"w.wasm","standin":"s.js","snippet":"snippet.js"}`)},
		"b.js":          {Data: []byte("bundle")},
		"w.wasm":        {Data: []byte("\x00asm")},
		"s.js":          {Data: []byte("standin")},
		"snippet.js":    {Data: []byte(`x("__RAMEN_SNIPPET_CONFIG__")`)},
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(fstest.MapFS)
		want   string
	}{
		{"no manifest", func(m fstest.MapFS) { delete(m, "manifest.json") }, "assets not built: run `make build`"},
		{"bad json", func(m fstest.MapFS) { m["manifest.json"].Data = []byte("{") }, "parse manifest.json"},
		{"no version", func(m fstest.MapFS) { m["manifest.json"].Data = []byte(`{"bundle":"b.js"}`) }, `missing "version"`},
		{"no bundle", func(m fstest.MapFS) {
			m["manifest.json"].Data = []byte(`{"version":"v","wasm":"w.wasm","standin":"s.js","snippet":"snippet.js"}`)
		}, `missing "bundle"`},
		{"file missing", func(m fstest.MapFS) { delete(m, "w.wasm") }, `read wasm "w.wasm" named in manifest.json`},
		{"path in name", func(m fstest.MapFS) {
			m["manifest.json"].Data = []byte(`{"version":"v","bundle":"../b.js","wasm":"w.wasm","standin":"s.js","snippet":"snippet.js"}`)
		}, `bundle "../b.js" is not a plain file name`},
		{"same bundle and wasm", func(m fstest.MapFS) {
			m["manifest.json"].Data = []byte(`{"version":"v","bundle":"b.js","wasm":"b.js","standin":"s.js","snippet":"snippet.js"}`)
		}, "bundle and wasm name the same file"},
		{"no placeholder", func(m fstest.MapFS) { m["snippet.js"].Data = []byte("x(__RAMEN_SNIPPET_CONFIG__)") }, "found 0"},
		{"two placeholders", func(m fstest.MapFS) {
			m["snippet.js"].Data = []byte(`x("__RAMEN_SNIPPET_CONFIG__",'__RAMEN_SNIPPET_CONFIG__')`)
		}, "found 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := validFS()
			tt.mutate(m)
			_, err := Load(m)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Load error = %v, want it to contain %q", err, tt.want)
			}
		})
	}
	if _, err := Load(fstest.MapFS{}); !errors.Is(err, ErrNotBuilt) {
		t.Errorf("empty fs: got %v, want ErrNotBuilt", err)
	}
	if _, err := Load(validFS()); err != nil {
		t.Errorf("valid fs: %v", err)
	}
}

func TestSnippetRender(t *testing.T) {
	tests := []struct {
		template, want string
	}{
		{`a("__RAMEN_SNIPPET_CONFIG__")b`, `a({"k":1})b`},
		{`var c='__RAMEN_SNIPPET_CONFIG__';`, `var c={"k":1};`},
		{`"__RAMEN_SNIPPET_CONFIG__"`, `{"k":1}`},
	}
	for _, tt := range tests {
		s, err := newSnippet(NewFile("snippet.js", []byte(tt.template)))
		if err != nil {
			t.Fatal(err)
		}
		if got := string(s.Render([]byte(`{"k":1}`))); got != tt.want {
			t.Errorf("Render(%q) = %q, want %q", tt.template, got, tt.want)
		}
	}
}

// TestEmbedded checks the embedded build: either absent (a fresh clone
// before the web build) or complete and valid.
func TestEmbedded(t *testing.T) {
	s, err := Embedded()
	if errors.Is(err, ErrNotBuilt) {
		if _, statErr := fs.Stat(dist, "dist/.keep"); statErr != nil {
			t.Fatalf("dist/.keep not embedded: %v", statErr)
		}
		t.Skip("web build not run; embedded dist holds only .keep")
	}
	if err != nil {
		t.Fatal(err)
	}
	if s.Manifest.Version == "" || len(s.WASM.Data) < 4 || string(s.WASM.Data[:4]) != "\x00asm" {
		t.Errorf("embedded build looks wrong: manifest %+v, wasm %d bytes", s.Manifest, len(s.WASM.Data))
	}
}
