package web

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/andybalholm/brotli"
	"github.com/evanw/esbuild/pkg/api"
)

// snippetBrotliBudget is the snippet's size budget: it sits on every page of a site.
const snippetBrotliBudget = 1536

var (
	gorootOnce sync.Once
	goroot     string
	gorootErr  error
	jsOnce     sync.Once
	builtJS    *JS
	buildErr   error
)

func testGOROOT(t *testing.T) string {
	t.Helper()
	gorootOnce.Do(func() { goroot, gorootErr = GOROOT(context.Background(), "go", ".") })
	if gorootErr != nil {
		t.Fatal(gorootErr)
	}
	return goroot
}

// testJS builds the JavaScript once for the whole package.
func testJS(t *testing.T) *JS {
	t.Helper()
	root := testGOROOT(t)
	jsOnce.Do(func() { builtJS, buildErr = BuildJS(root) })
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return builtJS
}

func TestSnippet(t *testing.T) {
	snippet := string(testJS(t).Snippet)
	configs := []struct {
		name, json string
	}{
		{"enabled", `{"writeKey":"demo","bundleUrl":"http://127.0.0.1:8080/assets/ramen.0123abcd.js","wasmUrl":"http://127.0.0.1:8080/assets/ramen.0123abcd.wasm","ramenjsUrl":"http://127.0.0.1:8080/ramenjs-standin/ramen.js","settings":{"organization_id":"6389149"}}`},
		{"disabled", `{"writeKey":"off","bundleUrl":"b","wasmUrl":"w","ramenjsUrl":"r","settings":null}`},
	}
	if n := strings.Count(snippet, SnippetPlaceholder); n != 1 {
		t.Fatalf("snippet contains %s %d times, want 1", SnippetPlaceholder, n)
	}
	for _, c := range configs {
		t.Run(c.name, func(t *testing.T) {
			// The server's substitution must leave valid ES5 that is safe inside an
			// inline <script>.
			filled := strings.Replace(snippet, SnippetPlaceholder, c.json, 1)
			res := api.Transform(filled, api.TransformOptions{Loader: api.LoaderJS, Target: api.ES5})
			if err := messagesErr("filled snippet", res.Errors); err != nil {
				t.Fatal(err)
			}
			if strings.Contains(strings.ToLower(filled), "</script") {
				t.Error("filled snippet contains </script")
			}
		})
	}
	if size := brotliSize(t, []byte(snippet)); size > snippetBrotliBudget {
		t.Errorf("snippet is %d bytes with brotli, budget %d", size, snippetBrotliBudget)
	}
}

func TestBundle(t *testing.T) {
	bundle := string(testJS(t).Bundle)
	wasmExec, err := os.ReadFile(testGOROOT(t) + "/lib/wasm/wasm_exec.js")
	if err != nil {
		t.Fatal(err)
	}
	// The Go runtime links against these import names; minification must keep every one.
	imports := regexp.MustCompile(`"((?:runtime|syscall/js)\.[A-Za-z0-9_.]+)"`).FindAllStringSubmatch(string(wasmExec), -1)
	if len(imports) < 10 {
		t.Fatalf("found only %d Go import names in wasm_exec.js", len(imports))
	}
	var want []string
	for _, m := range imports {
		want = append(want, `"`+m[1]+`"`)
	}
	// Names the Go program looks up on the boundary object (wasm/PROTOCOL.md).
	want = append(want, `__ramenWasm`, `ready:`, `.call(`, `ramen_destination_state`, `_ramenDestination`, `_ramenReady`)
	for _, s := range want {
		if !strings.Contains(bundle, s) {
			t.Errorf("bundle lacks %s", s)
		}
	}
	for _, s := range []string{SnippetPlaceholder, "go:wasm_exec"} {
		if strings.Contains(bundle, s) {
			t.Errorf("bundle contains %s", s)
		}
	}
}

func TestStandin(t *testing.T) {
	standin := string(testJS(t).Standin)
	for _, s := range []string{
		`[Ramen stand-in] local stand-in for RamenJS \u2014 not the real service`,
		`ramen-standin:call`, `standIn:!0`, `is_booted`, `organization_id`, `received`,
	} {
		if !strings.Contains(standin, s) {
			t.Errorf("stand-in lacks %q", s)
		}
	}
}

func TestSourcesPlugin(t *testing.T) {
	tests := []struct {
		name    string
		files   fstest.MapFS
		wantErr string
		want    string
	}{
		{
			name: "relative imports and wasm_exec",
			files: fstest.MapFS{
				"src/main.js":    {Data: []byte(`import {x} from './lib/x.js'; import defineGo from 'go:wasm_exec'; console.log(x, defineGo({}));`)},
				"src/lib/x.js":   {Data: []byte(`import {y} from '../y.js'; export const x = y + 1;`)},
				"src/y.js":       {Data: []byte(`export const y = 41;`)},
				"src/unused.txt": {Data: []byte(`ignored`)},
			},
			want: "writeSync",
		},
		{
			name:    "bare import",
			files:   fstest.MapFS{"src/main.js": {Data: []byte(`import 'left-pad';`)}},
			wantErr: `import "left-pad": only relative imports`,
		},
		{
			name:    "missing file",
			files:   fstest.MapFS{"src/main.js": {Data: []byte(`import './gone.js';`)}},
			wantErr: "reading embedded src/gone.js",
		},
	}
	fakeWasmExec := `"use strict"; (() => { if (!globalThis.fs) { globalThis.fs = {}; } globalThis.Go = class { run() { fs.writeSync; } }; })();`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := bundleJS(tt.files, "src/main.js", fakeWasmExec)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(out), tt.want) {
				t.Errorf("output lacks %q:\n%s", tt.want, out)
			}
		})
	}
}

func TestWrapWasmExecRejectsUnknownLayout(t *testing.T) {
	if _, err := wrapWasmExec(`window.Go = function () {};`); err == nil || !strings.Contains(err.Error(), "gohost.js") {
		t.Fatalf("error = %v, want one pointing at gohost.js", err)
	}
}

func TestBuildWasmErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		pkg     string
		wantErr string
	}{
		{"missing directory", map[string]string{"go.mod": "module m\n"}, "./wasm", "directory not found"},
		{"no Go files", map[string]string{"go.mod": "module m\n", "wasm/PROTOCOL.md": "#\n"}, "./wasm", "no Go files"},
		{"not main", map[string]string{"go.mod": "module m\n", "wasm/lib.go": "package lib\n"}, "./wasm", "is ./wasm a main package?"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			for name, text := range tt.files {
				writeFile(t, dir+"/"+name, text)
			}
			_, err := BuildWasm(context.Background(), Options{ModuleDir: dir, WasmPackage: tt.pkg})
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.Contains(err.Error(), "building the WebAssembly translator") {
				t.Fatalf("error = %v, want it to contain %q", err, tt.wantErr)
			}
		})
	}
}

func brotliSize(t *testing.T, data []byte) int {
	t.Helper()
	var buf bytes.Buffer
	w := brotli.NewWriterLevel(&buf, brotli.BestCompression)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Len()
}

func writeFile(t *testing.T, file, text string) {
	t.Helper()
	if i := strings.LastIndex(file, "/"); i > 0 {
		if err := os.MkdirAll(file[:i], 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}
