package web

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/evanw/esbuild/pkg/api"
)

func TestBuildAnalyticsNext(t *testing.T) {
	const wasmName = "ramen.0123abcd.wasm"
	doors, err := BuildAnalyticsNext(testGOROOT(t), wasmName, "sha384-pinned")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		code   []byte
		format api.Format
		has    []string
		hasNot []string
	}{
		{name: "classic script", code: doors.Classic, format: api.FormatIIFE,
			has: []string{"ramenDeps", "ramenLoader", "ramenIntegration", "RamenDestination", "/next-integrations/",
				`"` + wasmName + `"`, `"0123abcd"`, "__ramenWasm", `"reset"`, `"sha384-pinned"`},
			hasNot: []string{"import.meta", "RAMEN_WASM_FILE", "RAMEN_BUILD", "RAMEN_WASM_INTEGRITY", "go:wasm_exec"}},
		{name: "plugin module", code: doors.Plugin, format: api.FormatESModule,
			has:    []string{"import.meta.url", `"` + wasmName + `"`, `"0123abcd"`, "as plugin", "as default", "__ramenWasm", `"sha384-pinned"`},
			hasNot: []string{"ramenIntegration", "RAMEN_WASM_FILE", "go:wasm_exec"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code := string(tt.code)
			for _, s := range tt.has {
				if !strings.Contains(code, s) {
					t.Errorf("lacks %s", s)
				}
			}
			for _, s := range tt.hasNot {
				if strings.Contains(code, s) {
					t.Errorf("contains %s", s)
				}
			}
			// Still valid code of its format once minified.
			res := api.Transform(code, api.TransformOptions{Loader: api.LoaderJS, Format: tt.format, Target: api.ES2020})
			if err := messagesErr(tt.name, res.Errors); err != nil {
				t.Error(err)
			}
		})
	}
	zr, err := gzip.NewReader(bytes.NewReader(doors.ClassicGzip))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil || !bytes.Equal(plain, doors.Classic) {
		t.Errorf("ClassicGzip does not decompress to Classic (%v)", err)
	}
	again, err := gzipBest(doors.Classic)
	if err != nil || !bytes.Equal(again, doors.ClassicGzip) {
		t.Error("gzip output is not reproducible")
	}
}

func TestWriteDirAnalyticsNext(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"ramen-classic.deadbeef.js.gz", "ramen-plugin.deadbeef.mjs"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("old"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	a := &Artifacts{
		JS:            JS{Bundle: []byte("bundle"), Snippet: []byte("snippet"), Standin: []byte("standin")},
		Wasm:          []byte("\x00asm"),
		AnalyticsNext: AnalyticsNextJS{Classic: []byte("c"), ClassicGzip: []byte("gz"), Plugin: []byte("p")},
	}
	a.Manifest = manifestFor(a.Bundle, a.Wasm)
	a.Manifest.Classic = "ramen-classic." + hash8([]byte("c")) + ".js.gz"
	a.Manifest.Plugin = "ramen-plugin." + hash8([]byte("p")) + ".mjs"
	if err := a.WriteDir(dir); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{a.Manifest.Classic: "gz", a.Manifest.Plugin: "p"} {
		got, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	for _, stale := range []string{"ramen-classic.deadbeef.js.gz", "ramen-plugin.deadbeef.mjs"} {
		if _, err := os.Stat(filepath.Join(dir, stale)); !os.IsNotExist(err) {
			t.Errorf("stale %s was kept", stale)
		}
	}
	manifest, err := os.ReadFile(filepath.Join(dir, "manifest.json"))
	if err != nil || !strings.Contains(string(manifest), `"classic": "`+a.Manifest.Classic+`"`) ||
		!strings.Contains(string(manifest), `"plugin": "`+a.Manifest.Plugin+`"`) {
		t.Errorf("manifest.json does not name the analytics-next files: %s %v", manifest, err)
	}
}
