package web

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"ramendest/server/precompress"
)

// floorProgram is the smallest Go program that uses syscall/js: what any Go
// WebAssembly module costs before it does anything. The translator's size is
// judged against it.
const floorProgram = `package main

import "syscall/js"

func main() { js.Global() }
`

// wasmFlags are the go build flags of the translator, and of the floor program so that
// the two are comparable. pkg is the translator's package (such as "./wasm").
//
// -ldflags="-s -w" drops the symbol table and DWARF. -gcflags=<pkg>/...=-l turns off
// inlining in the translator's own packages only: inlined copies of its many small
// helpers made its code twice as large (about 25 KB more with brotli, 5 % of the
// module), for about 2 µs per `track` in Chromium (22 → 24 µs). The floor program has
// no such package, so the flag leaves it, and Go's runtime in both, as they are.
// (Turning inlining off everywhere, runtime included, saves 30 KB more but makes a
// `track` 60 % slower.)
func wasmFlags(pkg string) []string {
	return []string{"-trimpath", "-ldflags=-s -w", "-gcflags=" + strings.TrimSuffix(pkg, "/") + "/...=-l"}
}

// Sizes are the sizes in bytes of a file raw and compressed as served.
type Sizes struct {
	// Raw is the uncompressed size.
	Raw int `json:"raw"`
	// Gzip is the size with gzip -9.
	Gzip int `json:"gzip"`
	// Brotli is the size with brotli quality 11.
	Brotli int `json:"br"`
}

// SizesOf compresses data both ways and returns the three sizes.
func SizesOf(data []byte) (Sizes, error) {
	gz, err := precompress.Gzip(data)
	if err != nil {
		return Sizes{}, err
	}
	br, err := precompress.Brotli(data)
	if err != nil {
		return Sizes{}, err
	}
	return Sizes{Raw: len(data), Gzip: len(gz), Brotli: len(br)}, nil
}

// BuildFloor compiles floorProgram with the toolchain and flags that compile the
// translator, and returns the module's bytes. It is built in a throwaway module,
// pinned to the translator's Go version, and never served.
func BuildFloor(ctx context.Context, opts Options) ([]byte, error) {
	opts = opts.withDefaults()
	out, err := runGo(ctx, opts.GoCommand, opts.ModuleDir, nil, "env", "GOVERSION")
	if err != nil {
		return nil, fmt.Errorf("building the empty WebAssembly program: %w", err)
	}
	version := strings.Fields(string(out) + " ")[0] // "go1.26.8"
	dir, err := os.MkdirTemp("", "ramen-wasm-floor-*")
	if err != nil {
		return nil, fmt.Errorf("building the empty WebAssembly program: %w", err)
	}
	defer os.RemoveAll(dir)
	goMod := "module wasmfloor\n"
	if lang, ok := strings.CutPrefix(version, "go"); ok && lang != "" && strings.Trim(lang, "0123456789.") == "" {
		goMod += "\ngo " + lang + "\n"
	}
	for name, text := range map[string]string{"go.mod": goMod, "main.go": floorProgram} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			return nil, fmt.Errorf("building the empty WebAssembly program: %w", err)
		}
	}
	toolchain := "GOTOOLCHAIN=" + version
	if !strings.HasPrefix(version, "go1") {
		toolchain = "GOTOOLCHAIN=local" // a development toolchain: the same binary
	}
	env := []string{"GOOS=js", "GOARCH=wasm", toolchain, "GOWORK=off"}
	outFile := filepath.Join(dir, "floor.wasm")
	args := append(append([]string{"build"}, wasmFlags(opts.WasmPackage)...), "-o", outFile, ".")
	if _, err := runGo(ctx, opts.GoCommand, dir, env, args...); err != nil {
		return nil, fmt.Errorf("building the empty WebAssembly program (%s): %w", version, err)
	}
	data, err := os.ReadFile(outFile)
	if err != nil || !bytes.HasPrefix(data, wasmMagic) {
		return nil, fmt.Errorf("building the empty WebAssembly program (%s): no WebAssembly module written", version)
	}
	return data, nil
}
