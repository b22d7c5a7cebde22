// Package web builds the browser side of the destination: the snippet a site pastes, the
// bundle (glue, loader and Go's wasm_exec.js), the Go WebAssembly translator, and the
// stand-in RamenJS. It uses esbuild's Go API, so no Node is needed, and embeds the JS
// sources, so a build depends on the working directory only for compiling the WebAssembly
// package.
package web

import (
	"context"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
)

//go:embed src
var sources embed.FS

// SnippetPlaceholder is the string literal in the snippet that the server replaces,
// quotes included, with the source's JSON configuration.
const SnippetPlaceholder = `"__RAMEN_SNIPPET_CONFIG__"`

// Manifest names the built files; it is written as manifest.json beside them.
type Manifest struct {
	// Version is the first 8 hex digits of the SHA-256 of the bundle followed by the wasm
	// (and, in a full Build, the analytics-next front doors: see addAnalyticsNext).
	Version string `json:"version"`
	// Bundle is the content-hashed bundle file name, ramen.<hash8>.js.
	Bundle string `json:"bundle"`
	// Wasm is the content-hashed WebAssembly file name, ramen.<hash8>.wasm.
	Wasm string `json:"wasm"`
	// Standin is the stand-in RamenJS file name.
	Standin string `json:"standin"`
	// Snippet is the snippet template file name.
	Snippet string `json:"snippet"`
	// Classic is the gzip-compressed classic destination script for analytics-next,
	// ramen-classic.<hash8>.js.gz; empty when not built.
	Classic string `json:"classic,omitempty"`
	// Plugin is the register() plugin ES module, ramen-plugin.<hash8>.mjs; empty when
	// not built.
	Plugin string `json:"plugin,omitempty"`
	// Encodings names the precompressed variants of the files above: file name →
	// content coding ("br", "gzip") → variant file name (<file>.br, <file>.gz).
	Encodings map[string]map[string]string `json:"encodings,omitempty"`
	// Floor holds the sizes of an empty Go WebAssembly program built with the same
	// toolchain and flags as the translator: what the translator's size is judged
	// against. It is measured, never served.
	Floor *Sizes `json:"floor,omitempty"`
}

// JS holds the minified JavaScript outputs.
type JS struct {
	// Bundle is the destination bundle, wasm_exec.js included.
	Bundle []byte
	// Snippet is the snippet template; it contains SnippetPlaceholder exactly once.
	Snippet []byte
	// Standin is the stand-in RamenJS.
	Standin []byte
}

// Artifacts is everything a build produces.
type Artifacts struct {
	JS
	// Wasm is the compiled translator.
	Wasm []byte
	// AnalyticsNext holds the analytics-next front doors, built for Wasm.
	AnalyticsNext AnalyticsNextJS
	// Encoded holds the precompressed variants Manifest.Encodings names: file name →
	// content coding → bytes.
	Encoded map[string]map[string][]byte
	// Manifest names the files Artifacts.WriteDir writes.
	Manifest Manifest
}

// Options configures Build. The zero value builds ./wasm with the `go` on PATH, from the
// current directory.
type Options struct {
	// ModuleDir is the Go module root that WasmPackage is resolved from; default ".".
	ModuleDir string
	// WasmPackage is the main package compiled to WebAssembly; default "./wasm".
	WasmPackage string
	// GoCommand is the go tool to run; default "go". Its GOROOT supplies wasm_exec.js,
	// so the glue always matches the toolchain that compiled the module.
	GoCommand string
}

func (o Options) withDefaults() Options {
	if o.ModuleDir == "" {
		o.ModuleDir = "."
	}
	if o.WasmPackage == "" {
		o.WasmPackage = "./wasm"
	}
	if o.GoCommand == "" {
		o.GoCommand = "go"
	}
	return o
}

// Build compiles the translator and bundles the JavaScript.
func Build(ctx context.Context, opts Options) (*Artifacts, error) {
	opts = opts.withDefaults()
	goroot, err := GOROOT(ctx, opts.GoCommand, opts.ModuleDir)
	if err != nil {
		return nil, err
	}
	js, err := BuildJS(goroot)
	if err != nil {
		return nil, err
	}
	wasm, err := BuildWasm(ctx, opts)
	if err != nil {
		return nil, err
	}
	a := &Artifacts{JS: *js, Wasm: wasm, Manifest: manifestFor(js.Bundle, wasm)}
	if err := a.addAnalyticsNext(goroot); err != nil {
		return nil, err
	}
	if err := a.addVariants(ctx, opts); err != nil {
		return nil, err
	}
	return a, nil
}

func manifestFor(bundle, wasm []byte) Manifest {
	return Manifest{
		Version: hash8(bundle, wasm),
		Bundle:  "ramen." + hash8(bundle) + ".js",
		Wasm:    "ramen." + hash8(wasm) + ".wasm",
		Standin: "ramen-standin.js",
		Snippet: "snippet.js",
	}
}

func hash8(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))[:8]
}

// String summarises the artifacts for logs.
func (a *Artifacts) String() string {
	return fmt.Sprintf("version %s: %s (%d B), %s (%d B), %s (%d B), %s (%d B)",
		a.Manifest.Version, a.Manifest.Bundle, len(a.Bundle), a.Manifest.Wasm, len(a.Wasm),
		a.Manifest.Standin, len(a.Standin), a.Manifest.Snippet, len(a.Snippet))
}
